/** Mail domains: the list, adding and deleting one, and the DNS records each needs published. */
package dev.kuvert.adminui.domains;
