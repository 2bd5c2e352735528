package dev.kuvert.mailbox.imap;

import it.unimi.dsi.fastutil.longs.LongList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.james.imap.api.ImapConfiguration;
import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.Capability;
import org.apache.james.imap.api.message.request.SearchOperation;
import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.imap.api.message.response.StatusResponse;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.api.process.SelectedMailbox;
import org.apache.james.imap.message.request.SearchRequest;
import org.apache.james.imap.message.response.SearchResponse;
import org.apache.james.imap.processor.AbstractMailboxProcessor;
import org.apache.james.imap.processor.CapabilityImplementingProcessor;
import org.apache.james.imap.processor.SearchProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.model.FetchGroup;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.util.MDCBuilder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * SORT and UID SORT (RFC 5256). The messages are selected by James's own SEARCH processor, so the
 * search keys mean exactly what they mean in SEARCH (sequence sets, MODSEQ, {@code $}); its
 * unsolicited responses go to the client as they are, its result and completion are kept. The hits
 * are then read in one pass over the store (metadata, plus the header section only when a key needs
 * it) and ordered by {@link SortValues}.
 */
final class SortProcessor extends AbstractMailboxProcessor<SortRequest> implements CapabilityImplementingProcessor {
    static final Capability SORT = Capability.of("SORT");
    private final SearchProcessor search;

    SortProcessor(MailboxManager mailboxes, StatusResponseFactory responses, MetricFactory metrics) {
        super(SortRequest.class, mailboxes, responses, metrics);
        this.search = new SearchProcessor(mailboxes, responses, metrics);
    }

    @Override
    protected Mono<Void> processRequestReactive(SortRequest request, ImapSession session, Responder responder) {
        SearchOutcome outcome = new SearchOutcome(responder);
        SearchRequest select = new SearchRequest(new SearchOperation(request.search(), List.of()), request.useUids(), request.getTag());
        return search.processReactive(select, outcome, session).then(Mono.defer(() -> {
            if (outcome.found == null || outcome.completion == null || outcome.completion.getServerResponseType() != StatusResponse.Type.OK) {
                responder.respond(asSort(request, outcome.completion));
                return Mono.empty();
            }
            return sorted(request, session, outcome.found.getIds()).doOnNext(numbers -> {
                responder.respond(new SortResponse(numbers, outcome.found.getHighestModSeq()));
                okComplete(request, responder);
            }).then();
        }));
    }

    private Mono<long[]> sorted(SortRequest request, ImapSession session, LongList found) {
        SelectedMailbox selected = session.getSelected();
        Map<MessageUid, Long> numbers = new HashMap<>();
        for (int i = 0; i < found.size(); i++) {
            long number = found.getLong(i);
            Optional<MessageUid> uid = request.useUids() ? Optional.of(MessageUid.of(number)) : selected.uid((int) number);
            uid.ifPresent(u -> numbers.put(u, number));
        }
        if (numbers.isEmpty()) {
            return Mono.just(new long[0]);
        }
        Set<SortRequest.Criterion> criteria = EnumSet.noneOf(SortRequest.Criterion.class);
        request.keys().forEach(key -> criteria.add(key.criterion()));
        FetchGroup group = criteria.stream().anyMatch(SortRequest.Criterion::readsHeaders) ? FetchGroup.HEADERS : FetchGroup.MINIMAL;
        // one range over all hits: a single query; header sections are only read for the hits
        MessageRange range = MessageRange.range(Collections.min(numbers.keySet()), Collections.max(numbers.keySet()));
        return Flux.from(selected.getMessageManager().getMessagesReactive(range, group, session.getMailboxSession()))
                .filter(message -> numbers.containsKey(message.getUid()))
                .map(message -> SortValues.of(message, numbers.get(message.getUid()), criteria))
                .subscribeOn(Schedulers.boundedElastic())
                .collectSortedList(SortValues.order(request.keys()))
                .map(values -> values.stream().mapToLong(SortValues::number).toArray());
    }

    /** The search's failure as SORT's own completion; a search that ended without a result is a failure too. */
    private ImapResponseMessage asSort(SortRequest request, StatusResponse completion) {
        StatusResponseFactory responses = getStatusResponseFactory();
        if (completion == null || completion.getServerResponseType() == StatusResponse.Type.OK) {
            return responses.taggedNo(request.getTag(), SortRequest.COMMAND, HumanReadableText.GENERIC_FAILURE_DURING_PROCESSING);
        }
        if (completion.getServerResponseType() == StatusResponse.Type.BAD) {
            return responses.taggedBad(request.getTag(), SortRequest.COMMAND, completion.getTextKey(), completion.getResponseCode());
        }
        return responses.taggedNo(request.getTag(), SortRequest.COMMAND, completion.getTextKey(), completion.getResponseCode());
    }

    @Override
    public List<Capability> getImplementedCapabilities(ImapSession session) {
        return List.of(SORT);
    }

    @Override
    public void configure(ImapConfiguration configuration) {
        super.configure(configuration);
        search.configure(configuration);
    }

    @Override
    protected MDCBuilder mdc(SortRequest request) {
        return MDCBuilder.create()
                .addToContext(MDCBuilder.ACTION, "SORT")
                .addToContext("useUid", Boolean.toString(request.useUids()));
    }

    /** Passes the search's unsolicited responses on to the client; keeps its result and its tagged completion. */
    private static final class SearchOutcome implements Responder {
        private final Responder client;
        private volatile SearchResponse found;
        private volatile StatusResponse completion;

        SearchOutcome(Responder client) {
            this.client = client;
        }

        @Override
        public void respond(ImapResponseMessage response) {
            if (response instanceof SearchResponse result) {
                found = result;
            } else if (response instanceof StatusResponse status && status.getTag() != null) {
                completion = status;
            } else {
                client.respond(response);
            }
        }

        @Override
        public void flush() {
            client.flush();
        }
    }
}
