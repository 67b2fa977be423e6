"""The exception hierarchy: contract names, lookups, messages and pickling."""

from __future__ import annotations

import inspect
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from notify_sdk import errors
from notify_sdk.errors import kakao, sms

REPO = Path(__file__).resolve().parents[2]

# design/API.md "Errors": every name, and the class it must derive from.
CONTRACT_PARENTS: dict[str, type[BaseException]] = {
    "NotifyError": Exception,
    "ConfigurationError": errors.NotifyError,
    "APIError": errors.NotifyError,
    "ValidationError": errors.APIError,
    "AuthenticationError": errors.APIError,
    "PermissionDeniedError": errors.APIError,
    "TemplateError": errors.APIError,
    "SenderNumberError": errors.APIError,
    "SenderProfileError": errors.APIError,
    "SenderProfileBlocked": errors.SenderProfileError,
    "DuplicateRequestError": errors.APIError,
    "QuotaExceededError": errors.APIError,
    "ServerError": errors.APIError,
    "RateLimitError": errors.APIError,
    "TransportError": errors.NotifyError,
    "ProtocolError": errors.NotifyError,
    "PartialSendError": errors.NotifyError,
    "UnknownAPIError": errors.APIError,
}

HAND_WRITTEN: list[type[errors.NotifyError]] = [
    getattr(errors, name)
    for name in errors.__all__
    if isinstance(getattr(errors, name), type) and issubclass(getattr(errors, name), Exception)
]
GENERATED: list[type[errors.APIError]] = [*sms.CODES.values(), *kakao.CODES.values()]


def test_contract_names_and_parents() -> None:
    for name, parent in CONTRACT_PARENTS.items():
        cls = getattr(errors, name)
        assert issubclass(cls, parent), name
        assert cls.__module__ == "notify_sdk.errors", name
        assert name in errors.__all__
    assert not issubclass(errors.TransportError, errors.APIError)
    assert not issubclass(errors.ProtocolError, errors.APIError)


def test_category_of_each_contract_name() -> None:
    expected = {
        "APIError": "api",
        "ValidationError": "validation",
        "AuthenticationError": "authentication",
        "PermissionDeniedError": "permission",
        "TemplateError": "template",
        "SenderNumberError": "sender_number",
        "SenderProfileError": "sender_profile",
        "SenderProfileBlocked": "sender_profile_blocked",
        "DuplicateRequestError": "duplicate",
        "QuotaExceededError": "quota",
        "ServerError": "server",
        "RateLimitError": "rate_limit",
        "UnknownAPIError": "unknown",
        "NotFoundError": "not_found",
        "RecipientError": "recipient",
    }
    for name, category in expected.items():
        assert getattr(errors, name).category == category, name
    assert errors.ServerError.retryable and errors.RateLimitError.retryable
    for name in ("APIError", "ValidationError", "TemplateError", "UnknownAPIError"):
        assert getattr(errors, name).retryable is False, name


def test_every_class_has_a_docstring() -> None:
    for cls in [*HAND_WRITTEN, *GENERATED]:
        assert cls.__doc__ and cls.__doc__.strip(), cls
    for func in (errors.lookup, errors.from_code):
        assert func.__doc__


# ------------------------------------------------------------------------ lookup


def test_required_lookups() -> None:
    assert issubclass(errors.lookup("kakao", -1005), errors.DuplicateRequestError)
    assert not issubclass(errors.lookup("sms", -1005), errors.DuplicateRequestError)
    assert issubclass(errors.lookup("kakao", -1027), errors.SenderProfileBlocked)
    assert issubclass(errors.lookup("sms", -2312), errors.SenderNumberError)
    assert issubclass(errors.lookup("sms", -2313), errors.SenderNumberError)
    for service, code in (("sms", -9999), ("sms", -2021), ("kakao", -9999)):
        cls = errors.lookup(service, code)
        assert issubclass(cls, errors.ServerError), (service, code)
        assert cls.retryable is True
        assert errors.from_code(service, code).retryable is True


def test_important_class_names() -> None:
    names = {
        ("sms", -9999): "UnexpectedSystemError",
        ("sms", -2021): "QueueInsertFailedError",
        ("sms", -1000): "InvalidAppKeyError",
        ("sms", -2019): "InvalidRecipientNumberError",
        ("sms", -2312): "UnregisteredSenderNumberError",
        ("kakao", -1005): "IdempotencyKeyReusedError",
        ("kakao", -1027): "SenderProfileBlockedError",
        ("kakao", -1017): "DailySendLimitExceededError",
        ("kakao", -2019): "TemplateBodyTooLongError",
    }
    for (service, code), name in names.items():
        assert errors.lookup(service, code).__name__ == name
    assert issubclass(errors.lookup("kakao", -1017), errors.QuotaExceededError)
    assert issubclass(errors.lookup("sms", -1000), errors.AuthenticationError)


