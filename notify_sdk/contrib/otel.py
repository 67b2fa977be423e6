"""OpenTelemetry: one span per SDK call, retry and reconciliation events, counters.

::

    from notify_sdk import NotifyClient
    from notify_sdk.contrib.otel import instrument

    client = NotifyClient()
    instrument(client)          # global tracer and meter providers by default

Each SDK call (``send_sms``, ``send_alimtalk``, a query...) becomes one span,
however many HTTP attempts it takes: per-attempt HTTP spans are the job of
``opentelemetry-instrumentation-httpx``. Installed together, both kinds of
span share the caller's parent (the web request's span, say): the SDK span
tells what was sent and how it ended, the HTTP spans time each attempt. The
SDK span is not made the current span, so that an interrupted call
(``KeyboardInterrupt``, a cancelled task) can never leave it current behind
it. Spans and metrics follow the OpenTelemetry messaging and HTTP semantic
conventions:

* span name ``"{operation} {service}"`` (``"send_sms sms"``), kind PRODUCER
  for sends and CLIENT for queries;
* ``messaging.system`` (``"nhn_cloud_notification"``),
  ``messaging.operation.name``, ``messaging.operation.type`` (``"send"``),
  ``messaging.destination.name`` (the service), ``messaging.batch.message_count``
  (recipients), ``messaging.message.id`` (the request id),
  ``http.request.method``, ``http.response.status_code`` (of the last attempt),
  ``http.request.resend_count`` (retries), ``error.type``;
* ``notify.attempts``, ``notify.retried``, ``notify.reconciled`` and
  ``notify.recipients.accepted`` / ``.refused`` / ``.unconfirmed``;
* span events ``notify.retry`` (attempt, delay, ``error.type``, whether the
  next attempt reconciles first) and ``notify.reconcile`` (a lookup of an
  ambiguous send, and whether it found the send).

No attribute or event ever holds a phone number, a message body, an app key
or a secret key: the instrumentation reads only the SDK's redacted hook
events, which carry none of them.

Metrics: counters ``notify.sends`` (calls of send methods, by service,
operation and outcome ``ok`` / ``partial`` / ``failed``),
``notify.recipients`` (by outcome ``accepted`` / ``refused`` /
``unconfirmed`` / ``failed``) and ``notify.retries``, and the histogram
``messaging.client.operation.duration`` (seconds per call).

Needs the ``otel`` extra (``pip install 'notify-sdk[otel]'``, the
OpenTelemetry API); the application installs and configures the SDK and
exporters. Without it nothing of this module is imported and the client pays
nothing.
"""

from __future__ import annotations

import threading
from typing import Any, Protocol

try:
    from opentelemetry import metrics, trace
    from opentelemetry.trace import Span, SpanKind, Status, StatusCode
except ImportError as exc:  # pragma: no cover - exercised only without OpenTelemetry
    raise ImportError(
        "notify_sdk.contrib.otel needs OpenTelemetry: pip install 'notify-sdk[otel]'"
    ) from exc

from notify_sdk import RetryEvent, __version__
from notify_sdk.hooks import GiveUpEvent, Hooks, RequestEvent, ResponseEvent, SuccessEvent

__all__ = ["MESSAGING_SYSTEM", "NotifyInstrumentor", "instrument", "uninstrument"]

#: The ``messaging.system`` value of every span and metric.
MESSAGING_SYSTEM = "nhn_cloud_notification"
_SCOPE = "notify_sdk"


class _Instrumentable(Protocol):
    def add_hooks(self, hooks: Hooks) -> None: ...

    def remove_hooks(self, hooks: Hooks) -> None: ...


def _is_send(operation: str) -> bool:
    return operation.startswith("send")


def _base_attributes(service: str, operation: str) -> dict[str, Any]:
    attributes: dict[str, Any] = {
        "messaging.system": MESSAGING_SYSTEM,
        "messaging.operation.name": operation,
        "messaging.destination.name": service,
    }
    if _is_send(operation):
        attributes["messaging.operation.type"] = "send"
    return attributes


