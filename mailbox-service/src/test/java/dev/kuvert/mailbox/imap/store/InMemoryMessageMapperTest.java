package dev.kuvert.mailbox.imap.store;

import java.time.Clock;
import org.apache.james.core.Username;
import org.apache.james.mailbox.inmemory.InMemoryMailboxSessionMapperFactory;
import org.apache.james.mailbox.store.MailboxSessionMapperFactory;

/** Proves {@link MessageMapperContract} against James's reference (in-memory) implementation. */
class InMemoryMessageMapperTest extends MessageMapperContract {
    private final InMemoryMailboxSessionMapperFactory factory = new InMemoryMailboxSessionMapperFactory(Clock.systemUTC());

    @Override
    MailboxSessionMapperFactory factory() {
        return factory;
    }

    @Override
    Username user() {
        return Username.of("pat@example.test");
    }
}
