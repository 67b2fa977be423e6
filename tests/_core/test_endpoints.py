"""The endpoint registry agrees with the builders, both clients, the emulator and the reference.

Every declared endpoint is built from its builder with sample arguments and
the request is compared with the declaration (method, path template, path
segments, query keys, safety); the emulator's route table must answer that
request; both clients must have the method, of the declared kind; every public
client method must be a declared endpoint's or a declared helper; the
reference page lists every method.
"""

from __future__ import annotations

import inspect
import re
from datetime import datetime
from typing import Any
from urllib.parse import quote

import pytest

from notify_sdk import AsyncNotifyClient, NotifyClient
from notify_sdk._core import Operation, Pager
from notify_sdk._core.endpoints import GROUPS, Endpoint, all_endpoints, all_helpers
from notify_sdk.brand import TextMessage
from notify_sdk.testing._routing import route_for
from tests._core.test_hostile_paths import PATH_METHODS
from tests.helpers import CLIENT_KWARGS, SENDER_KEY

ENDPOINTS = all_endpoints()
HELPERS = all_helpers()

#: A harmless value for each required builder argument, by name; a
#: declaration's ``example`` overrides (and adds) values.
SAMPLES: dict[str, Any] = {
    "request_id": "20260101000000abcdef",
    "request": "20260101000000abcdef",
    "seq": 1,
    "template_code": "T1",
    "template_id": "T1",
    "category_id": 1,
    "unsubscribe_no": "0801234567",
    "numbers": ["01012345678"],
    "group_sender_key": SENDER_KEY,
    "to": "01012345678",
    "body": "hello",
    "title": "Hi",
    "name": "Name",
    "comment": "please review",
    "content": "Hello",
    "updated_from": datetime(2026, 1, 1, 9, 0),
    "updated_to": datetime(2026, 1, 1, 10, 0),
    "period_from": datetime(2026, 1, 1),
    "period_to": datetime(2026, 1, 2),
    "file": b"\xff\xd8\xff\xe0" + bytes(200),
    "file_name": "a.jpg",
    "file_size": 1000,
    "image_type": "IMAGE",
    "image_types": ["IMAGE"],
    "image_seq": 1,
    "video_seqs": [1],
    "attachments": [("a.png", b"x")],
    "statistics_type": "NORMAL",
    "product": "ALIMTALK",
    "message": TextMessage("Hi #{name}"),
}


def _client() -> NotifyClient:
    return NotifyClient(**CLIENT_KWARGS)  # type: ignore[arg-type]


def _arguments(endpoint: Endpoint, builder: Any) -> dict[str, Any]:
    params = list(inspect.signature(builder).parameters.values())[1:]
    args: dict[str, Any] = {}
    for param in params:
        if param.name in endpoint.example:
            args[param.name] = endpoint.example[param.name]
        elif param.default is inspect.Parameter.empty:
            assert param.name in SAMPLES, (
                f"{endpoint.name}: no sample for {param.name!r}: give the declaration example="
            )
            args[param.name] = SAMPLES[param.name]
    args.update(endpoint.when)
    return args


def _operation(endpoint: Endpoint, name: str) -> tuple[Operation[Any], dict[str, Any]]:
    builder = endpoint.builders[name]
    args = _arguments(endpoint, builder)
    client = _client()
    try:
        built = builder(client._context, **args)
    finally:
        client.close()
    if isinstance(built, Pager):
        _, built = next(built.pages())
    assert isinstance(built, Operation), f"{name} built {built!r}"
    return built, args


CASES = [(e, name) for e in ENDPOINTS for name in e.builders]


def _id(case: tuple[Endpoint, str]) -> str:
    endpoint, name = case[0], case[1]
    variant = ",".join(f"{k}={v}" for k, v in endpoint.when.items())
    return f"{name}[{endpoint.http} {endpoint.path}{' ' + variant if variant else ''}]"


def test_every_declaration_has_a_builder() -> None:
    assert [e.name for e in ENDPOINTS if set(e.methods) - set(e.builders)] == []


