"""The campaign journal: one sqlite3 file per campaign, the state of each chunk.

A chunk is ``planned`` (no row yet), ``in_flight`` since a time (written and
committed *before* its request leaves), ``sent`` (request id and per-outcome
counts), ``failed`` (a code; the API refused the whole request) or
``unknown`` (the request may or may not have been accepted). Each change is
one committed transaction, so a crash or Ctrl-C leaves every chunk in one
of these states, never half-recorded. Resuming skips ``sent`` chunks and
looks every other started chunk up by its grouping key before sending it.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator, Mapping
from datetime import datetime
from typing import Any

import attrs

from ._plan import Campaign

__all__ = ["ChunkRecord", "Journal", "JournalMismatch"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS chunks (
    idx INTEGER PRIMARY KEY,
    state TEXT NOT NULL,
    since TEXT,
    request_id TEXT,
    size INTEGER NOT NULL DEFAULT 0,
    accepted INTEGER NOT NULL DEFAULT 0,
    refused INTEGER NOT NULL DEFAULT 0,
    unconfirmed INTEGER NOT NULL DEFAULT 0,
    invalid INTEGER NOT NULL DEFAULT 0,
    code TEXT,
    detail TEXT,
    updated TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS invalid_rows (row INTEGER PRIMARY KEY);
"""

STARTED_STATES = ("in_flight", "failed", "unknown")


class JournalMismatch(ValueError):
    """The journal belongs to another campaign (id, message or chunk size differ)."""


@attrs.frozen(slots=True)
class ChunkRecord:
    """One chunk's row in the journal.

    Attributes:
        index: the chunk index.
        state: ``"in_flight"``, ``"sent"``, ``"failed"`` or ``"unknown"``.
        since: when its first run started (aware UTC), for ``in_flight``.
        request_id: the API's request id once sent.
        size: recipients in the chunk.
        accepted, refused, unconfirmed, invalid: per-outcome recipient counts.
        code: the failure code (``"-2021"``, ``"TransportError"``...).
        detail: the failure's message.
    """

    index: int
    state: str
    since: datetime | None
    request_id: str | None
    size: int
    accepted: int
    refused: int
    unconfirmed: int
    invalid: int
    code: str | None
    detail: str | None


def _time(value: str | None) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value)


