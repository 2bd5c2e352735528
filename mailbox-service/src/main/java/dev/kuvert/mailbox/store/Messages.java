package dev.kuvert.mailbox.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code messages}, {@code local_deliveries} and {@code orphan_blobs} tables. */
@Repository
class Messages {
    private static final String COLUMNS = "id, folder_id, uid, modseq, blob_id, size, internal_date, flags FROM messages";
    private final JdbcClient jdbc;

    Messages(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<StoredMessage> inFolder(long folderId) {
        return jdbc.sql("SELECT " + COLUMNS + " WHERE folder_id = ? ORDER BY uid").param(folderId).query(Messages::map).list();
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
