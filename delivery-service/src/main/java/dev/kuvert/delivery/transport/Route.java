package dev.kuvert.delivery.transport;

/** Which transport takes a recipient: mailbox-service for our accounts, SMTP for everyone else. */
public enum Route {
    LOCAL,
    REMOTE
}
