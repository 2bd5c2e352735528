package dev.kuvert.delivery.queue;

import static dev.kuvert.delivery.db.Sql.instant;
import static dev.kuvert.delivery.db.Sql.ts;

import dev.kuvert.contracts.queue.QueuePage;
import dev.kuvert.contracts.queue.QueuedMessage;
import dev.kuvert.contracts.queue.QueuedRecipient;
import dev.kuvert.contracts.queue.RecipientState;
import dev.kuvert.delivery.spool.BlobStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The queue as administrators see and handle it. {@code domains} is the caller's scope: null for
 * every domain; otherwise a message is visible when its sender or one of its recipients (as
 * delivered to, or as addressed) is in one of the domains, and of a visible message the caller sees
 * every recipient when the sender is theirs, else only the recipients in their domains.
 */
public final class QueueBrowser {
    private final JdbcClient jdbc;
    private final BlobStore blobs;
    private final Clock clock;
    private final Runnable dueNow;
    private final Transactions tx;

    QueueBrowser(JdbcClient jdbc, Transactions tx, BlobStore blobs, Clock clock, Runnable dueNow) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.blobs = blobs;
        this.clock = clock;
        this.dueNow = dueNow;
    }

    public enum Deletion {
        DELETED,
        NOT_FOUND,
        /** Visible, but some recipients are outside the caller's domains. */
        FORBIDDEN
    }

    private static final String RECIPIENT_IN_SCOPE =
            "(m.sender_domain IN (:domains) OR r.recipient_domain IN (:domains) OR r.original_domain IN (:domains))";

    /**
     * Without {@code state}: the messages still in the queue (a recipient not final). With it: the messages
     * (completed ones too, while they are retained) with a visible recipient in that state. Newest first.
     */
    public QueuePage list(RecipientState state, Set<String> domains, int offset, int limit) {
        if (domains != null && domains.isEmpty()) {
            return new QueuePage(List.of(), offset, limit, 0);
        }
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        Map<String, Object> params = new LinkedHashMap<>();
        if (state == null) {
            where.append(" AND m.completed_at IS NULL");
        } else {
            where.append(" AND EXISTS (SELECT 1 FROM queue_recipient r WHERE r.message_id = m.id AND r.state = :state")
                    .append(domains == null ? "" : " AND " + RECIPIENT_IN_SCOPE).append(")");
            params.put("state", state.name());
        }
        if (domains != null) {
            where.append(" AND EXISTS (SELECT 1 FROM queue_recipient r WHERE r.message_id = m.id AND ").append(RECIPIENT_IN_SCOPE).append(")");
            params.put("domains", List.copyOf(domains));
        }
        long total = jdbc.sql("SELECT COUNT(*) FROM queue_message m" + where).params(params).query(Long.class).single();
        List<MessageRow> rows = jdbc.sql("SELECT m.* FROM queue_message m" + where + " ORDER BY m.received_at DESC, m.id DESC LIMIT :limit OFFSET :offset")
                .params(params).param("limit", limit).param("offset", offset)
                .query(QueueBrowser::message).list();
        return new QueuePage(withRecipients(rows, domains), offset, limit, total);
    }

    public Optional<QueuedMessage> find(String queueId, Set<String> domains) {
        return row(queueId).map(row -> withRecipients(List.of(row), domains)).filter(list -> !list.isEmpty()).map(List::getFirst);
    }

    /** Makes the visible queued and deferred recipients due now; empty when the message is not visible. */
    public Optional<QueuedMessage> retry(String queueId, Set<String> domains) {
        if (find(queueId, domains).isEmpty()) {
            return Optional.empty();
        }
        var statement = jdbc.sql("UPDATE queue_recipient r JOIN queue_message m ON m.id = r.message_id SET r.next_attempt_at = :now"
                        + " WHERE r.message_id = :id AND r.state IN ('QUEUED', 'DEFERRED')"
                        + (domains == null ? "" : " AND " + RECIPIENT_IN_SCOPE))
                .param("now", ts(clock.instant())).param("id", queueId);
        var update = domains == null ? statement : statement.param("domains", List.copyOf(domains));
        if (tx.execute(update::update) > 0) {
            dueNow.run();
        }
        return find(queueId, domains);
    }

    /** Removes the message and its body; nothing more is delivered (an attempt under way may still finish). */
    public Deletion delete(String queueId, Set<String> domains) {
        Optional<MessageRow> row = row(queueId);
        if (row.isEmpty()) {
            return Deletion.NOT_FOUND;
        }
        if (domains != null) {
            Optional<QueuedMessage> visible = find(queueId, domains);
            if (visible.isEmpty()) {
                return Deletion.NOT_FOUND;
            }
            boolean senderOurs = row.get().senderDomain() != null && domains.contains(row.get().senderDomain());
            long total = jdbc.sql("SELECT COUNT(*) FROM queue_recipient WHERE message_id = :id").param("id", queueId).query(Long.class).single();
            if (!senderOurs && visible.get().recipients().size() < total) {
                return Deletion.FORBIDDEN;
            }
        }
        if (tx.execute(() -> jdbc.sql("DELETE FROM queue_message WHERE id = :id").param("id", queueId).update()) == 0) {
            return Deletion.NOT_FOUND;
        }
        OutcomeRecorder.releaseBody(blobs, queueId, row.get().blobKey());
        return Deletion.DELETED;
    }

    private Optional<MessageRow> row(String queueId) {
        return jdbc.sql("SELECT m.* FROM queue_message m WHERE m.id = :id").param("id", queueId).query(QueueBrowser::message).optional();
    }

    private List<QueuedMessage> withRecipients(List<MessageRow> rows, Set<String> domains) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<String, List<RecipientRow>> byMessage = new LinkedHashMap<>();
        jdbc.sql("SELECT * FROM queue_recipient WHERE message_id IN (:ids) ORDER BY id")
                .param("ids", rows.stream().map(MessageRow::id).toList())
                .query(QueueBrowser::recipient).list()
                .forEach(r -> byMessage.computeIfAbsent(r.messageId(), id -> new ArrayList<>()).add(r));
        List<QueuedMessage> messages = new ArrayList<>(rows.size());
        for (MessageRow m : rows) {
            boolean senderOurs = domains == null || (m.senderDomain() != null && domains.contains(m.senderDomain()));
            List<QueuedRecipient> recipients = byMessage.getOrDefault(m.id(), List.of()).stream()
                    .filter(r -> senderOurs || domains.contains(r.domain()) || domains.contains(r.originalDomain()))
                    .map(RecipientRow::view)
                    .toList();
            if (senderOurs || !recipients.isEmpty()) {
                messages.add(new QueuedMessage(m.id(), m.sender(), m.sizeBytes(), m.clientAddress(), m.authenticatedAccount(),
                        m.receivedAt(), m.expiresAt(), m.completedAt(), recipients));
            }
        }
        return messages;
    }

    private record MessageRow(String id, String sender, String senderDomain, long sizeBytes, String blobKey, String clientAddress,
            String authenticatedAccount, java.time.Instant receivedAt, java.time.Instant expiresAt, java.time.Instant completedAt) {}

    private record RecipientRow(String messageId, String domain, String originalDomain, QueuedRecipient view) {}

    private static MessageRow message(ResultSet rs, int n) throws SQLException {
        return new MessageRow(rs.getString("id"), rs.getString("sender"), rs.getString("sender_domain"), rs.getLong("size_bytes"),
                rs.getString("blob_key"), rs.getString("client_address"), rs.getString("authenticated_account"),
                instant(rs, "received_at"), instant(rs, "expires_at"), instant(rs, "completed_at"));
    }

    private static RecipientRow recipient(ResultSet rs, int n) throws SQLException {
        RecipientState state = QueueStore.state(rs);
        boolean waiting = state == RecipientState.QUEUED || state == RecipientState.DEFERRED;
        return new RecipientRow(rs.getString("message_id"), rs.getString("recipient_domain"), rs.getString("original_domain"),
                new QueuedRecipient(rs.getString("recipient"), rs.getString("original_recipient"), state, rs.getInt("attempts"),
                        waiting ? instant(rs, "next_attempt_at") : null, instant(rs, "last_attempt_at"), rs.getString("last_response")));
    }
}
