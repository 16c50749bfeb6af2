package dev.gsync.vtiger.jdbc;

import dev.gsync.core.model.UserId;
import io.vavr.control.Either;
import io.vavr.control.Try;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;

import java.time.Clock;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds one {@link VtigerJdbcCalendar} per vtiger user over one shared EntityManagerFactory (connection pool).
 * A gsync {@link UserId} is the vtiger user name.
 */
public final class VtigerJdbcCalendars implements AutoCloseable {
    private final VtigerJdbcConfig config;
    private final Clock clock;
    private final EntityManagerFactory emf;

    public VtigerJdbcCalendars(VtigerJdbcConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.emf = Persistence.createEntityManagerFactory("gsync-vtiger-jdbc", properties(config));
        VtigerSchema.ensureOwnTables(emf, config);
    }

    static Map<String, Object> properties(VtigerJdbcConfig config) {
        Map<String, Object> p = new HashMap<>();
        p.put("jakarta.persistence.jdbc.url", config.jdbcUrl());
        p.put("jakarta.persistence.jdbc.user", config.dbUser());
        p.put("jakarta.persistence.jdbc.password", config.dbPassword());
        p.put("jakarta.persistence.jdbc.driver", config.isH2() ? "org.h2.Driver" : "org.mariadb.jdbc.Driver");
        p.put("eclipselink.target-database", config.isH2() ? "org.eclipse.persistence.platform.database.H2Platform" : "org.eclipse.persistence.platform.database.MySQLPlatform");
        p.put("eclipselink.connection-pool.default.initial", "1");
        p.put("eclipselink.connection-pool.default.min", "1");
        p.put("eclipselink.connection-pool.default.max", "8");
        return p;
    }

    /** The calendar of the vtiger user with this user name; Left when there is no such (non-deleted) user. */
    public Either<String, VtigerJdbcCalendar> forUser(UserId user) {
        return Try.of(() -> {
            EntityManager em = emf.createEntityManager();
            try {
                @SuppressWarnings("unchecked")
                List<Object[]> rows = em.createNativeQuery("SELECT id, time_zone FROM vtiger_users WHERE user_name = ? AND deleted = 0 ORDER BY id")
                        .setParameter(1, user.value()).getResultList();
                return rows;
            } finally {
                em.close();
            }
        }).toEither().mapLeft(e -> "cannot read vtiger_users: " + e).flatMap(rows -> {
            if (rows.isEmpty()) return Either.left("no vtiger user named '" + user.value() + "'");
            Object[] row = rows.get(0);
            return Either.right(forUserId(Sql.toInt(row[0]), zoneOf((String) row[1])));
        });
    }

    /** The calendar of vtiger user {@code id}, whose items are read back in {@code userZone}. */
    public VtigerJdbcCalendar forUserId(int id, ZoneId userZone) {
        return new VtigerJdbcCalendar(emf, config, clock, id, userZone);
    }

    /** A user's vtiger time zone; empty or unknown falls back to the DB zone, as vtiger does. */
    private ZoneId zoneOf(String text) {
        if (text == null || text.isBlank()) return config.dbZone();
        return Try.of(() -> ZoneId.of(text.strip())).getOrElse(config.dbZone());
    }

    EntityManagerFactory emf() {
        return emf;
    }

    @Override
    public void close() {
        emf.close();
    }
}
