"""Watches a mailbox grow without loading the server under test: told by the server or the kernel, never polled.

An IMAP session in IDLE is pushed "* n EXISTS" by the server; a Maildir's new/ directory is watched with
inotify (a hard link or a rename into new/ is one event). Polling instead costs the server: STATUS on a mailbox
of 100,000 messages is two counts over its rows, and listing a Maildir of that size reads 100,000 entries,
both many times a second, while the delivery being measured competes for the same two cores.

Each watcher calls ready(base) once it is watching (base: the messages there already) and then
grew(total, instant) whenever the mailbox reached a new size; instant is time.time() as the news arrived.
The watchers return when grew() returns True or raise TimeoutError when the deadline (time.time()) passes.
"""
import ctypes, ctypes.util, os, select, socket, ssl, struct, time

IN_CREATE, IN_MOVED_TO, IN_Q_OVERFLOW = 0x100, 0x80, 0x4000


def tls_context():
    """For the servers under test: their certificates are self-signed."""
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


def imap_idle(address, user, password, ready, grew, deadline):
    host, port = address.rsplit(":", 1)
    sock = tls_context().wrap_socket(socket.create_connection((host, int(port)), timeout=60))
    reader = sock.makefile("rb")
    reader.readline()

    def command(tag, text):
        sock.sendall(f"{tag} {text}\r\n".encode())
        lines = []
        while True:
            line = reader.readline().decode(errors="replace")
            if not line:
                raise ConnectionError(f"the IMAP server closed the connection during {text.split()[0]}")
            lines.append(line)
            if line.startswith(tag + " "):
                if not line.startswith(tag + " OK"):
                    raise ConnectionError(f"IMAP {text.split()[0]} failed: {line.strip()}")
                return lines

    command("w1", f'LOGIN "{user}" "{password}"')
    base = next(int(l.split()[1]) for l in command("w2", "EXAMINE INBOX") if l.endswith("EXISTS\r\n"))
    sock.sendall(b"w3 IDLE\r\n")
    reader.readline()  # + idling
    ready(base)
    try:
        while True:
            sock.settimeout(max(0.01, deadline - time.time()))
            try:
                line = reader.readline().decode(errors="replace")
            except socket.timeout:
                raise TimeoutError("the mailbox did not reach its size in time") from None
            instant = time.time()
            if not line:
                raise ConnectionError("the IMAP server closed the connection during IDLE")
            parts = line.split()
            if len(parts) == 3 and parts[2] == "EXISTS" and grew(int(parts[1]), instant):
                break
        sock.settimeout(60)
        sock.sendall(b"DONE\r\n")
        command("w4", "LOGOUT")
    finally:
        sock.close()


def maildir(directory, ready, grew, deadline):
    new = os.path.join(directory, "new")
    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    fd = libc.inotify_init1(os.O_CLOEXEC)
    if fd < 0 or libc.inotify_add_watch(fd, new.encode(), IN_CREATE | IN_MOVED_TO) < 0:
        raise OSError(ctypes.get_errno(), f"cannot watch {new}")
    try:
        names = set(os.listdir(new))  # after the watch is in place: a file arriving in between is in both, counted once
        ready(len(names))
        while True:
            remaining = deadline - time.time()
            if remaining <= 0 or not select.select([fd], [], [], remaining)[0]:
                raise TimeoutError("the Maildir did not reach its size in time")
            events = os.read(fd, 1 << 16)
            instant = time.time()
            offset = 0
            while offset < len(events):
                _, mask, _, length = struct.unpack_from("iIII", events, offset)
                if mask & IN_Q_OVERFLOW:
                    names |= set(os.listdir(new))  # events were lost: the directory itself is the truth
                else:
                    names.add(events[offset + 16:offset + 16 + length].rstrip(b"\0").decode(errors="replace"))
                offset += 16 + length
            if grew(len(names), instant):
                break
    finally:
        os.close(fd)
