package dev.kuvert.smtp.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kuvert.contracts.directory.AuthenticatedAccount;
import dev.kuvert.contracts.directory.RecipientResolution;
import dev.kuvert.contracts.directory.RecipientResolution.Kind;
import dev.kuvert.smtp.directory.Directory;
import dev.kuvert.smtp.directory.DirectoryUnavailableException;
import dev.kuvert.smtp.support.TestSessions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.junit.jupiter.api.Test;

class LocalRecipientPolicyTest {
    private final Directory directory = new Directory() {
        @Override
        public RecipientResolution resolve(String address) {
            return switch (address) {
                case "bob@example.test" -> resolution(address, Kind.ACCOUNT, true, false);
                case "sales@example.test" -> resolution(address, Kind.ALIAS, true, false);
                case "full@example.test" -> resolution(address, Kind.ACCOUNT, true, true);
                case "down@example.test" -> throw new DirectoryUnavailableException("down", null);
                default -> resolution(address, Kind.UNKNOWN, address.endsWith("@example.test"), false);
            };
        }

        @Override
        public Optional<AuthenticatedAccount> authenticate(String username, String password) {
            return Optional.empty();
        }
    };
    private final LocalRecipientPolicy policy = new LocalRecipientPolicy(directory);

    private static RecipientResolution resolution(String address, Kind kind, boolean local, boolean full) {
        return new RecipientResolution(address, kind, local, kind == Kind.UNKNOWN ? List.of() : List.of(address), List.of(), full);
    }

    private HookResult rcpt(SMTPSession session, String recipient) throws Exception {
        return policy.doRcpt(session, MaybeSender.nullSender(), new MailAddress(recipient), Map.of());
    }

    @Test
    void acceptsAccountsAndAliasesOfLocalDomainsCaseInsensitively() throws Exception {
        SMTPSession session = TestSessions.plain("192.0.2.1");
        assertThat(rcpt(session, "bob@example.test")).isEqualTo(LocalRecipientPolicy.ACCEPTED);
        assertThat(rcpt(session, "Bob@EXAMPLE.test")).isEqualTo(LocalRecipientPolicy.ACCEPTED);
        assertThat(rcpt(session, "sales@example.test")).isEqualTo(LocalRecipientPolicy.ACCEPTED);
    }

    @Test
    void refusesUnknownLocalUsersWith550_5_1_1() throws Exception {
        assertThat(rcpt(TestSessions.plain("192.0.2.1"), "nobody@example.test").getSmtpDescription()).startsWith("5.1.1");
    }

    @Test
    void refusesRelayingForUnauthenticatedSessionsWith550_5_7_1() throws Exception {
        HookResult result = rcpt(TestSessions.plain("192.0.2.1"), "someone@elsewhere.example");
        assertThat(result.getSmtpRetCode()).isEqualTo("550");
        assertThat(result.getSmtpDescription()).startsWith("5.7.1");
    }

    @Test
    void refusesAddressLiteralsAndQuotedLocalPartsForUnauthenticatedSessionsAsRelaying() throws Exception {
        assertThat(rcpt(TestSessions.plain("192.0.2.1"), "x@[192.0.2.9]")).isEqualTo(LocalRecipientPolicy.RELAY_DENIED);
        assertThat(rcpt(TestSessions.plain("192.0.2.1"), "\"a b\"@elsewhere.example")).isEqualTo(LocalRecipientPolicy.RELAY_DENIED);
    }

    @Test
    void relaysForAuthenticatedSessions() throws Exception {
        SMTPSession session = TestSessions.tls("192.0.2.1");
        session.setRelayingAllowed(true);
        assertThat(rcpt(session, "someone@elsewhere.example")).isEqualTo(LocalRecipientPolicy.ACCEPTED);
        assertThat(rcpt(session, "nobody@example.test")).isEqualTo(LocalRecipientPolicy.UNKNOWN_USER);
    }

    @Test
    void refusesAFullMailboxWith552_5_2_2() throws Exception {
        HookResult result = rcpt(TestSessions.plain("192.0.2.1"), "full@example.test");
        assertThat(result.getSmtpRetCode()).isEqualTo("552");
        assertThat(result.getSmtpDescription()).startsWith("5.2.2");
    }

    @Test
    void answersTemporarilyWhenTheDirectoryIsDown() throws Exception {
        HookResult result = rcpt(TestSessions.plain("192.0.2.1"), "down@example.test");
        assertThat(result.getSmtpRetCode()).isEqualTo("451");
        assertThat(result.getSmtpDescription()).startsWith("4.3.0");
    }
}