class Journal:
    """A campaign's sqlite3 journal (one file per campaign; thread-safe).

    Open it with :meth:`open`; :func:`~notify_sdk.campaigns.send_campaign`
    does so when given ``journal=PATH``. Deleting the file while a campaign
    runs loses what it knew: chunks in flight could then be sent twice.

    Args:
        path: the journal file; created with its directory's permissions.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = os.fspath(path)
        # Worker threads record their own chunk; one lock serialises them.
        self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self._lock = threading.Lock()
        with self._lock:
            self._db.execute("PRAGMA journal_mode=WAL")
            # WAL with synchronous=NORMAL: a committed state survives a killed
            # process (it can be lost only with the whole machine's power).
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.executescript(_SCHEMA)

    @classmethod
    def open(cls, path: str | os.PathLike[str], campaign: Campaign) -> tuple[Journal, Campaign]:
        """Open (or create) the journal of ``campaign``.

        Returns the journal and the campaign as the journal knows it: on a
        resume, with the window start of the first run.

        Raises:
            JournalMismatch: the file is the journal of another campaign.
        """
        journal = cls(path)
        meta = journal.meta()
        if "fingerprint" not in meta:
            journal.set_meta(
                campaign_id=campaign.campaign_id,
                fingerprint=campaign.fingerprint,
                chunk_size=str(campaign.chunk_size),
                started_at=campaign.started_at.isoformat(),
                service=campaign.message.service,
            )
            if campaign.scheduled_at is not None:
                journal.set_meta(scheduled_at=campaign.scheduled_at.isoformat())
            return journal, campaign
        if meta.get("fingerprint") != campaign.fingerprint:
            journal.close()
            raise JournalMismatch(
                f"{journal.path} is the journal of campaign {meta.get('campaign_id')!r} with "
                "another message or chunk size; resume with the same campaign, or use a new "
                "journal (and a new campaign id) for a new campaign"
            )
        return journal, campaign.evolve(started_at=datetime.fromisoformat(meta["started_at"]))

    def close(self) -> None:
        """Close the file."""
        with self._lock:
            self._db.close()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- metadata ---------------------------------------------------------------------

    def meta(self) -> dict[str, str]:
        """The campaign's metadata (id, fingerprint, window start, and what callers add)."""
        with self._lock:
            return dict(self._db.execute("SELECT key, value FROM meta").fetchall())

    def set_meta(self, **values: str) -> None:
        """Store metadata (the command line keeps its arguments here to resume)."""
        with self._lock:
            self._db.executemany(
                "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", values.items()
            )

    # -- chunks -----------------------------------------------------------------------

    def records(self) -> dict[int, ChunkRecord]:
        """Every chunk that has a row, by index."""
        with self._lock:
            rows = self._db.execute(
                "SELECT idx, state, since, request_id, size, accepted, refused, unconfirmed, "
                "invalid, code, detail FROM chunks"
            ).fetchall()
        return {row[0]: ChunkRecord(row[0], row[1], _time(row[2]), *row[3:]) for row in rows}

    def mark_in_flight(self, index: int, size: int, since: datetime) -> datetime:
        """Record that chunk ``index`` is about to be sent; committed before it is.

        A chunk already started keeps its first ``since``: the reconciliation
        window must cover the earliest attempt. Returns that time.
        """
        now = since.isoformat()
        with self._lock:
            self._db.execute(
                "INSERT INTO chunks (idx, state, since, size, updated) VALUES (?, 'in_flight', "
                "?, ?, ?) ON CONFLICT(idx) DO UPDATE SET state='in_flight', "
                "since=COALESCE(chunks.since, excluded.since), updated=excluded.updated",
                (index, now, size, now),
            )
            row = self._db.execute("SELECT since FROM chunks WHERE idx=?", (index,)).fetchone()
        first = _time(row[0])
        return first if first is not None else since

    def record(
        self,
        index: int,
        state: str,
        *,
        at: datetime,
        request_id: str | None = None,
        counts: Mapping[str, int] | None = None,
        code: str | None = None,
        detail: str | None = None,
    ) -> None:
        """Record a chunk's outcome (``sent``, ``failed`` or ``unknown``)."""
        c: Mapping[str, Any] = counts or {}
        with self._lock:
            self._db.execute(
                "UPDATE chunks SET state=?, request_id=?, accepted=?, refused=?, unconfirmed=?, "
                "invalid=?, code=?, detail=?, updated=? WHERE idx=?",
                (
                    state,
                    request_id,
                    c.get("accepted", 0),
                    c.get("refused", 0),
                    c.get("unconfirmed", 0),
                    c.get("invalid", 0),
                    code,
                    detail,
                    at.isoformat(),
                    index,
                ),
            )

    def note_invalid(self, row: int) -> bool:
        """Remember that input ``row`` was refused; ``False`` if an earlier run reported it."""
        with self._lock:
            cursor = self._db.execute("INSERT OR IGNORE INTO invalid_rows (row) VALUES (?)", (row,))
        return cursor.rowcount == 1

    def summary(self) -> dict[str, int]:
        """Chunks per state and recipients per outcome, for ``campaign status``."""
        with self._lock:
            states = dict(
                self._db.execute("SELECT state, COUNT(*) FROM chunks GROUP BY state").fetchall()
            )
            sums = self._db.execute(
                "SELECT COALESCE(SUM(size),0), COALESCE(SUM(accepted),0), "
                "COALESCE(SUM(refused),0), COALESCE(SUM(unconfirmed),0), "
                "COALESCE(SUM(invalid),0) FROM chunks"
            ).fetchone()
            (invalid_rows,) = self._db.execute("SELECT COUNT(*) FROM invalid_rows").fetchone()
        out = {f"chunks_{state}": count for state, count in states.items()}
        out.update(
            recipients=sums[0],
            accepted=sums[1],
            refused=sums[2],
            unconfirmed=sums[3],
            invalid=sums[4] + invalid_rows,
        )
        return out

    def __iter__(self) -> Iterator[ChunkRecord]:
        records = self.records()
        return iter([records[i] for i in sorted(records)])
