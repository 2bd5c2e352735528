#!/usr/bin/env python3
"""Counts the messages of a Kuvert mailbox, or waits until it holds a number of them.

  await_visible.py count IMAPS_PORT POP3S_PORT USER PASSWORD
  await_visible.py wait  IMAPS_PORT POP3S_PORT USER PASSWORD TARGET TIMEOUT_SECONDS

"wait" logs in over IMAP once and asks STATUS INBOX (MESSAGES) every 20 ms until the count reaches
TARGET, notes that instant, then checks with one POP3 login and STAT that POP3 sees them too, and
prints the instant (epoch seconds). Polling with a fresh POP3 login instead (POP3 shows a mailbox as it
was at login) costs a password check (bcrypt) per poll: done every 50 ms that took a core away from
the delivery being measured. "count" prints the POP3 STAT count. Exit 1 on timeout or disagreement.
"""
import imaplib, poplib, ssl, sys, time

mode, imap_port, pop_port, user, password = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]
context = ssl.create_default_context()
context.check_hostname = False
context.verify_mode = ssl.CERT_NONE


def pop3_count():
    pop = poplib.POP3_SSL("127.0.0.1", pop_port, context=context, timeout=60)
    pop.user(user)
    pop.pass_(password)
    count = pop.stat()[0]
    pop.quit()
    return count


if mode == "count":
    print(pop3_count())
    sys.exit(0)

target, timeout = int(sys.argv[6]), float(sys.argv[7])
imap = imaplib.IMAP4_SSL("127.0.0.1", imap_port, ssl_context=context, timeout=60)
imap.login(user, password)
deadline = time.time() + timeout
while True:
    status, data = imap.status("INBOX", "(MESSAGES)")
    count = int(data[0].decode().rsplit("MESSAGES", 1)[1].strip(" )"))
    if count >= target:
        seen = time.time()
        break
    if time.time() > deadline:
        sys.exit(f"only {count} of {target} messages visible after {timeout} s")
    time.sleep(0.02)
try:
    imap.logout()
except imaplib.IMAP4.abort as e:
    # seen twice under load: the server closed the connection without BYE; the count above stands, and POP3 confirms it
    print(f"warning: IMAP LOGOUT failed ({e})", file=sys.stderr)
by_pop3 = pop3_count()
if by_pop3 < target:
    sys.exit(f"IMAP saw {count} messages but POP3 only {by_pop3}")
print(f"{seen:.6f}")
