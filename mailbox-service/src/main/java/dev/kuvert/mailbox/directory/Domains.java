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

/** The {@code domains} table. Names are stored in ASCII form. */
@Repository
class Domains {
    private static final String COLUMNS = """
            d.id, d.name, d.display_name, d.created_at,
            (SELECT COUNT(*) FROM accounts a WHERE a.domain_id = d.id) AS account_count,
            (SELECT COUNT(*) FROM aliases l WHERE l.domain_id = d.id) AS alias_count
            """;
    private final JdbcClient jdbc;

    Domains(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Row(long id, String name, String displayName, Instant createdAt, long accounts, long aliases) {}

    List<Row> all() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM domains d ORDER BY d.name").query(Domains::map).list();
    }

    Optional<Row> find(String asciiName) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM domains d WHERE d.name = ?").param(asciiName).query(Domains::map).optional();
    }

    long insert(String asciiName, String displayName) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO domains (name, display_name, created_at) VALUES (?, ?, ?)")
                .params(asciiName, displayName, Timestamp.from(Instant.now()))
                .update(keys);
        return keys.getKey().longValue();
    }

    void delete(long id) {
        jdbc.sql("DELETE FROM domains WHERE id = ?").param(id).update();
    }

    private static Row map(ResultSet rs, int row) throws SQLException {
        return new Row(rs.getLong("id"), rs.getString("name"), rs.getString("display_name"),
                rs.getTimestamp("created_at").toInstant(), rs.getLong("account_count"), rs.getLong("alias_count"));
    }
}
