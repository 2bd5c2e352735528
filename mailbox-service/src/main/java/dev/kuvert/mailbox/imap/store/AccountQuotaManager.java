package dev.kuvert.mailbox.imap.store;

import org.apache.james.core.Username;
import org.apache.james.core.quota.QuotaCountLimit;
import org.apache.james.core.quota.QuotaCountUsage;
import org.apache.james.core.quota.QuotaSizeLimit;
import org.apache.james.core.quota.QuotaSizeUsage;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.Quota;
import org.apache.james.mailbox.model.QuotaRoot;
import org.apache.james.mailbox.quota.QuotaManager;
import org.apache.james.mailbox.quota.UserQuotaRootResolver;
import org.reactivestreams.Publisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * James's quotas from the account: the storage limit is {@code accounts.quota_bytes} (0 = unlimited),
 * usage is {@code accounts.used_bytes}, which the store charges and releases with every message.
 * There is no limit on the number of messages.
 */
public class AccountQuotaManager implements QuotaManager {
    private final JdbcClient jdbc;
    private final UserQuotaRootResolver roots;

    public AccountQuotaManager(JdbcClient jdbc, UserQuotaRootResolver roots) {
        this.jdbc = jdbc;
        this.roots = roots;
    }

    private record Usage(long quotaBytes, long usedBytes, long messages) {}

    @Override
    public Quota<QuotaCountLimit, QuotaCountUsage> getMessageQuota(QuotaRoot quotaRoot) throws MailboxException {
        return getQuotas(quotaRoot).getMessageQuota();
    }

    @Override
    public Quota<QuotaSizeLimit, QuotaSizeUsage> getStorageQuota(QuotaRoot quotaRoot) throws MailboxException {
        return getQuotas(quotaRoot).getStorageQuota();
    }

    @Override
    public Quotas getQuotas(QuotaRoot quotaRoot) throws MailboxException {
        Username user = roots.associatedUsername(quotaRoot);
        Usage usage = jdbc.sql("""
                        SELECT a.quota_bytes, a.used_bytes,
                               (SELECT COUNT(*) FROM messages m JOIN folders f ON f.id = m.folder_id WHERE f.account_id = a.id)
                        FROM accounts a WHERE a.address = ?""")
                .param(user.asString())
                .query((rs, n) -> new Usage(rs.getLong(1), rs.getLong(2), rs.getLong(3)))
                .optional()
                .orElse(new Usage(0, 0, 0));
        return new Quotas(
                Quota.<QuotaCountLimit, QuotaCountUsage>builder()
                        .used(QuotaCountUsage.count(usage.messages()))
                        .computedLimit(QuotaCountLimit.unlimited())
                        .build(),
                Quota.<QuotaSizeLimit, QuotaSizeUsage>builder()
                        .used(QuotaSizeUsage.size(usage.usedBytes()))
                        .computedLimit(usage.quotaBytes() > 0 ? QuotaSizeLimit.size(usage.quotaBytes()) : QuotaSizeLimit.unlimited())
                        .build());
    }

    @Override
    public Publisher<Quotas> getQuotasReactive(QuotaRoot quotaRoot) {
        return Mono.fromCallable(() -> getQuotas(quotaRoot)).subscribeOn(Schedulers.boundedElastic());
    }
}
