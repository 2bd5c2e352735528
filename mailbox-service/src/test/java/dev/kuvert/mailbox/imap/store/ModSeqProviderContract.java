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
import org.apache.james.mailbox.ModSeq;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.UidValidity;
import org.apache.james.mailbox.store.MailboxSessionMapperFactory;
import org.apache.james.mailbox.store.mail.ModSeqProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ModSeqProvider} must do: MODSEQs strictly ascending per mailbox, never handed out twice. */
abstract class ModSeqProviderContract {
    static final int THREADS = 8;
    static final int PER_THREAD = 40;

    abstract MailboxSessionMapperFactory factory();

    abstract Username user();

    Mailbox mailbox;

    @BeforeEach
    void mailbox() {
        mailbox = create("ModSeqs");
    }

    Mailbox create(String name) {
        return factory().createMailboxMapper(null).create(MailboxPath.forUser(user(), name), UidValidity.of(82)).block();
    }

    ModSeqProvider provider() {
        return factory().getModSeqProvider();
    }

    @Test
    void nextModSeqShouldBeStrictlyAscendingAndAboveTheHighestOfANewMailbox() throws Exception {
        ModSeq initial = provider().highestModSeq(mailbox);
        List<ModSeq> modSeqs = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            modSeqs.add(i % 2 == 0 ? provider().nextModSeq(mailbox) : provider().nextModSeq(mailbox.getMailboxId()));
        }
        assertThat(modSeqs.getFirst()).isGreaterThan(initial);
        assertThat(modSeqs).isSortedAccordingTo(ModSeq::compareTo).doesNotHaveDuplicates();
    }

    @Test
    void highestModSeqShouldBeTheLastModSeqHandedOut() throws Exception {
        provider().nextModSeq(mailbox);
        ModSeq last = provider().nextModSeq(mailbox);
        assertThat(provider().highestModSeq(mailbox)).isEqualTo(last);
        assertThat(provider().highestModSeq(mailbox.getMailboxId())).isEqualTo(last);
    }

    @Test
    void mailboxesShouldHaveIndependentSequences() throws Exception {
        Mailbox other = create("ModSeqs-Other");
        ModSeq otherInitial = provider().highestModSeq(other);
        provider().nextModSeq(mailbox);
        provider().nextModSeq(mailbox);
        assertThat(provider().highestModSeq(other)).isEqualTo(otherInitial);
    }

    @Test
    void concurrentAllocationFromSeveralThreadsShouldYieldDistinctModSeqsAscendingPerThread() throws Exception {
        ModSeq initial = provider().highestModSeq(mailbox);
        Set<ModSeq> all = ConcurrentHashMap.newKeySet();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<ModSeq>>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
            for (int t = 0; t < THREADS; t++) {
                results.add(pool.submit(() -> {
                    start.await();
                    List<ModSeq> mine = new ArrayList<>();
                    for (int i = 0; i < PER_THREAD; i++) {
                        mine.add(provider().nextModSeq(mailbox.getMailboxId()));
                    }
                    return mine;
                }));
            }
            start.countDown();
            for (Future<List<ModSeq>> result : results) {
                List<ModSeq> mine = result.get();
                assertThat(mine).isSortedAccordingTo(ModSeq::compareTo).doesNotHaveDuplicates();
                all.addAll(mine);
            }
        }
        assertThat(all).hasSize(THREADS * PER_THREAD);
        assertThat(provider().highestModSeq(mailbox).asLong()).isEqualTo(initial.asLong() + THREADS * PER_THREAD);
    }
}
