package dev.kuvert.gateway.access;

import dev.kuvert.contracts.access.Admin;
import dev.kuvert.contracts.access.AdminRequest;
import dev.kuvert.contracts.access.ApiToken;
import dev.kuvert.contracts.access.TokenCreated;
import dev.kuvert.contracts.access.TokenRequest;
import dev.kuvert.contracts.mail.DomainName;
import dev.kuvert.support.ApiProblem;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Administrators and their API tokens. Password checks are deliberately slow (bcrypt), so a
 * successful Basic login is remembered for a minute under a hash of the credentials; any change to
 * administrators or tokens forgets them all.
 */
@Service
public class AccessService {
    static final String TOKEN_PREFIX = "kvt_";
    private static final Duration CREDENTIAL_CACHE = Duration.ofSeconds(60);
    private static final Duration TOKEN_TOUCH_INTERVAL = Duration.ofMinutes(1);
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{1,63}");
    private final Admins admins;
    private final ApiTokens tokens;
    private final PasswordEncoder passwords;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Cached> verified = new ConcurrentHashMap<>();
    private final String decoyHash;

    private record Cached(AdminPrincipal principal, Instant until) {}

    AccessService(Admins admins, ApiTokens tokens, PasswordEncoder passwords) {
        this.admins = admins;
        this.tokens = tokens;
        this.passwords = passwords;
        this.decoyHash = passwords.encode("decoy-password-never-valid");
    }

    public Optional<AdminPrincipal> authenticatePassword(String username, String password) {
        String key = sha256(username + "\u0000" + password);
        Cached cached = verified.get(key);
        Instant now = Instant.now();
        if (cached != null && cached.until().isAfter(now)) {
            return Optional.of(cached.principal());
        }
        Optional<Admins.Row> admin = admins.find(username);
        if (admin.isEmpty()) {
            passwords.matches(password, decoyHash);
            return Optional.empty();
        }
        if (!passwords.matches(password, admin.get().passwordHash())) {
            return Optional.empty();
        }
        if (verified.size() > 10_000) {
            verified.clear();
        }
        AdminPrincipal principal = admin.get().principal();
        verified.put(key, new Cached(principal, now.plus(CREDENTIAL_CACHE)));
        return Optional.of(principal);
    }

    public Optional<AdminPrincipal> authenticateToken(String token) {
        if (token == null || !token.startsWith(TOKEN_PREFIX) || token.length() > 200) {
            return Optional.empty();
        }
        Instant now = Instant.now();
        return tokens.findByHash(sha256(token))
                .filter(row -> row.token().expiresAt() == null || row.token().expiresAt().isAfter(now))
                .flatMap(row -> {
                    Instant lastUsed = row.token().lastUsedAt();
                    if (lastUsed == null || lastUsed.plus(TOKEN_TOUCH_INTERVAL).isBefore(now)) {
                        tokens.touch(row.token().id(), now);
                    }
                    return admins.findById(row.adminId()).map(a -> a.principal().viaToken(row.token().id()));
                });
    }

    @Transactional
    public TokenCreated createToken(AdminPrincipal owner, TokenRequest request) {
        String name = request.name().strip();
        if (name.length() > 100) {
            throw ApiProblem.invalid("name", "A token name has at most 100 characters.");
        }
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        String id = randomId();
        Instant expiresAt = request.lifetimeSeconds() == null ? null : Instant.now().plusSeconds(request.lifetimeSeconds());
        tokens.deleteExpired(Instant.now());
        tokens.insert(id, owner.id(), name, sha256(token), expiresAt);
        return new TokenCreated(id, name, token, expiresAt);
    }

    public List<ApiToken> tokens(AdminPrincipal caller) {
        return (caller.superAdmin() ? tokens.all() : tokens.ofAdmin(caller.id())).stream().map(ApiTokens.Row::token).toList();
    }

    @Transactional
    public void revokeToken(AdminPrincipal caller, String id) {
        ApiTokens.Row row = tokens.find(id)
                .filter(t -> caller.superAdmin() || t.adminId() == caller.id())
                .orElseThrow(() -> ApiProblem.notFound("No token '" + id + "'."));
        tokens.delete(row.token().id());
    }

    public List<Admin> admins(AdminPrincipal caller) {
        caller.requireSuperAdmin();
        return admins.all().stream().map(AccessService::view).toList();
    }

    @Transactional
    public Admin createAdmin(AdminPrincipal caller, AdminRequest request) {
        caller.requireSuperAdmin();
        String username = request.username().strip();
        if (!USERNAME.matcher(username).matches()) {
            throw ApiProblem.invalid("username", "A username has 2 to 64 letters, digits, '.', '_', '-' or '@'.");
        }
        if (request.password().length() < 10) {
            throw ApiProblem.invalid("password", "The password must have at least 10 characters.");
        }
        Set<String> domains = new LinkedHashSet<>();
        for (String domain : request.domains() == null ? List.<String>of() : request.domains()) {
            try {
                domains.add(DomainName.toAscii(domain));
            } catch (IllegalArgumentException e) {
                throw ApiProblem.invalid("domains", e.getMessage());
            }
        }
        if (domains.isEmpty()) {
            throw ApiProblem.invalid("domains", "A domain administrator needs at least one domain.");
        }
        if (admins.find(username).isPresent()) {
            throw ApiProblem.conflict("The administrator '" + username + "' exists already.");
        }
        try {
            admins.insert(username, passwords.encode(request.password()), false, domains);
        } catch (DuplicateKeyException raced) {
            throw ApiProblem.conflict("The administrator '" + username + "' exists already.");
        }
        verified.clear();
        return view(admins.find(username).orElseThrow());
    }

    @Transactional
    public void deleteAdmin(AdminPrincipal caller, String username) {
        caller.requireSuperAdmin();
        Admins.Row row = admins.find(username).orElseThrow(() -> ApiProblem.notFound("No administrator '" + username + "'."));
        if (row.id() == caller.id()) {
            throw ApiProblem.conflict("You cannot delete yourself.");
        }
        admins.delete(row.id());
        verified.clear();
    }

    /** Creates the bootstrap super-administrator, or resets its password to the configured one. */
    @Transactional
    public boolean ensureSuperAdmin(String username, String password) {
        Optional<Admins.Row> existing = admins.find(username);
        if (existing.isEmpty()) {
            admins.insert(username, passwords.encode(password), true, Set.of());
            return true;
        }
        if (!passwords.matches(password, existing.get().passwordHash())) {
            admins.updatePassword(existing.get().id(), passwords.encode(password));
            verified.clear();
        }
        return false;
    }

    private String randomId() {
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Admin view(Admins.Row row) {
        return new Admin(row.username(), row.superAdmin(), row.superAdmin() ? List.of() : row.domains().stream().sorted().toList(),
                row.createdAt());
    }
}
