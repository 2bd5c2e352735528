package dev.kuvert.mailbox.store;

import dev.kuvert.contracts.store.Delivered;
import dev.kuvert.contracts.store.LocalDeliveryEndpoint;
import dev.kuvert.mailbox.MailboxProperties;
import dev.kuvert.mailbox.directory.Directory;
import dev.kuvert.support.ApiProblem;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Local delivery for delivery-service: see {@link LocalDeliveryEndpoint} for the contract. */
@Hidden
@RestController
class LocalDeliveryController {
    private static final Pattern QUEUE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private final Directory directory;
    private final MessageStore store;
    private final long maxMessageBytes;

    LocalDeliveryController(Directory directory, MessageStore store, MailboxProperties properties) {
        this.directory = directory;
        this.store = store;
        this.maxMessageBytes = properties.maxMessageBytes();
    }

    @PostMapping(LocalDeliveryEndpoint.PATH)
    ResponseEntity<Delivered> deliver(@PathVariable String address, @RequestParam String queueId,
            @RequestParam(defaultValue = Folders.INBOX) String folder, HttpServletRequest request) throws IOException {
        if (!QUEUE_ID.matcher(queueId).matches()) {
            throw ApiProblem.invalid("queueId", "A queue id has 1 to 64 letters, digits, '.', '_' or '-'.");
        }
        Directory.AccountRef account = directory.account(address)
                .orElseThrow(() -> ApiProblem.notFound("No account '" + address + "'."));
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
}
