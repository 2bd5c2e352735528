package dev.kuvert.smtp.auth;

import dev.kuvert.contracts.directory.AuthenticatedAccount;
import java.util.Optional;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.api.ProtocolSession.AttachmentKey;

/** The account a session authenticated as, kept for the sender check and the queue envelope. */
public final class SessionAccount {
    private static final AttachmentKey<AuthenticatedAccount> ACCOUNT =
            AttachmentKey.of("kuvert.authenticated-account", AuthenticatedAccount.class);

    private SessionAccount() {}

    public static Optional<AuthenticatedAccount> of(ProtocolSession session) {
        return session.getAttachment(ACCOUNT, ProtocolSession.State.Connection);
    }

    static void set(ProtocolSession session, AuthenticatedAccount account) {
        session.setAttachment(ACCOUNT, account, ProtocolSession.State.Connection);
    }
}
