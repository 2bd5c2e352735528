package dev.kuvert.contracts;

/** Headers on calls between Kuvert services. The gateway strips all of them from outside requests. */
public final class KuvertHeaders {
    /** The service credential, derived from the platform secret; required on /internal/** and on proxied API calls. */
    public static final String SERVICE_CREDENTIAL = "X-Kuvert-Service";
    /** Name of the administrator on whose behalf the gateway forwards a request. */
    public static final String ADMIN = "X-Kuvert-Admin";
    /** Domains that administrator may see and change: {@value #ALL_DOMAINS} for a super-admin, else ASCII names, comma-separated. */
    public static final String ADMIN_DOMAINS = "X-Kuvert-Admin-Domains";
    public static final String ALL_DOMAINS = "*";

    private KuvertHeaders() {}
}
