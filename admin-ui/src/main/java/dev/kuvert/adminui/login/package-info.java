/**
 * Signing in and out. The administrators live in the gateway: a sign-in checks the typed user name
 * and password with {@code GET /api/v1/me}, then creates an API token for the session and keeps
 * only that; signing out revokes it.
 */
package dev.kuvert.adminui.login;
