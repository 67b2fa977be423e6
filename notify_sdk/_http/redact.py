"""Keep app keys and recipient numbers out of httpx's own log lines."""

from __future__ import annotations

import logging
import re

import httpx

from .._core.params import mask_number

__all__ = ["redact_in_httpx_logs"]


class _HttpxLogRedactor(logging.Filter):
    """Keeps app keys and recipient numbers out of httpx's own INFO log lines.

    httpx logs every request as ``HTTP Request: POST <full URL> ...``; our
    URLs carry the app key in the path (``/appKeys/<key>/`` for SMS,
    ``/appkeys/<key>/`` for KakaoTalk) and, for some queries, a phone number in
    the query string. The SDK's own log lines never contain either; this
    filter, attached once to the ``httpx`` logger, gives httpx's the same care.
    It holds no state, so it is safe whatever threads log through it.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple) and record.args:
            try:
                record.args = tuple(_redact_url(arg) for arg in record.args)
            except Exception:  # a log filter must never break the request it logs
                record.args = ("<redacted>",) * len(record.args)
        return True


_APP_KEY_PATH = re.compile(r"(/app[Kk]eys/)[^/?#\s]+")
_RECIPIENT_QUERY = re.compile(r"(recipientNo=)([^&\s\"]*)")
_REDACTOR = _HttpxLogRedactor()


def _redact_url(value: object) -> object:
    if not isinstance(value, (str, httpx.URL)):
        return value
    text = _APP_KEY_PATH.sub(r"\1{appkey}", str(value))
    if "recipientNo=" in text:
        text = _RECIPIENT_QUERY.sub(lambda m: m.group(1) + mask_number(m.group(2)), text)
    return text


def redact_in_httpx_logs() -> None:
    httpx_logger = logging.getLogger("httpx")
    if _REDACTOR not in httpx_logger.filters:
        httpx_logger.addFilter(_REDACTOR)
