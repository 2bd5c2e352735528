package dev.kuvert.mailbox.store;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Storage used per account ({@code accounts.used_bytes}), charged and released with each message. */
@Repository
public class Quotas {
    private final JdbcClient jdbc;

    Quotas(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Charges {@code bytes} unless that would exceed the account's quota (0 = unlimited); false when it would. */
    public boolean charge(long accountId, long bytes) {
        return jdbc.sql("""
                UPDATE accounts SET used_bytes = used_bytes + ?
                WHERE id = ? AND (quota_bytes = 0 OR used_bytes + ? <= quota_bytes)""")
                .params(bytes, accountId, bytes)
                .update() == 1;
    }

    public void release(long accountId, long bytes) {
        jdbc.sql("UPDATE accounts SET used_bytes = GREATEST(0, used_bytes - ?) WHERE id = ?").params(bytes, accountId).update();
    }
}
