package dev.kuvert.mailbox.imap.store;

import org.apache.james.core.Username;
import org.apache.james.mailbox.inmemory.mail.InMemoryMailboxMapper;
import org.apache.james.mailbox.store.mail.MailboxMapper;

/** Proves {@link MailboxMapperContract} against James's reference (in-memory) mapper. */
class InMemoryMailboxMapperTest extends MailboxMapperContract {
    private final InMemoryMailboxMapper mapper = new InMemoryMailboxMapper();

    @Override
    MailboxMapper mapper() {
        return mapper;
    }

    @Override
    Username user() {
        return Username.of("pat@example.test");
    }
}
