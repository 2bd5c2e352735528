package dev.kuvert.mailbox.store;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code folders} table. */
@Repository
public class Folders {
    public static final String INBOX = "INBOX";
    /** The folders every account gets, with their RFC 6154 special-use attribute. */
    static final List<String[]> DEFAULTS = List.of(
            new String[] {INBOX, null},
            new String[] {"Sent", "\\Sent"},
            new String[] {"Drafts", "\\Drafts"},
            new String[] {"Trash", "\\Trash"},
            new String[] {"Junk", "\\Junk"},
            new String[] {"Archive", "\\Archive"});
    private static final String COLUMNS = "id, account_id, name, special_use, uid_validity, uid_next, highest_modseq FROM folders";
    private final JdbcClient jdbc;
    private final SecureRandom random = new SecureRandom();

    Folders(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void createDefaults(long accountId) {
        for (String[] folder : DEFAULTS) {
            create(accountId, folder[0], folder[1]);
        }
    }

    /** Creates the folder unless it exists; returns it either way. */
    public Folder create(long accountId, String name, String specialUse) {
        try {
            jdbc.sql("INSERT INTO folders (account_id, name, special_use, uid_validity, created_at) VALUES (?, ?, ?, ?, ?)")
                    .params(accountId, name, specialUse, 1 + random.nextInt(Integer.MAX_VALUE - 1), Timestamp.from(Instant.now()))
                    .update();
        } catch (DuplicateKeyException exists) {
            // created concurrently or before: fine
        }
        return find(accountId, name).orElseThrow();
    }

    public Optional<Folder> find(long accountId, String name) {
        return jdbc.sql("SELECT " + COLUMNS + " WHERE account_id = ? AND name = ?").params(accountId, name).query(Folders::map).optional();
    }

    /** Locks the folder row until the transaction ends: UID and MODSEQ assignment is serialised per folder. */
    Optional<Folder> lock(long accountId, String name) {
        return jdbc.sql("SELECT " + COLUMNS + " WHERE account_id = ? AND name = ? FOR UPDATE")
                .params(accountId, name)
                .query(Folders::map)
                .optional();
    }

    Folder lockById(long folderId) {
        return jdbc.sql("SELECT " + COLUMNS + " WHERE id = ? FOR UPDATE").param(folderId).query(Folders::map).single();
    }

    public List<Folder> ofAccount(long accountId) {
        return jdbc.sql("SELECT " + COLUMNS + " WHERE account_id = ? ORDER BY name").param(accountId).query(Folders::map).list();
    }

    void advance(long folderId, long uidNext, long highestModseq) {
        jdbc.sql("UPDATE folders SET uid_next = ?, highest_modseq = ? WHERE id = ?").params(uidNext, highestModseq, folderId).update();
    }

    private static Folder map(ResultSet rs, int n) throws SQLException {
        return new Folder(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getLong(5), rs.getLong(6), rs.getLong(7));
    }
}
