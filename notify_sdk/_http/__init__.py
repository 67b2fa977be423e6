"""The I/O shell: the only package that imports httpx.

:mod:`.client` holds the two clients (``NotifyClient``, ``AsyncNotifyClient``),
:mod:`.async_driver` the driver loop they run (:mod:`.sync_driver` is
generated from it by ``tools/unasync.py``), :mod:`.call` one call as the
drivers run it (the per-call machine of :mod:`notify_sdk._retry.machine` plus
the request), :mod:`.config` credentials, authentication, base URLs and
timeouts, :mod:`.transport` the mapping of httpx exceptions and
:mod:`.redact` the log filter that keeps app keys out of httpx's log lines.
"""
