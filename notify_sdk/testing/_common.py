"""Wire-level building blocks shared by the emulated services.

The emulator never sees an ``httpx.Request`` past its front door: every way in
(transport, respx handler, HTTP server) turns the request into a
:class:`WireRequest`, and every service answers with a :class:`WireReply`.
That keeps the service modules free of I/O and lets the three front doors
share one code path.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta, timezone
from typing import Any, Literal

import attrs

#: Korea Standard Time; Korea has no daylight saving time, so a fixed offset is exact.
KST = timezone(timedelta(hours=9), "KST")

#: Code tables are namespaced: SMS codes and KakaoTalk Bizmessage codes differ.
Namespace = Literal["sms", "kakao"]

JSONDict = dict[str, Any]

# The provider documents EUC-KR; cp949 is the superset its stack (and the SDK's
# local validation) uses, so both sides agree on which text is sendable.
TEXT_CODEC = "cp949"

_NUMBER_STRIP = re.compile(r"[\s\-().]")
_SMS_NUMBER = re.compile(r"[0-9]{8,20}")
_KAKAO_NUMBER = re.compile(r"[0-9]{8,15}")
_PLACEHOLDER = re.compile(r"#\{([^}]+)\}")

# Short texts for the codes the emulator produces, used only when
# notify_sdk.errors cannot be imported (it is generated separately).
_FALLBACK_MESSAGES: dict[tuple[Namespace, int], str] = {
    ("sms", -1000): "Invalid appKey.",
    ("kakao", -1000): "Invalid appkey.",
    ("kakao", -1001): "Invalid secretKey.",
    ("kakao", -1005): "The same 'X-NC-API-IDEMPOTENCY-KEY' was used within the last 10 minutes.",
    ("sms", -9996): "Only application/json Content-type is supported.",
    ("kakao", -9996): "Only application/json Content-type is supported.",
    ("sms", -9997): "Invalid API parameters.",
    ("kakao", -9997): "Invalid request.",
    ("sms", -9998): "Not exist API.",
    ("kakao", -9998): "Not exist API.",
}


class ApiFailure(Exception):
    """Raised inside a service handler to answer with a failed envelope.

    Args:
        code: the API result code for ``header.resultCode``.
        message: ``header.resultMessage``; by default the code's description.
        status: the HTTP status of the reply.
    """

    def __init__(self, code: int, message: str | None = None, status: int = 200) -> None:
        super().__init__(code, message)
        self.code = code
        self.message = message
        self.status = status


@attrs.frozen
class WireRequest:
    """One HTTP request as the emulator sees it (transport-independent)."""

    method: str
    path: str
    query: Mapping[str, str]
    headers: Mapping[str, str]  # keys lower-cased
    body: bytes

    def header(self, name: str) -> str | None:
        """Return a request header by case-insensitive name, or ``None``."""
        return self.headers.get(name.lower())

    def json(self, namespace: Namespace) -> JSONDict:
        """Decode the body as a JSON object, or fail like the API (-9997)."""
        try:
            data = json.loads(self.body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise ApiFailure(-9997) from None
        if not isinstance(data, dict):
            raise ApiFailure(-9997)
        return data


@attrs.frozen
class WireReply:
    """One HTTP response produced by the emulator."""

    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes


@attrs.frozen
class Drop:
    """Instead of a reply: fail the exchange at the network level.

    ``kind`` is ``"connect"`` (nothing reached the server) or ``"timeout"``
    (the server processed the request but the answer never arrived).
    """

    kind: Literal["connect", "timeout"]


def result_message(namespace: Namespace, code: int) -> str:
    """Return the ``resultMessage`` for ``code``: the code table's text when available."""
    if code == 0:
        return "SUCCESS"
    try:
        from notify_sdk.errors import lookup

        error_class = lookup(namespace, code)
        description = getattr(error_class, "description", None)
        if getattr(error_class, "code", None) == code and isinstance(description, str):
            return description
    except Exception:  # the generated tables may not exist yet; fall back below
        pass
    return _FALLBACK_MESSAGES.get((namespace, code), f"Request failed with result code {code}.")


def delivery_name(namespace: Namespace, code: str) -> str:
    """Return ``resultCodeName`` for a delivery code (from notify_sdk.delivery when present)."""
    try:
        from notify_sdk import delivery

        enum: Any = delivery.SmsResultCode if namespace == "sms" else delivery.KakaoResultCode
        description = enum(code).description
        if isinstance(description, str):
            return description
    except Exception:  # unknown code or tables not generated yet
        pass
    return "Success" if code == "1000" else "Failure"


def header(namespace: Namespace, code: int = 0, message: str | None = None) -> JSONDict:
    """Build the envelope ``header`` object."""
    return {
        "isSuccessful": code == 0,
        "resultCode": code,
        "resultMessage": message if message is not None else result_message(namespace, code),
    }


def json_reply(payload: Mapping[str, Any], status: int = 200) -> WireReply:
    """Serialise ``payload`` as the API does (UTF-8 JSON)."""
    return WireReply(
        status=status,
        headers=(("Content-Type", "application/json;charset=UTF-8"),),
        body=json.dumps(payload, ensure_ascii=False).encode("utf-8"),
    )


def sms_reply(body: Any = None, *, code: int = 0, message: str | None = None) -> WireReply:
    """Build an SMS envelope: ``header`` plus ``body`` (``None`` on failure)."""
    return json_reply({"header": header("sms", code, message), "body": body})


def kakao_reply(
    parts: Mapping[str, Any] | None = None, *, code: int = 0, message: str | None = None
) -> WireReply:
    """Build a KakaoTalk envelope: ``header`` plus endpoint-specific top-level keys."""
    payload: JSONDict = {"header": header("kakao", code, message)}
    if parts:
        payload.update(parts)
    return json_reply(payload)


