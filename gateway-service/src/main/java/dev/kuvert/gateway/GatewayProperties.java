package dev.kuvert.gateway;

import java.net.URI;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * gateway-service configuration, bound from the {@code KUVERT_*} environment (see application.yml).
 *
 * @param adminUser the bootstrap super-administrator
 * @param adminPassword its password; when empty one is generated once and written to {@code dataDir/admin-password}
 */
@ConfigurationProperties(prefix = "kuvert")
public record GatewayProperties(
        Path dataDir, String adminUser, String adminPassword, URI mailboxUrl, URI deliveryUrl, URI adminUiUrl) {}
