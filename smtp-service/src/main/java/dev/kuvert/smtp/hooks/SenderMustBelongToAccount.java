package dev.kuvert.smtp.hooks;

import dev.kuvert.contracts.directory.AuthenticatedAccount;
import dev.kuvert.contracts.mail.MailAddress;
import dev.kuvert.smtp.auth.SessionAccount;
import java.util.Optional;
import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.MailHook;

/**
 * An authenticated client may only use an envelope sender its account owns: its own address or an alias
 * it receives (the directory's {@code sendAs}), with or without a {@code +detail}. Anything else,
 * the null sender included, is {@code 553 5.7.1}.
 */
public final class SenderMustBelongToAccount implements MailHook {
    static final HookResult NOT_OWNED = Replies.deny("553", "5.7.1 Sender address rejected: not owned by the authenticated user");

    @Override
    public HookResult doMail(SMTPSession session, MaybeSender sender) {
        Optional<AuthenticatedAccount> account = SessionAccount.of(session);
        if (account.isEmpty()) {
            return HookResult.DECLINED;
        }
        if (sender.isNullSender()) {
            return NOT_OWNED;
        }
        MailAddress address;
        try {
            address = MailAddress.parse(sender.asString());
        } catch (IllegalArgumentException e) {
            return NOT_OWNED;
        }
        return owns(account.get(), address) ? HookResult.DECLINED : NOT_OWNED;
    }

    static boolean owns(AuthenticatedAccount account, MailAddress sender) {
        MailAddress base = sender.withoutDetail();
        return account.sendAs().stream()
                .map(SenderMustBelongToAccount::canonical)
                .anyMatch(owned -> owned.equals(sender) || owned.equals(base));
    }

    private static MailAddress canonical(String address) {
        try {
            return MailAddress.parse(address);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
