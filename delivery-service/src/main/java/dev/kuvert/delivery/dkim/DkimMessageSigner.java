package dev.kuvert.delivery.dkim;

import dev.kuvert.delivery.spool.BlobStore;
import dev.kuvert.delivery.transport.Delivery;
import dev.kuvert.delivery.transport.smtp.CrlfInputStream;
import dev.kuvert.delivery.transport.smtp.MessageSigner;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Optional;

/**
 * Signs outbound mail that our users submitted (an authenticated account) with the key of the From
 * domain, or else of the envelope sender's domain, when that domain is ours. Mail that came in as MX and
 * goes out again (an alias forwarding to a remote address) is passed on as it is: we do not vouch for it.
 */
public final class DkimMessageSigner implements MessageSigner {
    private final DkimKeys keys;
    private final BlobStore blobs;
    private final Clock clock;

    public DkimMessageSigner(DkimKeys keys, BlobStore blobs, Clock clock) {
        this.keys = keys;
        this.blobs = blobs;
        this.clock = clock;
    }

    @Override
    public String signatureHeader(Delivery delivery) {
        if (delivery.authenticatedAccount() == null) {
            return null;
        }
        try {
            HeaderSection headers;
            try (InputStream in = new CrlfInputStream(blobs.open(delivery.blobKey()))) {
                headers = HeaderSection.read(in);
            }
            Optional<DkimSigner.Key> key = headers.fromDomain().flatMap(keys::forDomain);
            if (key.isEmpty() && delivery.sender().contains("@")) {
                key = keys.forDomain(delivery.sender().substring(delivery.sender().lastIndexOf('@') + 1));
            }
            if (key.isEmpty()) {
                return null;
            }
            try (InputStream in = new CrlfInputStream(blobs.open(delivery.blobKey()))) {
                return DkimSigner.sign(in, key.get(), clock.instant());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
