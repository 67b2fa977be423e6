"""The I/O shell: the only package that imports httpx.

:mod:`.client` holds the two drivers (``NotifyClient``, ``AsyncNotifyClient``),
:mod:`.call` the per-call bookkeeping they share, :mod:`.config` credentials,
base URLs and timeouts, :mod:`.transport` the mapping of httpx exceptions and
:mod:`.redact` the log filter that keeps app keys out of httpx's log lines.
"""
