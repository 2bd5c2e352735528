package dev.kuvert.mailbox.imap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BaseSubjectTest {

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, value = {
        "hello|hello",
        "Re: hello|hello",
        "RE: re: Re:hello|hello",
        "Fwd: hello|hello",
        "FW: hello|hello",
        "fw : hello|hello",
        "Re[2]: hello|hello",
        "Re [2]: hello|hello",
        "[list] Re: hello|hello",
        "Re: [list] hello|hello",
        "[list][other] Re: Fwd: [list] hello|hello",
        "hello (fwd)|hello",
        "hello (FWD) (fwd)   |hello",
        "[Fwd: hello]|hello",
        "[fwd: Re: [list] hello (fwd)]|hello",
        "Re: [Fwd: Re: hello]|hello",
        "   hello   world  |hello world",
        "Review: hello|Review: hello",
        "Fwdx: hello|Fwdx: hello",
        "Re hello|Re hello",
        "[list]|[list]",
        "Re: [list]|[list]",
        "[a] [b]|[b]",
        "[unclosed hello|[unclosed hello",
        "Re: |''",
        "''|''",
    })
    void baseSubjectShouldDropReplyAndForwardMarkersListTagsAndTrailers(String subject, String base) {
        assertThat(BaseSubject.of(subject)).isEqualTo(base);
    }

    @ParameterizedTest(name = "[{0}]")
    @CsvSource(delimiter = '|', value = {
        "Re:\\thello\\t\\tworld|hello world",
        "Re: hello\\r\\n world|hello world",
        "=?UTF-8?Q?Re=3A_Gr=C3=BC=C3=9Fe?=|Grüße",
        "=?ISO-8859-1?Q?Fwd:_caf=E9?= (fwd)|café",
        "Re: =?UTF-8?B?W2xpc3Rd?= hello|hello",
    })
    void baseSubjectShouldWorkOnTheDecodedUnfoldedSubject(String subject, String base) {
        assertThat(BaseSubject.of(subject.replace("\\t", "\t").replace("\\r\\n", "\r\n"))).isEqualTo(base);
    }
}
