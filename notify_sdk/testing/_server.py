"""A real HTTP server on 127.0.0.1 in front of the emulator (standard library only)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, unquote, urlsplit

from ._common import Drop, WireReply, WireRequest

Processor = Callable[[WireRequest], "WireReply | Drop"]


def _read_body(handler: BaseHTTPRequestHandler) -> bytes:
    if "chunked" in (handler.headers.get("Transfer-Encoding") or "").lower():
        chunks: list[bytes] = []
        while True:
            size = int(handler.rfile.readline().split(b";", 1)[0].strip() or b"0", 16)
            if size == 0:
                handler.rfile.readline()  # the blank line after the last chunk
                return b"".join(chunks)
            chunks.append(handler.rfile.read(size))
            handler.rfile.readline()
    length = int(handler.headers.get("Content-Length") or 0)
    return handler.rfile.read(length) if length else b""


def _handler_class(process: Processor) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # Idle keep-alive connections give up after this many seconds.
        timeout = 10

        def _serve(self) -> None:
            split = urlsplit(self.path)
            request = WireRequest(
                method=self.command,
                path=unquote(split.path),
                query=dict(parse_qsl(split.query, keep_blank_values=True)),
                headers={name.lower(): value for name, value in self.headers.items()},
                body=_read_body(self),
            )
            outcome = process(request)
            if isinstance(outcome, Drop):
                # Hanging up without a status line is what a client sees when the
                # connection breaks or the server never answers.
                self.close_connection = True
                return
            self.send_response(outcome.status)
            for name, value in outcome.headers:
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(outcome.body)))
            self.end_headers()
            self.wfile.write(outcome.body)

        do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = _serve

        def log_message(self, format: str, *args: object) -> None:
            """Keep test output clean: the emulator does not log each request."""

    return Handler


@contextmanager
def serve(process: Processor, *, host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
    """Run a threaded HTTP server that hands each request to ``process``.

    Yields the base URL (``http://127.0.0.1:PORT``) and shuts the server down on exit.
    """
    server = ThreadingHTTPServer((host, port), _handler_class(process))
    server.daemon_threads = True
    thread = threading.Thread(
        target=server.serve_forever,
        kwargs={"poll_interval": 0.05},
        name="notify-sdk-emulator",
        daemon=True,
    )
    thread.start()
    try:
        yield f"http://{host}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
