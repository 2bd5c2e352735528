package dev.kuvert.smtp.server;

/** smtp-service's three listeners; the name is what the queue envelope records as {@code port}. */
public enum Listener {
    /** Port 25 (2525 embedded): mail for local domains from anyone, STARTTLS offered, no AUTH. */
    MX(false, false),
    /** Port 587 (2587): submission with STARTTLS; AUTH required, only under TLS. */
    SUBMISSION(true, false),
    /** Port 465 (2465): submission over implicit TLS. */
    SUBMISSIONS(true, true);

    private final boolean submission;
    private final boolean implicitTls;

    Listener(boolean submission, boolean implicitTls) {
        this.submission = submission;
        this.implicitTls = implicitTls;
    }

    public boolean submission() {
        return submission;
    }

    public boolean implicitTls() {
        return implicitTls;
    }
}