class _CallSpan:
    __slots__ = ("attributes", "span", "status_code")

    def __init__(self, span: Span, attributes: dict[str, Any]) -> None:
        self.span = span
        self.attributes = attributes
        self.status_code: int | None = None


class NotifyInstrumentor:
    """Spans and metrics for the calls of the clients it is attached to.

    Most applications call :func:`instrument`; build one yourself to choose
    the providers or to attach one instrumentor to several clients
    (``client.add_hooks(instrumentor.hooks)``).

    Args:
        tracer_provider: default the global one (``trace.set_tracer_provider``).
        meter_provider: default the global one (``metrics.set_meter_provider``).
    """

    def __init__(
        self,
        *,
        tracer_provider: trace.TracerProvider | None = None,
        meter_provider: metrics.MeterProvider | None = None,
    ) -> None:
        self._tracer = trace.get_tracer(_SCOPE, __version__, tracer_provider=tracer_provider)
        meter = metrics.get_meter(_SCOPE, __version__, meter_provider=meter_provider)
        self._sends = meter.create_counter(
            "notify.sends", unit="{call}", description="Calls of the SDK's send methods."
        )
        self._recipients = meter.create_counter(
            "notify.recipients",
            unit="{recipient}",
            description="Recipients of send calls, by outcome.",
        )
        self._retries = meter.create_counter(
            "notify.retries", unit="{retry}", description="Retries of SDK calls."
        )
        self._duration = meter.create_histogram(
            "messaging.client.operation.duration",
            unit="s",
            description="Duration of SDK calls, all attempts and waits included.",
        )
        self._spans: dict[int, _CallSpan] = {}
        self._lock = threading.Lock()
        #: The hooks to give a client (``client.add_hooks(instrumentor.hooks)``).
        self.hooks = Hooks(
            on_request=self._on_request,
            on_response=self._on_response,
            on_retry=self._on_retry,
            on_give_up=self._on_give_up,
            on_success=self._on_success,
        )

    # -- hooks --------------------------------------------------------------------------------

    def _on_request(self, event: RequestEvent) -> None:
        if event.parent_id is not None or event.attempt != 1:
            return
        attributes = _base_attributes(event.service, event.operation)
        attributes["http.request.method"] = event.method
        if event.recipient_count is not None:
            attributes["messaging.batch.message_count"] = event.recipient_count
        kind = SpanKind.PRODUCER if _is_send(event.operation) else SpanKind.CLIENT
        span = self._tracer.start_span(
            f"{event.operation} {event.service}", kind=kind, attributes=attributes
        )
        with self._lock:
            self._spans[event.call_id] = _CallSpan(
                span, _base_attributes(event.service, event.operation)
            )

    def _on_response(self, event: ResponseEvent) -> None:
        if event.parent_id is not None:
            return
        call = self._spans.get(event.call_id)
        if call is not None:
            call.status_code = event.status_code

    def _on_retry(self, event: RetryEvent) -> None:
        call = self._spans.get(event.call_id) if event.call_id is not None else None
        attributes = {
            **(call.attributes if call is not None else {}),
            "error.type": _type(event.error),
        }
        self._retries.add(1, {**attributes, "notify.reconcile": event.reconcile})
        if call is not None:
            call.span.add_event(
                "notify.retry",
                {
                    "notify.attempt": event.attempt,
                    "notify.delay": event.delay,
                    "notify.reconcile": event.reconcile,
                    "error.type": _type(event.error),
                },
            )

    def _on_success(self, event: SuccessEvent) -> None:
        if event.parent_id is not None:
            self._lookup_done(event.parent_id, found=event.request_id is not None)
            return
        call = self._pop(event.call_id)
        if call is None:
            return
        span = self._close_attributes(call, event.attempts)
        span.set_attribute("notify.reconciled", event.reconciled)
        if event.request_id is not None:
            span.set_attribute("messaging.message.id", event.request_id)
        attributes = call.attributes
        if event.accepted is not None:
            refused = event.refused or 0
            unconfirmed = event.unconfirmed or 0
            span.set_attributes(
                {
                    "notify.recipients.accepted": event.accepted,
                    "notify.recipients.refused": refused,
                    "notify.recipients.unconfirmed": unconfirmed,
                }
            )
            for outcome, count in (
                ("accepted", event.accepted),
                ("refused", refused),
                ("unconfirmed", unconfirmed),
            ):
                if count:
                    self._recipients.add(count, {**attributes, "notify.outcome": outcome})
            partial = refused or unconfirmed
            self._sends.add(1, {**attributes, "notify.outcome": "partial" if partial else "ok"})
        elif _is_send(event.operation):
            self._sends.add(1, {**attributes, "notify.outcome": "ok"})
        self._duration.record(event.elapsed, attributes)
        span.end()

    def _on_give_up(self, event: GiveUpEvent) -> None:
        if event.parent_id is not None:
            self._lookup_done(event.parent_id, found=False, error=event.error_type)
            return
        call = self._pop(event.call_id)
        if call is None:
            return
        span = self._close_attributes(call, event.attempts)
        span.set_attributes({"error.type": event.error_type, "notify.ambiguous": event.ambiguous})
        # The error's class, never its message: a server's text is not ours to export.
        span.set_status(Status(StatusCode.ERROR, event.error_type))
        attributes = {**call.attributes, "error.type": event.error_type}
        if _is_send(event.operation):
            self._sends.add(1, {**attributes, "notify.outcome": "failed"})
            if event.recipient_count:
                self._recipients.add(
                    event.recipient_count, {**call.attributes, "notify.outcome": "failed"}
                )
        self._duration.record(event.elapsed, attributes)
        span.end()

    # -- helpers ------------------------------------------------------------------------------

    @staticmethod
    def _close_attributes(call: _CallSpan, attempts: int) -> Span:
        """Set what every ending call says about its attempts; returns its span."""
        span = call.span
        span.set_attributes(
            {
                "notify.attempts": attempts,
                "notify.retried": attempts > 1,
                "http.request.resend_count": max(attempts - 1, 0),
            }
        )
        if call.status_code is not None:
            span.set_attribute("http.response.status_code", call.status_code)
        return span

    def _pop(self, call_id: int) -> _CallSpan | None:
        with self._lock:
            return self._spans.pop(call_id, None)

    def _lookup_done(self, parent_id: int, *, found: bool, error: str | None = None) -> None:
        call = self._spans.get(parent_id)
        if call is None:
            return
        attributes: dict[str, Any] = {"notify.found": found}
        if error is not None:
            attributes["error.type"] = error
        call.span.add_event("notify.reconcile", attributes)


def _type(error: object) -> str:
    return type(error).__name__


def instrument(
    client: _Instrumentable,
    *,
    tracer_provider: trace.TracerProvider | None = None,
    meter_provider: metrics.MeterProvider | None = None,
) -> NotifyInstrumentor:
    """Trace and meter every call of ``client`` (a ``NotifyClient`` or ``AsyncNotifyClient``).

    Args:
        client: the client to instrument.
        tracer_provider: default the global tracer provider.
        meter_provider: default the global meter provider.

    Returns:
        The instrumentor; pass it to :func:`uninstrument` to stop.
    """
    instrumentor = NotifyInstrumentor(
        tracer_provider=tracer_provider, meter_provider=meter_provider
    )
    client.add_hooks(instrumentor.hooks)
    return instrumentor


def uninstrument(client: _Instrumentable, instrumentor: NotifyInstrumentor) -> None:
    """Stop what :func:`instrument` started on ``client``."""
    client.remove_hooks(instrumentor.hooks)
