package dev.kuvert.mailbox.store;

import dev.kuvert.contracts.queue.EnvelopeFraming;
import dev.kuvert.contracts.store.Delivered;
import dev.kuvert.contracts.store.DeliveryBatch;
import dev.kuvert.contracts.store.LocalDeliveryEndpoint;
import dev.kuvert.mailbox.MailboxProperties;
import dev.kuvert.mailbox.directory.Directory;
import dev.kuvert.support.ApiProblem;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** Local delivery for delivery-service: see {@link LocalDeliveryEndpoint} and {@link DeliveryBatch} for the contracts. */
@Hidden
@RestController
class LocalDeliveryController {
    private static final Pattern QUEUE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    /** Parts up to this size are read into memory, so that their blobs are made durable together. */
    static final int IN_MEMORY_PART_BYTES = 256 * 1024;
    private final Directory directory;
    private final MessageStore store;
    private final BlobStore blobs;
    private final JsonMapper json;
    private final long maxMessageBytes;

    LocalDeliveryController(Directory directory, MessageStore store, BlobStore blobs, MailboxProperties properties) {
        this.directory = directory;
        this.store = store;
        this.blobs = blobs;
        this.json = JsonMapper.builder().build();
        this.maxMessageBytes = properties.maxMessageBytes();
    }

    @PostMapping(LocalDeliveryEndpoint.PATH)
    ResponseEntity<Delivered> deliver(@PathVariable String address, @RequestParam String queueId,
            @RequestParam(defaultValue = Folders.INBOX) String folder, HttpServletRequest request) throws IOException {
        validQueueId(queueId);
        Directory.AccountRef account = account(address);
        MessageStore.Appended appended;
        try {
            appended = store.deliver(account.id(), queueId, folder, request.getInputStream(), maxMessageBytes);
        } catch (MessageStore.QuotaExceededException e) {
            throw new ApiProblem(HttpStatus.INSUFFICIENT_STORAGE, "Over quota", "The mailbox of " + account.address() + " is full.", null);
        } catch (BlobStore.TooLargeException e) {
            throw new ApiProblem(HttpStatus.CONTENT_TOO_LARGE, "Too large", "The message is larger than the mailbox accepts.", null);
        }
        Delivered delivered = new Delivered(account.address(), appended.folder().name(), appended.uid(), appended.duplicate());
        return ResponseEntity.status(appended.duplicate() ? HttpStatus.OK : HttpStatus.CREATED).body(delivered);
    }

    @PostMapping(DeliveryBatch.PATH)
    DeliveryBatch.Result deliverBatch(@PathVariable String address, HttpServletRequest request) throws IOException {
        Directory.AccountRef account = account(address);
        PushbackInputStream in = new PushbackInputStream(request.getInputStream(), 1);
        List<Part> parts = new ArrayList<>();
        for (int b = in.read(); b >= 0; b = in.read()) {
            in.unread(b);
            if (parts.size() == DeliveryBatch.MAX_PARTS) {
                throw ApiProblem.invalid("parts", "A batch has at most " + DeliveryBatch.MAX_PARTS + " messages.");
            }
            parts.add(receive(readHeader(in), in));
        }
        Iterator<BlobStore.Blob> storedTogether = putAll(parts.stream().map(Part::bytes).filter(Objects::nonNull).toList()).iterator();
        List<MessageStore.Incoming> incoming = new ArrayList<>();
        for (Part part : parts) {
            if (!part.tooLarge()) {
                BlobStore.Blob blob = part.bytes() != null ? storedTogether.next() : part.stored();
                incoming.add(new MessageStore.Incoming(part.header().queueId(), part.folder(), blob));
            }
        }
        List<Optional<MessageStore.Appended>> stored = incoming.isEmpty() ? List.of() : store.deliverAll(account.id(), incoming);
        List<DeliveryBatch.PartResult> results = new ArrayList<>(parts.size());
        int next = 0;
        for (Part part : parts) {
            if (part.tooLarge()) {
                results.add(new DeliveryBatch.PartResult(HttpStatus.CONTENT_TOO_LARGE.value(), null, 0));
                continue;
            }
            results.add(stored.get(next++)
                    .map(a -> new DeliveryBatch.PartResult(a.duplicate() ? 200 : 201, a.folder().name(), a.uid()))
                    .orElse(new DeliveryBatch.PartResult(HttpStatus.INSUFFICIENT_STORAGE.value(), null, 0)));
        }
        return new DeliveryBatch.Result(account.address(), results);
    }

    /** A part as received: its header and its bytes to store, or its blob stored already, or neither when it was too large. */
    private record Part(DeliveryBatch.Part header, String folder, byte[] bytes, BlobStore.Blob stored) {
        boolean tooLarge() {
            return bytes == null && stored == null;
        }
    }

    private DeliveryBatch.Part readHeader(InputStream in) throws IOException {
        String line = EnvelopeFraming.readEnvelopeLine(in);
        DeliveryBatch.Part header;
        try {
            header = json.readValue(line, DeliveryBatch.Part.class);
        } catch (JacksonException e) {
            throw ApiProblem.invalid("part", "A part header is not valid JSON: " + e.getOriginalMessage());
        }
        validQueueId(header.queueId());
        if (header.size() < 0) {
            throw ApiProblem.invalid("size", "A part's size is a number of bytes.");
        }
        return header;
    }

    private Part receive(DeliveryBatch.Part header, InputStream in) throws IOException {
        String folder = header.folder() == null || header.folder().isBlank() ? Folders.INBOX : header.folder();
        if (header.size() > maxMessageBytes) {
            in.skipNBytes(header.size());
            return new Part(header, folder, null, null);
        }
        if (header.size() <= IN_MEMORY_PART_BYTES) {
            byte[] bytes = in.readNBytes((int) header.size());
            if (bytes.length < header.size()) {
                throw ApiProblem.invalid("size", "The request ended inside a message.");
            }
            return new Part(header, folder, bytes, null);
        }
        BlobStore.Blob blob;
        try {
            blob = blobs.put(new ExactLength(in, header.size()), maxMessageBytes);
        } catch (BlobStore.TooLargeException e) {
            throw new IllegalStateException(e);
        }
        return new Part(header, folder, null, blob);
    }

    private List<BlobStore.Blob> putAll(List<byte[]> contents) throws IOException {
        try {
            return contents.isEmpty() ? List.of() : blobs.putAll(contents, maxMessageBytes);
        } catch (BlobStore.TooLargeException e) {
            throw new IllegalStateException("a part's size was checked against the limit as it was read", e);
        }
    }

    private Directory.AccountRef account(String address) {
        return directory.account(address).orElseThrow(() -> ApiProblem.notFound("No account '" + address + "'."));
    }

    private static void validQueueId(String queueId) {
        if (queueId == null || !QUEUE_ID.matcher(queueId).matches()) {
            throw ApiProblem.invalid("queueId", "A queue id has 1 to 64 letters, digits, '.', '_' or '-'.");
        }
    }

    /** Exactly {@code length} bytes of the request: ending sooner is an error, not a shorter message. */
    private static final class ExactLength extends FilterInputStream {
        private long remaining;

        ExactLength(InputStream in, long length) {
            super(in);
            this.remaining = length;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (remaining == 0) {
                return -1;
            }
            int n = super.read(buffer, offset, (int) Math.min(length, remaining));
            if (n < 0) {
                throw new IOException("the request ended inside a message");
            }
            remaining -= n;
            return n;
        }
    }
}
