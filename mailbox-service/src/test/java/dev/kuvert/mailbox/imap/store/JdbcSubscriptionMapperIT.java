package dev.kuvert.mailbox.imap.store;

import dev.kuvert.mailbox.TestServiceClient;
import dev.kuvert.support.PlatformSecret;
import org.apache.james.core.Username;
import org.apache.james.mailbox.store.MailboxSessionMapperFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

/** {@link SubscriptionMapperContract} against Kuvert's store in MariaDB; each test gets a fresh account. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = StoreContextInitializer.class)
class JdbcSubscriptionMapperIT extends SubscriptionMapperContract {
    @LocalServerPort
    int port;

    @Autowired
    PlatformSecret secret;

    @Autowired
    StoreMapperFactory mappers;

    Username user;

    @Override
    MailboxSessionMapperFactory factory() {
        return mappers;
    }

    /** Created on first use: the contract's own set-up already needs it. */
    @Override
    Username user() {
        if (user == null) {
            try {
                user = StoreFixtures.newAccount(new TestServiceClient(port, secret.serviceCredential()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return user;
    }

    Username otherUser;

    @Override
    Username otherUser() throws Exception {
        if (otherUser == null) {
            otherUser = StoreFixtures.newAccount(new TestServiceClient(port, secret.serviceCredential()));
        }
        return otherUser;
    }
}