def test_lookup_edges() -> None:
    assert errors.lookup("sms", 0) is errors.APIError
    assert errors.lookup("kakao", 0) is errors.APIError
    assert errors.lookup("sms", -424242) is errors.UnknownAPIError
    for bad in ("SMS", "alimtalk", "", "email"):
        with pytest.raises(ValueError, match="namespace"):
            errors.lookup(bad, -9999)
        with pytest.raises(ValueError):
            errors.from_code(bad, -9999)


def test_from_code_fills_the_instance() -> None:
    err = errors.from_code(
        "kakao", -1027, "profile is blocked", http_status=200, request_id="req-1"
    )
    assert isinstance(err, kakao.SenderProfileBlockedError)
    assert (err.service, err.code, err.message) == ("kakao", -1027, "profile is blocked")
    assert err.description == "When the outgoing profile is blocked"
    assert (err.http_status, err.request_id, err.attempts, err.retryable) == (
        200,
        "req-1",
        None,
        False,
    )
    unknown = errors.from_code("sms", -31337, "odd")
    assert type(unknown) is errors.UnknownAPIError
    assert (unknown.service, unknown.code, unknown.message) == ("sms", -31337, "odd")
    assert unknown.retryable is False


@given(
    service=st.sampled_from(["sms", "kakao"]),
    code=st.one_of(st.integers(), st.sampled_from([*sms.CODES, *kakao.CODES])),
)
def test_any_code_maps_to_its_class_or_unknown(service: str, code: int) -> None:
    cls = errors.lookup(service, code)
    table = sms.CODES if service == "sms" else kakao.CODES
    if code == 0:
        assert cls is errors.APIError
    elif code in table:
        assert cls.code == code and cls.service == service
    else:
        assert cls is errors.UnknownAPIError
    err = errors.from_code(service, code, "text")
    assert (err.service, err.code, err.message) == (service, code, "text")


