package dev.kuvert.support;

import dev.kuvert.contracts.KuvertHeaders;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The administrator on whose behalf the gateway forwarded an API request, with the domains that
 * administrator may manage. {@code domains == null} means every domain (a super-admin).
 */
public record ApiCaller(String admin, Set<String> domains) {

    public static ApiCaller superAdmin(String admin) {
        return new ApiCaller(admin, null);
    }

    static ApiCaller fromHeaders(String admin, String domainsHeader) {
        if (admin == null || admin.isBlank() || domainsHeader == null) {
            return null;
        }
        if (KuvertHeaders.ALL_DOMAINS.equals(domainsHeader.strip())) {
            return superAdmin(admin);
        }
        Set<String> domains = Arrays.stream(domainsHeader.split(","))
                .map(d -> d.strip().toLowerCase(Locale.ROOT))
                .filter(d -> !d.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        return new ApiCaller(admin, domains);
    }

    public boolean isSuperAdmin() {
        return domains == null;
    }

    public boolean canManage(String asciiDomain) {
        return domains == null || domains.contains(asciiDomain.toLowerCase(Locale.ROOT));
    }

    /** Throws 404 rather than 403 for a domain outside the caller's scope, so that its existence is not disclosed. */
    public void requireDomain(String asciiDomain, String notFoundDetail) {
        if (!canManage(asciiDomain)) {
            throw ApiProblem.notFound(notFoundDetail);
        }
    }

    public void requireSuperAdmin() {
        if (!isSuperAdmin()) {
            throw ApiProblem.forbidden("Only a super-administrator may do this.");
        }
    }
}
