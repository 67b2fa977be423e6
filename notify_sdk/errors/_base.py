"""The hand-written exception categories of notify_sdk.

The per-code classes in :mod:`notify_sdk.errors.sms` and :mod:`notify_sdk.errors.kakao`
are generated from the code tables and subclass the categories defined here, so an
application can catch a whole family (``except TemplateError``) or one code
(``except kakao.SenderProfileBlockedError``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

# Servers sometimes answer with a whole HTML page; an exception message that
# someone reads at 3 a.m. should stay one readable line.
_SERVER_TEXT_LIMIT = 300
# A bad answer can carry a 100 KB field: no message, repr or pickle of an
# error copies more than this much of it (logs and trackers store every byte).
_MESSAGE_LIMIT = 500


def _one_line(text: str, limit: int = _SERVER_TEXT_LIMIT) -> str:
    flat = " ".join(text.split())
    if len(flat) > limit:
        return flat[: limit - 3] + "..."
    return flat


def _capped(text: str, limit: int = _MESSAGE_LIMIT) -> str:
    if len(text) <= limit:
        return text
    return f"{text[: limit - 30]}... ({len(text) - limit + 30} characters cut)"


def quote(value: object, limit: int = 80) -> str:
    """``repr(value)`` cut to about ``limit`` characters, to quote a bad answer's value."""
    text = repr(value)
    if len(text) <= limit:
        return text
    return f"{text[: limit - 3]}..."


def _restore(
    cls: type[NotifyError], args: tuple[object, ...], state: dict[str, Any]
) -> NotifyError:
    """Rebuild an exception from :meth:`NotifyError.__reduce__` without calling ``__init__``.

    Going around ``__init__`` is what lets every subclass, whatever its constructor
    signature (keyword-only arguments, required ``ambiguous=``...), survive pickling with
    all its attributes.
    """
    obj = cls.__new__(cls, *args)
    obj.args = args
    obj.__dict__.update(state)
    return obj


class NotifyError(Exception):
    """Base class of every exception notify_sdk raises.

    ``except NotifyError`` is enough to be sure that nothing from the SDK escapes:
    network, HTTP and JSON failures are all translated into subclasses.

    Attributes:
        attempts: how many HTTP attempts were made before this error was raised, or
            ``None`` when no request was involved (local validation, configuration).
            The retry layer sets it after the fact. Lookups made to find an
            ambiguous send again are counted apart, in ``lookups``.
        lookups: HTTP requests made to look a send up by its ``senderGroupingKey``
            after an ambiguous failure (``0`` when none).
        sender_grouping_key: for a failed send, the ``senderGroupingKey`` it carried
            (the SDK generates one when the caller gave none): look the send up by it
            before sending again. ``None`` for other calls.
        idempotency_key: for a failed KakaoTalk send, the ``X-NC-API-IDEMPOTENCY-KEY``
            it carried; resending with it within 10 minutes cannot duplicate.
    """

    attempts: int | None = None
    lookups: int = 0
    sender_grouping_key: str | None = None
    idempotency_key: str | None = None

    def __init__(self, message: str = "", *, attempts: int | None = None) -> None:
        super().__init__(_capped(message))
        self.attempts = attempts

    def _details(self) -> list[str]:
        """Short ``key value`` notes that :meth:`__str__` appends in parentheses."""
        details = [] if self.attempts is None else [f"attempts {self.attempts}"]
        if self.lookups:
            details.append(f"{self.lookups} lookups")
        if self.sender_grouping_key is not None:
            details.append(f"senderGroupingKey {self.sender_grouping_key}")
        return details

    def __str__(self) -> str:
        text = str(self.args[0]) if self.args else ""
        details = self._details()
        if details:
            return f"{text} ({', '.join(details)})" if text else f"({', '.join(details)})"
        return text

    def __reduce__(self) -> tuple[Any, ...]:
        return (_restore, (type(self), self.args, dict(self.__dict__)))


class ConfigurationError(NotifyError):
    """Missing or malformed credentials or settings.

    Raised when a service is first used without its keys (the message names both the
    constructor argument and the environment variable), or when a setting cannot be
    used. Fix the client's configuration; retrying cannot help.
    """


