"""Every method that puts a caller value into a URL path, fed hostile values.

Each value is either refused with ``ValidationError(field=...)`` before any
request is made, or travels as exactly one path segment of the method's own
endpoint: it can never reach another endpoint (``cancel_alimtalk("x/../../
senders/KEY")`` must not become ``DELETE .../senders/KEY``), inject a query
(``a?pageSize=1``), cut the URL (``a#f``), or turn into a ConfigurationError
(NUL, newline).
"""

from __future__ import annotations

import contextlib
import inspect
import re
import sys
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any

import httpx
import pytest

from notify_sdk import NotifyClient, RetryPolicy
from notify_sdk.errors import NotifyError, ValidationError
from tests.helpers import CLIENT_KWARGS

HOSTILE = ["../x", "a/b", "a?k=v", "a#f", "%2e%2e", "a\x00b", "a\nb", "..", ".", "", "a b"]

#: (method, how to call it with the value under test, the field it must name).
Call = Callable[[NotifyClient, str], Any]
PATH_METHODS: list[tuple[str, Call, str]] = [
    ("get_sms_delivery", lambda c, v: c.get_sms_delivery(v, 1), "request_id"),
    ("get_alimtalk_message", lambda c, v: c.get_alimtalk_message(v, 1), "request_id"),
    ("get_alimtalk_auth_message", lambda c, v: c.get_alimtalk_auth_message(v, 1), "request_id"),
    ("get_sms_reservation", lambda c, v: c.get_sms_reservation(v, 1), "request_id"),
    ("get_friendtalk_message", lambda c, v: c.get_friendtalk_message(v, 1), "request_id"),
    ("cancel_alimtalk", lambda c, v: c.cancel_alimtalk(v), "request"),
    ("cancel_friendtalk", lambda c, v: c.cancel_friendtalk(v), "request"),
    ("get_sender_profile", lambda c, v: c.get_sender_profile(v), "sender_key"),
    ("get_brand_message", lambda c, v: c.get_brand_message(v, 1), "request_id"),
    ("cancel_brand_message", lambda c, v: c.cancel_brand_message(v), "request"),
    ("get_brand_sender_profile", lambda c, v: c.get_brand_sender_profile(v), "sender_key"),
    (
        "set_brand_unsubscribe_content",
        lambda c, v: c.set_brand_unsubscribe_content("0801234567", sender_key=v),
        "sender_key",
    ),
    ("get_optout_number", lambda c, v: c.get_optout_number(v), "unsubscribe_no"),
    (
        "add_opted_out_recipients",
        lambda c, v: c.add_opted_out_recipients(v, ["01012345678"]),
        "unsubscribe_no",
    ),
    (
        "remove_opted_out_recipients",
        lambda c, v: c.remove_opted_out_recipients(v, ["01012345678"]),
        "unsubscribe_no",
    ),
    ("get_sender_group", lambda c, v: c.get_sender_group(v), "group_sender_key"),
    ("get_alimtalk_template", lambda c, v: c.get_alimtalk_template(v), "template_code"),
    (
        "get_alimtalk_template_status",
        lambda c, v: c.get_alimtalk_template_status(v),
        "template_code",
    ),
    ("delete_alimtalk_template", lambda c, v: c.delete_alimtalk_template(v), "template_code"),
    (
        "list_alimtalk_template_modifications",
        lambda c, v: c.list_alimtalk_template_modifications(v),
        "template_code",
    ),
    (
        "comment_alimtalk_template",
        lambda c, v: c.comment_alimtalk_template(v, "please review"),
        "template_code",
    ),
    (
        "comment_alimtalk_template_with_files",
        lambda c, v: c.comment_alimtalk_template_with_files(v, "see file", [("a.png", b"x")]),
        "template_code",
    ),
    (
        "register_alimtalk_template",
        lambda c, v: c.register_alimtalk_template("T1", "Ship", "Hello", sender_key=v),
        "sender_key",
    ),
    (
        "modify_alimtalk_template",
        lambda c, v: c.modify_alimtalk_template(v, "Ship", "Hello"),
        "template_code",
    ),
    (
        "get_alimtalk_template(sender_key)",
        lambda c, v: c.get_alimtalk_template("T1", sender_key=v),
        "sender_key",
    ),
    ("get_sms_template", lambda c, v: c.get_sms_template(v), "template_id"),
    # Typed segments: an int id or a value from a fixed set, never a free string.
    ("get_sms_template_category", lambda c, v: c.get_sms_template_category(v), "category_id"),
    (
        "modify_sms_template_category",
        lambda c, v: c.modify_sms_template_category(v, "Name"),
        "category_id",
    ),
    (
        "delete_sms_template_category",
        lambda c, v: c.delete_sms_template_category(v),
        "category_id",
    ),
    (
        "get_kakao_delivery_statistics",
        lambda c, v: c.get_kakao_delivery_statistics(v, _DAY[0], _DAY[1]),
        "product",
    ),
    (
        "get_kakao_template_statistics",
        lambda c, v: c.get_kakao_template_statistics(v, _DAY[0], _DAY[1]),
        "product",
    ),
    (
        "modify_sms_template",
        lambda c, v: c.modify_sms_template(v, "Name", "Body"),
        "template_id",
    ),
    ("delete_sms_template", lambda c, v: c.delete_sms_template(v), "template_id"),
    ("get_brand_template", lambda c, v: c.get_brand_template(v), "template_code"),
    (
        "modify_brand_template",
        lambda c, v: c.modify_brand_template(v, "Name", _text_message()),
        "template_code",
    ),
    ("delete_brand_template", lambda c, v: c.delete_brand_template(v), "template_code"),
    (
        "register_brand_template",
        lambda c, v: c.register_brand_template("Name", _text_message(), sender_key=v),
        "sender_key",
    ),
]


