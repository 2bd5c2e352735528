package dev.kuvert.contracts.directory;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * Body of {@code PUT /api/v1/domains/{name}/relay}: the smarthost that takes all outbound mail whose envelope sender
 * is in the domain, instead of the global one ({@code KUVERT_RELAY_*}) or the recipients' mail exchangers.
 *
 * @param host a host name or an IP address
 * @param tls {@code starttls}, {@code implicit} or {@code none}; absent: {@code implicit} on port 465, else {@code starttls}
 * @param username with {@code password}, or neither; credentials are never sent in clear, so not with {@code none}
 */
public record DomainRelayRequest(
        @NotBlank String host,
        @NotNull @Min(1) @Max(65535) Integer port,
        @Pattern(regexp = "starttls|implicit|none", message = "must be starttls, implicit or none") String tls,
        String username,
        String password) {

    @Override
    public String toString() {
        return "DomainRelayRequest[host=" + host + ", port=" + port + ", tls=" + tls + ", username=" + username
                + ", password=" + (password == null ? null : "(set)") + "]";
    }
}