class InvalidSettingError(ConfigurationError, ValueError):
    """A setting has a value it cannot take (``RetryPolicy(max_attempts=0)``...).

    Also a ``ValueError``, so code written for plain ``ValueError`` still catches it.

    Attributes:
        field: the setting at fault, e.g. ``"max_attempts"``.
    """

    def __init__(
        self, message: str = "", *, field: str | None = None, attempts: int | None = None
    ) -> None:
        super().__init__(message, attempts=attempts)
        self.field: str | None = field


class APIError(NotifyError):
    """The API answered, and the answer was a failure (``isSuccessful: false``).

    Every server-side failure is an ``APIError``: the categories below subclass it, and
    the generated per-code classes subclass a category. Codes are namespaced by service:
    the same number means different things in ``"sms"`` and ``"kakao"``.

    The class attributes ``service``, ``code``, ``description`` and ``retryable`` come
    from the code tables; the constructor copies them to the instance unless told
    otherwise, so ``err.code`` is right for a generated class without passing it.

    Attributes:
        service: ``"sms"`` or ``"kakao"``, or ``None`` for a local check.
        code: the API result code, or ``None`` (local validation, or an HTTP error
            without the API's envelope).
        message: the server's own ``resultMessage`` text, ``""`` when there was none.
        description: what the code tables say the code means (``""`` when unknown).
        retryable: ``True`` when repeating the same request may succeed (a transient
            failure of the provider). The retry layer also weighs whether a repeat is
            safe; this flag only says it may help.
        http_status: the HTTP status of the response, when there was one.
        request_id: the API's ``requestId`` when the response carried one.
        category: (class attribute) the family name used in the code tables, e.g.
            ``"template"``.
        docs_description: (class attribute) what NHN Cloud's current documentation says
            the code means when that differs from the seed table, else ``""``.
        hint: (class attribute) what to check, where the code table can say more
            than the code's text: which credential an authentication code means
            for the service that answered (SMS -1000 covers the app key in the URL
            and the ``X-Secret-Key`` header alike), else ``""``. ``str(err)``
            shows it after the description.
    """

    category: ClassVar[str] = "api"
    docs_description: ClassVar[str] = ""
    hint: ClassVar[str] = ""

    service: str | None = None
    code: int | None = None
    description: str = ""
    retryable: bool = False

    def __init__(
        self,
        message: str | None = None,
        *,
        service: str | None = None,
        code: int | None = None,
        http_status: int | None = None,
        attempts: int | None = None,
        request_id: str | None = None,
        description: str | None = None,
        retryable: bool | None = None,
    ) -> None:
        super().__init__(message or "", attempts=attempts)
        cls = type(self)
        self.message: str = _capped(message or "")
        self.service = cls.service if service is None else service
        self.code = cls.code if code is None else code
        self.description = cls.description if description is None else description
        self.retryable = cls.retryable if retryable is None else retryable
        self.http_status: int | None = http_status
        self.request_id: str | None = request_id

    def _details(self) -> list[str]:
        details = []
        if self.http_status is not None:
            details.append(f"HTTP {self.http_status}")
        details.extend(super()._details())
        if self.request_id:
            details.append(f"request {self.request_id}")
        return details

    def __str__(self) -> str:
        tag = " ".join(
            part for part in (self.service, None if self.code is None else str(self.code)) if part
        )
        out = f"[{tag}] {type(self).__name__}" if tag else type(self).__name__
        message = _one_line(self.message)
        if self.description:
            out += f": {self.description}"
            if message and message != self.description:
                out += f' (server: "{message}")'
        elif message:
            out += f": {message}"
        if self.hint and self.code == type(self).code:
            out += f"; {self.hint}"
        details = self._details()
        if details:
            out += f" ({', '.join(details)})"
        return out

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(service={self.service!r}, code={self.code!r}, "
            f"message={_one_line(self.message)!r}, http_status={self.http_status!r}, "
            f"attempts={self.attempts!r})"
        )


