package dev.kuvert.smtp.directory;

import dev.kuvert.contracts.directory.AuthenticatedAccount;
import dev.kuvert.contracts.directory.RecipientResolution;
import java.util.Optional;

/** What smtp-service asks mailbox-service's directory. Both calls throw {@link DirectoryUnavailableException} when it cannot answer. */
public interface Directory {
    /** @param address a canonical address ({@link dev.kuvert.contracts.mail.MailAddress#toString()}) */
    RecipientResolution resolve(String address);

    /** The account when the credentials are right, empty when they are wrong (or the account is disabled). */
    Optional<AuthenticatedAccount> authenticate(String username, String password);
}
