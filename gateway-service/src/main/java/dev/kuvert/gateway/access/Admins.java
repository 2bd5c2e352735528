package dev.kuvert.gateway.access;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The {@code admins} and {@code admin_domains} tables. */
@Repository
class Admins {
    private final JdbcClient jdbc;

    Admins(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Row(long id, String username, String passwordHash, boolean superAdmin, Set<String> domains, Instant createdAt) {
        AdminPrincipal principal() {
            return new AdminPrincipal(id, username, superAdmin, Set.copyOf(domains), null);
        }
    }

    Optional<Row> find(String username) {
        return jdbc.sql("SELECT id, username, password_hash, super_admin, created_at FROM admins WHERE username = ?")
                .param(username)
                .query((rs, n) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4), new HashSet<>(),
                        rs.getTimestamp(5).toInstant()))
                .optional()
                .map(this::withDomains);
    }

    Optional<Row> findById(long id) {
        return jdbc.sql("SELECT username FROM admins WHERE id = ?").param(id).query(String.class).optional().flatMap(this::find);
    }

    List<Row> all() {
        return jdbc.sql("SELECT username FROM admins ORDER BY username").query(String.class).list().stream()
                .map(this::find)
                .flatMap(Optional::stream)
                .toList();
    }

    long insert(String username, String passwordHash, boolean superAdmin, Set<String> domains) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO admins (username, password_hash, super_admin, created_at) VALUES (?, ?, ?, ?)")
                .params(username, passwordHash, superAdmin, Timestamp.from(Instant.now()))
                .update(keys);
        long id = keys.getKey().longValue();
        for (String domain : domains) {
            jdbc.sql("INSERT INTO admin_domains (admin_id, domain) VALUES (?, ?)").params(id, domain).update();
        }
        return id;
    }

    void updatePassword(long id, String passwordHash) {
        jdbc.sql("UPDATE admins SET password_hash = ? WHERE id = ?").params(passwordHash, id).update();
    }

    void delete(long id) {
        jdbc.sql("DELETE FROM admins WHERE id = ?").param(id).update();
    }

    private Row withDomains(Row row) {
        row.domains().addAll(jdbc.sql("SELECT domain FROM admin_domains WHERE admin_id = ?").param(row.id()).query(String.class).list());
        return row;
    }
}
