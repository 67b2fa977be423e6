"""Endpoint declarations: one per API endpoint, in a small registry per service.

A declaration says, once, what an endpoint is on the wire — HTTP method, path
template with named segments, which caller arguments become which path
segments and query keys, the parser of its answer, its :class:`Safety` — and
where it belongs in the SDK: the client method(s) that call it and the group
its reference entry is listed under. It is written next to its builder::

    SENDER_NUMBERS = SMS.endpoint(
        "list_sender_numbers", "GET", "sendNos",
        group="SMS sender numbers", pager=True,
        query={"number": "sendNo", "in_use": "useYn", "blocked": "blockYn"},
        parser=sms_page(_number),
    )

    @SENDER_NUMBERS.builds
    def list_sender_numbers(ctx, *, number=None, ...) -> Pager[SenderNumber]:
        ...
        return listing(SENDER_NUMBERS, params, page_size=page_size, ...)

Everything else is derived from, or checked against, the declarations:

* the client methods: ``tools/gen_methods.py`` writes the mixins of both
  clients from the declarations (each builder becomes ``sync_method`` /
  ``sync_pager`` and their async twins, see :mod:`.methods`); ``--check`` runs
  in CI and in the tests, and a test checks that every declaration has both
  methods, of the declared kind, and that every public client method is a
  declaration's or a declared :func:`helper`;
* the API reference: its client-method sections are generated from the
  registry at docs build time (``docs/hooks.py``, :func:`reference_markdown`);
* the emulator: a test builds every declared endpoint's request and checks
  that the emulator's route table answers it, and that the builder's request
  matches the declared method, path, query keys and safety.

Builders keep whatever extra logic an endpoint needs (a send's idempotency
key and reconciliation lookup, a variant path chosen by an argument): the
declaration describes the request they produce, and the test proves it.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar

import attrs

from .operation import JSONDict, Namespace, Operation, Safety

if TYPE_CHECKING:
    from .._retry import RetryPolicy

__all__ = [
    "GROUPS",
    "PREFIXES",
    "Endpoint",
    "Helper",
    "Registry",
    "all_endpoints",
    "all_helpers",
    "reference_markdown",
]

F = TypeVar("F", bound=Callable[..., Any])
T = TypeVar("T")

Product = Literal["sms", "alimtalk", "friendtalk", "brand-message", "common"]

#: The URL prefix of each product; ``{appkey}`` is filled in by the driver
#: (and never logged).
PREFIXES: Mapping[Product, str] = {
    "sms": "/sms/v3.0/appKeys/{appkey}",
    "alimtalk": "/alimtalk/v2.3/appkeys/{appkey}",
    "friendtalk": "/friendtalk/v2.4/appkeys/{appkey}",
    "brand-message": "/brand-message/v1.0/appkeys/{appkey}",
    "common": "/common/v2.2/appkeys/{appkey}",
}

#: The reference page's sections: heading, introduction and groups, in page
#: order. A declaration's ``group`` must be one of these (a test checks it).
GROUPS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "Client methods",
        "The methods below belong to both `NotifyClient` and `AsyncNotifyClient`\n"
        "(awaited on the latter; the listing methods return an iterator, or an async\n"
        "iterator on the async client). Each one takes `retry=`, a `RetryPolicy` for\n"
        "that call only.",
        ("SMS", "AlimTalk and FriendTalk", "Brand Message methods"),
    ),
    (
        "Management methods",
        "Templates, sender numbers and profiles, 080 opt-outs, statistics and\n"
        "reservations; see [Managing templates, senders and opt-outs](../management.md).",
        (
            "080 opt-out",
            "Sender profiles",
            "AlimTalk templates",
            "SMS templates and categories",
            "Template check",
            "Brand Message templates and media",
            "AlimTalk authentication messages",
            "SMS reservations",
            "Statistics",
        ),
    ),
)

_SEGMENT = re.compile(r"\{(\w+)\}")


@attrs.define(eq=False)
class Endpoint:
    """One API endpoint, declared once.

    Attributes:
        product: whose URL prefix applies (``"sms"``, ``"alimtalk"``,
            ``"friendtalk"``, ``"brand-message"``, ``"common"``).
        name: the client method that calls it (also the operation's label).
        http: the HTTP method.
        path: the path below the app key, with ``{named}`` segments, e.g.
            ``"templates/{templateId}"``.
        group: the reference section it is listed under (one of :data:`GROUPS`).
        safety: how safe a repeat is (see :class:`Safety`).
        parser: reads the decoded answer; ``None`` when the builder makes
            the parser per call (say why in the builder).
        pager: the method pages automatically (returns an iterator).
        segments: builder argument -> path segment it fills.
        query: builder argument -> query key it becomes.
        body: ``"json"``, ``"multipart"`` or ``"none"``.
        when: argument values that select this endpoint when one method
            calls several (``get_sms_delivery(kind="mms")``).
        also: other client methods that call this endpoint (with another parser).
        example: sample values of the builder's required arguments, used
            by the registry test (and as a usage hint).
        builders: the builder of each method in :attr:`methods`, set by
            :meth:`builds`.
    """

    product: Product
    name: str
    http: str
    path: str
    group: str
    safety: Safety
    parser: Callable[..., Any] | None = None
    pager: bool = False
    segments: Mapping[str, str] = attrs.field(factory=dict)
    query: Mapping[str, str] = attrs.field(factory=dict)
    body: Literal["json", "multipart", "none", "auto"] = "auto"
    when: Mapping[str, object] = attrs.field(factory=dict)
    also: tuple[str, ...] = ()
    example: Mapping[str, object] = attrs.field(factory=dict)
    builders: dict[str, Callable[..., Any]] = attrs.field(factory=dict, init=False)

    def __attrs_post_init__(self) -> None:
        named = set(_SEGMENT.findall(self.path))
        if named != set(self.segments.values()):
            raise ValueError(
                f"{self.name}: path {self.path!r} names {sorted(named)}, "
                f"segments= fills {sorted(self.segments.values())}"
            )
        if self.body == "auto":
            self.body = "json" if self.http in ("POST", "PUT") else "none"

    @property
    def template(self) -> str:
        """The full path template, prefix included (``{appkey}`` left in)."""
        return f"{PREFIXES[self.product]}/{self.path}" if self.path else PREFIXES[self.product]

    def url(self, **segments: str) -> str:
        """The request path, with already checked and encoded ``segments`` filled in.

        Segment values come from the shared path-segment rules
        (:func:`notify_sdk._core.params.path_segment` and friends), which
        refuse or percent-encode anything that is not one plain segment.
        """
        missing = set(_SEGMENT.findall(self.path)) - set(segments)
        if missing:
            raise TypeError(f"{self.name}: no value for {', '.join(sorted(missing))}")
        path = _SEGMENT.sub(lambda m: segments[m.group(1)], self.path)
        prefix = PREFIXES[self.product]
        return f"{prefix}/{path}" if path else prefix

    def pattern(self) -> re.Pattern[str]:
        """A regular expression matching this endpoint's request paths."""
        parts = _SEGMENT.split(self.template)
        # split() alternates literal text and segment names.
        regex = "".join(
            "[^/?#]+" if index % 2 else re.escape(text) for index, text in enumerate(parts)
        )
        return re.compile(regex.replace(re.escape("{appkey}"), "[^/]+"))

    def builds(self, builder: F) -> F:
        """Decorator: ``builder`` builds this endpoint's requests (returned unchanged).

        Its name must be :attr:`name` or one of :attr:`also`.
        """
        if builder.__name__ not in self.methods:
            raise ValueError(f"{builder.__name__} cannot build the endpoint of {self.name}")
        self.builders[builder.__name__] = builder
        return builder

    @property
    def namespace(self) -> Namespace:
        """Whose credentials and code table apply: ``"sms"`` or ``"kakao"``."""
        return "sms" if self.product == "sms" else "kakao"

    def operation(
        self,
        parse: Callable[[JSONDict], T] | None = None,
        *,
        segments: Mapping[str, str] | None = None,
        retry: RetryPolicy | None = None,
        label: str | None = None,
        **request: Any,
    ) -> Operation[T]:
        """The :class:`Operation` of one call: method, path, safety and label as declared.

        Args:
            parse: the answer's parser; default the declared :attr:`parser`.
            segments: checked path segment values (see :meth:`url`).
            retry: the caller's per-call retry policy.
            label: the operation's label; default :attr:`name`.
            request: ``params``, ``json``, ``files``, ``data``, ``headers``...
                as :class:`Operation` takes them.
        """
        parser = parse if parse is not None else self.parser
        if parser is None:
            raise TypeError(f"{self.name}: no parser declared or given")
        return Operation(
            namespace=self.namespace,
            method=self.http,
            path=self.url(**(segments or {})),
            parse=parser,
            safety=self.safety,
            retry=retry,
            label=label or self.name,
            **request,
        )

    @property
    def methods(self) -> tuple[str, ...]:
        """Every client method that calls this endpoint."""
        return (self.name, *self.also)


@attrs.frozen
class Helper:
    """A client method that is not one endpoint: it composes declared ones.

    Attributes:
        name: the client method.
        uses: the client methods (declared endpoints) it calls.
        reason: why it is not an endpoint of its own.
        group: the reference group it is listed under; ``None`` when another
            page section documents it.
        entry: the reference entry (the object mkdocstrings renders).
    """

    name: str
    uses: tuple[str, ...]
    reason: str
    group: str | None = None
    entry: str | None = None


class Registry:
    """The endpoints of one service (``SMS``, ``KAKAO``, ``BRAND``)."""

    def __init__(self, service: str) -> None:
        self.service = service
        self.endpoints: list[Endpoint] = []
        self.helpers: list[Helper] = []

    def endpoint(
        self,
        name: str,
        http: str,
        path: str,
        *,
        group: str,
        product: Product | None = None,
        safety: Safety | None = None,
        **options: Any,
    ) -> Endpoint:
        """Declare an endpoint (see :class:`Endpoint` for the options).

        ``product`` defaults to the service's own; ``safety`` to
        :attr:`Safety.READ` for ``GET`` and :attr:`Safety.UNSAFE` otherwise.
        """
        declared = Endpoint(
            product=product or _DEFAULT_PRODUCT[self.service],
            name=name,
            http=http,
            path=path,
            group=group,
            safety=safety or (Safety.READ if http == "GET" else Safety.UNSAFE),
            **options,
        )
        self.endpoints.append(declared)
        return declared

    def helper(
        self,
        name: str,
        *,
        uses: tuple[str, ...],
        reason: str,
        group: str | None = None,
        entry: str | None = None,
    ) -> None:
        """Declare a client method that composes declared endpoints (see :class:`Helper`)."""
        self.helpers.append(Helper(name, uses, reason, group, entry))

    def __iter__(self) -> Iterator[Endpoint]:
        return iter(self.endpoints)


_DEFAULT_PRODUCT: Mapping[str, Product] = {
    "sms": "sms",
    "kakao": "alimtalk",
    "brand": "brand-message",
}

#: One registry per service; the declarations fill them as the service
#: modules are imported.
SMS: Registry = Registry("sms")
KAKAO: Registry = Registry("kakao")
BRAND: Registry = Registry("brand")
REGISTRIES = (SMS, KAKAO, BRAND)

#: The packages and modules whose modules declare every endpoint and helper:
#: every module of a package is imported (a new resource module is found
#: without being listed anywhere).
_DECLARING = ("notify_sdk.services", "notify_sdk._tracking_methods")


def _load() -> None:
    for name in _DECLARING:
        module = importlib.import_module(name)
        for info in pkgutil.walk_packages(getattr(module, "__path__", ()), name + "."):
            importlib.import_module(info.name)


def all_endpoints() -> list[Endpoint]:
    """Every declared endpoint of every service (imports the service modules)."""
    _load()
    return [e for registry in REGISTRIES for e in registry]


def all_helpers() -> list[Helper]:
    """Every declared helper method of every service."""
    _load()
    return [h for registry in REGISTRIES for h in registry.helpers]


def reference_markdown(heading_level: int = 2) -> str:
    """The reference page's client-method sections, made from the registry.

    One ``:::`` entry per client method, under the heading of its group: the
    endpoints in declaration order, then the group's helpers.
    """
    endpoints = all_endpoints()
    helpers = all_helpers()
    lines: list[str] = []
    mark = "#" * heading_level
    for section, intro, groups in GROUPS:
        lines += [f"{mark} {section}", "", intro, ""]
        for group in groups:
            entries: list[str] = []
            for declared in (e for e in endpoints if e.group == group):
                entries += [f"{b.__module__}.{name}" for name, b in declared.builders.items()]
            entries += [h.entry for h in helpers if h.group == group and h.entry]
            if not entries:
                continue
            lines += [f"{mark}# {group}", ""]
            for entry in dict.fromkeys(entries):
                lines += [
                    f"::: {entry}",
                    "    options:",
                    f"      heading_level: {heading_level + 2}",
                    "      show_root_full_path: false",
                    "",
                ]
    return "\n".join(lines)
