package dev.kuvert.delivery.log;

import static dev.kuvert.delivery.db.Sql.clip;
import static dev.kuvert.delivery.db.Sql.instant;
import static dev.kuvert.delivery.db.Sql.ts;

import dev.kuvert.contracts.queue.DeliveryLogEntry;
import dev.kuvert.contracts.queue.DeliveryLogPage;
import dev.kuvert.contracts.queue.RecipientState;
import dev.kuvert.delivery.db.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code delivery_log} table: one row per delivery attempt, kept after the message has left the queue. */
@Repository
public class DeliveryLog {
    private static final List<String> COLUMNS = List.of("queue_id", "sender", "sender_domain", "recipient", "recipient_domain",
            "original_recipient", "original_domain", "status", "remote_host", "tls", "response", "instance_id", "attempted_at");

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    public DeliveryLog(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /**
     * One attempt.
     *
     * @param sender empty for the null sender
     * @param instanceId the delivery-service instance that made it
     */
    public record Entry(
            String queueId,
            String sender,
            String recipient,
            String originalRecipient,
            RecipientState status,
            String remoteHost,
            String tls,
            String response,
            String instanceId,
            Instant attemptedAt) {}

    /**
     * What {@link #page} selects; every part is optional (null).
     *
     * @param sender a whole address, a domain (no {@code @}), or {@code <>} for the null sender
     * @param recipient a whole address or a domain; matches the delivered-to or the envelope address
     * @param from inclusive
     * @param to exclusive
     * @param domains the caller's domains (an entry must have its sender or a recipient in one), or null for all
     */
    public record Filter(String sender, String recipient, RecipientState status, Instant from, Instant to, Set<String> domains) {}

    /** Adds the entries; call it inside the transaction that records the attempts. */
    public void append(List<Entry> entries) {
        List<Object[]> rows = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            rows.add(new Object[] {e.queueId(), e.sender(), domainOf(e.sender()), e.recipient(), domainOf(e.recipient()),
                    e.originalRecipient(), domainOf(e.originalRecipient()), e.status().name(), clip(e.remoteHost(), 255),
                    clip(e.tls(), 40), clip(e.response(), 1000), clip(e.instanceId(), 100), ts(e.attemptedAt())});
        }
        Sql.insertRows(template, "delivery_log", COLUMNS, rows);
    }

    /** Removes up to {@code max} entries made before {@code cutoff}, oldest first; returns how many went. */
    public int purgeBefore(Instant cutoff, int max) {
        return jdbc.sql("DELETE FROM delivery_log WHERE attempted_at < ? ORDER BY attempted_at LIMIT ?")
                .params(ts(cutoff), max)
                .update();
    }

    public DeliveryLogPage page(Filter filter, int offset, int limit) {
        if (filter.domains() != null && filter.domains().isEmpty()) {
            return new DeliveryLogPage(List.of(), offset, limit, 0);
        }
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        Map<String, Object> params = new LinkedHashMap<>();
        if (filter.sender() != null) {
            if (filter.sender().equals("<>")) {
                where.append(" AND sender = ''");
            } else if (filter.sender().contains("@")) {
                where.append(" AND sender = :sender");
                params.put("sender", filter.sender());
            } else {
                where.append(" AND sender_domain = :sender");
                params.put("sender", filter.sender());
            }
        }
        if (filter.recipient() != null) {
            where.append(filter.recipient().contains("@")
                    ? " AND (recipient = :recipient OR original_recipient = :recipient)"
                    : " AND (recipient_domain = :recipient OR original_domain = :recipient)");
            params.put("recipient", filter.recipient());
        }
        if (filter.status() != null) {
            where.append(" AND status = :status");
            params.put("status", filter.status().name());
        }
        if (filter.from() != null) {
            where.append(" AND attempted_at >= :from");
            params.put("from", ts(filter.from()));
        }
        if (filter.to() != null) {
            where.append(" AND attempted_at < :to");
            params.put("to", ts(filter.to()));
        }
        if (filter.domains() != null) {
            where.append(" AND (sender_domain IN (:domains) OR recipient_domain IN (:domains) OR original_domain IN (:domains))");
            params.put("domains", List.copyOf(filter.domains()));
        }
        long total = jdbc.sql("SELECT COUNT(*) FROM delivery_log" + where).params(params).query(Long.class).single();
        List<DeliveryLogEntry> items = jdbc.sql("SELECT * FROM delivery_log" + where
                        + " ORDER BY attempted_at DESC, id DESC LIMIT :limit OFFSET :offset")
                .params(params).param("limit", limit).param("offset", offset)
                .query(DeliveryLog::map).list();
        return new DeliveryLogPage(items, offset, limit, total);
    }

    private static DeliveryLogEntry map(ResultSet rs, int row) throws SQLException {
        return new DeliveryLogEntry(rs.getLong("id"), rs.getString("queue_id"), rs.getString("sender"), rs.getString("recipient"),
                rs.getString("original_recipient"), RecipientState.valueOf(rs.getString("status")), rs.getString("remote_host"),
                rs.getString("tls"), rs.getString("response"), instant(rs, "attempted_at"));
    }

    private static String domainOf(String address) {
        int at = address == null ? -1 : address.lastIndexOf('@');
        return at < 0 ? null : address.substring(at + 1);
    }
}
