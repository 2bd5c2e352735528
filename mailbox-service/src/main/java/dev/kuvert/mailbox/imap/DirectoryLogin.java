package dev.kuvert.mailbox.imap;

import dev.kuvert.contracts.directory.AuthenticatedAccount;
import dev.kuvert.mailbox.directory.Directory;
import dev.kuvert.protocol.AuthThrottle;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.apache.james.core.Username;
import org.apache.james.imap.api.ImapConfiguration;
import org.apache.james.imap.api.ImapMessage;
import org.apache.james.imap.api.ImapSessionState;
import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.request.ImapRequest;
import org.apache.james.imap.api.message.response.StatusResponse.ResponseCode;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapProcessor;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.request.AuthenticateRequest;
import org.apache.james.imap.message.request.IRAuthenticateRequest;
import org.apache.james.imap.message.request.LoginRequest;
import org.apache.james.imap.message.response.AuthenticateResponse;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * LOGIN and AUTHENTICATE PLAIN (RFC 3501, RFC 4616, SASL-IR) against the directory, throttled like
 * SMTP and POP3 by client address and account. Only under TLS (the server announces LOGINDISABLED
 * before it). A failed attempt is answered after the throttle's delay, without blocking a thread.
 * The session's user is the account's canonical address, whatever case the client typed.
 */
class DirectoryLogin implements ImapProcessor {
    static final String CLIENT_ADDRESS = "kuvert.client-address";
    private static final Logger log = LoggerFactory.getLogger(DirectoryLogin.class);
    private static final HumanReadableText THROTTLED = new HumanReadableText("kuvert.imap.throttled", "Too many failed logins; try again later.");
    private static final HumanReadableText FAILED = new HumanReadableText("kuvert.imap.failed", "Authentication failed.");
    private static final HumanReadableText UNAVAILABLE = new HumanReadableText("kuvert.imap.unavailable", "Login is not possible right now.");
    private static final HumanReadableText PRIVACY = new HumanReadableText("kuvert.imap.privacy", "Use STARTTLS first, or the IMAPS port.");
    /** RFC 5530 response codes. */
    private static final ResponseCode AUTHENTICATIONFAILED = ResponseCode.createExtension("AUTHENTICATIONFAILED");
    private static final ResponseCode UNAVAILABLE_CODE = ResponseCode.createExtension("UNAVAILABLE");
    private static final ResponseCode PRIVACYREQUIRED = ResponseCode.createExtension("PRIVACYREQUIRED");
    private final Directory directory;
    private final AuthThrottle throttle;
    private final MailboxManager mailboxManager;
    private final StatusResponseFactory responses;

    DirectoryLogin(Directory directory, AuthThrottle throttle, MailboxManager mailboxManager, StatusResponseFactory responses) {
        this.directory = directory;
        this.throttle = throttle;
        this.mailboxManager = mailboxManager;
        this.responses = responses;
    }

    static boolean handles(Object message) {
        return message instanceof LoginRequest || message instanceof AuthenticateRequest;
    }

    @Override
    public Mono<Void> processReactive(ImapMessage message, Responder responder, ImapSession session) {
        ImapRequest request = (ImapRequest) message;
        if (session.getState() != ImapSessionState.NON_AUTHENTICATED) {
            responder.respond(responses.taggedBad(request.getTag(), request.getCommand(), HumanReadableText.INVALID_COMMAND));
            return Mono.empty();
        }
        if (session.isPlainAuthDisallowed()) {
            responder.respond(responses.taggedNo(request.getTag(), request.getCommand(), PRIVACY, PRIVACYREQUIRED));
            return Mono.empty();
        }
        if (message instanceof LoginRequest login) {
            return login(request, login.getUserid().asString(), login.getPassword(), responder, session);
        }
        AuthenticateRequest authenticate = (AuthenticateRequest) message;
        if (!authenticate.getAuthType().equalsIgnoreCase("PLAIN")) {
            responder.respond(responses.taggedNo(request.getTag(), request.getCommand(), HumanReadableText.UNSUPPORTED_AUTHENTICATION_MECHANISM));
            return Mono.empty();
        }
        if (authenticate instanceof IRAuthenticateRequest initial) {
            return plain(request, initial.getInitialClientResponse(), responder, session);
        }
        session.executeSafely(() -> {
            responder.respond(new AuthenticateResponse());
            responder.flush();
            session.pushLineHandler((lineSession, data) -> {
                lineSession.popLineHandler();
                String line = new String(data, StandardCharsets.US_ASCII).strip();
                plain(request, line, responder, lineSession).doFinally(signal -> responder.flush()).subscribe();
            });
        });
        return Mono.empty();
    }

    private Mono<Void> plain(ImapRequest request, String initialResponse, Responder responder, ImapSession session) {
        if (initialResponse.equals("*")) {
            responder.respond(responses.taggedBad(request.getTag(), request.getCommand(), HumanReadableText.AUTHENTICATION_FAILED));
            return Mono.empty();
        }
        String[] fields;
        try {
            fields = new String(Base64.getDecoder().decode(initialResponse), StandardCharsets.UTF_8).split("\0", -1);
        } catch (IllegalArgumentException e) {
            fields = new String[0];
        }
        if (fields.length != 3 || (!fields[0].isEmpty() && !fields[0].equalsIgnoreCase(fields[1]))) {
            return refuse(request, null, responder, session);
        }
        return login(request, fields[1], fields[2], responder, session);
    }

    private Mono<Void> login(ImapRequest request, String user, String password, Responder responder, ImapSession session) {
        String client = Optional.ofNullable((String) session.getAttribute(CLIENT_ADDRESS)).orElse("unknown");
        if (throttle.isLocked(client, user)) {
            responder.respond(responses.taggedNo(request.getTag(), request.getCommand(), THROTTLED, AUTHENTICATIONFAILED));
            return Mono.empty();
        }
        return Mono.fromCallable(() -> directory.authenticate(user, password))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(account -> {
                    if (account.isEmpty()) {
                        return refuse(request, user, responder, session);
                    }
                    throttle.succeeded(user);
                    return Mono.fromCallable(() -> {
                        succeed(request, account.get(), responder, session);
                        return account;
                    });
                })
                .onErrorResume(e -> {
                    log.warn("IMAP login failed", e);
                    responder.respond(responses.taggedNo(request.getTag(), request.getCommand(), UNAVAILABLE, UNAVAILABLE_CODE));
                    return Mono.empty();
                })
                .then();
    }

    private void succeed(ImapRequest request, AuthenticatedAccount account, Responder responder, ImapSession session)
            throws org.apache.james.mailbox.exception.MailboxException {
        MailboxSession mailboxSession = mailboxManager.authenticate(Username.of(account.address())).withoutDelegation();
        session.authenticated();
        session.setMailboxSession(mailboxSession);
        responder.respond(responses.taggedOk(request.getTag(), request.getCommand(), HumanReadableText.COMPLETED));
        responder.flush();
        session.stopDetectingCommandInjection();
    }

    private Mono<Void> refuse(ImapRequest request, String user, Responder responder, ImapSession session) {
        String client = Optional.ofNullable((String) session.getAttribute(CLIENT_ADDRESS)).orElse("unknown");
        Duration delay = throttle.failed(client, user);
        return Mono.delay(delay)
                .doOnNext(tick -> responder.respond(responses.taggedNo(request.getTag(), request.getCommand(), FAILED, AUTHENTICATIONFAILED)))
                .then();
    }

    @Override
    public void configure(ImapConfiguration imapConfiguration) {
        // nothing to configure
    }
}