class ValidationError(APIError):
    """The request was rejected as invalid: fix the input, do not retry.

    Raised by the SDK's local checks before anything is sent (then ``code`` and
    ``service`` are ``None`` and ``field`` names the offending parameter), and for the
    server's own validation codes.

    Attributes:
        field: the parameter at fault (``"body"``, ``"to"``...), when known.
    """

    category: ClassVar[str] = "validation"

    def __init__(
        self,
        message: str | None = None,
        *,
        field: str | None = None,
        service: str | None = None,
        code: int | None = None,
        http_status: int | None = None,
        attempts: int | None = None,
        request_id: str | None = None,
        description: str | None = None,
        retryable: bool | None = None,
    ) -> None:
        super().__init__(
            message,
            service=service,
            code=code,
            http_status=http_status,
            attempts=attempts,
            request_id=request_id,
            description=description,
            retryable=retryable,
        )
        self.field: str | None = field

    def _details(self) -> list[str]:
        details = super()._details()
        if self.field is not None:
            details.insert(0, f"field {self.field!r}")
        return details


class RecipientError(ValidationError):
    """A recipient number is missing, malformed, or refuses messages (080 opt-out).

    Permanent for that number: remove or correct it rather than resending.
    """

    category: ClassVar[str] = "recipient"


class AuthenticationError(APIError):
    """The app key or secret key is wrong or unknown: check the credentials."""

    category: ClassVar[str] = "authentication"


class PermissionDeniedError(APIError):
    """The credentials are valid but not allowed to do this.

    Typical causes: the caller's IP is not allowed, the member is not in the project,
    the project or service is blocked or disabled, or a feature is not enabled for the
    app key. Fix it in the NHN Cloud console; retrying cannot help.
    """

    category: ClassVar[str] = "permission"


class NotFoundError(APIError):
    """What the request refers to does not exist (request id, message, image, category...).

    Templates, sender numbers and sender profiles have their own categories.
    """

    category: ClassVar[str] = "not_found"


class TemplateError(APIError):
    """A template is missing, invalid, not approved, or does not match the message."""

    category: ClassVar[str] = "template"


class SenderNumberError(APIError):
    """The SMS sender number is unregistered or blocked: register or unblock it."""

    category: ClassVar[str] = "sender_number"


class SenderProfileError(APIError):
    """A KakaoTalk sender profile (or its group) is missing, inactive or misconfigured."""

    category: ClassVar[str] = "sender_profile"


class SenderProfileBlocked(SenderProfileError):
    """The KakaoTalk sender profile is blocked (KakaoTalk -1027).

    Nothing can be sent with it until Kakao lifts the block; retrying cannot help.
    """

    category: ClassVar[str] = "sender_profile_blocked"


class DuplicateRequestError(APIError):
    """The request repeats one the server already received (KakaoTalk -1005).

    KakaoTalk refuses a second request carrying the same ``X-NC-API-IDEMPOTENCY-KEY``
    within 10 minutes. When the caller reused a key this is raised; the SDK's own
    retries treat it as "already submitted" instead.
    """

    category: ClassVar[str] = "duplicate"


class QuotaExceededError(APIError):
    """A sending limit was reached (daily volume, block limits, per-country caps).

    The limit lifts after its reset time or a settings change, never within a retry
    loop, so the SDK does not retry it.
    """

    category: ClassVar[str] = "quota"


class ServerError(APIError):
    """The provider failed on its side; repeating the request may succeed.

    Also raised for an HTTP 5xx response without the API's envelope (then ``code`` is
    ``None`` and ``http_status`` is set). Retryable by default.
    """

    category: ClassVar[str] = "server"
    retryable: bool = True


class RateLimitError(APIError):
    """The server answered HTTP 429 (too many requests). Retryable.

    Attributes:
        retry_after: seconds the server asked to wait (``Retry-After``), if it said.
    """

    category: ClassVar[str] = "rate_limit"
    retryable: bool = True

    def __init__(
        self,
        message: str | None = None,
        *,
        retry_after: float | None = None,
        service: str | None = None,
        code: int | None = None,
        http_status: int | None = None,
        attempts: int | None = None,
        request_id: str | None = None,
        description: str | None = None,
        retryable: bool | None = None,
    ) -> None:
        super().__init__(
            message,
            service=service,
            code=code,
            http_status=429 if http_status is None else http_status,
            attempts=attempts,
            request_id=request_id,
            description=description,
            retryable=retryable,
        )
        self.retry_after: float | None = retry_after

    def _details(self) -> list[str]:
        details = super()._details()
        if self.retry_after is not None:
            details.append(f"retry after {self.retry_after:g}s")
        return details


