#!/usr/bin/env python3
"""Waits until a mailbox holds NEW more messages than when it started watching; see watch.py for how it watches.

  await_visible.py imap IMAPS_PORT POP3S_PORT USER PASSWORD NEW TIMEOUT_SECONDS
  await_visible.py maildir DIR NEW TIMEOUT_SECONDS

Prints "ready BASE" as soon as it watches (start the load after that), then the instant (epoch seconds) the
mailbox held BASE + NEW messages. imap: logs in once before the load and is told over IDLE, then checks with
one POP3 login and STAT, after the instant, that POP3 sees them too. Exit 1 on timeout or disagreement.
"""
import os, poplib, sys, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import watch

mode = sys.argv[1]
new, timeout = int(sys.argv[-2]), float(sys.argv[-1])
state = {}


def ready(base):
    state["target"] = base + new
    print(f"ready {base}", flush=True)


def grew(total, instant):
    if total >= state["target"]:
        state["seen"] = instant
        return True
    return False


deadline = time.time() + 60 + timeout  # the caller waits for a quiet machine (at most 20 s) before its load starts
try:
    if mode == "imap":
        imap_port, pop_port, user, password = sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]
        watch.imap_idle(f"127.0.0.1:{imap_port}", user, password, ready, grew, deadline)
        pop = poplib.POP3_SSL("127.0.0.1", pop_port, context=watch.tls_context(), timeout=60)
        pop.user(user)
        pop.pass_(password)
        by_pop3 = pop.stat()[0]
        pop.quit()
        if by_pop3 < state["target"]:
            sys.exit(f"IMAP saw {state['target']} messages but POP3 only {by_pop3}")
    else:
        watch.maildir(sys.argv[2], ready, grew, deadline)
except TimeoutError as e:
    sys.exit(f"{e} ({timeout:.0f} s)")
print(f"{state['seen']:.6f}", flush=True)
