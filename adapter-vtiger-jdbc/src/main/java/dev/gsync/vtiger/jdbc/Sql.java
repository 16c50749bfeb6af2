package dev.gsync.vtiger.jdbc;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Native SQL through the JPA EntityManager, for vtiger's small relation tables and the sequence tables, which have
 * no key JPA could map (vtiger_activity_recurring_info, vtiger_modtracker_detail, the *_seq counters).
 */
final class Sql {
    private final EntityManager em;

    Sql(EntityManager em) {
        this.em = em;
    }

    EntityManager em() {
        return em;
    }

    int update(String sql, Object... params) {
        return bind(em.createNativeQuery(sql), params).executeUpdate();
    }

    @SuppressWarnings("unchecked")
    List<Object[]> rows(String sql, Object... params) {
        List<Object> raw = bind(em.createNativeQuery(sql), params).getResultList();
        List<Object[]> out = new ArrayList<>(raw.size());
        for (Object r : raw) out.add(r instanceof Object[] a ? a : new Object[]{r});
        return out;
    }

    List<Integer> ints(String sql, Object... params) {
        List<Integer> out = new ArrayList<>();
        for (Object[] r : rows(sql, params)) out.add(toInt(r[0]));
        return out;
    }

    /** "?,?,?" for an IN list: native queries do not expand collection parameters. */
    static String marks(Collection<?> values) {
        if (values.isEmpty()) throw new IllegalArgumentException("empty IN list");
        return String.join(",", java.util.Collections.nCopies(values.size(), "?"));
    }

    private static Query bind(Query q, Object... params) {
        int i = 1;
        for (Object p : params) {
            if (p instanceof Collection<?> c) {
                for (Object v : c) q.setParameter(i++, v);
            } else {
                q.setParameter(i++, p);
            }
        }
        return q;
    }

    static Integer toInt(Object o) {
        return o == null ? null : ((Number) o).intValue();
    }

    static LocalDateTime toDateTime(Object o) {
        if (o == null) return null;
        if (o instanceof LocalDateTime t) return t;
        if (o instanceof Timestamp t) return t.toLocalDateTime();
        throw new IllegalStateException("not a DATETIME: " + o.getClass());
    }

    static LocalDate toDate(Object o) {
        if (o == null) return null;
        if (o instanceof LocalDate d) return d;
        if (o instanceof java.sql.Date d) return d.toLocalDate();
        if (o instanceof LocalDateTime t) return t.toLocalDate();
        throw new IllegalStateException("not a DATE: " + o.getClass());
    }

    static String text(Object o) {
        if (o == null) return null;
        if (o instanceof java.sql.Clob c) {
            try {
                return c.getSubString(1, (int) c.length());
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        return o.toString();
    }
}
