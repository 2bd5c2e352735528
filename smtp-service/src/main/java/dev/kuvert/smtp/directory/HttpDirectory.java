package dev.kuvert.smtp.directory;

import dev.kuvert.contracts.directory.AuthenticatedAccount;
import dev.kuvert.contracts.directory.CredentialsCheck;
import dev.kuvert.contracts.directory.DirectoryInternalClient;
import dev.kuvert.contracts.directory.RecipientResolution;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClientException;

/** {@link Directory} over mailbox-service's internal REST endpoints. */
public final class HttpDirectory implements Directory {
    private final DirectoryInternalClient client;

    public HttpDirectory(DirectoryInternalClient client) {
        this.client = client;
    }

    @Override
    public RecipientResolution resolve(String address) {
        try {
            RecipientResolution resolution = client.resolve(address);
            if (resolution == null || resolution.kind() == null) {
                throw new DirectoryUnavailableException("empty answer from the directory for a recipient", null);
            }
            return resolution;
        } catch (HttpClientErrorException e) {
            int status = e.getStatusCode().value();
            if (status == 400 || status == 404 || status == 422) {
                // an address the directory does not accept cannot be one of ours
                return new RecipientResolution(address, RecipientResolution.Kind.UNKNOWN, true, List.of(), List.of(), false);
            }
            throw new DirectoryUnavailableException("recipient lookup failed with " + e.getStatusCode(), e);
        } catch (RestClientException | IllegalStateException e) {
            throw new DirectoryUnavailableException("recipient lookup failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<AuthenticatedAccount> authenticate(String username, String password) {
        try {
            return Optional.ofNullable(client.authenticate(new CredentialsCheck(username, password)));
        } catch (HttpClientErrorException e) {
            if (e.getStatusCode().isSameCodeAs(HttpStatus.UNAUTHORIZED) || e.getStatusCode().isSameCodeAs(HttpStatus.FORBIDDEN)) {
                return Optional.empty();
            }
            throw new DirectoryUnavailableException("authentication failed with " + e.getStatusCode(), e);
        } catch (RestClientException | IllegalStateException e) {
            throw new DirectoryUnavailableException("authentication call failed: " + e.getMessage(), e);
        }
    }
}
