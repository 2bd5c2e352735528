package dev.kuvert.delivery.bounce;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A delivery status notification (RFC 3464) as a {@code multipart/report; report-type=delivery-status}
 * message (RFC 6522): a part in plain words, the machine-readable {@code message/delivery-status}, and
 * the original message's header as {@code text/rfc822-headers}.
 */
public final class DeliveryStatusNotification {
    private static final DateTimeFormatter DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
    private static final Pattern ENHANCED = Pattern.compile("^\\d{3}\\s+([245])\\.(\\d{1,3})\\.(\\d{1,3})\\b");

    private DeliveryStatusNotification() {}

    /** What happened to one recipient. */
    public enum Action {
        FAILED,
        DELAYED
    }

    /**
     * @param originalRecipient the address as the sender wrote it, when it differs (an alias), else null
     * @param response the last reply, an SMTP-style text
     */
    public record Recipient(String recipient, String originalRecipient, String response, Instant lastAttempt) {}

    /**
     * @param reportingMta our host name
     * @param sender the envelope sender to whom the report goes
     * @param originalHeaders the header section of the message concerned, CRLF line ends
     */
    public record Report(String reportingMta, String queueId, String sender, Action action, List<Recipient> recipients,
            String originalHeaders, Instant arrivalDate, Instant now, Instant willRetryUntil) {}

    /** The whole message, CRLF line ends, 7-bit except for what the original header carried. */
    public static byte[] compose(Report report) {
        String boundary = report.queueId() + "/" + UUID.randomUUID().toString().substring(0, 8) + "/" + report.reportingMta();
        boolean failed = report.action() == Action.FAILED;
        StringBuilder m = new StringBuilder();
        m.append("From: Mail Delivery System <MAILER-DAEMON@").append(report.reportingMta()).append(">\r\n");
        m.append("To: <").append(report.sender()).append(">\r\n");
        m.append("Subject: ").append(failed ? "Undelivered Mail Returned to Sender" : "Delayed Mail (still being retried)").append("\r\n");
        m.append("Date: ").append(DATE.format(report.now())).append("\r\n");
        m.append("Message-ID: <").append(report.queueId()).append('.').append(UUID.randomUUID()).append('@')
                .append(report.reportingMta()).append(">\r\n");
        m.append("Auto-Submitted: auto-replied\r\n");
        m.append("MIME-Version: 1.0\r\n");
        m.append("Content-Type: multipart/report; report-type=delivery-status;\r\n\tboundary=\"").append(boundary).append("\"\r\n");
        m.append("\r\n");
        m.append("This is a MIME-encapsulated message.\r\n\r\n");

        m.append("--").append(boundary).append("\r\n");
        m.append("Content-Description: Notification\r\n");
        m.append("Content-Type: text/plain; charset=us-ascii\r\n\r\n");
        m.append("This is the mail system at host ").append(report.reportingMta()).append(".\r\n\r\n");
        if (failed) {
            m.append("I'm sorry to have to inform you that your message could not be delivered\r\n");
            m.append("to one or more recipients. The reasons are below; the header of your\r\n");
            m.append("message is attached.\r\n\r\n");
            m.append("Nothing more will be tried for these recipients. If you write to them again,\r\n");
            m.append("check the address, or ask their mail administrator about the reason given.\r\n\r\n");
        } else {
            m.append("Your message could not be delivered yet to the recipients below.\r\n");
            m.append("This is only a warning: you do not need to send the message again.\r\n");
            m.append("Delivery will be tried until ").append(DATE.format(report.willRetryUntil())).append(".\r\n\r\n");
        }
        for (Recipient r : report.recipients()) {
            m.append("<").append(r.recipient()).append(">");
            if (r.originalRecipient() != null) {
                m.append(" (sent to <").append(r.originalRecipient()).append(">)");
            }
            m.append(": ").append(ascii(r.response())).append("\r\n");
        }
        m.append("\r\n");

        m.append("--").append(boundary).append("\r\n");
        m.append("Content-Description: Delivery report\r\n");
        m.append("Content-Type: message/delivery-status\r\n\r\n");
        m.append("Reporting-MTA: dns; ").append(report.reportingMta()).append("\r\n");
        m.append("X-Kuvert-Queue-ID: ").append(report.queueId()).append("\r\n");
        if (report.arrivalDate() != null) {
            m.append("Arrival-Date: ").append(DATE.format(report.arrivalDate())).append("\r\n");
        }
        for (Recipient r : report.recipients()) {
            m.append("\r\n");
            m.append("Final-Recipient: rfc822; ").append(r.recipient()).append("\r\n");
            if (r.originalRecipient() != null) {
                m.append("Original-Recipient: rfc822; ").append(r.originalRecipient()).append("\r\n");
            }
            m.append("Action: ").append(failed ? "failed" : "delayed").append("\r\n");
            m.append("Status: ").append(status(r.response(), failed)).append("\r\n");
            m.append("Diagnostic-Code: smtp; ").append(ascii(r.response())).append("\r\n");
            if (r.lastAttempt() != null) {
                m.append("Last-Attempt-Date: ").append(DATE.format(r.lastAttempt())).append("\r\n");
            }
            if (!failed && report.willRetryUntil() != null) {
                m.append("Will-Retry-Until: ").append(DATE.format(report.willRetryUntil())).append("\r\n");
            }
        }
        m.append("\r\n");

        m.append("--").append(boundary).append("\r\n");
        m.append("Content-Description: Undelivered Message Headers\r\n");
        m.append("Content-Type: text/rfc822-headers\r\n\r\n");
        m.append(report.originalHeaders());
        if (!report.originalHeaders().endsWith("\r\n")) {
            m.append("\r\n");
        }
        m.append("\r\n--").append(boundary).append("--\r\n");
        return m.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The enhanced status code of a reply (RFC 3463), of the class the action calls for. */
    static String status(String response, boolean failed) {
        String text = response == null ? "" : response.strip();
        Matcher enhanced = ENHANCED.matcher(text);
        String klass = failed ? "5" : "4";
        if (enhanced.find()) {
            return klass + "." + enhanced.group(2) + "." + enhanced.group(3);
        }
        return klass + ".0.0";
    }

    /** Keeps a reply printable US-ASCII on one line (what goes into a header field). */
    static String ascii(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            out.append(c >= 32 && c < 127 ? c : (c == '\t' ? ' ' : '?'));
        }
        String line = out.toString().strip();
        return line.length() > 900 ? line.substring(0, 900) + "..." : line;
    }
}
