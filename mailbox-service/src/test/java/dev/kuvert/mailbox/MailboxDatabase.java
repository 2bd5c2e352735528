package dev.kuvert.mailbox;

import dev.kuvert.launcher.db.EmbeddedMariaDb;
import org.springframework.test.context.DynamicPropertyRegistry;

/** Points a mailbox-service test context at the shared embedded MariaDB, with its protocol servers on free ports. */
public final class MailboxDatabase {
    private MailboxDatabase() {}

    public static void register(DynamicPropertyRegistry registry, String database) {
        EmbeddedMariaDb db = EmbeddedMariaDb.shared();
        registry.add("spring.datasource.url", () -> db.jdbcUrl(database));
        registry.add("spring.datasource.username", db::user);
        registry.add("spring.datasource.password", db::password);
        registry.add("KUVERT_SECRET", () -> "mailbox-test-secret-0123456789");
        registry.add("kuvert.hostname", () -> "mail.kuvert.test");
        registry.add("kuvert.pop3-port", () -> 0);
        registry.add("kuvert.pop3s-port", () -> 0);
        registry.add("kuvert.imap-port", () -> 0);
        registry.add("kuvert.imaps-port", () -> 0);
    }
}
