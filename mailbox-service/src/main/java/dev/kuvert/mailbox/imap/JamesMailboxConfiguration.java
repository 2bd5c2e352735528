package dev.kuvert.mailbox.imap;

import dev.kuvert.mailbox.MailboxProperties;
import dev.kuvert.mailbox.imap.store.AccountQuotaManager;
import dev.kuvert.mailbox.imap.store.StoreChangeDispatcher;
import dev.kuvert.mailbox.imap.store.StoreMapperFactory;
import dev.kuvert.mailbox.imap.store.StoreMessageId;
import dev.kuvert.mailbox.store.BlobStore;
import dev.kuvert.mailbox.store.Quotas;
import java.time.Clock;
import org.apache.james.events.EventBus;
import org.apache.james.events.InVMEventBus;
import org.apache.james.events.MemoryEventDeadLetters;
import org.apache.james.events.RetryBackoffConfiguration;
import org.apache.james.events.delivery.InVmEventDelivery;
import org.apache.james.mailbox.Authorizator;
import org.apache.james.mailbox.SessionProvider;
import org.apache.james.mailbox.SubscriptionManager;
import org.apache.james.mailbox.acl.UnionMailboxACLResolver;
import org.apache.james.mailbox.quota.UserQuotaRootResolver;
import org.apache.james.mailbox.store.JVMMailboxPathLocker;
import org.apache.james.mailbox.store.SessionProviderImpl;
import org.apache.james.mailbox.store.StoreMailboxAnnotationManager;
import org.apache.james.mailbox.store.StoreRightManager;
import org.apache.james.mailbox.store.StoreSubscriptionManager;
import org.apache.james.mailbox.store.extractor.DefaultTextExtractor;
import org.apache.james.mailbox.store.mail.NaiveThreadIdGuessingAlgorithm;
import org.apache.james.mailbox.store.mail.model.impl.MessageParser;
import org.apache.james.mailbox.store.quota.DefaultUserQuotaRootResolver;
import org.apache.james.mailbox.store.quota.NoMaxQuotaManager;
import org.apache.james.mailbox.store.quota.QuotaComponents;
import org.apache.james.mailbox.store.search.SimpleMessageSearchIndex;
import org.apache.james.metrics.api.MetricFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * James's mailbox layer (a {@code StoreMailboxManager}) assembled over Kuvert's store, in one place.
 * Passwords are never checked here: IMAP logins go through {@link DirectoryLogin}, so James's own
 * password path refuses everyone.
 */
@Configuration(proxyBeanMethods = false)
class JamesMailboxConfiguration {

    @Bean
    EventBus jamesEventBus(MetricFactory metrics) {
        return new InVMEventBus(new InVmEventDelivery(metrics), RetryBackoffConfiguration.DEFAULT, new MemoryEventDeadLetters());
    }

    @Bean
    StoreMapperFactory jamesMappers(JdbcClient jdbc, JdbcTemplate template, TransactionTemplate transaction, Quotas quotas, BlobStore blobs,
            MailboxProperties properties) {
        return new StoreMapperFactory(jdbc, template, transaction, quotas, blobs, properties.maxMessageBytes());
    }

    @Bean
    SessionProvider jamesSessions() {
        return new SessionProviderImpl((user, password) -> false, (user, other) -> Authorizator.AuthorizationState.FORBIDDEN);
    }

    @Bean
    UserQuotaRootResolver jamesQuotaRoots(SessionProvider jamesSessions, StoreMapperFactory mappers) {
        return new DefaultUserQuotaRootResolver(jamesSessions, mappers);
    }

    @Bean
    AccountQuotaManager jamesQuotas(JdbcClient jdbc, UserQuotaRootResolver roots) {
        return new AccountQuotaManager(jdbc, roots);
    }

    @Bean
    KuvertMailboxManager jamesMailboxManager(StoreMapperFactory mappers, SessionProvider jamesSessions, EventBus eventBus,
            AccountQuotaManager quotas, UserQuotaRootResolver roots) {
        StoreRightManager rights = new StoreRightManager(mappers, new UnionMailboxACLResolver(), eventBus);
        StoreMailboxAnnotationManager annotations = new StoreMailboxAnnotationManager(mappers, rights);
        SimpleMessageSearchIndex search = new SimpleMessageSearchIndex(mappers, mappers, new DefaultTextExtractor(), (attachment, session) -> {
            throw new java.io.IOException("the store keeps no separate attachments");
        });
        return new KuvertMailboxManager(mappers, jamesSessions, new JVMMailboxPathLocker(), new MessageParser(), StoreMessageId.FACTORY,
                annotations, eventBus, rights, new QuotaComponents(new NoMaxQuotaManager(), quotas, roots), search,
                new NaiveThreadIdGuessingAlgorithm(), Clock.systemUTC());
    }

    @Bean
    SubscriptionManager jamesSubscriptions(StoreMapperFactory mappers, EventBus eventBus) {
        return new StoreSubscriptionManager(mappers, mappers, eventBus);
    }

    @Bean
    StoreChangeDispatcher storeChangeDispatcher(StoreMapperFactory mappers, EventBus eventBus, SessionProvider jamesSessions) {
        return new StoreChangeDispatcher(mappers, eventBus, jamesSessions);
    }

}
