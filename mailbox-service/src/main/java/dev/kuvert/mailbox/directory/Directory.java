package dev.kuvert.mailbox.directory;

import dev.kuvert.contracts.directory.AuthenticatedAccount;
import dev.kuvert.contracts.mail.MailAddress;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The directory as the rest of mailbox-service (store, POP3, IMAP) sees it. */
@Component
public class Directory {
    private final Accounts accounts;
    private final AccountService accountService;

    Directory(Accounts accounts, AccountService accountService) {
        this.accounts = accounts;
        this.accountService = accountService;
    }

    /** A mail account by address (any case), or empty. */
    public Optional<AccountRef> account(String address) {
        try {
            return accounts.find(MailAddress.parse(address).toString()).map(row -> new AccountRef(row.id(), row.address(), row.enabled()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public Optional<AuthenticatedAccount> authenticate(String username, String password) {
        return accountService.authenticate(username, password);
    }

    public record AccountRef(long id, String address, boolean enabled) {}
}
