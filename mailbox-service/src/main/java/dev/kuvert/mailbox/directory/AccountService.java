package dev.kuvert.mailbox.directory;

import dev.kuvert.contracts.directory.Account;
import dev.kuvert.contracts.directory.AccountPatch;
import dev.kuvert.contracts.directory.AccountRequest;
import dev.kuvert.contracts.directory.AuthenticatedAccount;
import dev.kuvert.contracts.mail.MailAddress;
import dev.kuvert.mailbox.MailboxProperties;
import dev.kuvert.support.ApiCaller;
import dev.kuvert.support.ApiProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class AccountService {
    private final Accounts accounts;
    private final Aliases aliases;
    private final DomainService domainService;
    private final PasswordEncoder passwords;
    private final ApplicationEventPublisher events;
    private final long defaultQuotaBytes;
    /** Compared against when the account does not exist, so that timing does not tell which addresses exist. */
    private final String decoyHash;

    AccountService(Accounts accounts, Aliases aliases, DomainService domainService, PasswordEncoder passwords,
            ApplicationEventPublisher events, MailboxProperties properties) {
        this.events = events;
        this.accounts = accounts;
        this.aliases = aliases;
        this.domainService = domainService;
        this.passwords = passwords;
        this.defaultQuotaBytes = properties.defaultQuotaBytes();
        this.decoyHash = passwords.encode("decoy-password-never-valid");
    }

    List<Account> list(ApiCaller caller, String domain) {
        List<Accounts.Row> rows = domain == null || domain.isBlank()
                ? accounts.all()
                : accounts.inDomain(domainService.require(caller, domain).name());
        return rows.stream().filter(a -> caller.canManage(a.domain())).map(AccountService::view).toList();
    }

    Account get(ApiCaller caller, String address) {
        return view(require(caller, address));
    }

    @Transactional
    Account create(ApiCaller caller, AccountRequest request) {
        MailAddress address = Validation.address("address", request.address());
        if (!caller.canManage(address.domain())) {
            throw ApiProblem.forbidden("You may not manage the domain '" + address.domain() + "'.");
        }
        Domains.Row domain = domainService.require(caller, address.domain());
        PasswordPolicy.check(request.password(), address.toString());
        String canonical = address.toString();
        if (accounts.find(canonical).isPresent()) {
            throw ApiProblem.conflict("The account '" + canonical + "' exists already.");
        }
        if (aliases.find(canonical).isPresent()) {
            throw ApiProblem.conflict("'" + canonical + "' is an alias already.");
        }
        long quota = request.quotaBytes() == null ? defaultQuotaBytes : request.quotaBytes();
        try {
            long id = accounts.insert(domain.id(), canonical, displayName(request.displayName()), passwords.encode(request.password()), quota);
            events.publishEvent(new AccountCreated(id, canonical));
        } catch (DuplicateKeyException raced) {
            throw ApiProblem.conflict("The account '" + canonical + "' exists already.");
        }
        return view(accounts.find(canonical).orElseThrow());
    }

    @Transactional
    Account update(ApiCaller caller, String address, AccountPatch patch) {
        Accounts.Row row = require(caller, address);
        String hash = row.passwordHash();
        if (patch.password() != null) {
            PasswordPolicy.check(patch.password(), row.address());
            hash = passwords.encode(patch.password());
        }
        accounts.update(row.id(),
                patch.displayName() != null ? displayName(patch.displayName()) : row.displayName(),
                hash,
                patch.quotaBytes() != null ? patch.quotaBytes() : row.quotaBytes(),
                patch.enabled() != null ? patch.enabled() : row.enabled());
        return view(accounts.find(row.address()).orElseThrow());
    }

    @Transactional
    void delete(ApiCaller caller, String address) {
        accounts.delete(require(caller, address).id());
    }

    /** Empty when the address is unknown, the account disabled or the password wrong. */
    Optional<AuthenticatedAccount> authenticate(String username, String password) {
        Optional<Accounts.Row> account;
        try {
            account = accounts.find(MailAddress.parse(username).toString());
        } catch (IllegalArgumentException e) {
            account = Optional.empty();
        }
        if (account.isEmpty() || password == null) {
            passwords.matches(password == null ? "" : password, decoyHash);
            return Optional.empty();
        }
        Accounts.Row row = account.get();
        if (!passwords.matches(password, row.passwordHash()) || !row.enabled()) {
            return Optional.empty();
        }
        List<String> sendAs = new ArrayList<>();
        sendAs.add(row.address());
        aliases.pointingTo(row.address()).stream().filter(a -> !a.startsWith("@")).forEach(sendAs::add);
        return Optional.of(new AuthenticatedAccount(row.address(), List.copyOf(sendAs)));
    }

    private Accounts.Row require(ApiCaller caller, String address) {
        String canonical;
        try {
            canonical = MailAddress.parse(address).toString();
        } catch (IllegalArgumentException e) {
            throw ApiProblem.notFound("No account '" + address + "'.");
        }
        Accounts.Row row = accounts.find(canonical).orElseThrow(() -> ApiProblem.notFound("No account '" + address + "'."));
        caller.requireDomain(row.domain(), "No account '" + address + "'.");
        return row;
    }

    private static String displayName(String input) {
        if (input == null || input.isBlank()) {
            return null;
        }
        String trimmed = input.strip();
        if (trimmed.length() > 200 || trimmed.chars().anyMatch(Character::isISOControl)) {
            throw ApiProblem.invalid("displayName", "The display name must be at most 200 printable characters.");
        }
        return trimmed;
    }

    private static Account view(Accounts.Row row) {
        return new Account(row.address(), row.domain(), row.displayName(), row.quotaBytes(), row.usedBytes(), row.enabled(),
                row.createdAt());
    }
}
