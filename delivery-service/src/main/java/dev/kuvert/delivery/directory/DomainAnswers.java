package dev.kuvert.delivery.directory;

import dev.kuvert.support.ExpiringCache;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClientException;

/**
 * What the directory says about a domain (its DKIM key, its own relay), asked through an internal endpoint and kept
 * for a while. A 404 (the domain is not ours, or has nothing of the kind) is an answer, kept as empty; any other
 * failure is {@link Unavailable} and is not kept, so that the next attempt asks again.
 *
 * @param <V> what is asked for
 */
public final class DomainAnswers<V> {
    private static final int LIMIT = 10_000;
    private final String what;
    private final Function<String, Optional<V>> ask;
    private final ExpiringCache<String, Optional<V>> cache;

    /**
     * @param what names the answer in failures ("the DKIM key")
     * @param ask asks the directory about a lower-case domain; a {@link HttpClientErrorException.NotFound} means none
     */
    public DomainAnswers(String what, Function<String, Optional<V>> ask, Clock clock, Duration keepFor) {
        this.what = what;
        this.ask = ask;
        this.cache = new ExpiringCache<>(keepFor, LIMIT, clock);
    }

    /** Thrown when the directory cannot say now. */
    public static final class Unavailable extends RuntimeException {
        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Deliveries asking about one domain at once share one question to the directory. */
    public Optional<V> get(String domain) {
        return cache.get(domain.toLowerCase(Locale.ROOT), this::askDirectory);
    }

    private Optional<V> askDirectory(String name) {
        try {
            return ask.apply(name);
        } catch (HttpClientErrorException e) {
            if (!e.getStatusCode().isSameCodeAs(HttpStatus.NOT_FOUND)) {
                throw new Unavailable("the directory refused " + what + " of " + name + ": " + e.getStatusCode(), e);
            }
            return Optional.empty();
        } catch (RestClientException e) {
            throw new Unavailable("the directory is not available for " + what + " of " + name, e);
        }
    }
}
