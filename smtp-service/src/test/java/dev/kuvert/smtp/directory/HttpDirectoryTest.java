package dev.kuvert.smtp.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kuvert.contracts.directory.RecipientResolution;
import dev.kuvert.smtp.support.FakeMailboxService;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpDirectoryTest {
    private final FakeMailboxService mailbox = new FakeMailboxService().domain("example.test").account("bob@example.test", "pw", "info@example.test");
    private final HttpDirectory directory = new HttpDirectory(mailbox.client(Duration.ofSeconds(2)));

    HttpDirectoryTest() throws Exception {}

    @AfterEach
    void close() {
        mailbox.close();
    }

    @Test
    void resolvesRecipientsThroughTheInternalEndpoint() {
        assertThat(directory.resolve("bob@example.test").kind()).isEqualTo(RecipientResolution.Kind.ACCOUNT);
        assertThat(directory.resolve("info@example.test").kind()).isEqualTo(RecipientResolution.Kind.ALIAS);
        var unknown = directory.resolve("nobody@example.test");
        assertThat(unknown.kind()).isEqualTo(RecipientResolution.Kind.UNKNOWN);
        assertThat(unknown.localDomain()).isTrue();
        assertThat(directory.resolve("x@elsewhere.example").localDomain()).isFalse();
    }

    @Test
    void returnsTheAccountForRightCredentialsAndNothingFor401() {
        assertThat(directory.authenticate("bob@example.test", "pw")).get()
                .satisfies(account -> assertThat(account.sendAs()).containsExactly("bob@example.test", "info@example.test"));
        assertThat(directory.authenticate("bob@example.test", "wrong")).isEmpty();
    }

    @Test
    void reportsAFailingOrStoppedDirectoryAsUnavailable() {
        mailbox.failing(true);
        assertThatThrownBy(() -> directory.resolve("bob@example.test")).isInstanceOf(DirectoryUnavailableException.class);
        assertThatThrownBy(() -> directory.authenticate("bob@example.test", "pw")).isInstanceOf(DirectoryUnavailableException.class);
        mailbox.close();
        assertThatThrownBy(() -> directory.resolve("bob@example.test")).isInstanceOf(DirectoryUnavailableException.class);
    }
}
