package dev.kuvert.smtp.hooks;

import dev.kuvert.contracts.directory.RecipientResolution;
import dev.kuvert.contracts.mail.MailAddress;
import dev.kuvert.smtp.directory.Directory;
import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.RcptHook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides every recipient, so that nothing is ever accepted by default (James accepts a recipient no
 * hook decides: an open relay). Local domains: known addresses are accepted, unknown ones are
 * {@code 550 5.1.1}, full mailboxes {@code 552 5.2.2}. Other domains: only an authenticated session may
 * relay, anyone else gets {@code 550 5.7.1}. When the directory cannot answer: {@code 451 4.3.0}.
 */
public final class LocalRecipientPolicy implements RcptHook {
    static final HookResult ACCEPTED = Replies.ok("250", "2.1.5 Recipient ok");
    static final HookResult RELAY_DENIED = Replies.deny("550", "5.7.1 Relaying denied");
    static final HookResult UNKNOWN_USER = Replies.deny("550", "5.1.1 Recipient address rejected: user unknown");
    static final HookResult MAILBOX_FULL = Replies.deny("552", "5.2.2 Mailbox full");
    static final HookResult BAD_ADDRESS = Replies.deny("553", "5.1.3 Recipient address rejected: invalid address");
    static final HookResult TRY_LATER = Replies.denySoft("451", "4.3.0 Temporary lookup failure, try again later");
    private static final Logger log = LoggerFactory.getLogger(LocalRecipientPolicy.class);
    private final Directory directory;

    public LocalRecipientPolicy(Directory directory) {
        this.directory = directory;
    }

    @Override
    public HookResult doRcpt(SMTPSession session, MaybeSender sender, org.apache.james.core.MailAddress rcpt) {
        MailAddress recipient;
        try {
            recipient = MailAddress.parse(rcpt.asString());
        } catch (IllegalArgumentException e) {
            return session.isRelayingAllowed() ? BAD_ADDRESS : RELAY_DENIED;
        }
        RecipientResolution resolution;
        try {
            resolution = directory.resolve(recipient.toString());
        } catch (RuntimeException e) { // DirectoryUnavailableException, or anything unexpected: never accept by accident
            log.warn("Recipient check failed: {}", e.getMessage());
            return TRY_LATER;
        }
        if (!resolution.localDomain()) {
            return session.isRelayingAllowed() ? ACCEPTED : RELAY_DENIED;
        }
        if (resolution.kind() == null || resolution.kind() == RecipientResolution.Kind.UNKNOWN) {
            return UNKNOWN_USER;
        }
        if (resolution.overQuota()) {
            return MAILBOX_FULL;
        }
        return ACCEPTED;
    }
}
