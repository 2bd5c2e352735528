package dev.kuvert.smtp.spf;

import java.net.InetAddress;

/** Evaluates the SPF policy (RFC 7208) of a sender for a client address. Never throws: errors are {@code temperror}. */
public interface SpfChecker {
    /**
     * @param mailFrom the envelope sender, empty for the null sender (then the HELO name is checked)
     */
    SpfVerdict check(InetAddress client, String mailFrom, String helo);
}
