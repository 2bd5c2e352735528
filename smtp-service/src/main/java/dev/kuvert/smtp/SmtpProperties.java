package dev.kuvert.smtp;

import java.net.URI;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * smtp-service configuration, bound from the {@code KUVERT_*} environment (see application.yml).
 *
 * @param hostname the server's FQDN for the banner, HELO and Received headers
 * @param mailboxUrl mailbox-service, for authentication and recipient checks
 * @param deliveryUrl delivery-service, which queues accepted mail
 */
@ConfigurationProperties(prefix = "kuvert")
public record SmtpProperties(String hostname, Path dataDir, URI mailboxUrl, URI deliveryUrl) {}