_DAY = (datetime(2026, 1, 1), datetime(2026, 1, 2))


def _text_message() -> Any:
    from notify_sdk.brand import TextMessage

    return TextMessage("Hi #{name}")


#: A harmless value of each field, to learn the endpoint's own path.
BENIGN: dict[str, Any] = {
    "category_id": 1,
    "product": "ALIMTALK",
    "unsubscribe_no": "0801234567",
    "sender_key": "a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2",
}


class Recorder:
    """A transport that records every request and answers an empty success envelope."""

    def __init__(self) -> None:
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return httpx.Response(
            200, json={"header": {"isSuccessful": True, "resultCode": 0, "resultMessage": ""}}
        )


@pytest.fixture
def recorded() -> Iterator[tuple[NotifyClient, Recorder]]:
    recorder = Recorder()
    http = httpx.Client(transport=httpx.MockTransport(recorder))
    client = NotifyClient(
        retry=RetryPolicy(max_attempts=1),
        http_client=http,
        **CLIENT_KWARGS,  # type: ignore[arg-type]
    )
    yield client, recorder
    http.close()


def _segments(request: httpx.Request) -> list[str]:
    return request.url.raw_path.decode("ascii").split("?", 1)[0].split("/")


def _benign(
    client: NotifyClient, recorder: Recorder, call: Call, field: str
) -> tuple[list[str], set[str]]:
    """The path and query names of the same call with a harmless value in the hostile spot."""
    try:
        result = call(client, BENIGN.get(field, "Zz9"))
        if hasattr(result, "__next__"):
            next(result, None)
    except NotifyError:
        pass  # the answer may not parse; the request was still made
    assert recorder.requests, "the benign call made no request: the table is wrong"
    request = recorder.requests[-1]
    recorder.requests.clear()
    return _segments(request), set(request.url.params.keys())


@pytest.mark.parametrize(("name", "call", "field"), PATH_METHODS, ids=[m[0] for m in PATH_METHODS])
@pytest.mark.parametrize("value", HOSTILE, ids=repr)
def test_hostile_path_values_are_refused_or_stay_one_segment(
    recorded: tuple[NotifyClient, Recorder], name: str, call: Call, field: str, value: str
) -> None:
    client, recorder = recorded
    benign, query = _benign(client, recorder, call, field)
    try:
        result = call(client, value)
        if hasattr(result, "__next__"):
            next(result, None)
    except ValidationError as error:
        assert error.field == field, f"{name}: refused {value!r} naming {error.field!r}"
        assert not recorder.requests, f"{name}: refused {value!r} after sending"
        return
    except NotifyError:
        pass  # sent, and the empty envelope did not parse: the request is what matters
    assert recorder.requests, f"{name}: neither refused {value!r} nor sent it"
    for request in recorder.requests:
        segments = _segments(request)
        assert len(segments) == len(benign), f"{name}: {value!r} changed the path {segments}"
        differing = [i for i, (a, b) in enumerate(zip(segments, benign, strict=True)) if a != b]
        assert len(differing) <= 1, f"{name}: {value!r} changed more than one segment"
        assert all(segments[i] not in (".", "..") for i in differing), f"{name}: a dot segment"
        assert set(request.url.params.keys()) == query, f"{name}: {value!r} injected a query"
        assert not request.url.fragment, f"{name}: {value!r} cut the URL"


def _builder_source(method: Any) -> str:
    """The source of the builder behind a client method, and of the helpers it calls."""
    module = sys.modules.get(getattr(method, "__module__", ""), None)
    builder = getattr(module, getattr(method, "__name__", ""), None)
    if module is None or not callable(builder):
        return ""
    try:
        source = inspect.getsource(builder)
    except (OSError, TypeError):
        return ""
    helpers = []
    for called in set(re.findall(r"\b(\w+)\(", source)):
        helper = getattr(module, called, None)
        if inspect.isfunction(helper) and helper is not builder:
            with contextlib.suppress(OSError, TypeError):
                helpers.append(inspect.getsource(helper))
    return "\n".join([source, *helpers])


def test_the_table_covers_every_method_that_builds_a_path_from_a_caller_value() -> None:
    """A new path method must join PATH_METHODS: the builders' sources are scanned."""
    names = {m[0].split("(")[0] for m in PATH_METHODS}
    found = set()
    for attr in dir(NotifyClient):
        if attr.startswith("_"):
            continue
        source = _builder_source(getattr(NotifyClient, attr))
        if re.search(r"segment\(|request_reference\(", source):
            found.add(attr)
    # These put the checked values in the query string or the body, not the path.
    # These check values with the segment rules but send them in the body or query.
    not_in_path = {
        "cancel_scheduled_sms",
        "create_sms_template",
        "cancel_sms_reservations_matching",
        # The sender key goes into the query; the path takes a fixed product name.
        "get_kakao_delivery_statistics",
        "get_kakao_template_statistics",
    } | {n for n in found if n.startswith(("list_", "search_"))}
    assert found - names - not_in_path == set(), sorted(found - names - not_in_path)
    # The scan sees the rules: it would notice a method that stopped using them.
    assert {"get_sms_delivery", "cancel_alimtalk", "get_brand_message"} <= found
