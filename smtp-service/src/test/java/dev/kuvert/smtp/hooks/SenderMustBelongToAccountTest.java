package dev.kuvert.smtp.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kuvert.contracts.directory.AuthenticatedAccount;
import dev.kuvert.contracts.mail.MailAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class SenderMustBelongToAccountTest {
    private final AuthenticatedAccount alice = new AuthenticatedAccount("alice@example.test", List.of("alice@example.test", "Sales@Example.test"));

    @Test
    void ownsItsAddressItsAliasesAndTheirDetailForms() {
        assertThat(SenderMustBelongToAccount.owns(alice, MailAddress.parse("alice@example.test"))).isTrue();
        assertThat(SenderMustBelongToAccount.owns(alice, MailAddress.parse("ALICE@example.TEST"))).isTrue();
        assertThat(SenderMustBelongToAccount.owns(alice, MailAddress.parse("sales@example.test"))).isTrue();
        assertThat(SenderMustBelongToAccount.owns(alice, MailAddress.parse("alice+lists@example.test"))).isTrue();
    }

    @Test
    void ownsNothingElse() {
        assertThat(SenderMustBelongToAccount.owns(alice, MailAddress.parse("bob@example.test"))).isFalse();
        assertThat(SenderMustBelongToAccount.owns(alice, MailAddress.parse("alice@example.org"))).isFalse();
        assertThat(SenderMustBelongToAccount.owns(alice, MailAddress.parse("alicex@example.test"))).isFalse();
    }
}