def failure_reply(namespace: Namespace, failure: ApiFailure) -> WireReply:
    """Turn an :class:`ApiFailure` into the service's failed envelope."""
    payload: JSONDict = {"header": header(namespace, failure.code, failure.message)}
    if namespace == "sms":
        payload["body"] = None
    return json_reply(payload, failure.status)


def normalize_number(value: object) -> str:
    """Strip the separators people type into phone numbers (spaces, hyphens, brackets)."""
    return _NUMBER_STRIP.sub("", value) if isinstance(value, str) else ""


def valid_number(number: str, namespace: Namespace) -> bool:
    """Tell whether a normalised recipient number has a plausible shape for the service."""
    pattern = _SMS_NUMBER if namespace == "sms" else _KAKAO_NUMBER
    return pattern.fullmatch(number) is not None


def encodable(text: str) -> bool:
    """Tell whether ``text`` survives the provider's Korean encoding."""
    try:
        text.encode(TEXT_CODEC)
    except UnicodeEncodeError:
        return False
    return True


def encoded_size(text: str) -> int:
    """Length of ``text`` in EUC-KR bytes (Hangul 2, ASCII 1); unencodable text is huge."""
    try:
        return len(text.encode(TEXT_CODEC))
    except UnicodeEncodeError:
        return 1 << 30


def placeholders(text: str) -> list[str]:
    """The ``#{name}`` variables of a KakaoTalk template, in order, without repeats."""
    seen: list[str] = []
    for name in _PLACEHOLDER.findall(text):
        if name not in seen:
            seen.append(name)
    return seen


def substitute(text: str, params: Mapping[str, Any]) -> str:
    """Fill ``#{name}`` variables; the caller has checked every name is present."""
    return _PLACEHOLDER.sub(lambda m: str(params.get(m.group(1), m.group(0))), text)


def template_pattern(text: str) -> re.Pattern[str]:
    """A regular expression matching any rendering of a ``#{name}`` template."""
    pieces = _PLACEHOLDER.split(text)
    # split() alternates literal text and variable names; variables become wildcards.
    out = "".join(re.escape(p) if i % 2 == 0 else "(.*?)" for i, p in enumerate(pieces))
    return re.compile(out, re.DOTALL)


def to_kst(moment: datetime) -> datetime:
    """Return a naive Korea wall-clock datetime (naive input is taken as KST already)."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        return moment
    return moment.astimezone(KST).replace(tzinfo=None)


def parse_date(value: object, fmt: str) -> datetime | None:
    """Parse a wire date with ``fmt``; ``None`` when absent or malformed."""
    if not isinstance(value, str):
        return None
    try:
        return datetime.strptime(value, fmt)
    except ValueError:
        return None


def fmt_seconds(moment: datetime | None) -> str | None:
    """``yyyy-MM-dd HH:mm:ss`` (KakaoTalk query dates)."""
    return None if moment is None else moment.strftime("%Y-%m-%d %H:%M:%S")


def fmt_tenths(moment: datetime | None) -> str | None:
    """``yyyy-MM-dd HH:mm:ss.S`` (SMS query dates)."""
    return None if moment is None else f"{moment:%Y-%m-%d %H:%M:%S}.{moment.microsecond // 100000}"


def page_params(
    query: Mapping[str, str], *, invalid_code: int, max_size: int = 1000
) -> tuple[int, int]:
    """Read ``pageNum``/``pageSize`` (defaults 1 and 15), failing with ``invalid_code``."""
    try:
        num = int(query.get("pageNum", "1"))
        size = int(query.get("pageSize", "15"))
    except ValueError:
        raise ApiFailure(invalid_code) from None
    if num < 1 or size < 1 or size > max_size:
        raise ApiFailure(invalid_code)
    return num, size


def paginate(items: Sequence[Any], num: int, size: int) -> list[Any]:
    """The slice of ``items`` on page ``num`` of ``size`` items."""
    start = (num - 1) * size
    return list(items[start : start + size])


def is_http_url(value: object) -> bool:
    """Tell whether ``value`` is a string starting with ``http://`` or ``https://``."""
    return isinstance(value, str) and value.startswith(("http://", "https://"))


def fail_if(condition: bool, code: int) -> None:
    """Answer the whole request with ``code`` when ``condition`` holds."""
    if condition:
        raise ApiFailure(code)


@attrs.frozen
class WindowRule:
    """How one API checks a ``start…``/``end…`` query window, and the codes it answers.

    Attributes:
        fmt: the wire format of both ends.
        partial: the code when only one end is given.
        malformed: the code when an end does not parse.
        backwards: the code when the end is before the start.
        too_long: the code when the window is longer than ``max_days``.
        max_days: the longest window.
        end_slack: added to the end (a minute-precision end includes its minute).
    """

    fmt: str
    partial: int
    malformed: int
    backwards: int
    too_long: int
    max_days: int = 31
    end_slack: timedelta = timedelta(0)


def query_window(
    query: Mapping[str, str], start: str, end: str, rule: WindowRule
) -> tuple[datetime, datetime] | None:
    """The window the query keys ``start``/``end`` give, checked by ``rule``; ``None`` without.

    Raises:
        ApiFailure: one end only, an end that does not parse, an end before the
            start, or a window over ``rule.max_days``.
    """
    low, high = query.get(start), query.get(end)
    if low is None and high is None:
        return None
    fail_if(low is None or high is None, rule.partial)
    first, last = parse_date(low, rule.fmt), parse_date(high, rule.fmt)
    fail_if(first is None or last is None, rule.malformed)
    assert first is not None and last is not None
    fail_if(last < first, rule.backwards)
    fail_if(last - first > timedelta(days=rule.max_days), rule.too_long)
    return first, last + rule.end_slack
