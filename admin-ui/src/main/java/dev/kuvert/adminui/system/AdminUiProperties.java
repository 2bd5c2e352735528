package dev.kuvert.adminui.system;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The portal's configuration.
 *
 * @param gatewayUrl where the gateway's REST API lives; every call goes there, with the signed-in administrator's rights
 * @param sessionTokenLifetime lifetime of the API token created at sign-in; the portal session ends with it at the latest
 */
@Validated
@ConfigurationProperties(prefix = "kuvert")
public record AdminUiProperties(@NotNull URI gatewayUrl, @DefaultValue("12h") Duration sessionTokenLifetime) {}
