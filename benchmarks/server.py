"""A fixed-response HTTP/1.1 server on 127.0.0.1 for the benchmarks.

It reads each request (head and ``Content-Length`` body), answers prebuilt
bytes on the same keep-alive connection, and never looks at the body: the
answer is chosen by the request's path (``wire.fixed_answers()``: the
1-recipient SMS, AlimTalk and Brand Message sends, the 1,000-recipient SMS
sends); any other path gets the 1-recipient SMS answer.

It prints ``PORT <n>`` once listening and stops by itself when its parent
goes away, after ``--idle`` seconds without a request, after ``--lifetime``
seconds or after ``--max-requests`` requests, whichever comes first.

``--delay`` holds each answer that many seconds (without blocking the other
connections), standing in for the network and the provider's own time: what
makes concurrency pay off against the real API, and what loopback lacks.

Run: ``python benchmarks/server.py [--lifetime 600] [--idle 60] [--delay 0]``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import time

import wire

_HEAD_END = b"\r\n\r\n"
_MAX_HEAD = 64 * 1024


def _response(body: bytes) -> bytes:
    head = (
        "HTTP/1.1 200 OK\r\n"
        "Content-Type: application/json;charset=UTF-8\r\n"
        f"Content-Length: {len(body)}\r\n"
        "Connection: keep-alive\r\n"
        "\r\n"
    )
    return head.encode("ascii") + body


class _State:
    def __init__(self) -> None:
        self.requests = 0
        self.last = time.monotonic()


def _content_length(head: bytes) -> int:
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            return int(value.strip())
    return 0


async def _serve(args: argparse.Namespace) -> None:
    single = _response(wire.single_answer())
    by_path = {path.encode(): _response(body) for path, body in wire.fixed_answers().items()}
    state = _State()
    done = asyncio.Event()

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while not done.is_set():
                head = await reader.readuntil(_HEAD_END)
                length = _content_length(head)
                if length:
                    await reader.readexactly(length)
                # "POST /path?query HTTP/1.1": the path is the second word.
                target = head[: head.find(b"\r\n")].split(b" ", 2)[1]
                if args.delay:
                    await asyncio.sleep(args.delay)
                writer.write(by_path.get(target.partition(b"?")[0], single))
                await writer.drain()
                state.requests += 1
                state.last = time.monotonic()
                if state.requests >= args.max_requests:
                    done.set()
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
            pass
        except (ValueError, IndexError):  # a malformed request head: drop the connection
            pass
        finally:
            writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", 0, limit=_MAX_HEAD)
    port = server.sockets[0].getsockname()[1]
    print(f"PORT {port}", flush=True)
    parent = os.getppid()
    started = time.monotonic()
    while not done.is_set():
        await asyncio.sleep(0.25)
        now = time.monotonic()
        if os.getppid() != parent or now - started > args.lifetime or now - state.last > args.idle:
            done.set()
    # No wait_closed(): it would wait for clients' keep-alive connections; the
    # open handlers are cancelled when asyncio.run() returns.
    server.close()
    print(f"served {state.requests} requests", file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lifetime", type=float, default=600.0, help="seconds; hard stop")
    parser.add_argument("--idle", type=float, default=60.0, help="seconds without a request")
    parser.add_argument("--max-requests", type=int, default=5_000_000)
    parser.add_argument("--delay", type=float, default=0.0, help="seconds before each answer")
    asyncio.run(_serve(parser.parse_args()))


if __name__ == "__main__":
    main()
