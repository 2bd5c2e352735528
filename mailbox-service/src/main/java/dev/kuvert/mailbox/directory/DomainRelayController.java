package dev.kuvert.mailbox.directory;

import dev.kuvert.contracts.directory.DomainRelay;
import dev.kuvert.contracts.directory.DomainRelayRequest;
import dev.kuvert.support.ApiCaller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Domain relay", description = "A domain's own smarthost: all outbound mail whose envelope sender is in the domain "
        + "goes through it, instead of the global one (KUVERT_RELAY_*) or the recipients' mail exchangers")
@RestController
@RequestMapping("/api/v1/domains/{name}/relay")
class DomainRelayController {
    private static final String PROBLEM = "application/problem+json";
    private static final String NO_RELAY = "No such domain, or it has no relay of its own";
    private final DomainRelayService relays;

    DomainRelayController(DomainRelayService relays) {
        this.relays = relays;
    }

    @Operation(operationId = "getDomainRelay", summary = "The domain's relay",
            description = "Never shows the password; passwordSet says whether one is set.")
    @ApiResponse(responseCode = "200", description = "The relay")
    @ApiResponse(responseCode = "404", description = NO_RELAY, content = @Content(mediaType = PROBLEM))
    @GetMapping
    DomainRelay get(ApiCaller caller, @PathVariable String name) {
        return relays.get(caller, name);
    }

    @Operation(operationId = "putDomainRelay", summary = "Set the domain's relay, replacing the one it had",
            description = "host: a fully qualified host name or an IP address; port: 1 to 65535; tls: starttls (required), "
                    + "implicit (TLS from the first byte) or none (in clear), absent: implicit on port 465, else starttls; "
                    + "username and password together or not at all, and never with tls none. The password is stored encrypted.")
    @ApiResponse(responseCode = "200", description = "Replaced")
    @ApiResponse(responseCode = "201", description = "Set where the domain had none")
    @ApiResponse(responseCode = "400", description = "Malformed JSON or an unknown field", content = @Content(mediaType = PROBLEM))
    @ApiResponse(responseCode = "404", description = "No such domain", content = @Content(mediaType = PROBLEM))
    @ApiResponse(responseCode = "422", description = "An invalid value; the problem names the field",
            content = @Content(mediaType = PROBLEM))
    @PutMapping
    ResponseEntity<DomainRelay> put(
            ApiCaller caller, @PathVariable String name, @Valid @RequestBody DomainRelayRequest request) {
        DomainRelayService.Saved saved = relays.put(caller, name, request);
        return ResponseEntity.status(saved.created() ? HttpStatus.CREATED : HttpStatus.OK).body(saved.relay());
    }

    @Operation(operationId = "deleteDomainRelay", summary = "Remove the domain's relay",
            description = "Its mail goes through the global relay, or straight to the recipients' mail exchangers, again.")
    @ApiResponse(responseCode = "204", description = "Removed")
    @ApiResponse(responseCode = "404", description = NO_RELAY, content = @Content(mediaType = PROBLEM))
    @DeleteMapping
    ResponseEntity<Void> delete(ApiCaller caller, @PathVariable String name) {
        relays.delete(caller, name);
        return ResponseEntity.noContent().build();
    }
}
