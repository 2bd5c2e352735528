package dev.kuvert.smtp.server;

import dev.kuvert.smtp.auth.DirectoryAuthHook;
import dev.kuvert.smtp.directory.Directory;
import dev.kuvert.smtp.handoff.QueueClient;
import dev.kuvert.smtp.handoff.QueueHandOff;
import dev.kuvert.smtp.hooks.AuthRequiresTls;
import dev.kuvert.smtp.hooks.ConnectionLimits;
import dev.kuvert.smtp.hooks.Greeting;
import dev.kuvert.smtp.hooks.LocalRecipientPolicy;
import dev.kuvert.smtp.hooks.MessageSizeLimit;
import dev.kuvert.smtp.hooks.ReceivedHeader;
import dev.kuvert.smtp.hooks.ReceivedSpfHeader;
import dev.kuvert.smtp.hooks.RecipientLimit;
import dev.kuvert.smtp.hooks.SenderMustBelongToAccount;
import dev.kuvert.smtp.hooks.SubmissionHeaders;
import dev.kuvert.smtp.hooks.SubmissionRequiresAuth;
import dev.kuvert.smtp.message.MessageDataCmdHandler;
import dev.kuvert.smtp.message.MessageReceiver;
import dev.kuvert.smtp.message.SpoolDirectory;
import dev.kuvert.smtp.spf.SpfChecker;
import java.time.Clock;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.protocols.api.handler.CommandDispatcher;
import org.apache.james.protocols.api.handler.WiringException;
import org.apache.james.protocols.smtp.SMTPProtocolHandlerChain;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.core.HeloCmdHandler;
import org.apache.james.protocols.smtp.core.MailCmdHandler;
import org.apache.james.protocols.smtp.core.NoopCmdHandler;
import org.apache.james.protocols.smtp.core.QuitCmdHandler;
import org.apache.james.protocols.smtp.core.RcptCmdHandler;
import org.apache.james.protocols.smtp.core.RsetCmdHandler;
import org.apache.james.protocols.smtp.core.UnknownCmdHandler;
import org.apache.james.protocols.smtp.core.VrfyCmdHandler;
import org.apache.james.protocols.smtp.core.esmtp.EhloCmdHandler;
import org.apache.james.protocols.smtp.core.esmtp.StartTlsCmdHandler;

/**
 * The one place where the SMTP handler chains are assembled. Order matters: James runs the handlers of
 * one kind in the order they are added here, and the first hook that decides wins.
 *
 * <p>James's default chain is not used: its {@code PostmasterAbuseRcptHook} accepts postmaster@ any
 * domain (relaying), its {@code DataLineMessageHookHandler} lets {@code <LF>.<CRLF>} end a message
 * (SMTP smuggling) and its {@code MailSizeEsmtpExtension} hands truncated messages to the hooks.
 */
public final class SmtpChains {
    /** What the chains share. */
    public record Collaborators(
            String hostname,
            long maxMessageSize,
            int maxRecipients,
            Directory directory,
            DirectoryAuthHook authHook,
            ConnectionLimits connectionLimits,
            QueueClient queue,
            SpfChecker spf,
            SpoolDirectory spools,
            MetricFactory metrics,
            Clock clock) {}

    private SmtpChains() {}

    public static SMTPProtocolHandlerChain forListener(Listener listener, Collaborators c) throws WiringException {
        MetricFactory metrics = c.metrics();
        SMTPProtocolHandlerChain chain = new SMTPProtocolHandlerChain(metrics, false);

        // connection
        chain.add(c.connectionLimits());
        chain.add(new Greeting());

        // commands (the dispatcher asks the handlers of a command in this order)
        chain.add(new CommandDispatcher<SMTPSession>());
        chain.add(new EhloCmdHandler(metrics));
        chain.add(new HeloCmdHandler(metrics));
        chain.add(new StartTlsCmdHandler());
        if (listener.submission()) {
            chain.add(new AuthRequiresTls());
            chain.add(c.authHook()); // brings James's AuthCmdHandler with it
        }
        chain.add(new MailCmdHandler(metrics));
        chain.add(new RcptCmdHandler(metrics));
        chain.add(new MessageDataCmdHandler(metrics, c.spools(), c.maxMessageSize()));
        chain.add(new RsetCmdHandler());
        chain.add(new NoopCmdHandler());
        chain.add(new VrfyCmdHandler());
        chain.add(new QuitCmdHandler(metrics));
        chain.add(new UnknownCmdHandler(metrics));

        // EHLO SIZE, MAIL SIZE=
        chain.add(new MessageSizeLimit(c.maxMessageSize()));

        // MAIL FROM
        if (listener.submission()) {
            chain.add(new SubmissionRequiresAuth());
            chain.add(new SenderMustBelongToAccount());
        }

        // RCPT TO: the limit first, then the policy that decides every recipient
        chain.add(new RecipientLimit(c.maxRecipients()));
        chain.add(new LocalRecipientPolicy(c.directory()));

        // DATA: receive, add header fields, hand off (the hand-off must stay last)
        chain.add(new MessageReceiver());
        if (listener == Listener.MX) {
            chain.add(new ReceivedSpfHeader(c.spf(), c.hostname()));
        }
        if (listener.submission()) {
            chain.add(new SubmissionHeaders(c.hostname(), c.clock()));
        }
        chain.add(new ReceivedHeader(c.hostname(), c.clock()));
        chain.add(new QueueHandOff(c.queue(), listener.name()));

        chain.wireExtensibleHandlers();
        return chain;
    }
}
