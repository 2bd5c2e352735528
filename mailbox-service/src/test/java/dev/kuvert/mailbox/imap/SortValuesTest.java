package dev.kuvert.mailbox.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SortValuesTest {

    @Test
    void casemapShouldIgnoreCaseAndSortAccentedLettersWithTheirBaseLetter() {
        assertThat(SortValues.casemap("Hello")).isEqualTo(SortValues.casemap("hELLO")).isEqualTo("HELLO".getBytes());
        assertThat(SortValues.casemap("\u00e4rger")).isEqualTo(SortValues.casemap("\u00c4RGER"));
        assertThat(Arrays.compareUnsigned(SortValues.casemap("Apfel"), SortValues.casemap("\u00e4rger"))).isNegative();
        assertThat(Arrays.compareUnsigned(SortValues.casemap("\u00e4rger"), SortValues.casemap("Birne"))).isNegative();
    }

    @Test
    void reverseShouldTurnOnlyItsOwnKeyAndTiesShouldStayInMailboxOrder() {
        List<SortValues> values = new ArrayList<>(List.of(message(1, 300, "b"), message(2, 100, "a"), message(3, 100, "b"), message(4, 300, "b")));
        values.sort(SortValues.order(List.of(new SortRequest.Key(SortRequest.Criterion.SIZE, true))));
        assertThat(values).extracting(SortValues::number).containsExactly(1L, 4L, 2L, 3L);
        values.sort(SortValues.order(List.of(new SortRequest.Key(SortRequest.Criterion.SUBJECT, true),
                new SortRequest.Key(SortRequest.Criterion.SIZE, false))));
        assertThat(values).extracting(SortValues::number).containsExactly(3L, 1L, 4L, 2L);
    }

    private static SortValues message(long number, long size, String subject) {
        byte[] none = new byte[0];
        return new SortValues(number, 0, size, 0, none, none, SortValues.casemap(subject), none);
    }
}
