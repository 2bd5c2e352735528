/** Mail accounts of one domain: the list, adding one, a new password, deleting one. */
package dev.kuvert.adminui.accounts;
