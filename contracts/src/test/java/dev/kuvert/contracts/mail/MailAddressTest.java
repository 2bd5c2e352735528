package dev.kuvert.contracts.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MailAddressTest {
    @Test
    void parseShouldLowerCaseAndConvertUnicodeDomainsToAscii() {
        MailAddress address = MailAddress.parse(" Alice.Smith@Bücher.Example ");
        assertThat(address.localPart()).isEqualTo("alice.smith");
        assertThat(address.domain()).isEqualTo("xn--bcher-kva.example");
        assertThat(address).hasToString("alice.smith@xn--bcher-kva.example");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not an address", "@example.test", "alice@", "alice@@example.test", ".alice@example.test",
            "al..ice@example.test", "alice@example", "alice@-bad-.test", "alice@1.2.3.4", "a\"b@example.test", "alice@exa mple.test"})
    void parseShouldRejectWhatIsNotAMailboxAddress(String input) {
        assertThatThrownBy(() -> MailAddress.parse(input)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parseShouldRejectLocalPartsLongerThan64() {
        assertThatThrownBy(() -> MailAddress.parse("a".repeat(65) + "@example.test"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(MailAddress.parse("a".repeat(64) + "@example.test").localPart()).hasSize(64);
    }

    @Test
    void withoutDetailShouldStripThePlusSuffix() {
        assertThat(MailAddress.parse("bob+lists@example.test").withoutDetail()).hasToString("bob@example.test");
        assertThat(MailAddress.parse("bob@example.test").withoutDetail()).hasToString("bob@example.test");
    }

    @Test
    void domainNamesShouldDropATrailingDotAndRoundTripToUnicode() {
        assertThat(DomainName.toAscii("Example.TEST.")).isEqualTo("example.test");
        assertThat(DomainName.toUnicode(DomainName.toAscii("bücher.example"))).isEqualTo("bücher.example");
    }
}
