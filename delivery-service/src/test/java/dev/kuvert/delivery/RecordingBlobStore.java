package dev.kuvert.delivery;

import dev.kuvert.delivery.spool.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The service's own blob store, unchanged, remembering which blobs the queue released: a segment keeps
 * released blobs readable until the whole segment goes, so "the queue gave the body back" cannot be
 * read off the disk.
 */
public final class RecordingBlobStore implements BlobStore {
    private final BlobStore store;
    private final Set<String> released = ConcurrentHashMap.newKeySet();

    RecordingBlobStore(BlobStore store) {
        this.store = store;
    }

    public boolean released(String key) {
        return released.contains(key);
    }

    @Override
    public StoredBlob write(InputStream content, long maxBytes) throws IOException {
        return store.write(content, maxBytes);
    }

    @Override
    public void sync(Collection<String> keys) throws IOException {
        store.sync(keys);
    }

    @Override
    public InputStream open(String key) throws IOException {
        return store.open(key);
    }

    @Override
    public boolean exists(String key) {
        return store.exists(key);
    }

    @Override
    public void release(String key) throws IOException {
        store.release(key);
        released.add(key);
    }

    @Override
    public List<String> containersIdleSince(Instant cutoff, int max) throws IOException {
        return store.containersIdleSince(cutoff, max);
    }

    @Override
    public void deleteContainer(String container) throws IOException {
        store.deleteContainer(container);
    }

    @Override
    public int purgeUnfinishedWrites(Instant cutoff) throws IOException {
        return store.purgeUnfinishedWrites(cutoff);
    }

    /** Wraps the service's blob store bean. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Wrapping {
        @Bean
        static BeanPostProcessor recordingBlobStore() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String beanName) {
                    return bean instanceof BlobStore store && !(bean instanceof RecordingBlobStore) ? new RecordingBlobStore(store) : bean;
                }
            };
        }
    }
}
