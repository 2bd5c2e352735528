package dev.kuvert.mailbox.pop3;

import dev.kuvert.contracts.directory.AuthenticatedAccount;
import dev.kuvert.mailbox.directory.Directory;
import dev.kuvert.mailbox.store.Folder;
import dev.kuvert.mailbox.store.Folders;
import dev.kuvert.mailbox.store.MessageStore;
import dev.kuvert.protocol.AuthThrottle;
import java.time.Duration;
import java.util.Optional;
import org.apache.james.core.Username;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.pop3.POP3Response;
import org.apache.james.protocols.pop3.POP3Session;
import org.springframework.stereotype.Component;

/**
 * Logging in to POP3, whether by USER/PASS or AUTH PLAIN: only under TLS, throttled, and only one
 * session at a time per maildrop (RFC 2449 response codes {@code [AUTH]}, {@code [IN-USE]}).
 */
@Component
class Pop3Login {
    static final Response TLS_REQUIRED = new POP3Response(POP3Response.ERR_RESPONSE, "[AUTH] Use STLS first, or port 995.").immutable();
    static final Response AUTH_FAILED = new POP3Response(POP3Response.ERR_RESPONSE, "[AUTH] Authentication failed.").immutable();
    static final Response LOCKED_OUT = new POP3Response(POP3Response.ERR_RESPONSE,
            "[AUTH] Too many failed logins; try again later.").immutable();
    static final Response IN_USE = new POP3Response(POP3Response.ERR_RESPONSE,
            "[IN-USE] The maildrop is in use by another POP3 session.").immutable();
    static final Response UNAVAILABLE = new POP3Response(POP3Response.ERR_RESPONSE,
            "[SYS/TEMP] The maildrop is not available right now.").immutable();
    private final Directory directory;
    private final Folders folders;
    private final MessageStore store;
    private final AuthThrottle throttle;
    private final MaildropLocks locks;

    Pop3Login(Directory directory, Folders folders, MessageStore store, AuthThrottle throttle, MaildropLocks locks) {
        this.directory = directory;
        this.folders = folders;
        this.store = store;
        this.throttle = throttle;
        this.locks = locks;
    }

    Response login(POP3Session session, String username, String password) {
        if (!session.isTLSStarted()) {
            return TLS_REQUIRED;
        }
        String client = session.getRemoteAddress().getAddress().getHostAddress();
        if (throttle.isLocked(client, username)) {
            return LOCKED_OUT;
        }
        Optional<AuthenticatedAccount> account;
        try {
            account = directory.authenticate(username, password);
        } catch (RuntimeException e) {
            return UNAVAILABLE;
        }
        if (account.isEmpty()) {
            pause(throttle.failed(client, username));
            session.setHandlerState(POP3Session.AUTHENTICATION_READY);
            return AUTH_FAILED;
        }
        throttle.succeeded(username);
        long accountId = directory.account(account.get().address()).orElseThrow().id();
        if (!locks.tryLock(accountId)) {
            session.setHandlerState(POP3Session.AUTHENTICATION_READY);
            return IN_USE;
        }
        try {
            Folder inbox = folders.find(accountId, Folders.INBOX).orElseGet(() -> folders.create(accountId, Folders.INBOX, null));
            session.setUsername(Username.of(account.get().address()));
            session.setUserMailbox(new StoreMaildrop(accountId, inbox, store, () -> locks.release(accountId)));
            session.setHandlerState(POP3Session.TRANSACTION);
            return null;
        } catch (RuntimeException e) {
            locks.release(accountId);
            session.setHandlerState(POP3Session.AUTHENTICATION_READY);
            return UNAVAILABLE;
        }
    }

    private static void pause(Duration delay) {
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