def test_generated_classes_are_not_imported_with_the_package() -> None:
    # The few hundred generated classes load on the first lookup, not at import.
    script = (
        "import sys, notify_sdk.errors as e\n"
        "before = 'notify_sdk.errors.kakao' in sys.modules\n"
        "e.lookup('kakao', -1)\n"
        "print(before, 'notify_sdk.errors.kakao' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert out.stdout.split() == ["False", "True"]


# ----------------------------------------------------------------------- messages


def test_api_error_str_for_the_person_on_call() -> None:
    err = errors.from_code("kakao", -1027, "Sender profile blocked.", http_status=200)
    err.attempts = 3
    assert str(err) == (
        "[kakao -1027] SenderProfileBlockedError: When the outgoing profile is blocked "
        '(server: "Sender profile blocked.") (HTTP 200, attempts 3)'
    )
    same = errors.from_code("sms", -2019, "Recipient number is invalid")
    assert str(same) == "[sms -2019] InvalidRecipientNumberError: Recipient number is invalid"
    bare = errors.UnknownAPIError("teapot", service="kakao", code=-4242, request_id="r-9")
    assert str(bare) == "[kakao -4242] UnknownAPIError: teapot (request r-9)"


def test_server_text_is_kept_to_one_short_line() -> None:
    page = "<html>\n" + "x" * 5000 + "\n</html>"
    text = str(errors.from_code("sms", -9999, page, http_status=500))
    assert "\n" not in text
    assert len(text) < 500
    assert text.startswith("[sms -9999] UnexpectedSystemError: System error (unexpected error)")


def test_validation_error_names_its_field() -> None:
    err = errors.ValidationError(
        "body is 95 bytes in EUC-KR, the SMS limit is 90; use send_mms", field="body"
    )
    assert (err.code, err.service, err.field, err.retryable) == (None, None, "body", False)
    assert str(err) == (
        "ValidationError: body is 95 bytes in EUC-KR, the SMS limit is 90; use send_mms "
        "(field 'body')"
    )
    assert isinstance(err, errors.APIError)


def test_server_and_rate_limit_defaults() -> None:
    err = errors.ServerError("HTTP 502 without a result envelope", service="sms", http_status=502)
    assert err.retryable is True and err.code is None
    assert str(err) == "[sms] ServerError: HTTP 502 without a result envelope (HTTP 502)"
    assert errors.ServerError(retryable=False).retryable is False
    limited = errors.RateLimitError(service="kakao", retry_after=2.5)
    assert (limited.http_status, limited.retry_after, limited.retryable) == (429, 2.5, True)
    assert str(limited) == "[kakao] RateLimitError (HTTP 429, retry after 2.5s)"


def test_explicit_kwargs_win_over_class_attributes() -> None:
    err = kakao.UnexpectedSystemError(
        "x", description="custom", retryable=False, service="kakao", code=-9999
    )
    assert (err.description, err.retryable) == ("custom", False)
    assert kakao.UnexpectedSystemError.retryable is True


def test_transport_protocol_and_configuration_errors() -> None:
    drop = errors.TransportError("read timed out", ambiguous=True, service="sms", attempts=2)
    assert (drop.ambiguous, drop.service, drop.attempts) == (True, "sms", 2)
    assert str(drop) == (
        "[sms] TransportError: read timed out (may have reached the server, attempts 2)"
    )
    refused = errors.TransportError("connection refused", ambiguous=False)
    assert "never reached the server" in str(refused)
    bad = errors.ProtocolError("response is not JSON", service="kakao", http_status=502)
    assert (bad.service, bad.http_status, bad.attempts) == ("kakao", 502, None)
    assert str(bad) == "[kakao] ProtocolError: response is not JSON (HTTP 502)"
    config = errors.ConfigurationError("sms_secret_key is missing (NHN_SMS_SECRET_KEY)")
    assert str(config) == "sms_secret_key is missing (NHN_SMS_SECRET_KEY)"
    config.attempts = 1
    assert config.attempts == 1


class _Result:
    recipients = ("a", "b", "c", "d", "e")


def test_partial_send_error_counts_failures() -> None:
    failures = [
        errors.from_code("sms", -2019, "RecipientNo is invalid."),
        errors.from_code("sms", -2019),
        errors.from_code("sms", -6001),
    ]
    err = errors.PartialSendError(_Result(), failures)
    assert err.errors == tuple(failures)
    assert isinstance(err.result, _Result)
    assert str(err) == "3 of 5 recipients failed: sms -2019 x2, sms -6001 x1"
    one = errors.PartialSendError(object(), failures[:1])
    assert str(one) == "1 recipient failed: sms -2019 x1"


# ----------------------------------------------------------------------- pickling


def _instance(cls: type[errors.NotifyError]) -> errors.NotifyError:
    """An instance of ``cls`` with every attribute set to something non-default."""
    if issubclass(cls, errors.PartialSendError):
        return cls(_Result(), [errors.from_code("kakao", -3018, "no")])
    if issubclass(cls, errors.TransportError):
        return cls("read timed out", ambiguous=True, service="sms", attempts=3)
    if issubclass(cls, errors.ProtocolError):
        return cls("not JSON", service="kakao", http_status=502, attempts=2)
    if issubclass(cls, errors.ValidationError):
        return cls("bad", field="body", http_status=200, attempts=2, request_id="r-1")
    if issubclass(cls, errors.WebhookSignatureError):
        return cls("no header", missing=True, attempts=1)
    if issubclass(cls, errors.WebhookPayloadError):
        return cls("not JSON", field="hooks[0]", attempts=1)
    if issubclass(cls, errors.RateLimitError):
        return cls("slow down", retry_after=1.5, service="sms", attempts=4)
    if issubclass(cls, errors.APIError):
        return cls("server text", http_status=200, attempts=2, request_id="r-1")
    return cls("plain message", attempts=1)


@pytest.mark.parametrize("cls", [*HAND_WRITTEN, *GENERATED], ids=lambda c: c.__qualname__)
def test_every_exception_class_pickles(cls: type[errors.NotifyError]) -> None:
    err = _instance(cls)
    for protocol in (2, pickle.HIGHEST_PROTOCOL):
        copy = pickle.loads(pickle.dumps(err, protocol=protocol))
        assert type(copy) is cls
        assert copy.args == err.args
        state = {k: v for k, v in vars(err).items() if k not in ("result", "errors")}
        assert {k: v for k, v in vars(copy).items() if k in state} == state
        assert str(copy) == str(err)
        assert repr(copy) == repr(err)
    if isinstance(err, errors.PartialSendError):
        copy = pickle.loads(pickle.dumps(err))
        assert isinstance(copy.result, _Result)
        assert [type(e) for e in copy.errors] == [type(e) for e in err.errors]
        assert [str(e) for e in copy.errors] == [str(e) for e in err.errors]


def test_pickle_keeps_a_late_attempts_count_and_traceback_free_state() -> None:
    err = errors.from_code("kakao", -9999, "boom")
    err.attempts = 4
    copy = pickle.loads(pickle.dumps(err))
    assert copy.attempts == 4
    assert copy.retryable is True
    assert inspect.getmodule(type(copy)) is kakao
