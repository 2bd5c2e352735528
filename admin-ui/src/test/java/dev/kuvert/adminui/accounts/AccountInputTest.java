package dev.kuvert.adminui.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class AccountInputTest {

    @Test
    void aLocalPartIsCompletedWithTheSelectedDomain() {
        assertThat(AccountInput.address(" anna ", "Example.COM")).isEqualTo("anna@example.com");
    }

    @Test
    void aFullAddressIsTakenAsTyped() {
        assertThat(AccountInput.address("anna@other.test", "example.com")).isEqualTo("anna@other.test");
    }

    @Test
    void nothingTypedStaysNothing() {
        assertThat(AccountInput.address("  ", "example.com")).isEmpty();
        assertThat(AccountInput.address(null, "example.com")).isEmpty();
    }

    @Test
    void quotaInMebibytesBecomesBytes() {
        assertThat(AccountInput.quotaBytes(1)).isEqualTo(1_048_576L);
        assertThat(AccountInput.quotaBytes(4096)).isEqualTo(4_294_967_296L);
        assertThat(AccountInput.quotaBytes(0)).isZero();
    }

    @Test
    void noQuotaMeansThePlatformDefault() {
        assertThat(AccountInput.quotaBytes(null)).isNull();
    }

    @Test
    void aNegativeQuotaIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> AccountInput.quotaBytes(-1));
    }

    @Test
    void aBlankDisplayNameIsNone() {
        assertThat(AccountInput.displayName("  ")).isNull();
        assertThat(AccountInput.displayName(" Anna ")).isEqualTo("Anna");
    }
}
