package dev.kuvert.smtp.spf;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.james.jspf.impl.DNSServiceXBillImpl;
import org.apache.james.jspf.impl.SPF;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;

/**
 * SPF with Apache jSPF over dnsjava, asking the configured resolvers (or the system's). One evaluation
 * may take at most {@code timeout} in total; past it the result is {@code temperror}.
 */
public final class JspfChecker implements SpfChecker {
    private static final Logger log = LoggerFactory.getLogger(JspfChecker.class);
    private final SPF spf;
    private final Duration timeout;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    public JspfChecker(List<InetSocketAddress> servers, Duration timeout) {
        this.timeout = timeout;
        Resolver resolver = resolver(servers, timeout);
        this.spf = new SPF(new DNSServiceXBillImpl(resolver));
    }

    private static Resolver resolver(List<InetSocketAddress> servers, Duration timeout) {
        ExtendedResolver resolver = servers.isEmpty()
                ? new ExtendedResolver()
                : new ExtendedResolver(servers.stream().map(SimpleResolver::new).toArray(Resolver[]::new));
        Duration perQuery = timeout.dividedBy(3);
        resolver.setTimeout(perQuery.isZero() ? Duration.ofSeconds(1) : perQuery);
        resolver.setRetries(1);
        return resolver;
    }

    @Override
    public SpfVerdict check(InetAddress client, String mailFrom, String helo) {
        Future<String> result = executor.submit(() -> spf.checkSPF(client.getHostAddress(), mailFrom == null ? "" : mailFrom,
                helo == null ? "" : helo).getResult());
        try {
            return new SpfVerdict(result.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            result.cancel(true);
            log.debug("SPF check for {} timed out", mailFrom);
            return SpfVerdict.temperror();
        } catch (ExecutionException e) {
            log.debug("SPF check for {} failed", mailFrom, e.getCause());
            return SpfVerdict.temperror();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return SpfVerdict.temperror();
        }
    }
}