@pytest.mark.parametrize(("endpoint", "name"), CASES, ids=[_id(c) for c in CASES])
def test_the_builder_makes_the_declared_request(endpoint: Endpoint, name: str) -> None:
    op, args = _operation(endpoint, name)
    assert op.method == endpoint.http
    found = endpoint.pattern().fullmatch(op.path)
    assert found, f"{name} built {op.path!r}, declared {endpoint.template!r}"
    assert op.safety is endpoint.safety, f"{name}: {op.safety} is not the declared safety"
    assert op.namespace == endpoint.namespace
    assert op.label in endpoint.methods, f"{name}: label {op.label!r}"
    signature = inspect.signature(endpoint.builders[name]).parameters
    for arg, segment in endpoint.segments.items():
        assert arg in signature, f"{name}: segments= names {arg!r}, not a parameter"
        if arg in args:
            values = _segment_values(endpoint, op.path)
            assert values[segment] == quote(str(args[arg]), safe=""), (name, segment, values)
    for arg, key in endpoint.query.items():
        assert arg in signature, f"{name}: query= names {arg!r}, not a parameter"
        if arg in args:
            assert key in (op.params or {}), f"{name}: {arg} did not become ?{key}"


def _segment_values(endpoint: Endpoint, path: str) -> dict[str, str]:
    names = re.findall(r"\{(\w+)\}", endpoint.template)
    found = endpoint.pattern().fullmatch(path)
    assert found is not None
    regex = re.escape(endpoint.template)
    for segment in names:
        regex = regex.replace(re.escape("{" + segment + "}"), f"(?P<{segment}>[^/?#]+)", 1)
    match = re.fullmatch(regex, path)
    assert match is not None, (path, endpoint.template)
    return {k: v for k, v in match.groupdict().items() if k != "appkey"}


@pytest.mark.parametrize(("endpoint", "name"), CASES, ids=[_id(c) for c in CASES])
def test_the_emulator_routes_every_endpoint(endpoint: Endpoint, name: str) -> None:
    op, _ = _operation(endpoint, name)
    path = op.path.replace("{appkey}", "app-key")
    route = route_for(op.method, path)
    assert route is not None, f"the emulator has no route for {op.method} {endpoint.template}"
    assert route.body == endpoint.body, f"{name}: the emulator reads a {route.body} body"


def test_every_client_method_is_declared() -> None:
    declared = {name for e in ENDPOINTS for name in e.methods}
    helpers = {h.name for h in HELPERS}
    lifecycle = {"close", "add_hooks", "remove_hooks"}
    public = {
        n for n in dir(NotifyClient) if not n.startswith("_") and callable(getattr(NotifyClient, n))
    }
    public.discard("mro")
    assert public - declared - helpers - lifecycle == set(), "client methods nobody declared"
    assert declared - public == set(), "declared methods the client lacks"
    assert helpers - public == set(), "declared helpers the client lacks"
    for helper in HELPERS:
        assert set(helper.uses) <= declared, f"{helper.name} uses undeclared {helper.uses}"


@pytest.mark.parametrize(("endpoint", "name"), CASES, ids=[_id(c) for c in CASES])
def test_both_clients_have_the_method_of_the_declared_kind(endpoint: Endpoint, name: str) -> None:
    builder = endpoint.builders[name]
    for client in (NotifyClient, AsyncNotifyClient):
        method = getattr(client, name)
        assert method.__module__ == builder.__module__, f"{client.__name__}.{name}"
        # The template-checked sends append a paragraph to the builder's doc.
        assert (method.__doc__ or "").startswith((builder.__doc__ or "").rstrip()), name
    is_coroutine = inspect.iscoroutinefunction(getattr(AsyncNotifyClient, name))
    assert is_coroutine is not endpoint.pager, f"{name}: pager={endpoint.pager} but async kind"


def test_every_group_is_a_reference_group() -> None:
    groups = {g for _, _, names in GROUPS for g in names}
    assert {e.group for e in ENDPOINTS} <= groups
    assert {h.group for h in HELPERS if h.group is not None} <= groups


def test_every_path_segment_from_the_caller_is_in_the_hostile_path_test() -> None:
    tested = {name.split("(")[0] for name, _, _ in PATH_METHODS}
    needing = {
        name
        for e in ENDPOINTS
        for name in e.builders
        if any(arg != "sender_key" for arg in e.segments) and e.segments
    }
    assert needing - tested == set()


def test_declarations_name_each_wire_endpoint_once() -> None:
    seen: dict[tuple[str, str], str] = {}
    for e in ENDPOINTS:
        key = (e.http, e.template)
        assert key not in seen, f"{e.name} and {seen[key]} both declare {key}"
        seen[key] = e.name
