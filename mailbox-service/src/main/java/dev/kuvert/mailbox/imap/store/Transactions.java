package dev.kuvert.mailbox.imap.store;

import org.apache.james.mailbox.exception.MailboxException;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.support.TransactionTemplate;

/** Runs mapper work in one database transaction, letting James's checked exceptions through. */
final class Transactions {
    private final TransactionTemplate template;

    Transactions(TransactionTemplate template) {
        this.template = template;
    }

    interface Work<T> {
        T run() throws MailboxException;
    }

    <T> T run(Work<T> work) throws MailboxException {
        try {
            return template.execute(status -> {
                try {
                    return work.run();
                } catch (MailboxException e) {
                    throw new Carrier(e);
                }
            });
        } catch (Carrier carrier) {
            throw carrier.exception;
        } catch (DataAccessException e) {
            throw new MailboxException("the message store failed", e);
        }
    }

    private static final class Carrier extends RuntimeException {
        private final MailboxException exception;

        Carrier(MailboxException exception) {
            super(exception);
            this.exception = exception;
        }
    }
}
