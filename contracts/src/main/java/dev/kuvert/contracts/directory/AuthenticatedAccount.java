package dev.kuvert.contracts.directory;

import java.util.List;

/**
 * A successful login. {@code sendAs} lists the envelope senders the account may use: its own address
 * and every alias it is a destination of.
 */
public record AuthenticatedAccount(String address, List<String> sendAs) {}
