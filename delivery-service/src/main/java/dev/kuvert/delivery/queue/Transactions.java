package dev.kuvert.delivery.queue;

import java.util.function.Supplier;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs the queue's short transactions: a deadlock or lock timeout (two instances touching one
 * message) is retried a few times; a failure inside the transaction is reported as
 * {@link GroupCommitter.NotCommittedException} (as is a transaction that could not even begin), a failure of the commit itself is passed on as it is,
 * because then nobody knows whether it was committed.
 */
final class Transactions {
    private static final int ATTEMPTS = 3;
    private final TransactionTemplate tx;

    Transactions(TransactionTemplate tx) {
        this.tx = tx;
    }

    <T> T run(Supplier<T> work) throws GroupCommitter.NotCommittedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return tx.execute(status -> {
                    try {
                        return work.get();
                    } catch (RuntimeException e) {
                        throw new RolledBack(e);
                    }
                });
            } catch (CannotCreateTransactionException e) {
                throw new GroupCommitter.NotCommittedException(e);
            } catch (RolledBack e) {
                if (e.getCause() instanceof PessimisticLockingFailureException && attempt < ATTEMPTS) {
                    continue;
                }
                throw new GroupCommitter.NotCommittedException(e.getCause());
            }
        }
    }

    /** {@link #run} for callers that only care whether it worked. */
    <T> T execute(Supplier<T> work) {
        try {
            return run(work);
        } catch (GroupCommitter.NotCommittedException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
    }

    private static final class RolledBack extends RuntimeException {
        RolledBack(RuntimeException cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }
}
