package dev.kuvert.delivery.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class GroupCommitterTest {

    @Test
    void itemsSubmittedWhileABatchIsBeingCommittedShouldShareTheNextCommit() throws Exception {
        List<List<Integer>> batches = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch firstBatchEntered = new CountDownLatch(1);
        CountDownLatch releaseFirstBatch = new CountDownLatch(1);
        try (var committer = new GroupCommitter<Integer>("test", 100, items -> {
                    batches.add(List.copyOf(items));
                    firstBatchEntered.countDown();
                    releaseFirstBatch.await();
                });
                ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<GroupCommitter.Result> first = clients.submit(() -> committer.submit(0).await(Duration.ofSeconds(10)));
            firstBatchEntered.await();
            List<Future<GroupCommitter.Result>> more = new ArrayList<>();
            List<GroupCommitter.Ticket<Integer>> tickets = new ArrayList<>();
            for (int i = 1; i <= 20; i++) {
                tickets.add(committer.submit(i));
            }
            tickets.forEach(t -> more.add(clients.submit(() -> t.await(Duration.ofSeconds(10)))));
            releaseFirstBatch.countDown();

            assertThat(first.get()).isEqualTo(GroupCommitter.Result.COMMITTED);
            for (var result : more) {
                assertThat(result.get()).isEqualTo(GroupCommitter.Result.COMMITTED);
            }
            assertThat(batches).hasSize(2);
            assertThat(batches.get(1)).hasSize(20);
        }
    }

    @Test
    void aRolledBackBatchShouldBeNotCommittedAndAnyOtherFailureUnknownForEveryItemInIt() {
        try (var rollsBack = new GroupCommitter<Integer>("test", 10, items -> {
                    throw new GroupCommitter.NotCommittedException(new IllegalStateException("database down"));
                });
                var commitFails = new GroupCommitter<Integer>("test", 10, items -> {
                    throw new IllegalStateException("connection lost during commit");
                })) {
            var ticket = rollsBack.submit(1);
            assertThat(ticket.await(Duration.ofSeconds(10))).isEqualTo(GroupCommitter.Result.NOT_COMMITTED);
            assertThat(ticket.failure()).hasMessage("database down");
            assertThat(commitFails.submit(2).await(Duration.ofSeconds(10))).isEqualTo(GroupCommitter.Result.UNKNOWN);
        }
    }

    @Test
    void aWaiterThatGivesUpBeforeItsItemIsTakenShouldWithdrawIt() throws Exception {
        List<Integer> committed = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch busy = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (var committer = new GroupCommitter<Integer>("test", 1, items -> {
            busy.countDown();
            release.await();
            committed.addAll(items);
        })) {
            var blocking = committer.submit(1);
            busy.await();
            var late = committer.submit(2);

            assertThat(late.await(Duration.ofMillis(50))).isEqualTo(GroupCommitter.Result.NOT_COMMITTED);
            release.countDown();
            assertThat(blocking.await(Duration.ofSeconds(10))).isEqualTo(GroupCommitter.Result.COMMITTED);
            var after = committer.submit(3);
            assertThat(after.await(Duration.ofSeconds(10))).isEqualTo(GroupCommitter.Result.COMMITTED);
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(committed).containsExactly(1, 3));
        }
    }
}
