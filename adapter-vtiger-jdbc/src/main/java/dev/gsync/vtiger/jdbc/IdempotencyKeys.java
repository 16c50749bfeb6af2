package dev.gsync.vtiger.jdbc;

import dev.gsync.core.model.ExternalId;
import dev.gsync.core.model.IdempotencyKey;
import io.vavr.Tuple;
import io.vavr.Tuple2;
import io.vavr.control.Option;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * gsync's one table in the vtiger database (default {@code gsync_vtiger_keys}): idempotency key -> the record made
 * with it, written in the same transaction as the record, so a create retried after a crash finds its record.
 */
final class IdempotencyKeys {
    private final String table;
    private final int owner;

    IdempotencyKeys(String table, int owner) {
        this.table = table;
        this.owner = owner;
    }

    Option<Tuple2<Integer, ExternalId>> find(Sql sql, IdempotencyKey key) {
        return Option.ofOptional(sql.rows("SELECT crmid, external_id FROM " + table + " WHERE idem_key = ?", key.value()).stream()
                .findFirst().map(r -> Tuple.of(Sql.toInt(r[0]), ExternalId.of((String) r[1]))));
    }

    void remember(Sql sql, IdempotencyKey key, int crmid, ExternalId id, java.time.LocalDateTime now) {
        sql.update("INSERT INTO " + table + " (idem_key, crmid, external_id, owner, created) VALUES (?, ?, ?, ?, ?)",
                key.value(), crmid, id.value(), owner, now);
    }

    void forget(Sql sql, IdempotencyKey key) {
        sql.update("DELETE FROM " + table + " WHERE idem_key = ?", key.value());
    }

    /** The key each of these ids was created with, where gsync created it. */
    Map<ExternalId, IdempotencyKey> origins(Sql sql, Collection<ExternalId> ids) {
        Map<ExternalId, IdempotencyKey> out = new HashMap<>();
        java.util.List<String> values = ids.stream().map(ExternalId::value).distinct().toList();
        for (java.util.List<String> chunk : VtigerStore.chunks(values)) {
            for (Object[] r : sql.rows("SELECT external_id, idem_key FROM " + table + " WHERE owner = ? AND external_id IN (" + Sql.marks(chunk) + ")", owner, chunk)) {
                out.put(ExternalId.of((String) r[0]), new IdempotencyKey((String) r[1]));
            }
        }
        return out;
    }

    static String ddl(String table, boolean h2) {
        return "CREATE TABLE IF NOT EXISTS " + table + " (idem_key VARCHAR(190) NOT NULL, crmid INT NOT NULL, "
                + "external_id VARCHAR(40) NOT NULL, owner INT NOT NULL, created DATETIME NOT NULL, PRIMARY KEY (idem_key))"
                + (h2 ? "" : " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4");
    }

    static String indexDdl(String table) {
        return "CREATE INDEX " + table + "_external_idx ON " + table + " (external_id)";
    }
}
