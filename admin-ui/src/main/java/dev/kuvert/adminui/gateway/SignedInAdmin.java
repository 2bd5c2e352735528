package dev.kuvert.adminui.gateway;

import java.io.Serializable;
import java.util.List;
import org.springframework.security.core.AuthenticatedPrincipal;

/**
 * The administrator signed in to the portal, as the gateway described them at sign-in.
 *
 * @param domains the domains this administrator manages; empty for a super-administrator (all domains)
 */
public record SignedInAdmin(String username, boolean superAdmin, List<String> domains)
        implements AuthenticatedPrincipal, Serializable {
    public SignedInAdmin {
        domains = domains == null ? List.of() : List.copyOf(domains);
    }

    @Override
    public String getName() {
        return username;
    }
}
