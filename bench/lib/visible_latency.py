#!/usr/bin/env python3
"""Latency from an SMTP 250 to the message being visible to a reader, at a steady rate.

  visible_latency.py RATE COUNT SIZE SMTP_HOST:PORT RCPT (imap HOST:PORT USER PASSWORD | maildir DIR)

Sends COUNT messages of SIZE bytes at RATE messages/s over one SMTP session (each send is timed from
its scheduled start, so a slow reply does not slow the schedule down), and watches the mailbox:
an IMAP IDLE session (the server pushes "* n EXISTS") or a Maildir's new/ directory (polled every
millisecond). The k-th message to appear is matched with the k-th 250. Prints p50, p99 and max.
"""
import os, smtplib, socket, ssl, sys, threading, time

rate, count, size = float(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
smtp_host, smtp_port = sys.argv[4].rsplit(":", 1)
rcpt, mode = sys.argv[5], sys.argv[6]
accepted, visible = [], []
done = threading.Event()


def imap_watch(address, user, password, ready):
    host, port = address.rsplit(":", 1)
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    sock = context.wrap_socket(socket.create_connection((host, int(port))))
    reader = sock.makefile("rb")
    reader.readline()

    def command(tag, text):
        sock.sendall(f"{tag} {text}\r\n".encode())
        lines = []
        while True:
            line = reader.readline().decode(errors="replace")
            lines.append(line)
            if line.startswith(tag + " "):
                return lines

    command("a1", f'LOGIN "{user}" "{password}"')
    base = next(int(l.split()[1]) for l in command("a2", "SELECT INBOX") if l.endswith("EXISTS\r\n"))
    sock.sendall(b"a3 IDLE\r\n")
    reader.readline()  # + idling
    ready.set()
    seen = base
    while len(visible) < count:
        line = reader.readline().decode(errors="replace")
        now = time.perf_counter()
        parts = line.split()
        if len(parts) == 3 and parts[2] == "EXISTS":
            for _ in range(int(parts[1]) - seen):
                visible.append(now)
            seen = max(seen, int(parts[1]))
    done.set()


def maildir_watch(directory, ready):
    new = os.path.join(directory, "new")
    base = len(os.listdir(new)) if os.path.isdir(new) else 0
    ready.set()
    while len(visible) < count:
        n = (len(os.listdir(new)) if os.path.isdir(new) else 0) - base
        now = time.perf_counter()
        while len(visible) < n:
            visible.append(now)
        time.sleep(0.001)
    done.set()


ready = threading.Event()
if mode == "imap":
    watcher = threading.Thread(target=imap_watch, args=(sys.argv[7], sys.argv[8], sys.argv[9], ready), daemon=True)
else:
    watcher = threading.Thread(target=maildir_watch, args=(sys.argv[7], ready), daemon=True)
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
    accepted.append(time.perf_counter())
smtp.quit()
if not done.wait(120):
    print(f"only {len(visible)} of {count} became visible within 120 s", file=sys.stderr)
    sys.exit(1)
latencies = sorted((v - a) * 1000 for a, v in zip(accepted, visible))
pick = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))]
print(f"250 -> visible at {rate:g} msg/s ({count} messages): p50 {pick(0.50):.0f} ms  p99 {pick(0.99):.0f} ms  max {latencies[-1]:.0f} ms")
