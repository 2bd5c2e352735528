package dev.kuvert.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SessionWorkerTest {
    private final LinkedBlockingQueue<Long> caughtUp = new LinkedBlockingQueue<>();
    private final SessionWorker worker = new SessionWorker(caughtUp::add);

    @Test
    void runsTasksOneAtATimeInOrderOnVirtualThreads() throws Exception {
        List<Integer> order = new CopyOnWriteArrayList<>();
        List<Boolean> virtual = new CopyOnWriteArrayList<>();
        CountDownLatch release = new CountDownLatch(1);
        worker.submit(() -> {
            await(release);
            order.add(0);
        });
        for (int i = 1; i <= 100; i++) {
            int n = i;
            worker.submit(() -> {
                virtual.add(Thread.currentThread().isVirtual());
                order.add(n);
            });
        }
        release.countDown();
        assertThat(waitForCaughtUp(101)).isEqualTo(101);
        assertThat(order).containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(0, 100).boxed().toList());
        assertThat(virtual).containsOnly(true);
    }

    @Test
    void reportsEachTimeItRunsOutOfWorkAndStartsAgainForMore() throws Exception {
        worker.submit(() -> {});
        assertThat(waitForCaughtUp(1)).isEqualTo(1);
        worker.submit(() -> {});
        worker.submit(() -> {});
        assertThat(waitForCaughtUp(3)).isEqualTo(3);
    }

    @Test
    void aFailingTaskDoesNotStopTheOnesBehindIt() throws Exception {
        List<String> ran = new CopyOnWriteArrayList<>();
        worker.submit(() -> {
            throw new IllegalStateException("hook bug");
        });
        worker.submit(() -> ran.add("next"));
        assertThat(waitForCaughtUp(2)).isEqualTo(2);
        assertThat(ran).containsExactly("next");
    }

    private long waitForCaughtUp(long expected) throws InterruptedException {
        Long reported;
        do {
            reported = caughtUp.poll(10, TimeUnit.SECONDS);
            assertThat(reported).as("the worker reported catching up").isNotNull();
        } while (reported < expected);
        return reported;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
