package dev.kuvert.mailbox.imap.store;

import dev.kuvert.mailbox.TestServiceClient;
import dev.kuvert.support.PlatformSecret;
import org.apache.james.core.Username;
import org.apache.james.mailbox.store.MailboxSessionMapperFactory;
import org.junit.jupiter.api.Nested;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

/**
 * The store contracts (message, message-id, annotation, subscription, UID and MODSEQ providers) against Kuvert's
 * store in MariaDB, one nested class each; every test gets a fresh account, created on first use because the
 * contracts' own set-up already needs it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = StoreContextInitializer.class)
class JdbcStoreContractsIT {
    @LocalServerPort
    int port;

    @Autowired
    PlatformSecret secret;

    @Autowired
    StoreMapperFactory mappers;

    /** JUnit makes a new instance of this class, and so new accounts, for every test of every nested class. */
    private Username user;
    private Username otherUser;

    Username user() {
        return user == null ? user = newAccount() : user;
    }

    Username otherUser() {
        return otherUser == null ? otherUser = newAccount() : otherUser;
    }

    private Username newAccount() {
        try {
            return StoreFixtures.newAccount(new TestServiceClient(port, secret.serviceCredential()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Nested
    class MessageMapper extends MessageMapperContract {
        @Override
        MailboxSessionMapperFactory factory() {
            return mappers;
        }

        @Override
        Username user() {
            return JdbcStoreContractsIT.this.user();
        }
    }

    @Nested
    class MessageIdMapper extends MessageIdMapperContract {
        @Override
        MailboxSessionMapperFactory factory() {
            return mappers;
        }

        @Override
        Username user() {
            return JdbcStoreContractsIT.this.user();
        }
    }

    @Nested
    class AnnotationMapper extends AnnotationMapperContract {
        @Override
        MailboxSessionMapperFactory factory() {
            return mappers;
        }

        @Override
        Username user() {
            return JdbcStoreContractsIT.this.user();
        }
    }

    @Nested
    class SubscriptionMapper extends SubscriptionMapperContract {
        @Override
        MailboxSessionMapperFactory factory() {
            return mappers;
        }

        @Override
        Username user() {
            return JdbcStoreContractsIT.this.user();
        }

        @Override
        Username otherUser() {
            return JdbcStoreContractsIT.this.otherUser();
        }
    }

    @Nested
    class UidProvider extends UidProviderContract {
        @Override
        MailboxSessionMapperFactory factory() {
            return mappers;
        }

        @Override
        Username user() {
            return JdbcStoreContractsIT.this.user();
        }
    }

    @Nested
    class ModSeqProvider extends ModSeqProviderContract {
        @Override
        MailboxSessionMapperFactory factory() {
            return mappers;
        }

        @Override
        Username user() {
            return JdbcStoreContractsIT.this.user();
        }
    }
}
