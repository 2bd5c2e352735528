package dev.kuvert.mailbox.imap;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.james.imap.api.ImapConfiguration;
import org.apache.james.imap.api.ImapMessage;
import org.apache.james.imap.api.message.Capability;
import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.imap.api.process.ImapProcessor;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.message.request.CapabilityRequest;
import org.apache.james.imap.message.request.DeleteRequest;
import org.apache.james.imap.message.request.ListRequest;
import org.apache.james.imap.message.response.CapabilityResponse;
import com.google.common.collect.ImmutableSet;
import reactor.core.publisher.Mono;

/**
 * James's processor chain with three of Kuvert's in front: logging in ({@link DirectoryLogin}), a
 * LIST that always shows special-use attributes, and SORT ({@link SortProcessor}, whose capability is
 * added to James's CAPABILITY answer: James's capability list only asks its own processors); and
 * DELETE refuses INBOX (RFC 3501 §6.3.4; James would delete it with all its mail). Also turns
 * CONDSTORE on (James's server configuration cannot) and ACL off (folders are not shared).
 */
class KuvertImapProcessor implements ImapProcessor {
    private static final HumanReadableText INBOX_STAYS = new HumanReadableText("kuvert.imap.inbox", "INBOX cannot be deleted.");
    private final ImapProcessor chain;
    private final DirectoryLogin login;
    private final ImapProcessor list;
    private final SortProcessor sort;
    private final StatusResponseFactory responses;

    KuvertImapProcessor(ImapProcessor chain, DirectoryLogin login, ImapProcessor list, SortProcessor sort, StatusResponseFactory responses) {
        this.chain = chain;
        this.login = login;
        this.list = list;
        this.sort = sort;
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
        if (message instanceof SortRequest) {
            return sort.processReactive(message, responder, session);
        }
        if (message instanceof SortResponse.BadCharset refusal) {
            responder.respond(refusal);
            return Mono.empty();
        }
        if (message instanceof CapabilityRequest) {
            return chain.processReactive(message, withSort(responder, session), session);
        }
        return chain.processReactive(message, responder, session);
    }

    /** Adds SORT to the capabilities James lists (not to ENABLE's answer, a subclass of the same response). */
    private Responder withSort(Responder responder, ImapSession session) {
        return new Responder() {
            @Override
            public void respond(ImapResponseMessage response) {
                if (response.getClass() == CapabilityResponse.class) {
                    Set<Capability> capabilities = new HashSet<>(((CapabilityResponse) response).getCapabilities());
                    capabilities.addAll(sort.getImplementedCapabilities(session));
                    responder.respond(new CapabilityResponse(capabilities));
                } else {
                    responder.respond(response);
                }
            }

            @Override
            public void flush() {
                responder.flush();
            }
        };
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
        sort.configure(configuration);
    }
}
