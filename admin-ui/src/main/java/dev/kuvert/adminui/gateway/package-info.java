/**
 * The portal's only way to the platform: HTTP clients for the gateway's REST API (the {@code contracts}
 * interfaces), the signed-in administrator's API token on every call, and gateway errors
 * (RFC 9457 problem details) turned into messages an administrator can act on.
 */
package dev.kuvert.adminui.gateway;
