package dev.kuvert.contracts.queue;

import java.util.List;

/**
 * The SMTP envelope of a message handed to delivery-service.
 *
 * @param mailFrom the reverse path; empty for the null sender {@code <>} (bounces), never null
 * @param recipients forward paths, canonical addresses, at most 100
 * @param clientAddress IP address of the SMTP client
 * @param helo the name the client gave in EHLO/HELO
 * @param authenticatedAccount the submitting account, or null when received as MX
 * @param port which listener accepted it: MX, SUBMISSION or SUBMISSIONS
 */
public record Envelope(
        String mailFrom, List<String> recipients, String clientAddress, String helo, String authenticatedAccount, String port) {
    public Envelope {
        mailFrom = mailFrom == null ? "" : mailFrom;
        recipients = List.copyOf(recipients);
    }

    public boolean isNullSender() {
        return mailFrom.isEmpty();
    }
}
