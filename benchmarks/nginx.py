"""The fixed answers of ``wire.py`` served by nginx on 127.0.0.1, when nginx is installed.

nginx answers from C with sendfile, so its own cost per request is a small,
steady part of what is timed: the better loopback server. Each answer of
``wire.fixed_answers()`` is written to a file at its URL path under a
temporary root; nginx refuses a POST to a static file with 405, and
``error_page 405 =200 $uri`` turns that into the file's content with a 200
(the request body is read and discarded, the connection kept alive).

Used by ``run.py`` (``--server nginx`` or ``auto``); run alone it serves until
interrupted: ``python benchmarks/nginx.py``.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import wire

_CONFIG = """\
worker_processes 1;
daemon off;
master_process on;
pid {root}/nginx.pid;
error_log {root}/error.log warn;
{user}
events {{ worker_connections 1024; }}
http {{
    access_log off;
    default_type "application/json;charset=UTF-8";
    keepalive_requests 10000000;
    keepalive_timeout 300s;
    client_max_body_size 8m;
    client_body_buffer_size 1m;
    client_body_temp_path {root}/body;
    proxy_temp_path {root}/proxy;
    fastcgi_temp_path {root}/fastcgi;
    uwsgi_temp_path {root}/uwsgi;
    scgi_temp_path {root}/scgi;
    server {{
        listen 127.0.0.1:{port};
        root {root}/www;
        etag off;
        location / {{
            error_page 405 =200 $uri;
            try_files $uri /sms/v3.0/appKeys/{fallback}/sender/sms;
        }}
    }}
}}
"""


def available() -> bool:
    """Whether an ``nginx`` binary is on the PATH (or in /usr/sbin)."""
    return _binary() is not None


def _binary() -> str | None:
    return shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/usr/local/sbin")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _wait_listening(port: int, process: subprocess.Popen[bytes], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return True
        except OSError:
            time.sleep(0.05)
    return False


class Nginx:
    """A private nginx serving ``wire.fixed_answers()``; stop it with :meth:`stop`."""

    def __init__(self) -> None:
        binary = _binary()
        if binary is None:
            raise RuntimeError("nginx is not installed")
        self._dir = tempfile.TemporaryDirectory(prefix="notify-sdk-bench-nginx-")
        root = Path(self._dir.name)
        for path, body in wire.fixed_answers().items():
            target = root / "www" / path.lstrip("/")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(body)
        # As root, nginx's workers would switch to "nobody", who cannot read a
        # private temporary directory: they stay the invoking user instead.
        user = "user root root;" if os.geteuid() == 0 else ""
        self.port = _free_port()
        config = root / "nginx.conf"
        config.write_text(
            _CONFIG.format(root=root, user=user, port=self.port, fallback=wire.APP_KEY)
        )
        self._process = subprocess.Popen(
            [binary, "-p", str(root), "-c", str(config)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        if not _wait_listening(self.port, self._process, timeout=5.0):
            log = (root / "error.log").read_text() if (root / "error.log").exists() else ""
            self.stop()
            raise RuntimeError(f"nginx did not start: {log.strip()[-500:]}")

    def stop(self) -> None:
        """Stop nginx (quit its master, which ends its worker) and remove its files."""
        if self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        if self._process.stderr is not None:
            self._process.stderr.close()
        self._dir.cleanup()


def stop_on_sigterm() -> None:
    """Make SIGTERM unwind like Ctrl-C, so that ``finally`` stops nginx (no orphan left)."""

    def leave(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, leave)


def main() -> None:
    stop_on_sigterm()
    server = Nginx()
    print(f"PORT {server.port}", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()


if __name__ == "__main__":
    main()
