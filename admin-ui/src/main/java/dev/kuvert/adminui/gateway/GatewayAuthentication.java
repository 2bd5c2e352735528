package dev.kuvert.adminui.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A portal session: the administrator the gateway accepted, and the session's API token. The
 * password typed at sign-in is not kept; only the token is, and only in the server-side session.
 */
public final class GatewayAuthentication extends AbstractAuthenticationToken {
    private final SignedInAdmin admin;
    private final SessionToken token;

    public GatewayAuthentication(SignedInAdmin admin, SessionToken token) {
        super(authorities(admin));
        this.admin = Objects.requireNonNull(admin);
        this.token = Objects.requireNonNull(token);
        setAuthenticated(true);
    }

    private static List<GrantedAuthority> authorities(SignedInAdmin admin) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        authorities.add(new SimpleGrantedAuthority("ROLE_ADMIN"));
        if (admin.superAdmin()) {
            authorities.add(new SimpleGrantedAuthority("ROLE_SUPER_ADMIN"));
        }
        return authorities;
    }

    @Override
    public SignedInAdmin getPrincipal() {
        return admin;
    }

    /** Nothing: the password is gone; the token is {@link #token()}. */
    @Override
    public Object getCredentials() {
        return null;
    }

    public SessionToken token() {
        return token;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof GatewayAuthentication that && super.equals(that) && token.equals(that.token);
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + token.hashCode();
    }
}
