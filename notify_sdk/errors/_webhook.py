"""Errors of the webhook receiver (:mod:`notify_sdk.webhooks`).

Their text never carries a signature or a secret: a receiver logs them as they are.
"""

from __future__ import annotations

from notify_sdk.errors._base import NotifyError

__all__ = ["WebhookPayloadError", "WebhookSignatureError"]


class WebhookSignatureError(NotifyError):
    """A webhook POST without the ``X-Toast-Webhook-Signature`` header, or with a wrong one.

    Answer it with HTTP 401 (or 403) and do not process the body. A burst of these
    after a secret change usually means the console and the receiver disagree: accept
    both secrets while rotating (``secret=[new, old]``).

    Attributes:
        missing: ``True`` when the header was absent or empty, ``False`` when it was
            present but matched no accepted secret.
    """

    def __init__(self, message: str, *, missing: bool = False, attempts: int | None = None) -> None:
        super().__init__(message, attempts=attempts)
        self.missing = missing


class WebhookPayloadError(NotifyError):
    """A correctly signed webhook POST whose body is not a webhook envelope.

    Raised for bodies that are not JSON, not an object, or lack the envelope's
    ``event`` / ``hooks`` fields. Answer it with HTTP 400.

    Attributes:
        field: the envelope or hook field that was wrong, when one can be named.
    """

    def __init__(
        self, message: str, *, field: str | None = None, attempts: int | None = None
    ) -> None:
        super().__init__(message, attempts=attempts)
        self.field = field
