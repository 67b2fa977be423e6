"""Real parts for the campaign tests: a stalling emulator server and Redis.

``StallingServer`` serves an emulator over loopback HTTP and holds the
answer to the N-th send (after or before storing it), so that a test can
kill the sender in the middle of a chunk. ``redis_server`` starts Debian's
``redis-server`` on a free loopback port; when it is missing the test fails
(never skips): ``.ci/run`` installs it.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from notify_sdk.testing import Emulator
from notify_sdk.testing._common import Drop, WireReply, WireRequest
from notify_sdk.testing._server import serve

SEND_PATHS = ("/sender/sms", "/sender/mms", "/messages")


class StallingServer:
    """An emulator on loopback whose ``stall_at``-th send hangs until released.

    Args:
        emulator: the emulator answering every request.
        stall_at: which send (1-based POST count) to hold; 0 for none.
        accept_first: store that send before hanging (the crash happens after
            the provider accepted it) or not (it never arrived).
    """

    def __init__(self, emulator: Emulator, *, stall_at: int = 0, accept_first: bool = True):
        self.emulator = emulator
        self.stall_at = stall_at
        self.accept_first = accept_first
        self.sends = 0
        self.stalled = threading.Event()
        self.release = threading.Event()
        self._lock = threading.Lock()

    def process(self, request: WireRequest) -> WireReply | Drop:
        if request.method == "POST" and request.path.endswith(SEND_PATHS):
            with self._lock:
                self.sends += 1
                number = self.sends
            if number == self.stall_at:
                if self.accept_first:
                    self.emulator._process(request)
                self.stalled.set()
                self.release.wait(30)
                # The sender is gone by now; whatever it was waiting for is lost.
                return Drop()
        return self.emulator._process(request)

    @contextmanager
    def serve(self) -> Iterator[str]:
        with serve(self.process) as base_url:
            try:
                yield base_url
            finally:
                self.release.set()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def redis_server() -> Iterator[str]:
    """A real Redis on a free loopback port; yields its URL. Fails loudly if absent."""
    binary = shutil.which("redis-server") or (
        "/usr/bin/redis-server" if os.path.exists("/usr/bin/redis-server") else None
    )
    if binary is None:
        raise RuntimeError(
            "redis-server is not installed; the Celery campaign tests need a real Redis "
            "(apt-get install -y redis-server, as .ci/run does)"
        )
    port = free_port()
    workdir = tempfile.mkdtemp(prefix="notify-redis-")
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
         "--dir", workdir],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2) as sock:
                    sock.sendall(b"PING\r\n")
                    if sock.recv(16).startswith(b"+PONG"):
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"redis-server did not start on port {port}")
            time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}"
    finally:
        process.terminate()
        try:
            process.wait(5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        shutil.rmtree(workdir, ignore_errors=True)


def pool_children(pid: int) -> list[int]:
    """The child processes of ``pid`` (Linux /proc)."""
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as handle:
            return [int(p) for p in handle.read().split()]
    except OSError:
        return []
