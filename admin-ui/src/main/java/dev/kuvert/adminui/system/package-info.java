/** Shared plumbing of the portal that depends on no feature: configuration. */
package dev.kuvert.adminui.system;
