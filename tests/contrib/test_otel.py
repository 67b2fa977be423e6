"""notify_sdk.contrib.otel with the OpenTelemetry SDK's in-memory exporter and metric reader."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import InMemoryMetricReader
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind, StatusCode

from notify_sdk import RetryPolicy
from notify_sdk.contrib.otel import MESSAGING_SYSTEM, instrument, uninstrument
from notify_sdk.errors import AuthenticationError, TransportError
from notify_sdk.testing import Emulator, faults

FAST = RetryPolicy(initial_delay=0.0, max_delay=0.0, jitter=False, reconcile_wait=0.0)
NUMBER = "01055550123"
OTHER = "01055550124"
BODY = "Your code is CANARY-482913"
SECRET = "otel-secret-CANARY-a61f"


class Telemetry:
    def __init__(self) -> None:
        self.exporter = InMemorySpanExporter()
        self.tracer_provider = TracerProvider()
        self.tracer_provider.add_span_processor(SimpleSpanProcessor(self.exporter))
        self.reader = InMemoryMetricReader()
        self.meter_provider = MeterProvider(metric_readers=[self.reader])

    def spans(self) -> list[ReadableSpan]:
        return list(self.exporter.get_finished_spans())

    def points(self, name: str) -> list[tuple[dict[str, Any], Any]]:
        data = self.reader.get_metrics_data()
        out = []
        for resource in data.resource_metrics if data else ():
            for scope in resource.scope_metrics:
                for metric in scope.metrics:
                    if metric.name == name:
                        for point in metric.data.data_points:
                            out.append((dict(point.attributes or {}), point))
        return out

    def total(self, name: str, **match: Any) -> int:
        return sum(
            p.value
            for attrs, p in self.points(name)
            if all(attrs.get(k.replace("_", ".")) == v for k, v in match.items())
        )


@pytest.fixture
def telemetry() -> Iterator[Telemetry]:
    t = Telemetry()
    yield t
    t.tracer_provider.shutdown()
    t.meter_provider.shutdown()


@pytest.fixture
def emulator() -> Emulator:
    return Emulator(secret_key=SECRET)


def _client(emulator: Emulator, telemetry: Telemetry, **kwargs: Any) -> Any:
    client = emulator.client(retry=FAST, **kwargs)
    instrument(
        client,
        tracer_provider=telemetry.tracer_provider,
        meter_provider=telemetry.meter_provider,
    )
    return client


def test_one_span_per_call_named_and_attributed_by_the_conventions(
    emulator: Emulator, telemetry: Telemetry
) -> None:
    client = _client(emulator, telemetry)
    result = client.send_sms([NUMBER, OTHER], BODY)
    [span] = telemetry.spans()
    assert span.name == "send_sms sms"
    assert span.kind is SpanKind.PRODUCER
    attributes = dict(span.attributes or {})
    assert attributes["messaging.system"] == MESSAGING_SYSTEM
    assert attributes["messaging.operation.name"] == "send_sms"
    assert attributes["messaging.operation.type"] == "send"
    assert attributes["messaging.destination.name"] == "sms"
    assert attributes["messaging.batch.message_count"] == 2
    assert attributes["messaging.message.id"] == result.request_id
    assert attributes["http.request.method"] == "POST"
    assert attributes["http.response.status_code"] == 200
    assert attributes["http.request.resend_count"] == 0
    assert attributes["notify.attempts"] == 1
    assert attributes["notify.retried"] is False
    assert attributes["notify.reconciled"] is False
    assert attributes["notify.recipients.accepted"] == 2
    assert span.status.status_code is StatusCode.UNSET
    assert telemetry.total("notify.sends", notify_outcome="ok") == 1
    assert telemetry.total("notify.recipients", notify_outcome="accepted") == 2


def test_retries_are_events_of_the_one_span_and_counted(
    emulator: Emulator, telemetry: Telemetry
) -> None:
    emulator.inject(faults.http_status(503), times=2, match="sms")
    client = _client(emulator, telemetry)
    client.send_sms(NUMBER, BODY)
    [span] = telemetry.spans()
    retries = [e for e in span.events if e.name == "notify.retry"]
    assert [e.attributes["notify.attempt"] for e in retries] == [1, 2]  # type: ignore[index]
    assert {e.attributes["error.type"] for e in retries} == {"ServerError"}  # type: ignore[index]
    attributes = dict(span.attributes or {})
    assert attributes["notify.attempts"] == 3 and attributes["notify.retried"] is True
    assert attributes["http.request.resend_count"] == 2
    assert telemetry.total("notify.retries") == 2


def test_a_reconciled_send_says_so(emulator: Emulator, telemetry: Telemetry) -> None:
    # The first answer is lost after the send was accepted: the SDK looks it up.
    emulator.inject(faults.timeout_after_accept(), times=1, match="sms")
    client = _client(emulator, telemetry)
    result = client.send_sms(NUMBER, BODY)
    assert result.recovered
    [span] = telemetry.spans()  # the lookups are not spans of their own
    names = [e.name for e in span.events]
    assert "notify.retry" in names and "notify.reconcile" in names
    found = [e for e in span.events if e.name == "notify.reconcile"]
    assert found[-1].attributes["notify.found"] is True  # type: ignore[index]
    assert dict(span.attributes or {})["notify.reconciled"] is True
    assert len(emulator.accepted) == 1


def test_a_failed_call_sets_the_error_type_and_counts_failed_recipients(
    emulator: Emulator, telemetry: Telemetry
) -> None:
    client = _client(emulator, telemetry, sms_secret_key="wrong-secret")
    with pytest.raises(AuthenticationError) as caught:
        client.send_sms([NUMBER, OTHER], BODY)
    [span] = telemetry.spans()
    assert span.status.status_code is StatusCode.ERROR
    # The error's own class (the per-code one), never its message.
    assert dict(span.attributes or {})["error.type"] == type(caught.value).__name__
    assert span.status.description == type(caught.value).__name__
    assert telemetry.total("notify.sends", notify_outcome="failed") == 1
    assert telemetry.total("notify.recipients", notify_outcome="failed") == 2


def test_refused_recipients_make_a_partial_send(emulator: Emulator, telemetry: Telemetry) -> None:
    client = _client(emulator, telemetry)
    result = client.send_sms([NUMBER, "0101"], BODY)
    assert not result.ok
    [span] = telemetry.spans()
    attributes = dict(span.attributes or {})
    assert attributes["notify.recipients.accepted"] == 1
    assert attributes["notify.recipients.refused"] == 1
    assert telemetry.total("notify.sends", notify_outcome="partial") == 1


async def test_the_async_client_is_traced_the_same(
    emulator: Emulator, telemetry: Telemetry
) -> None:
    client = emulator.async_client(retry=FAST)
    instrument(
        client,
        tracer_provider=telemetry.tracer_provider,
        meter_provider=telemetry.meter_provider,
    )
    emulator.inject(faults.http_status(503), times=1, match="alimtalk")
    await client.send_alimtalk(NUMBER, "WELCOME", params={"name": "Kim"})
    [span] = telemetry.spans()
    assert span.name == "send_alimtalk alimtalk"
    assert dict(span.attributes or {})["notify.attempts"] == 2
    await client.aclose()


def test_queries_are_client_spans_without_send_counts(
    emulator: Emulator, telemetry: Telemetry
) -> None:
    client = _client(emulator, telemetry)
    sent = client.send_sms(NUMBER, BODY)
    telemetry.exporter.clear()
    client.get_sms_delivery(sent.request_id, 1)
    [span] = telemetry.spans()
    assert span.kind is SpanKind.CLIENT
    assert span.name == "get_sms_delivery sms"
    assert "messaging.operation.type" not in dict(span.attributes or {})
    assert telemetry.total("notify.sends") == 1  # the send only


def test_uninstrument_stops_the_spans(emulator: Emulator, telemetry: Telemetry) -> None:
    client = emulator.client(retry=FAST)
    instrumentor = instrument(
        client,
        tracer_provider=telemetry.tracer_provider,
        meter_provider=telemetry.meter_provider,
    )
    uninstrument(client, instrumentor)
    client.send_sms(NUMBER, BODY)
    assert telemetry.spans() == []


def test_canary_no_number_body_key_or_secret_in_any_span_or_metric(
    emulator: Emulator, telemetry: Telemetry
) -> None:
    emulator.inject(faults.timeout_after_accept(), times=1, match="sms")
    emulator.inject(faults.http_status(503), times=1, match="alimtalk")
    client = _client(emulator, telemetry)
    client.send_sms([NUMBER, OTHER], BODY)
    client.send_sms(NUMBER, BODY)
    client.send_alimtalk(NUMBER, "WELCOME", params={"name": "CANARY-Kim"})
    emulator.inject(faults.connect_error(), times=10, match="sms")
    with pytest.raises(TransportError):
        client.send_sms(NUMBER, BODY)
    texts: list[str] = []
    for span in telemetry.spans():
        texts.append(span.name)
        texts.extend(f"{k}={v}" for k, v in (span.attributes or {}).items())
        texts.append(str(span.status.description))
        for event in span.events:
            texts.append(event.name)
            texts.extend(f"{k}={v}" for k, v in (event.attributes or {}).items())
    data = telemetry.reader.get_metrics_data()
    assert data is not None
    for resource in data.resource_metrics:
        for scope in resource.scope_metrics:
            for metric in scope.metrics:
                for point in metric.data.data_points:
                    texts.extend(f"{k}={v}" for k, v in (point.attributes or {}).items())
    blob = "\n".join(texts)
    assert len(telemetry.spans()) == 4
    for secret in (NUMBER, OTHER, "****", "CANARY", SECRET, emulator.sms_app_key):
        assert secret not in blob, secret
    assert emulator.kakao_app_key not in blob
