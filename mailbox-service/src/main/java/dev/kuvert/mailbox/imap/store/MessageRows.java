package dev.kuvert.mailbox.imap.store;

import dev.kuvert.mailbox.store.MessageFlags;
import dev.kuvert.mailbox.store.Quotas;
import dev.kuvert.support.SqlRows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.apache.james.mailbox.model.MessageRange;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The SQL of the IMAP adapter on {@code folders}, {@code messages}, {@code orphan_blobs} and the
 * account's quota. Writers follow the store's protocol (see {@code MessageStore}): a change to a
 * folder's messages happens in a transaction that first locks the folder row, so UIDs and MODSEQs
 * are assigned strictly ascending and never reused, whoever writes.
 */
class MessageRows {
    static final int CHUNK = 500;
    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final Quotas quotas;

    MessageRows(JdbcClient jdbc, JdbcTemplate template, Quotas quotas) {
        this.jdbc = jdbc;
        this.template = template;
        this.quotas = quotas;
    }

    record FolderState(long id, long accountId, long uidNext, long highestModseq) {}

    /** Locks the folder row until the transaction ends. */
    Optional<FolderState> lockFolder(long folderId) {
        return jdbc.sql("SELECT id, account_id, uid_next, highest_modseq FROM folders WHERE id = ? FOR UPDATE")
                .param(folderId)
                .query((rs, n) -> new FolderState(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
                .optional();
    }

    Optional<FolderState> folder(long folderId) {
        return jdbc.sql("SELECT id, account_id, uid_next, highest_modseq FROM folders WHERE id = ?")
                .param(folderId)
                .query((rs, n) -> new FolderState(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
                .optional();
    }

    void advance(long folderId, long uidNext, long highestModseq) {
        jdbc.sql("UPDATE folders SET uid_next = ?, highest_modseq = ? WHERE id = ?").params(uidNext, highestModseq, folderId).update();
    }

    List<MessageRow> find(long folderId, MessageRange range, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + MessageRow.COLUMNS + " FROM messages WHERE folder_id = ?");
        List<Object> params = new ArrayList<>(List.of(folderId));
        rangeCondition(range, sql, params);
        sql.append(" ORDER BY uid");
        if (limit > 0) {
            sql.append(" LIMIT ").append(limit);
        }
        return jdbc.sql(sql.toString()).params(params).query(MessageRows::map).list();
    }

    /** The uids in the range that meet the condition (SQL over the row, or null for all), ascending. */
    long[] uids(long folderId, MessageRange range, String condition) {
        StringBuilder sql = new StringBuilder("SELECT uid FROM messages WHERE folder_id = ?");
        List<Object> params = new ArrayList<>(List.of(folderId));
        rangeCondition(range, sql, params);
        if (condition != null) {
            sql.append(" AND ").append(condition);
        }
        sql.append(" ORDER BY uid");
        return SqlRows.longColumns(template, 1, sql.toString(), params.toArray())[0];
    }

    List<MessageRow> findByUids(long folderId, Collection<Long> uids) {
        List<MessageRow> found = new ArrayList<>();
        for (List<Long> chunk : chunks(List.copyOf(new LinkedHashSet<>(uids)))) {
            found.addAll(jdbc.sql("SELECT " + MessageRow.COLUMNS + " FROM messages WHERE folder_id = :folder AND uid IN (:uids) ORDER BY uid")
                    .param("folder", folderId)
                    .param("uids", chunk)
                    .query(MessageRows::map)
                    .list());
        }
        return found;
    }

    List<MessageRow> findByMessageIds(Collection<String> messageIds) {
        List<MessageRow> found = new ArrayList<>();
        for (List<String> chunk : chunks(List.copyOf(new LinkedHashSet<>(messageIds)))) {
            found.addAll(jdbc.sql("SELECT " + MessageRow.COLUMNS + " FROM messages WHERE message_id IN (:ids) ORDER BY folder_id, uid")
                    .param("ids", chunk)
                    .query(MessageRows::map)
                    .list());
        }
        return found;
    }

    void insert(long folderId, long uid, long modseq, String blobId, long size, Instant internalDate, int flags, String userFlags,
            String messageId) {
        jdbc.sql("""
                INSERT INTO messages (folder_id, uid, modseq, blob_id, size, internal_date, flags, user_flags, message_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(folderId, uid, modseq, blobId, size, Timestamp.from(internalDate), flags, userFlags, messageId)
                .update();
        jdbc.sql("DELETE FROM orphan_blobs WHERE blob_id = ?").param(blobId).update();
    }

    void moveRow(long rowId, long toFolderId, long uid, long modseq, int flags) {
        jdbc.sql("UPDATE messages SET folder_id = ?, uid = ?, modseq = ?, flags = ? WHERE id = ?")
                .params(toFolderId, uid, modseq, flags, rowId)
                .update();
    }

    void updateFlags(List<MessageRow> rows) {
        template.batchUpdate("UPDATE messages SET flags = ?, user_flags = ?, modseq = ? WHERE id = ?",
                rows.stream().map(r -> new Object[] {r.flags(), r.userFlags(), r.modseq(), r.id()}).toList());
    }

    /** Deletes the rows, marks blobs nobody refers to any more for the orphan sweep and releases their quota. */
    void delete(long accountId, List<MessageRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        for (List<MessageRow> chunk : chunks(rows)) {
            jdbc.sql("DELETE FROM messages WHERE id IN (:ids)").param("ids", chunk.stream().map(MessageRow::id).toList()).update();
        }
        orphanIfUnreferenced(rows.stream().map(MessageRow::blobId).distinct().toList());
        quotas.release(accountId, rows.stream().mapToLong(MessageRow::size).sum());
    }

    /** Deletes every message of a folder (the folder is being deleted). */
    void deleteAll(long folderId) {
        folder(folderId).ifPresent(folder -> delete(folder.accountId(), find(folderId, MessageRange.all(), -1)));
    }

    boolean charge(long accountId, long bytes) {
        return quotas.charge(accountId, bytes);
    }

    long count(long folderId) {
        return jdbc.sql("SELECT COUNT(*) FROM messages WHERE folder_id = ?").param(folderId).query(Long.class).single();
    }

    long countUnseen(long folderId) {
        return jdbc.sql("SELECT COUNT(*) FROM messages WHERE folder_id = ? AND flags & " + MessageFlags.SEEN + " = 0")
                .param(folderId)
                .query(Long.class)
                .single();
    }

    Optional<Long> firstUnseen(long folderId) {
        return jdbc.sql("SELECT MIN(uid) FROM messages WHERE folder_id = ? AND flags & " + MessageFlags.SEEN + " = 0")
                .param(folderId)
                .query((rs, n) -> Optional.ofNullable((Long) rs.getObject(1, Long.class)))
                .single();
    }

    List<String> distinctUserFlags(long folderId) {
        return jdbc.sql("SELECT DISTINCT user_flags FROM messages WHERE folder_id = ? AND user_flags IS NOT NULL")
                .param(folderId)
                .query(String.class)
                .list();
    }

    void orphanIfUnreferenced(List<String> blobIds) {
        for (List<String> chunk : chunks(blobIds)) {
            List<String> referenced = jdbc.sql("SELECT DISTINCT blob_id FROM messages WHERE blob_id IN (:ids)")
                    .param("ids", chunk)
                    .query(String.class)
                    .list();
            Timestamp now = Timestamp.from(Instant.now());
            template.batchUpdate("INSERT IGNORE INTO orphan_blobs (blob_id, orphaned_at) VALUES (?, ?)",
                    chunk.stream().filter(id -> !referenced.contains(id)).map(id -> new Object[] {id, now}).toList());
        }
    }

    private static void rangeCondition(MessageRange range, StringBuilder sql, List<Object> params) {
        switch (range.getType()) {
            case ONE -> {
                sql.append(" AND uid = ?");
                params.add(range.getUidFrom().asLong());
            }
            case FROM -> {
                sql.append(" AND uid >= ?");
                params.add(range.getUidFrom().asLong());
            }
            case RANGE -> {
                sql.append(" AND uid BETWEEN ? AND ?");
                params.add(range.getUidFrom().asLong());
                params.add(range.getUidTo().asLong());
            }
            case ALL -> {
            }
        }
    }

    private static <T> List<List<T>> chunks(List<T> all) {
        List<List<T>> chunks = new ArrayList<>();
        for (int i = 0; i < all.size(); i += CHUNK) {
            chunks.add(all.subList(i, Math.min(all.size(), i + CHUNK)));
        }
        return chunks;
    }

    static MessageRow map(ResultSet rs, int n) throws SQLException {
        return new MessageRow(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getString(5), rs.getLong(6),
                Instant.ofEpochMilli(rs.getLong(7)), rs.getInt(8), rs.getString(9), rs.getString(10));
    }
}
