"""The documentation site: it builds strict-clean, its code reference matches the
package's code tables, and the names its examples use exist in the code."""

from __future__ import annotations

import ast
import html
import importlib
import importlib.util
import inspect
import re
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from enum import Enum
from pathlib import Path
from typing import Any

import attrs
import pytest

import notify_sdk
import notify_sdk.brand
import notify_sdk.delivery
import notify_sdk.errors
import notify_sdk.testing
from notify_sdk import AsyncNotifyClient, NotifyClient, RetryPolicy
from notify_sdk.errors import kakao as kakao_errors
from notify_sdk.errors import sms as sms_errors
from notify_sdk.testing import Emulator, faults

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"


def _mkdocs() -> list[str] | None:
    """The command that runs mkdocs, or None when it is not installed."""
    try:
        import mkdocs  # noqa: F401
        import mkdocstrings  # noqa: F401
    except ImportError:
        return None
    return [sys.executable, "-m", "mkdocs"]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Build the site once, strict, into a temporary directory."""
    command = _mkdocs()
    if command is None:
        pytest.fail("mkdocs / mkdocstrings not installed: pip install -e '.[docs]'")
    out = tmp_path_factory.mktemp("site")
    done = subprocess.run(
        [*command, "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        env={**_clean_env(), "NO_MKDOCS_2_WARNING": "1"},
    )
    if done.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{done.stdout}\n{done.stderr}")
    yield out
    shutil.rmtree(out, ignore_errors=True)


def _clean_env() -> dict[str, str]:
    import os

    return {k: v for k, v in os.environ.items() if not k.startswith("NHN_")}


# --- the build ------------------------------------------------------------------------


def test_mkdocs_build_strict_succeeds(site: Path) -> None:
    for page in ("index.html", "retries/index.html", "reference/api/index.html"):
        assert (site / page).is_file(), page
    # The build helpers in docs/ are not published.
    assert not list(site.rglob("*.py"))


def test_the_reference_names_no_private_base_class(site: Path) -> None:
    from notify_sdk import AsyncNotifyClient, NotifyClient

    # What the clients inherit but users cannot import: _Base, the drivers, the
    # generated method mixins, the tracking and template-check mixins.
    private = {
        base.__name__
        for client in (NotifyClient, AsyncNotifyClient)
        for base in client.__mro__[1:]
        if base is not object
    }
    assert {"_Base", "SmsMethods", "SyncDriver", "TemplateCheckMethods"} <= private
    shown: set[str] = set()
    for page in site.rglob("*.html"):
        for line in re.findall(r"Bases: ([^\n]+)", _text(page)):
            shown |= {name.strip() for name in line.split(",")}
    assert shown, "no class shows its bases any more: the check below would prove nothing"
    assert "NotifyError" in shown  # a public base still shows
    assert {name for name in shown if name.startswith("_")} == set()
    assert shown & private == set()


def test_retries_page_covers_the_contract(site: Path) -> None:
    text = _text(site / "retries" / "index.html")
    for phrase in (
        "-1005",
        "DuplicateRequestError",
        "senderGroupingKey",
        "on_ambiguous",
        "reconcile_wait",
        "deadline",
        "retry_stats",
        "on_retry",
        "RetryPolicy.disabled()",
        "evolve(",
        "The remaining risk",
    ):
        assert phrase in text, phrase


# --- the generated result-code reference -----------------------------------------------


def _rows(section: str) -> set[tuple[str, ...]]:
    rows = set()
    for row in re.findall(r"<tr>(.*?)</tr>", section, re.S):
        cells = re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)
        rows.add(tuple(html.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in cells))
    return rows


def _sections(page: str) -> list[str]:
    return re.split(r"<h2", page)[1:]


def _section_about(page: str, marker: str) -> str:
    found = [s for s in _sections(page) if marker in s]
    assert len(found) == 1, f"expected one section mentioning {marker}, found {len(found)}"
    return found[0]


@pytest.mark.parametrize(
    ("service", "codes"),
    [("sms", sms_errors.CODES), ("kakao", kakao_errors.CODES)],
)
def test_code_page_lists_every_api_code(site: Path, service: str, codes: Any) -> None:
    page = (site / "reference" / "codes" / "index.html").read_text(encoding="utf-8")
    rows = _rows(_section_about(page, f"notify_sdk.errors.{service}"))
    by_code = {row[0]: row for row in rows if row}
    missing = []
    for code, cls in codes.items():
        row = by_code.get(str(code))
        if row is None or cls.__name__ not in row:
            missing.append(f"{service} {code} {cls.__name__}")
    assert not missing, f"{len(missing)} codes missing from the page: {missing[:10]}"
    assert len(codes) > 10


DELIVERY_ENUMS = [
    getattr(notify_sdk.delivery, name)
    for name in ("SmsResultCode", "DlrStatus", "DlrErrorCode", "MtrCode", "KakaoResultCode")
]


@pytest.mark.parametrize("enum_cls", DELIVERY_ENUMS, ids=lambda e: e.__name__)
def test_code_page_lists_every_delivery_code(site: Path, enum_cls: type[Enum]) -> None:
    page = (site / "reference" / "codes" / "index.html").read_text(encoding="utf-8")
    rows = _rows(_section_about(page, f"notify_sdk.delivery.{enum_cls.__name__}<"))
    missing = [
        f"{m.value} {m.name}" for m in enum_cls if not any(str(m.value) == r[0] for r in rows)
    ]
    assert not missing, f"{enum_cls.__name__}: missing {missing[:10]}"


def test_code_page_is_generated_from_the_tables() -> None:
    """The hook renders the page with tools/gen_codes.py; no stale copy is kept in docs/."""
    if importlib.util.find_spec("mkdocs") is None:
        pytest.fail("the docs hook needs mkdocs: pip install -e '.[docs]'")
    sys.path.insert(0, str(DOCS))
    try:
        hooks = importlib.import_module("hooks")
    finally:
        sys.path.remove(str(DOCS))
    markdown = hooks.render_codes_page(ROOT)
    assert "-1005" in markdown and "IdempotencyKeyReusedError" in markdown
    assert not (DOCS / "reference" / "codes.md").exists()


# --- names used in the docs exist in the code -------------------------------------------

_FENCE = re.compile(r"^([ \t]*)```python\n(.*?)^\1```", re.S | re.M)


def _snippets() -> list[tuple[str, str]]:
    out = []
    for page in sorted(DOCS.rglob("*.md")):
        for match in _FENCE.finditer(page.read_text(encoding="utf-8")):
            out.append((f"{page.relative_to(DOCS)}:{match.start()}", textwrap.dedent(match[2])))
    return out


SNIPPETS = _snippets()


@pytest.mark.parametrize(("where", "code"), SNIPPETS, ids=[w for w, _ in SNIPPETS])
def test_doc_snippets_are_valid_python(where: str, code: str) -> None:
    ast.parse(code)


def _builder(method: Callable[..., Any]) -> Callable[..., Any]:
    """What a client method accepts: its own signature when it carries one (every
    generated method does, with the template check's ``check_template``), else the
    operation builder behind it (the method itself takes *args)."""
    if hasattr(method, "__signature__"):
        return method
    module = importlib.import_module(method.__module__)
    return getattr(module, method.__name__, method)  # type: ignore[no-any-return]


def _keywords(target: Any) -> set[str] | None:
    """Keyword names ``target`` accepts; None when it takes **kwargs."""
    if attrs.has(target):
        return {f.alias for f in attrs.fields(target)}
    params = inspect.signature(target).parameters.values()
    if any(p.kind is p.VAR_KEYWORD for p in params):
        return None
    return {p.name for p in params}


# Objects the snippets call methods on, by the variable names the docs use.
RECEIVERS: dict[str, Any] = {
    "client": NotifyClient,
    "unreachable": NotifyClient,
    "notify_emulator": Emulator,
    "emulator": Emulator,
    "faults": faults,
    "default": RetryPolicy,
    "policy": RetryPolicy,
    "RetryPolicy": RetryPolicy,
}
PUBLIC_MODULES = (notify_sdk, notify_sdk.errors, notify_sdk.brand, notify_sdk.testing)


def _resolve(node: ast.expr) -> Any:
    """What a call's function refers to, when the docs use a known name."""
    if isinstance(node, ast.Name):
        for module in PUBLIC_MODULES:
            if hasattr(module, node.id):
                return getattr(module, node.id)
        return None
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        owner = RECEIVERS.get(node.value.id) or _resolve(node.value)
        if owner is None or not (inspect.isclass(owner) or inspect.ismodule(owner)):
            return None
        if not hasattr(owner, node.attr):
            raise AssertionError(f"{node.value.id}.{node.attr} does not exist")
        member = getattr(owner, node.attr)
        if owner is RetryPolicy and node.attr == "evolve":
            return RetryPolicy  # evolve(**changes) takes the policy's fields
        if owner in (NotifyClient, AsyncNotifyClient) and callable(member):
            return _builder(member)
        return member
    return None


@pytest.mark.parametrize(("where", "code"), SNIPPETS, ids=[w for w, _ in SNIPPETS])
def test_doc_snippets_use_existing_names_and_parameters(where: str, code: str) -> None:
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("notify"):
            module = importlib.import_module(node.module)
            for alias in node.names:
                assert hasattr(module, alias.name), f"{node.module}.{alias.name}"
        if not isinstance(node, ast.Call):
            continue
        target = _resolve(node.func)
        if target is None or not callable(target):
            continue
        accepted = _keywords(target)
        if accepted is None:
            continue
        for kw in node.keywords:
            if kw.arg is not None:
                assert kw.arg in accepted, f"{ast.unparse(node.func)}() has no parameter {kw.arg!r}"


def test_key_names_named_in_the_guide_exist() -> None:
    client_methods = [
        "send_sms", "send_mms", "send_auth_sms", "send_ad_sms", "send_ad_mms",
        "upload_attachment", "get_sms_delivery", "list_sms_deliveries", "cancel_scheduled_sms",
        "send_alimtalk", "send_alimtalk_raw", "send_friendtalk", "get_alimtalk_message",
        "list_alimtalk_messages", "search_alimtalk_results", "cancel_alimtalk",
        "get_friendtalk_message", "list_friendtalk_messages", "list_sender_profiles",
        "get_sender_profile", "send_brand_message", "send_brand_template",
        "upload_brand_image", "register_brand_video", "list_brand_messages",
        "get_brand_message", "cancel_brand_message", "retry_stats", "retry_policy",
    ]  # fmt: skip
    for name in client_methods:
        assert hasattr(NotifyClient, name), name
        assert hasattr(AsyncNotifyClient, name), name
    assert hasattr(NotifyClient, "close") and hasattr(AsyncNotifyClient, "aclose")
    for method in ("send_sms", "send_mms", "send_alimtalk", "send_brand_message"):
        assert "retry" in inspect.signature(_builder(getattr(NotifyClient, method))).parameters

    policy_fields = {f.name for f in attrs.fields(RetryPolicy)}
    assert policy_fields >= {
        "max_attempts", "initial_delay", "max_delay", "multiplier", "jitter", "deadline",
        "respect_retry_after", "on_ambiguous", "on_retry", "reconcile_wait",
    }  # fmt: skip
    assert RetryPolicy.disabled().max_attempts == 1
    assert RetryPolicy().evolve(deadline=5.0).deadline == 5.0
    assert {f.name for f in attrs.fields(notify_sdk.RetryEvent)} >= {
        "attempt", "error", "delay", "operation", "reconcile",
    }  # fmt: skip
    assert {f.name for f in attrs.fields(notify_sdk.RetryStats)} >= {
        "attempts", "retries", "budget_left", "budget_capacity",
    }  # fmt: skip
    assert {f.name for f in attrs.fields(notify_sdk.SendResult)} >= {
        "service", "request_id", "recipients", "attempts", "idempotency_key",
        "sender_grouping_key", "recovered",
    }  # fmt: skip
    for name in ("ok", "failed", "raise_for_failures"):
        assert hasattr(notify_sdk.SendResult, name)
    assert {f.name for f in attrs.fields(notify_sdk.RecipientResult)} >= {
        "number", "seq", "result_code", "result_message", "grouping_key", "namespace",
    }  # fmt: skip
    for name in ("ok", "error"):
        assert hasattr(notify_sdk.RecipientResult, name)

    for name in (
        "NotifyError", "ConfigurationError", "TransportError", "ProtocolError",
        "PartialSendError", "APIError", "ValidationError", "RecipientError",
        "AuthenticationError", "PermissionDeniedError", "NotFoundError", "TemplateError",
        "SenderNumberError", "SenderProfileError", "SenderProfileBlocked",
        "DuplicateRequestError", "QuotaExceededError", "ServerError", "RateLimitError",
        "UnknownAPIError", "lookup", "from_code",
    ):  # fmt: skip
        assert hasattr(notify_sdk.errors, name), name
    assert notify_sdk.errors.lookup("kakao", -1005).__name__ == "IdempotencyKeyReusedError"
    assert issubclass(
        notify_sdk.errors.lookup("kakao", -1005), notify_sdk.errors.DuplicateRequestError
    )
    assert issubclass(notify_sdk.errors.lookup("sms", -1005), notify_sdk.errors.ValidationError)

    for name in (
        "inject", "clear_faults", "client", "async_client", "client_kwargs", "transport",
        "handler", "serve", "accepted", "messages_to", "status_of", "assert_no_duplicates",
        "assert_each_recipient_got_exactly_one", "reset", "set_outcome", "set_non_kakao_user",
        "advance", "add_sender_number", "add_sender_profile", "add_template",
        "add_brand_template", "add_opt_out_080", "opt_out",
    ):  # fmt: skip
        assert hasattr(Emulator, name), name
    for name in (
        "connect_error", "timeout_before_accept", "timeout_after_accept", "http_status",
        "server_error_page", "result_code",
    ):  # fmt: skip
        assert hasattr(faults, name), name
    for name in (
        "DEFAULT_SENDER_NUMBER", "DEFAULT_OPT_OUT_NUMBER", "DEFAULT_SENDER_KEY",
        "DEFAULT_TEMPLATE_CODE", "DEFAULT_BRAND_TEMPLATE_CODE",
    ):  # fmt: skip
        assert hasattr(notify_sdk.testing, name), name
    for name in (
        "TextMessage", "ImageMessage", "WideMessage", "WideItemListMessage",
        "PremiumVideoMessage", "CommerceMessage", "CarouselFeedMessage",
        "CarouselCommerceMessage", "Button", "Coupon", "Image", "BrandRecipient",
        "BrandImageType", "Targeting", "friendtalk_to_brand",
    ):  # fmt: skip
        assert hasattr(notify_sdk.brand, name), name


def _text(page: Path) -> str:
    raw = page.read_text(encoding="utf-8")
    raw = re.sub(r"<(script|style)[^>]*>.*?</\1>", "", raw, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", raw))
