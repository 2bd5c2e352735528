package dev.kuvert.gateway.access;

import dev.kuvert.contracts.access.ApiToken;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code api_tokens} table: only SHA-256 hashes of the tokens are stored. */
@Repository
class ApiTokens {
    private static final String COLUMNS = "t.id, t.name, a.username, t.created_at, t.expires_at, t.last_used_at, t.admin_id "
            + "FROM api_tokens t JOIN admins a ON a.id = t.admin_id";
    private final JdbcClient jdbc;

    ApiTokens(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Row(ApiToken token, long adminId) {}

    void insert(String id, long adminId, String name, String tokenHash, Instant expiresAt) {
        jdbc.sql("INSERT INTO api_tokens (id, admin_id, name, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)")
                .params(id, adminId, name, tokenHash, Timestamp.from(Instant.now()), expiresAt == null ? null : Timestamp.from(expiresAt))
                .update();
    }

    Optional<Row> findByHash(String tokenHash) {
        return jdbc.sql("SELECT " + COLUMNS + " WHERE t.token_hash = ?").param(tokenHash).query(ApiTokens::map).optional();
    }

    Optional<Row> find(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " WHERE t.id = ?").param(id).query(ApiTokens::map).optional();
    }

    List<Row> ofAdmin(long adminId) {
        return jdbc.sql("SELECT " + COLUMNS + " WHERE t.admin_id = ? ORDER BY t.created_at").param(adminId).query(ApiTokens::map).list();
    }

    List<Row> all() {
        return jdbc.sql("SELECT " + COLUMNS + " ORDER BY t.created_at").query(ApiTokens::map).list();
    }

    void touch(String id, Instant when) {
        jdbc.sql("UPDATE api_tokens SET last_used_at = ? WHERE id = ?").params(Timestamp.from(when), id).update();
    }

    void delete(String id) {
        jdbc.sql("DELETE FROM api_tokens WHERE id = ?").param(id).update();
    }

    int deleteExpired(Instant now) {
        return jdbc.sql("DELETE FROM api_tokens WHERE expires_at IS NOT NULL AND expires_at < ?").param(Timestamp.from(now)).update();
    }

    private static Row map(ResultSet rs, int n) throws SQLException {
        Timestamp expires = rs.getTimestamp(5);
        Timestamp used = rs.getTimestamp(6);
        return new Row(new ApiToken(rs.getString(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant(),
                expires == null ? null : expires.toInstant(), used == null ? null : used.toInstant()), rs.getLong(7));
    }
}