class UnknownAPIError(APIError):
    """An API failure whose code is in none of the SDK's tables.

    ``service`` and ``code`` still carry what the server sent, and ``message`` its text.
    Not retried: without a table entry there is no evidence the failure is transient.
    """

    category: ClassVar[str] = "unknown"


class TransportError(NotifyError):
    """The HTTP exchange itself failed (connection refused, timeout, dropped connection).

    Attributes:
        message: what went wrong, without request data.
        ambiguous: ``True`` when the request may have reached the server (for example a
            read timeout after sending), so a send may or may not have happened;
            ``False`` when it provably never left (connection refused).
        service: ``"sms"`` or ``"kakao"`` when known.
    """

    def __init__(
        self,
        message: str,
        *,
        ambiguous: bool,
        service: str | None = None,
        attempts: int | None = None,
    ) -> None:
        super().__init__(message, attempts=attempts)
        self.message: str = _capped(message)
        self.ambiguous: bool = ambiguous
        self.service: str | None = service

    def _details(self) -> list[str]:
        reached = "may have reached the server" if self.ambiguous else "never reached the server"
        return [reached, *super()._details()]

    def __str__(self) -> str:
        text = f"{type(self).__name__}: {super().__str__()}"
        return f"[{self.service}] {text}" if self.service else text


class ClientClosedError(TransportError):
    """The client was closed (``close()`` / ``aclose()``) before or during this call.

    ``ambiguous`` is ``False`` when nothing of this call had been sent (a call made
    after closing) and ``True`` when an earlier attempt may have reached the server:
    then look the send up by ``sender_grouping_key`` before sending it again.
    Make a new client to send again.
    """


class ProtocolError(NotifyError):
    """The response was not the documented envelope (HTML error page, bad JSON, missing fields).

    Attributes:
        message: what was wrong with the response.
        service: ``"sms"`` or ``"kakao"`` when known.
        http_status: the HTTP status of the response.
    """

    def __init__(
        self,
        message: str,
        *,
        service: str | None = None,
        http_status: int | None = None,
        attempts: int | None = None,
    ) -> None:
        super().__init__(message, attempts=attempts)
        self.message: str = _capped(message)
        self.service: str | None = service
        self.http_status: int | None = http_status

    def _details(self) -> list[str]:
        details = [] if self.http_status is None else [f"HTTP {self.http_status}"]
        return details + super()._details()

    def __str__(self) -> str:
        text = f"{type(self).__name__}: {super().__str__()}"
        return f"[{self.service}] {text}" if self.service else text


class PartialSendError(NotifyError):
    """Some recipients of an accepted send failed (from ``SendResult.raise_for_failures()``).

    Attributes:
        result: the full ``SendResult``, successes included.
        errors: the typed :class:`APIError` of each failed recipient, in request order.
    """

    def __init__(self, result: object, errors: Sequence[APIError]) -> None:
        self.result: object = result
        self.errors: tuple[APIError, ...] = tuple(errors)
        super().__init__(self._summary())

    def _summary(self) -> str:
        recipients = getattr(self.result, "recipients", None)
        failed = len(self.errors)
        noun = "recipient" if failed == 1 else "recipients"
        try:
            total = len(recipients) if recipients is not None else None
        except TypeError:
            total = None
        if total:
            head = f"{failed} of {total} recipient{'s' if total != 1 else ''} failed"
        else:
            head = f"{failed} {noun} failed"
        counts: dict[str, int] = {}
        for error in self.errors:
            key = " ".join(
                part
                for part in (error.service, None if error.code is None else str(error.code))
                if part
            )
            key = key or type(error).__name__
            counts[key] = counts.get(key, 0) + 1
        if not counts:
            return head
        return head + ": " + ", ".join(f"{key} x{n}" for key, n in counts.items())
