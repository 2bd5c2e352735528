package dev.kuvert.mailbox.store;

import dev.kuvert.mailbox.MailboxProperties;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
class StoreConfiguration {
    private static final Logger log = LoggerFactory.getLogger(StoreConfiguration.class);
    static final Duration ORPHAN_GRACE = Duration.ofHours(1);

    @Bean
    BlobStore blobStore(MailboxProperties properties) throws IOException {
        return new FileSystemBlobStore(properties.dataDir().toAbsolutePath().resolve("blobs"));
    }

    @Bean
    OrphanSweep orphanSweep(MessageStore store) {
        return new OrphanSweep(store);
    }

    static class OrphanSweep {
        private final MessageStore store;

        OrphanSweep(MessageStore store) {
            this.store = store;
        }

        @Scheduled(initialDelay = 300_000, fixedDelay = 600_000)
        void sweep() {
            int deleted = store.sweepOrphans(Instant.now().minus(ORPHAN_GRACE));
            if (deleted > 0) {
                log.info("Deleted {} message bodies no message refers to", deleted);
            }
        }
    }
}
