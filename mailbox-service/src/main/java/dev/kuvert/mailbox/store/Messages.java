package dev.kuvert.mailbox.store;

import dev.kuvert.support.SqlRows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code messages}, {@code local_deliveries} and {@code orphan_blobs} tables. */
@Repository
class Messages {
    private static final String COLUMNS = "id, folder_id, uid, modseq, blob_id, size, internal_date, flags FROM messages";
    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    Messages(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** A new message row. */
    record NewMessage(long folderId, long uid, long modseq, String blobId, long size, Instant internalDate, int flags) {}

    /** Inserts all rows in as few statements as possible; their blobs are no longer orphans. */
    void insertAll(List<NewMessage> rows) {
        if (rows.isEmpty()) {
            return;
        }
        SqlRows.insert(template, "messages", List.of("folder_id", "uid", "modseq", "blob_id", "size", "internal_date", "flags"),
                rows.stream().map(m -> new Object[] {m.folderId(), m.uid(), m.modseq(), m.blobId(), m.size(),
                        Timestamp.from(m.internalDate()), m.flags()}).toList());
        for (List<String> blobIds : SqlRows.chunks(rows.stream().map(NewMessage::blobId).distinct().toList())) {
            template.update("DELETE FROM orphan_blobs WHERE blob_id IN (" + SqlRows.placeholders(blobIds.size()) + ")", blobIds.toArray());
        }
    }

    List<StoredMessage> inFolder(long folderId) {
        return jdbc.sql("SELECT " + COLUMNS + " WHERE folder_id = ? ORDER BY uid").param(folderId).query(Messages::map).list();
    }

    MessageStore.Listing listing(long folderId) {
        long[][] columns = SqlRows.longColumns(template, 2, "SELECT uid, size FROM messages WHERE folder_id = ? ORDER BY uid", folderId);
        return new MessageStore.Listing(columns[0], columns[1]);
    }

    Optional<StoredMessage> find(long folderId, long uid) {
        return jdbc.sql("SELECT " + COLUMNS + " WHERE folder_id = ? AND uid = ?").params(folderId, uid).query(Messages::map).optional();
    }

    void insert(long folderId, long uid, long modseq, String blobId, long size, Instant internalDate, int flags) {
        jdbc.sql("INSERT INTO messages (folder_id, uid, modseq, blob_id, size, internal_date, flags) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(folderId, uid, modseq, blobId, size, Timestamp.from(internalDate), flags)
                .update();
        jdbc.sql("DELETE FROM orphan_blobs WHERE blob_id = ?").param(blobId).update();
    }

    void delete(long messageId) {
        jdbc.sql("DELETE FROM messages WHERE id = ?").param(messageId).update();
    }

    /** Marks a blob no message refers to any more, for the sweep. */
    void orphanIfUnreferenced(String blobId) {
        boolean referenced = jdbc.sql("SELECT COUNT(*) FROM messages WHERE blob_id = ?").param(blobId).query(Long.class).single() > 0;
        if (!referenced) {
            jdbc.sql("INSERT IGNORE INTO orphan_blobs (blob_id, orphaned_at) VALUES (?, ?)")
                    .params(blobId, Timestamp.from(Instant.now()))
                    .update();
        }
    }

    List<String> orphansBefore(Instant before) {
        return jdbc.sql("SELECT blob_id FROM orphan_blobs WHERE orphaned_at < ? LIMIT 1000")
                .param(Timestamp.from(before))
                .query(String.class)
                .list();
    }

    boolean isReferenced(String blobId) {
        return jdbc.sql("SELECT COUNT(*) FROM messages WHERE blob_id = ?").param(blobId).query(Long.class).single() > 0;
    }

    void forgetOrphan(String blobId) {
        jdbc.sql("DELETE FROM orphan_blobs WHERE blob_id = ?").param(blobId).update();
    }

    Optional<long[]> delivered(long accountId, String queueId) {
        return jdbc.sql("SELECT folder_id, uid FROM local_deliveries WHERE account_id = ? AND queue_id = ?")
                .params(accountId, queueId)
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)})
                .optional();
    }

    /** Where each of these queue ids was delivered to the account before: queue id → {folder id, uid}. */
    Map<String, long[]> deliveredAll(long accountId, Collection<String> queueIds) {
        Map<String, long[]> found = new HashMap<>();
        for (List<String> chunk : SqlRows.chunks(queueIds)) {
            Object[] args = new Object[chunk.size() + 1];
            args[0] = accountId;
            for (int i = 0; i < chunk.size(); i++) {
                args[i + 1] = chunk.get(i);
            }
            template.query("SELECT queue_id, folder_id, uid FROM local_deliveries WHERE account_id = ? AND queue_id IN ("
                    + SqlRows.placeholders(chunk.size()) + ")", rs -> {
                        found.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)});
                    }, args);
        }
        return found;
    }

    /** A delivery to remember: queue id → folder and uid, so that a repeated delivery stores nothing. */
    record DeliveryRecord(String queueId, long folderId, long uid) {}

    void recordDeliveries(long accountId, List<DeliveryRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.from(Instant.now());
        SqlRows.insert(template, "local_deliveries", List.of("account_id", "queue_id", "folder_id", "uid", "delivered_at"),
                records.stream().map(r -> new Object[] {accountId, r.queueId(), r.folderId(), r.uid(), now}).toList());
    }

    void recordDelivery(long accountId, String queueId, long folderId, long uid) {
        jdbc.sql("INSERT INTO local_deliveries (account_id, queue_id, folder_id, uid, delivered_at) VALUES (?, ?, ?, ?, ?)")
                .params(accountId, queueId, folderId, uid, Timestamp.from(Instant.now()))
                .update();
    }

    static List<Long> ids(Collection<StoredMessage> messages) {
        return messages.stream().map(StoredMessage::id).toList();
    }

    private static StoredMessage map(ResultSet rs, int n) throws SQLException {
        return new StoredMessage(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getString(5), rs.getLong(6),
                rs.getTimestamp(7).toInstant(), rs.getInt(8));
    }
}
