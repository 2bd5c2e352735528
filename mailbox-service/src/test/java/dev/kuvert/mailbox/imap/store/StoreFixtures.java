package dev.kuvert.mailbox.imap.store;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kuvert.mailbox.TestServiceClient;
import java.util.Date;
import java.util.UUID;
import javax.mail.Flags;
import org.apache.james.core.Username;
import org.apache.james.mailbox.model.ByteContent;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MessageId;
import org.apache.james.mailbox.model.ThreadId;
import org.apache.james.mailbox.store.mail.model.impl.PropertyBuilder;
import org.apache.james.mailbox.store.mail.model.impl.SimpleMailboxMessage;

/** Accounts and messages shared by the mapper contract tests. */
final class StoreFixtures {
    private StoreFixtures() {}

    /** Creates a fresh domain and account through the REST API (our mappers work only for existing accounts). */
    static Username newAccount(TestServiceClient client) throws Exception {
        String domain = "m" + UUID.randomUUID().toString().substring(0, 8) + ".test";
        client.api("POST", "/api/v1/domains", "{\"name\":\"" + domain + "\"}");
        String address = "mo@" + domain;
        assertThat(client.api("POST", "/api/v1/accounts", TestServiceClient.account(address, "a-Strong-passw0rd!", 0)).statusCode())
                .isEqualTo(201);
        return Username.of(address);
    }

    /** The bytes of a small RFC 5322 message whose subject and body name {@code subject}. */
    static byte[] bytes(String subject) {
        return ("From: mo@example.test\r\nSubject: " + subject + "\r\nMessage-ID: <" + UUID.randomUUID() + "@kuvert.test>\r\n\r\n"
                + "Body of " + subject + "\r\n").getBytes(US_ASCII);
    }

    /** A message for {@code mailbox} as James's {@code StoreMessageManager} hands it to a mapper (no UID yet). */
    static SimpleMailboxMessage message(Mailbox mailbox, String subject, Flags flags) {
        byte[] bytes = bytes(subject);
        MessageId id = StoreMessageId.FACTORY.generate();
        return SimpleMailboxMessage.builder()
                .messageId(id)
                .threadId(ThreadId.fromBaseMessageId(id))
                .internalDate(new Date())
                .size(bytes.length)
                .bodyStartOctet(new String(bytes, US_ASCII).indexOf("\r\n\r\n") + 4)
                .content(new ByteContent(bytes))
                .flags(flags)
                .properties(new PropertyBuilder())
                .mailboxId(mailbox.getMailboxId())
                .build();
    }

    static SimpleMailboxMessage message(Mailbox mailbox, String subject) {
        return message(mailbox, subject, new Flags());
    }
}
