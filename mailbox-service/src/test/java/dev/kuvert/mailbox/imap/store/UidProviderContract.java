package dev.kuvert.mailbox.imap.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.james.core.Username;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.UidValidity;
import org.apache.james.mailbox.store.MailboxSessionMapperFactory;
import org.apache.james.mailbox.store.mail.UidProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link UidProvider} must do: UIDs strictly ascending per mailbox, never handed out twice. */
abstract class UidProviderContract {
    static final int THREADS = 8;
    static final int PER_THREAD = 40;

    abstract MailboxSessionMapperFactory factory();

    abstract Username user();

    Mailbox mailbox;

    @BeforeEach
    void mailbox() {
        mailbox = create("Uids");
    }

    Mailbox create(String name) {
        return factory().createMailboxMapper(null).create(MailboxPath.forUser(user(), name), UidValidity.of(81)).block();
    }

    UidProvider provider() {
        return factory().getUidProvider();
    }

    @Test
    void aNewMailboxShouldHaveNoLastUidAndStartAtTheFirstUid() throws Exception {
        assertThat(provider().lastUid(mailbox)).isEmpty();
        assertThat(provider().nextUid(mailbox)).isEqualTo(MessageUid.MIN_VALUE);
    }

    @Test
    void nextUidShouldBeStrictlyAscending() throws Exception {
        List<MessageUid> uids = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            uids.add(i % 2 == 0 ? provider().nextUid(mailbox) : provider().nextUid(mailbox.getMailboxId()));
        }
        assertThat(uids).isSortedAccordingTo(MessageUid::compareTo).doesNotHaveDuplicates();
    }

    @Test
    void lastUidShouldBeTheLastUidHandedOut() throws Exception {
        provider().nextUid(mailbox);
        MessageUid last = provider().nextUid(mailbox);
        assertThat(provider().lastUid(mailbox)).contains(last);
    }

    @Test
    void mailboxesShouldHaveIndependentSequences() throws Exception {
        provider().nextUid(mailbox);
        provider().nextUid(mailbox);
        Mailbox other = create("Uids-Other");
        assertThat(provider().nextUid(other)).isEqualTo(MessageUid.MIN_VALUE);
        assertThat(provider().lastUid(mailbox)).contains(MessageUid.of(2));
    }

    @Test
    void nextUidsShouldHandOutDistinctUids() throws Exception {
        MessageUid before = provider().nextUid(mailbox);
        List<MessageUid> batch = provider().nextUids(mailbox.getMailboxId(), 20).block();
        assertThat(batch).hasSize(20).doesNotHaveDuplicates().allSatisfy(uid -> assertThat(uid).isGreaterThan(before));
    }

    @Test
    void concurrentAllocationFromSeveralThreadsShouldYieldDistinctUidsAscendingPerThread() throws Exception {
        Set<MessageUid> all = ConcurrentHashMap.newKeySet();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<MessageUid>>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
            for (int t = 0; t < THREADS; t++) {
                results.add(pool.submit(() -> {
                    start.await();
                    List<MessageUid> mine = new ArrayList<>();
                    for (int i = 0; i < PER_THREAD; i++) {
                        mine.add(provider().nextUid(mailbox.getMailboxId()));
                    }
                    return mine;
                }));
            }
            start.countDown();
            for (Future<List<MessageUid>> result : results) {
                List<MessageUid> mine = result.get();
                assertThat(mine).isSortedAccordingTo(MessageUid::compareTo).doesNotHaveDuplicates();
                all.addAll(mine);
            }
        }
        assertThat(all).hasSize(THREADS * PER_THREAD);
        assertThat(provider().lastUid(mailbox)).contains(MessageUid.of(THREADS * PER_THREAD));
    }
}
