package dev.kuvert.mailbox.directory;

import dev.kuvert.contracts.directory.RelayTls;
import dev.kuvert.mailbox.secrets.SecretBox;
import dev.kuvert.support.PlatformSecret;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code domain_relays} table: a domain's own smarthost. The password is kept in a {@link SecretBox} with the
 * domain id as associated data, and only opened for delivery-service.
 */
@Repository
class DomainRelays {
    private static final String COLUMNS = "host, port, tls, username, password, updated_at";
    private final JdbcClient jdbc;
    private final SecretBox passwords;

    DomainRelays(JdbcClient jdbc, PlatformSecret secret) {
        this.jdbc = jdbc;
        this.passwords = new SecretBox(secret, "domain-relay-passwords");
    }

    /** What is stored: the password sealed, null without credentials. */
    record Row(long domainId, String host, int port, RelayTls tls, String username, byte[] sealedPassword, Instant updatedAt) {}

    /** What is set: the password in clear, null without credentials. */
    record Settings(String host, int port, RelayTls tls, String username, String password) {}

    Optional<Row> find(long domainId) {
        return jdbc.sql("SELECT domain_id, " + COLUMNS + " FROM domain_relays WHERE domain_id = ?").param(domainId)
                .query(DomainRelays::map).optional();
    }

    /** Sets the domain's relay, replacing the one it had; true when it had none. */
    boolean save(long domainId, Settings settings) {
        byte[] sealed = settings.password() == null
                ? null
                : passwords.seal(settings.password().getBytes(StandardCharsets.UTF_8), associatedData(domainId));
        Timestamp now = Timestamp.from(Instant.now());
        int updated = jdbc.sql("""
                        UPDATE domain_relays SET host = ?, port = ?, tls = ?, username = ?, password = ?, updated_at = ?
                        WHERE domain_id = ?""")
                .params(settings.host(), settings.port(), settings.tls().name(), settings.username(), sealed, now, domainId)
                .update();
        if (updated > 0) {
            return false;
        }
        jdbc.sql("INSERT INTO domain_relays (domain_id, " + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(domainId, settings.host(), settings.port(), settings.tls().name(), settings.username(), sealed, now)
                .update();
        return true;
    }

    boolean delete(long domainId) {
        return jdbc.sql("DELETE FROM domain_relays WHERE domain_id = ?").param(domainId).update() > 0;
    }

    /** The password in clear, or null when the relay takes no credentials. */
    String password(Row row) {
        return row.sealedPassword() == null
                ? null
                : new String(passwords.open(row.sealedPassword(), associatedData(row.domainId())), StandardCharsets.UTF_8);
    }

    private static String associatedData(long domainId) {
        return "domain-relay/" + domainId;
    }

    private static Row map(ResultSet rs, int row) throws SQLException {
        return new Row(rs.getLong("domain_id"), rs.getString("host"), rs.getInt("port"), RelayTls.valueOf(rs.getString("tls")),
                rs.getString("username"), rs.getBytes("password"), rs.getTimestamp("updated_at").toInstant());
    }
}
