package dev.kuvert.mailbox.imap;

import java.util.stream.Collectors;
import org.apache.james.imap.api.ImapConfiguration;
import org.apache.james.imap.api.ImapMessage;
import org.apache.james.imap.api.message.Capability;
import org.apache.james.imap.api.process.ImapProcessor;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.message.request.DeleteRequest;
import org.apache.james.imap.message.request.ListRequest;
import com.google.common.collect.ImmutableSet;
import reactor.core.publisher.Mono;

/**
 * James's processor chain with two of Kuvert's in front: logging in ({@link DirectoryLogin}) and a
 * LIST that always shows special-use attributes, and DELETE refuses INBOX (RFC 3501 §6.3.4; James
 * would delete it with all its mail). Also turns CONDSTORE on (James's server
 * configuration cannot) and ACL off (folders are not shared).
 */
class KuvertImapProcessor implements ImapProcessor {
    private static final HumanReadableText INBOX_STAYS = new HumanReadableText("kuvert.imap.inbox", "INBOX cannot be deleted.");
    private final ImapProcessor chain;
    private final DirectoryLogin login;
    private final ImapProcessor list;
    private final StatusResponseFactory responses;

    KuvertImapProcessor(ImapProcessor chain, DirectoryLogin login, ImapProcessor list, StatusResponseFactory responses) {
        this.chain = chain;
        this.login = login;
        this.list = list;
        this.responses = responses;
    }

    @Override
    public Mono<Void> processReactive(ImapMessage message, Responder responder, ImapSession session) {
        if (DirectoryLogin.handles(message)) {
            return login.processReactive(message, responder, session);
        }
        if (message instanceof DeleteRequest delete && delete.getMailboxName().equalsIgnoreCase("INBOX")) {
            responder.respond(responses.taggedNo(delete.getTag(), delete.getCommand(), INBOX_STAYS));
            return Mono.empty();
        }
        if (message.getClass() == ListRequest.class) {
            return list.processReactive(message, responder, session);
        }
        return chain.processReactive(message, responder, session);
    }

    @Override
    public void configure(ImapConfiguration given) {
        ImmutableSet<String> disabled = ImmutableSet.<String>builder()
                .addAll(given.getDisabledCaps().stream().map(Capability::asString).collect(Collectors.toSet()))
                .add("ACL")
                .build();
        ImapConfiguration configuration = ImapConfiguration.builder()
                .enableIdle(given.isEnableIdle())
                .idleTimeInterval(given.getIdleTimeInterval())
                .idleTimeIntervalUnit(given.getIdleTimeIntervalUnit())
                .disabledCaps(disabled)
                .appendLimit(given.getAppendLimit().map(Math::toIntExact))
                .maxQueueSize(given.getMaxQueueSize())
                .concurrentRequests(given.getConcurrentRequests())
                .isProvisionDefaultMailboxes(given.isProvisionDefaultMailboxes())
                .withCustomProperties(given.getCustomProperties())
                .isCondstoreEnable(true)
                .build();
        chain.configure(configuration);
        login.configure(configuration);
        list.configure(configuration);
    }
}
