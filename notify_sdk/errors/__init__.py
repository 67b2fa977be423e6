"""Exceptions raised by notify_sdk.

::

    NotifyError
    ├── ConfigurationError            missing or malformed credentials / settings
    ├── TransportError                network failure (.ambiguous: may it have been sent?)
    ├── ProtocolError                 response is not the documented envelope
    ├── PartialSendError              some recipients failed (.result, .errors)
    ├── WebhookSignatureError         webhook POST with a missing or wrong signature header
    ├── WebhookPayloadError           webhook POST whose body is not a webhook envelope
    └── APIError                      the API answered isSuccessful: false
        ├── ValidationError           fix the input (.field for local checks)
        │   └── RecipientError        bad, missing or opted-out recipient number
        ├── AuthenticationError       wrong or unknown app key / secret key
        ├── PermissionDeniedError     IP, membership, blocked or disabled service
        ├── NotFoundError             request id, message, image... does not exist
        ├── TemplateError             template missing, invalid, unapproved, mismatch
        ├── SenderNumberError         SMS sender number unregistered or blocked
        ├── SenderProfileError        KakaoTalk sender profile missing or inactive
        │   └── SenderProfileBlocked  sender profile blocked (kakao -1027)
        ├── DuplicateRequestError     idempotency key reused (kakao -1005)
        ├── QuotaExceededError        daily volume or block limits
        ├── ServerError               provider's transient failure (retryable)
        ├── RateLimitError            HTTP 429 (retryable, .retry_after)
        └── UnknownAPIError           a code in no table

Every result code has its own class in :mod:`notify_sdk.errors.sms` or
:mod:`notify_sdk.errors.kakao` (generated from the code tables), subclassing one of the
categories above. Catch a category to handle a family of failures, or a generated class
for one code; :func:`lookup` and :func:`from_code` map a ``(service, code)`` pair to its
class. Codes are always namespaced: ``-1005`` is a :class:`DuplicateRequestError` in
``"kakao"`` and a :class:`ValidationError` in ``"sms"``.

``err.retryable`` says whether repeating the request may help; the SDK's retry policy
also checks that a repeat cannot send a message twice before it retries.
"""

from __future__ import annotations

from notify_sdk.errors._base import (
    APIError,
    AuthenticationError,
    ClientClosedError,
    ConfigurationError,
    DuplicateRequestError,
    InvalidSettingError,
    NotFoundError,
    NotifyError,
    PartialSendError,
    PermissionDeniedError,
    ProtocolError,
    QuotaExceededError,
    RateLimitError,
    RecipientError,
    SenderNumberError,
    SenderProfileBlocked,
    SenderProfileError,
    ServerError,
    TemplateError,
    TransportError,
    UnknownAPIError,
    ValidationError,
)
from notify_sdk.errors._lookup import SERVICES, from_code, lookup
from notify_sdk.errors._webhook import WebhookPayloadError, WebhookSignatureError

__all__ = [
    "SERVICES",
    "APIError",
    "AuthenticationError",
    "ClientClosedError",
    "ConfigurationError",
    "DuplicateRequestError",
    "InvalidSettingError",
    "NotFoundError",
    "NotifyError",
    "PartialSendError",
    "PermissionDeniedError",
    "ProtocolError",
    "QuotaExceededError",
    "RateLimitError",
    "RecipientError",
    "SenderNumberError",
    "SenderProfileBlocked",
    "SenderProfileError",
    "ServerError",
    "TemplateError",
    "TransportError",
    "UnknownAPIError",
    "ValidationError",
    "WebhookPayloadError",
    "WebhookSignatureError",
    "from_code",
    "lookup",
]

# Show (and pickle) the categories under their public home rather than the private
# module they are defined in: tracebacks read ``notify_sdk.errors.TemplateError``.
for _name in __all__:
    _obj = globals()[_name]
    if isinstance(_obj, type):
        _obj.__module__ = __name__
del _name, _obj
