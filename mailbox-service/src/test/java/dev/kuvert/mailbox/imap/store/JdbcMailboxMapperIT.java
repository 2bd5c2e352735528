package dev.kuvert.mailbox.imap.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kuvert.mailbox.MailboxDatabase;
import dev.kuvert.mailbox.TestServiceClient;
import dev.kuvert.support.PlatformSecret;
import java.util.UUID;
import org.apache.james.core.Username;
import org.apache.james.mailbox.store.mail.MailboxMapper;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link MailboxMapperContract} against Kuvert's folders table in MariaDB; each test gets a fresh account. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class JdbcMailboxMapperIT extends MailboxMapperContract {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        MailboxDatabase.register(registry, "kuvert_mailbox_it");
    }

    @LocalServerPort
    int port;

    @Autowired
    PlatformSecret secret;

    @Autowired
    StoreMapperFactory mappers;

    Username user;

    @BeforeEach
    void account() throws Exception {
        TestServiceClient client = new TestServiceClient(port, secret.serviceCredential());
        String domain = "m" + UUID.randomUUID().toString().substring(0, 8) + ".test";
        client.api("POST", "/api/v1/domains", "{\"name\":\"" + domain + "\"}");
        String address = "mo@" + domain;
        assertThat(client.api("POST", "/api/v1/accounts", TestServiceClient.account(address, "a-Strong-passw0rd!", 0)).statusCode())
                .isEqualTo(201);
        user = Username.of(address);
    }

    @Override
    MailboxMapper mapper() {
        return mappers.createMailboxMapper(null);
    }

    @Override
    Username user() {
        return user;
    }
}
