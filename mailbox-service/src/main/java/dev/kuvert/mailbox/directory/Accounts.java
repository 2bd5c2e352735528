package dev.kuvert.mailbox.directory;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The {@code accounts} table; the password hash never leaves this package. */
@Repository
class Accounts {
    private static final String COLUMNS = "a.id, a.address, d.name AS domain, a.display_name, a.password_hash, a.quota_bytes, "
            + "a.used_bytes, a.enabled, a.created_at FROM accounts a JOIN domains d ON d.id = a.domain_id";
    private final JdbcClient jdbc;

    Accounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Row(long id, String address, String domain, String displayName, String passwordHash, long quotaBytes,
            long usedBytes, boolean enabled, Instant createdAt) {
        /** 0 means unlimited. */
        boolean isFull() {
            return quotaBytes > 0 && usedBytes >= quotaBytes;
        }
    }

    List<Row> all() {
        return jdbc.sql("SELECT " + COLUMNS + " ORDER BY a.address").query(Accounts::map).list();
    }

    List<Row> inDomain(String domain) {
        return jdbc.sql("SELECT " + COLUMNS + " WHERE d.name = ? ORDER BY a.address").param(domain).query(Accounts::map).list();
    }

    Optional<Row> find(String address) {
        return jdbc.sql("SELECT " + COLUMNS + " WHERE a.address = ?").param(address).query(Accounts::map).optional();
    }

    long insert(long domainId, String address, String displayName, String passwordHash, long quotaBytes) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO accounts (domain_id, address, display_name, password_hash, quota_bytes, created_at)
                VALUES (?, ?, ?, ?, ?, ?)""")
                .params(domainId, address, displayName, passwordHash, quotaBytes, Timestamp.from(Instant.now()))
                .update(keys);
        return keys.getKey().longValue();
    }

    void update(long id, String displayName, String passwordHash, long quotaBytes, boolean enabled) {
        jdbc.sql("UPDATE accounts SET display_name = ?, password_hash = ?, quota_bytes = ?, enabled = ? WHERE id = ?")
                .params(displayName, passwordHash, quotaBytes, enabled, id)
                .update();
    }

    void delete(long id) {
        jdbc.sql("DELETE FROM accounts WHERE id = ?").param(id).update();
    }

    private static Row map(ResultSet rs, int row) throws SQLException {
        return new Row(rs.getLong("id"), rs.getString("address"), rs.getString("domain"), rs.getString("display_name"),
                rs.getString("password_hash"), rs.getLong("quota_bytes"), rs.getLong("used_bytes"), rs.getBoolean("enabled"),
                rs.getTimestamp("created_at").toInstant());
    }
}
