"""De-duplication and the receiver a web view calls: verify, parse, drop repeats."""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Protocol

from .events import WebhookEvent
from .parsing import _verified_events
from .signature import _secrets

__all__ = ["DedupeStore", "InMemoryDedupeStore", "WebhookReceiver"]

logger = logging.getLogger("notify_sdk.webhooks")


class DedupeStore(Protocol):
    """Remembers which webhook ids were already handled (plug in Redis, a table...).

    ``add(key)`` records ``key`` and returns ``True`` when it was new, ``False`` when it
    was seen before; it must be atomic when several workers share the store (Redis
    ``SET key 1 NX EX 86400`` is a one-line implementation).
    """

    def add(self, key: str) -> bool:
        """Record ``key``; ``True`` if it was not recorded before."""
        ...


class InMemoryDedupeStore:
    """A thread-safe, bounded :class:`DedupeStore` for one process.

    Args:
        max_keys: how many ids to remember; the oldest are forgotten first (a
            re-delivery older than that is handed on again).
    """

    def __init__(self, max_keys: int = 100_000) -> None:
        if max_keys < 1:
            raise ValueError("max_keys must be at least 1")
        self._max = max_keys
        self._keys: OrderedDict[str, None] = OrderedDict()
        self._lock = threading.Lock()

    def add(self, key: str) -> bool:
        """Record ``key``; ``True`` if it was not recorded before."""
        with self._lock:
            if key in self._keys:
                self._keys.move_to_end(key)
                return False
            self._keys[key] = None
            if len(self._keys) > self._max:
                self._keys.popitem(last=False)
            return True

    def __len__(self) -> int:
        with self._lock:
            return len(self._keys)


class WebhookReceiver:
    """Verifies, parses and de-duplicates webhook POSTs for a web view.

    Args:
        secret: the console's signature string, or several accepted strings while
            rotating. Required: a receiver without one refuses to be built unless
            ``insecure=True``. It is kept out of ``repr`` and of every message.
        insecure: accept unsigned POSTs (local experiments only).
        store: where seen ``hooksId``/``hookId`` values are remembered; default a
            new :class:`InMemoryDedupeStore` (pass a shared one when several
            processes receive).
        dedupe: ``False`` hands on repeated POSTs and hooks too.

    Raises:
        ConfigurationError: no (or an empty) secret and not ``insecure``.
    """

    def __init__(
        self,
        secret: str | Sequence[str] | None = None,
        *,
        insecure: bool = False,
        store: DedupeStore | None = None,
        dedupe: bool = True,
    ) -> None:
        self._accepted = _secrets(secret, insecure)
        self._insecure = insecure
        self._store: DedupeStore | None = None
        if dedupe:
            self._store = store if store is not None else InMemoryDedupeStore()

    def __repr__(self) -> str:
        secrets = (
            "insecure"
            if self._insecure and not self._accepted
            else f"{len(self._accepted)} secret(s)"
        )
        return f"WebhookReceiver({secrets})"

    def handle(
        self,
        headers: Mapping[str, Any] | Iterable[tuple[str, Any]],
        body: bytes | bytearray | memoryview | str,
    ) -> list[WebhookEvent]:
        """Verify one POST and return its events that were not seen before.

        A repeated POST (same ``hooksId``) gives an empty list, and so does each
        repeated hook (same ``hookId``) inside a new POST. Answer 2xx for both.

        Raises:
            WebhookSignatureError: missing or wrong signature header (answer 401).
            WebhookPayloadError: the body is not a webhook envelope (answer 400).
        """
        events = _verified_events(headers, body, self._accepted)
        store = self._store
        if store is None or not events:
            return events
        hooks_id = events[0].hooks_id
        if hooks_id and not store.add(f"hooks:{hooks_id}"):
            logger.debug("webhook POST %s seen before: dropped", hooks_id)
            return []
        return [e for e in events if not e.hook_id or store.add(f"hook:{e.hook_id}")]
