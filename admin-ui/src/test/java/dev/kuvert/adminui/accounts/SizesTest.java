package dev.kuvert.adminui.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SizesTest {

    @Test
    void bytesBelowOneKibibyteAreExact() {
        assertThat(Sizes.format(0)).isEqualTo("0 B");
        assertThat(Sizes.format(1023)).isEqualTo("1023 B");
    }

    @Test
    void largerSizesUseBinaryUnitsWithOneDecimal() {
        assertThat(Sizes.format(1024)).isEqualTo("1 KiB");
        assertThat(Sizes.format(1536)).isEqualTo("1.5 KiB");
        assertThat(Sizes.format(1024L * 1024 * 1024)).isEqualTo("1 GiB");
        assertThat(Sizes.format(5L * 1024 * 1024 * 1024 / 2)).isEqualTo("2.5 GiB");
        assertThat(Sizes.format(250L * 1024 * 1024)).isEqualTo("250 MiB");
    }

    @Test
    void roundingUpToTheNextUnitShowsTheNextUnit() {
        assertThat(Sizes.format(1024L * 1024 - 1)).isEqualTo("1 MiB");
    }

    @Test
    void aQuotaOfZeroIsTheDefault() {
        assertThat(Sizes.quota(0)).isEqualTo("default");
        assertThat(Sizes.quota(1024L * 1024 * 1024)).isEqualTo("1 GiB");
    }

    @Test
    void usageShowsTheShareOfTheQuota() {
        assertThat(Sizes.usage(256L * 1024 * 1024, 1024L * 1024 * 1024)).isEqualTo("256 MiB (25 %)");
        assertThat(Sizes.usage(2048, 0)).isEqualTo("2 KiB");
    }
}
