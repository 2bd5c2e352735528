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

    /** An account's quota (0 = unlimited) and the bytes it uses, its row locked until the transaction ends. */
    record Usage(long quotaBytes, long usedBytes) {
        boolean allows(long moreBytes) {
            return quotaBytes == 0 || usedBytes + moreBytes <= quotaBytes;
        }
    }

    Usage lockUsage(long accountId) {
        return jdbc.sql("SELECT quota_bytes, used_bytes FROM accounts WHERE id = ? FOR UPDATE").param(accountId)
                .query((rs, n) -> new Usage(rs.getLong(1), rs.getLong(2))).single();
    }

    /** Adds to the bytes used, whatever the quota: the caller checked it under {@link #lockUsage}. */
    void add(long accountId, long bytes) {
        jdbc.sql("UPDATE accounts SET used_bytes = used_bytes + ? WHERE id = ?").params(bytes, accountId).update();
    }

    public void release(long accountId, long bytes) {
        jdbc.sql("UPDATE accounts SET used_bytes = GREATEST(0, used_bytes - ?) WHERE id = ?").params(bytes, accountId).update();
    }
}
