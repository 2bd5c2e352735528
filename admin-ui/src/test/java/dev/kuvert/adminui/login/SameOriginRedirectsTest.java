package dev.kuvert.adminui.login;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SameOriginRedirectsTest {

    @Test
    void anAbsoluteUrlKeepsOnlyItsPathAndQuery() {
        assertThat(SameOriginRedirects.pathAndQuery("http://127.0.0.1:8090/accounts/example.com?continue"))
                .isEqualTo("/accounts/example.com?continue");
    }

    @Test
    void aBareOriginBecomesTheRoot() {
        assertThat(SameOriginRedirects.pathAndQuery("http://127.0.0.1:8090")).isEqualTo("/");
        assertThat(SameOriginRedirects.pathAndQuery("http://127.0.0.1:8090?continue")).isEqualTo("/?continue");
    }

    @Test
    void encodingIsKept() {
        assertThat(SameOriginRedirects.pathAndQuery("http://h/accounts/b%C3%BCcher.test?x=a%26b"))
                .isEqualTo("/accounts/b%C3%BCcher.test?x=a%26b");
    }

    @Test
    void anotherSiteIsNeverTheTarget() {
        assertThat(SameOriginRedirects.pathAndQuery("https://evil.example/phish")).isEqualTo("/phish");
        assertThat(SameOriginRedirects.pathAndQuery("//evil.example/phish")).isEqualTo("/phish");
    }

    @Test
    void aPathStaysAsItIs() {
        assertThat(SameOriginRedirects.pathAndQuery("/domains")).isEqualTo("/domains");
    }

    @Test
    void garbageLeadsHome() {
        assertThat(SameOriginRedirects.pathAndQuery("http://h/a b")).isEqualTo("/");
    }
}
