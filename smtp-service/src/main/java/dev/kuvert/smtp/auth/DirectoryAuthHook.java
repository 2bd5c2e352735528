package dev.kuvert.smtp.auth;

import dev.kuvert.contracts.directory.AuthenticatedAccount;
import dev.kuvert.protocol.AuthThrottle;
import dev.kuvert.smtp.directory.Directory;
import dev.kuvert.smtp.directory.DirectoryUnavailableException;
import dev.kuvert.smtp.hooks.Replies;
import java.time.Duration;
import java.util.Optional;
import org.apache.james.core.Username;
import org.apache.james.protocols.api.OidcSASLConfiguration;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.AuthHook;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AUTH PLAIN/LOGIN checked against the directory. Success is {@code 235 2.7.0} and makes the session
 * authenticated and allowed to relay; a wrong password is {@code 535 5.7.8} after a growing delay, and
 * while the address or account is locked every attempt is {@code 535 5.7.8} without asking the directory.
 */
public final class DirectoryAuthHook implements AuthHook {
    static final HookResult SUCCESS = Replies.ok("235", "2.7.0 Authentication successful");
    static final HookResult INVALID = Replies.deny("535", "5.7.8 Authentication credentials invalid");
    static final HookResult LOCKED = Replies.deny("535", "5.7.8 Authentication credentials invalid (too many failures, try again later)");
    static final HookResult UNAVAILABLE = Replies.denySoft("454", "4.7.0 Temporary authentication failure, try again later");
    private static final Logger log = LoggerFactory.getLogger(DirectoryAuthHook.class);
    private final Directory directory;
    private final AuthThrottle throttle;
    private final Sleeper sleeper;

    /** Waits out a failure delay; replaced in tests. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    public DirectoryAuthHook(Directory directory, AuthThrottle throttle, Sleeper sleeper) {
        this.directory = directory;
        this.throttle = throttle;
        this.sleeper = sleeper;
    }

    @Override
    public HookResult doAuth(SMTPSession session, Username username, String password) {
        String address = session.getRemoteAddress().getAddress().getHostAddress();
        String login = username.asString();
        if (throttle.isLocked(address, login)) {
            log.info("AUTH refused: {} or its account is locked", address);
            pause(throttle.failed(address, login));
            return LOCKED;
        }
        Optional<AuthenticatedAccount> account;
        try {
            account = directory.authenticate(login, password);
        } catch (DirectoryUnavailableException e) {
            log.warn("AUTH could not be checked: {}", e.getMessage());
            return UNAVAILABLE;
        }
        if (account.isEmpty()) {
            log.info("AUTH failed from {}", address);
            pause(throttle.failed(address, login));
            return INVALID;
        }
        throttle.succeeded(login);
        session.setUsername(Username.of(account.get().address()));
        session.setRelayingAllowed(true);
        SessionAccount.set(session, account.get());
        return SUCCESS;
    }

    /** AUTH PLAIN with an empty password arrives here: a failed attempt like any other. */
    @Override
    public HookResult doDelegation(SMTPSession session, Username target) {
        String address = session.getRemoteAddress().getAddress().getHostAddress();
        pause(throttle.failed(address, target.asString()));
        return INVALID;
    }

    @Override
    public HookResult doSasl(SMTPSession session, OidcSASLConfiguration configuration, String initialResponse) {
        return HookResult.DECLINED;
    }

    private void pause(Duration delay) {
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
