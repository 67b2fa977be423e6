"""Fault kinds the emulator can inject, and the rules that schedule them."""

from __future__ import annotations

import random

import attrs

from ._common import Drop, Namespace, WireReply, json_reply

#: Service names a fault may be restricted to (``"kakao"`` means all three KakaoTalk APIs).
SERVICES = ("sms", "alimtalk", "friendtalk", "brand", "kakao")


@attrs.frozen
class Fault:
    """Base class of every injectable fault; build them with the functions of
    :mod:`notify_sdk.testing.faults`."""

    @property
    def accepts(self) -> bool:
        """Whether the emulator processes (and stores) the request before failing."""
        return False


@attrs.frozen
class ConnectError(Fault):
    """The connection fails before the request reaches the emulator.

    Transports raise ``httpx.ConnectError``; the HTTP server closes the socket
    without reading the request. Nothing is accepted.
    """


@attrs.frozen
class Timeout(Fault):
    """The answer never arrives.

    Transports raise ``httpx.ReadTimeout``; the HTTP server closes the socket
    without answering.

    Attributes:
        accepted: ``True`` to process and store the request first (the
            ambiguous case retries must handle), ``False`` to drop it unprocessed.
    """

    accepted: bool = True

    @property
    def accepts(self) -> bool:
        """See :attr:`Fault.accepts`."""
        return self.accepted


@attrs.frozen
class HttpStatus(Fault):
    """Answer with a bare HTTP status and a small HTML page (no JSON envelope).

    Attributes:
        status: the HTTP status, e.g. 429, 500, 502, 503.
        retry_after: value of the ``Retry-After`` header (seconds), or ``None``.
        accepted: ``True`` to process and store the request before answering
            with the error page (a gateway failing after the backend acted).
    """

    status: int
    retry_after: float | None = None
    accepted: bool = False

    @property
    def accepts(self) -> bool:
        """See :attr:`Fault.accepts`."""
        return self.accepted

    def reply(self) -> WireReply:
        """The error page this fault answers with."""
        page = (
            f"<html><head><title>{self.status} Error</title></head>"
            f"<body><h1>{self.status} Error</h1><p>emulated gateway error</p></body></html>"
        ).encode()
        headers: list[tuple[str, str]] = [("Content-Type", "text/html; charset=utf-8")]
        if self.retry_after is not None:
            seconds = self.retry_after
            text = str(int(seconds)) if float(seconds).is_integer() else str(seconds)
            headers.append(("Retry-After", text))
        return WireReply(status=self.status, headers=tuple(headers), body=page)


@attrs.frozen
class ResultCode(Fault):
    """Answer with a well-formed failed envelope carrying ``code``; nothing is accepted.

    Attributes:
        code: the ``header.resultCode`` (e.g. -9999, -2021, -7000).
        message: ``header.resultMessage``; the code table's text by default.
        http_status: HTTP status of the reply (the API normally uses 200).
    """

    code: int
    message: str | None = None
    http_status: int = 200

    def reply(self, namespace: Namespace) -> WireReply:
        """The envelope this fault answers with, in the service's shape."""
        from ._common import header

        payload: dict[str, object] = {"header": header(namespace, self.code, self.message)}
        if namespace == "sms":
            payload["body"] = None
        return json_reply(payload, self.http_status)


@attrs.define(eq=False)
class Injection:
    """A scheduled fault, as returned by :meth:`Emulator.inject`.

    Attributes:
        fault: what happens to a matching request.
        remaining: how many more times it fires (``None``: unlimited).
        ratio: the probability it fires on a matching request (``None``: always).
        match: a service name or a path substring restricting it, or ``None``.
        fired: how many times it has fired so far.
    """

    fault: Fault
    remaining: int | None
    ratio: float | None
    match: str | None
    fired: int = 0

    @property
    def exhausted(self) -> bool:
        """``True`` once it will never fire again."""
        return self.remaining is not None and self.remaining <= 0

    def matches(self, service: str, path: str) -> bool:
        """Whether a request to ``service`` at ``path`` is subject to this injection."""
        if self.match is None:
            return True
        if self.match == "kakao":
            return service in ("alimtalk", "friendtalk", "brand")
        if self.match in SERVICES:
            return service == self.match
        return self.match in path

    def draw(self, rng: random.Random) -> bool:
        """Decide (consuming randomness only for ratio rules) whether it fires now."""
        if self.exhausted:
            return False
        if self.ratio is not None and rng.random() >= self.ratio:
            return False
        self.fired += 1
        if self.remaining is not None:
            self.remaining -= 1
        return True


def drop_for(fault: Fault) -> Drop | None:
    """The network-level failure a fault causes, if it is one."""
    if isinstance(fault, ConnectError):
        return Drop("connect")
    if isinstance(fault, Timeout):
        return Drop("timeout")
    return None
