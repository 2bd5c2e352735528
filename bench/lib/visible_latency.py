#!/usr/bin/env python3
"""Latency from an SMTP 250 to the message being visible to a reader, at a steady rate.

  visible_latency.py RATE COUNT SIZE SMTP_HOST:PORT RCPT (imap HOST:PORT USER PASSWORD | maildir DIR)

Sends COUNT messages of SIZE bytes at RATE messages/s over one SMTP session (each send is timed from
its scheduled start, so a slow reply does not slow the schedule down), and watches the mailbox:
an IMAP IDLE session (the server pushes "* n EXISTS") or a Maildir's new/ directory (inotify), see
watch.py. The k-th message to appear is matched with the k-th 250. Prints p50, p99 and max.
"""
import os, smtplib, sys, threading, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import watch

rate, count, size = float(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
smtp_host, smtp_port = sys.argv[4].rsplit(":", 1)
rcpt, mode = sys.argv[5], sys.argv[6]
accepted, visible = [], []
done = threading.Event()
ready = threading.Event()
base = 0


def watching(messages_there):
    global base
    base = messages_there
    ready.set()


def record(total, instant):
    while len(visible) < min(count, total - base):
        visible.append(instant)
    return len(visible) >= count


def watch_until_done(watcher, *args):
    try:
        watcher(*args, watching, record, time.time() + 3600)
    finally:
        done.set()


if mode == "imap":
    watcher = threading.Thread(target=watch_until_done, args=(watch.imap_idle, sys.argv[7], sys.argv[8], sys.argv[9]), daemon=True)
else:
    watcher = threading.Thread(target=watch_until_done, args=(watch.maildir, sys.argv[7]), daemon=True)
watcher.start()
ready.wait(30)

body = ("Subject: latency probe\r\nFrom: probe@sender.example\r\n\r\n" + ("x" * 76 + "\r\n") * max(1, size // 78)).encode()
smtp = smtplib.SMTP(smtp_host, int(smtp_port), timeout=60)
smtp.ehlo("probe.sender.example")
start = time.perf_counter()
for k in range(count):
    due = start + k / rate
    pause = due - time.perf_counter()
    if pause > 0:
        time.sleep(pause)
    smtp.sendmail("probe@sender.example", [rcpt], body)
    accepted.append(time.time())  # the watchers' clock
smtp.quit()
if not done.wait(120) or len(visible) < count:
    print(f"only {len(visible)} of {count} became visible within 120 s", file=sys.stderr)
    sys.exit(1)
latencies = sorted((v - a) * 1000 for a, v in zip(accepted, visible))
pick = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))]
print(f"250 -> visible at {rate:g} msg/s ({count} messages): p50 {pick(0.50):.0f} ms  p99 {pick(0.99):.0f} ms  max {latencies[-1]:.0f} ms")
