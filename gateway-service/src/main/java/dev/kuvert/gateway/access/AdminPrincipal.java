package dev.kuvert.gateway.access;

import dev.kuvert.contracts.KuvertHeaders;
import java.util.List;
import java.util.Set;

/**
 * An authenticated API caller: an administrator, reached by password or through one of its tokens.
 *
 * @param domains the ASCII domains a domain administrator manages; ignored for a super-admin
 * @param tokenId the token used, or null for a password login
 */
public record AdminPrincipal(long id, String username, boolean superAdmin, Set<String> domains, String tokenId) {

    /** The value of {@link KuvertHeaders#ADMIN_DOMAINS} forwarded to the services. */
    public String domainScope() {
        return superAdmin ? KuvertHeaders.ALL_DOMAINS : String.join(",", domains);
    }

    List<String> sortedDomains() {
        return superAdmin ? List.of() : domains.stream().sorted().toList();
    }

    void requireSuperAdmin() {
        if (!superAdmin) {
            throw dev.kuvert.support.ApiProblem.forbidden("Only a super-administrator may do this.");
        }
    }

    AdminPrincipal viaToken(String token) {
        return new AdminPrincipal(id, username, superAdmin, domains, token);
    }
}
