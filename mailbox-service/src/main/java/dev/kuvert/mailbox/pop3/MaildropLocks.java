package dev.kuvert.mailbox.pop3;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** RFC 1939: one POP3 session at a time may hold an account's maildrop. */
@Component
class MaildropLocks {
    private final Set<Long> held = ConcurrentHashMap.newKeySet();

    boolean tryLock(long accountId) {
        return held.add(accountId);
    }

    void release(long accountId) {
        held.remove(accountId);
    }
}
