"""No I/O outside the drivers: builders get bytes, uploads run as operations, auth is pluggable."""

from __future__ import annotations

import ast
import logging
from datetime import datetime
from pathlib import Path
from typing import Any

import attrs
import httpx
import pytest
import respx

from notify_sdk import RetryPolicy
from notify_sdk._core import Context, FilePath, Operation, Safety
from notify_sdk._http.config import AppKeyBearerAuth, Credentials
from notify_sdk.brand import BrandVideo, BrandVideoUpload
from notify_sdk.errors import ConfigurationError, TransportError, ValidationError
from notify_sdk.services.brand.uploads import upload_brand_image, upload_brand_video
from notify_sdk.services.sms.uploads import upload_attachment
from tests.helpers import FAST_RETRY, SECRET, Runner

PACKAGE = Path(__file__).resolve().parents[2] / "notify_sdk"
UPLOAD_URL = "https://upload.kakao.example/v1/upload"
NOW = datetime(2026, 11, 24, 12, 0)


@pytest.fixture(params=["sync", "async"])
def run(request: pytest.FixtureRequest) -> Runner:
    runner = Runner(request.param, FAST_RETRY, now=NOW)
    return runner


def _ticket() -> BrandVideoUpload:
    return BrandVideoUpload(
        video=BrandVideo(seq=1, file_name="spring.mp4"),
        upload_url=UPLOAD_URL,
        token="tok-123",
        file_size=12,
        registered_at=datetime(2026, 11, 24, 11, 58),
    )


_FILE_CALLS = {"open", "getsize", "stat", "read_bytes", "read_text", "fspath"}


def test_no_service_module_touches_a_file() -> None:
    offenders = []
    for path in (PACKAGE / "services").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Call):
                func = node.func
                name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
                if name in _FILE_CALLS:
                    offenders.append(f"{path.relative_to(PACKAGE)}:{node.lineno} {name}()")
    assert offenders == []


@pytest.mark.parametrize(
    ("builder", "args"),
    [
        (upload_attachment, {"file_name": "a.jpg"}),
        (upload_brand_image, {"image_type": "IMAGE", "file_name": "a.jpg"}),
    ],
)
def test_builders_refuse_a_path_they_would_have_to_read(
    run: Runner, tmp_path: Path, builder: Any, args: dict[str, Any]
) -> None:
    path = tmp_path / "a.jpg"
    path.write_bytes(b"\xff\xd8\xff" + b"x" * 10)
    ctx: Context = run.client._context
    with pytest.raises(ValidationError) as info:
        builder(ctx, str(path), **args)
    assert info.value.field == "file"


def test_the_video_builder_gets_a_path_and_size_never_the_file(run: Runner) -> None:
    ctx: Context = run.client._context
    op = upload_brand_video(ctx, _ticket(), FilePath("/nonexistent/clip.mp4", 12))
    assert op.url == UPLOAD_URL and op.opens_files
    assert op.files == {"file": ("spring.mp4", FilePath("/nonexistent/clip.mp4", 12))}
    assert op.safety is Safety.UNSAFE
    with pytest.raises(ValidationError, match="12 were registered"):
        upload_brand_video(ctx, _ticket(), FilePath("/x.mp4", 13))


async def test_the_method_reads_the_path_for_the_builder(run: Runner, tmp_path: Path) -> None:
    path = tmp_path / "statement.jpg"
    path.write_bytes(b"\xff\xd8\xff" + b"x" * 10)
    with respx.mock(assert_all_mocked=True) as mock:
        route = mock.post(url__regex=r".*/attachfile/binaryUpload$").respond(
            json={
                "header": {"isSuccessful": True, "resultCode": 0, "resultMessage": "ok"},
                "body": {"data": {"fileId": 7, "fileName": "statement.jpg"}},
            }
        )
        attachment = await run.call("upload_attachment", path)
    assert attachment.file_id == 7
    assert b'"fileName":"statement.jpg"' in route.calls.last.request.content


async def test_a_video_upload_that_never_reached_kakao_is_retried_from_the_file(
    run: Runner, tmp_path: Path
) -> None:
    path = tmp_path / "clip.mp4"
    path.write_bytes(b"v" * 12)
    with respx.mock(assert_all_mocked=True) as kakao:
        route = kakao.post(UPLOAD_URL).mock(
            side_effect=[httpx.ConnectError("refused"), httpx.Response(200, json={"vid": "v1"})]
        )
        uploaded = await run.call("upload_brand_video", _ticket(), path)
    assert uploaded.vid == "v1" and route.call_count == 2
    assert len(run.sleeps) == 1  # one retry wait, from the machine
    for call in route.calls:
        # The file is opened afresh for each attempt: both carry all of it.
        assert b"v" * 12 in call.request.read()
        assert "X-Secret-Key" not in call.request.headers


async def test_a_video_upload_is_logged_and_bounded_by_the_deadline(
    run: Runner, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="notify_sdk")
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"vid": "v2", "playUrl": None})

    with respx.mock(assert_all_mocked=True) as kakao:
        kakao.post(UPLOAD_URL).mock(side_effect=answer)
        await run.call(
            "upload_brand_video", _ticket(), b"0123456789ab", retry=RetryPolicy(deadline=2.0)
        )
    operations = [getattr(record, "notify.operation", "") for record in caplog.records]
    assert operations.count("upload_brand_video") == 1 and "tok-123" not in caplog.text
    timeout = seen[0].extensions["timeout"]
    assert all(value is not None and value <= 2.0 for value in timeout.values())


async def test_a_missing_video_file_fails_before_any_request(run: Runner, tmp_path: Path) -> None:
    with respx.mock(assert_all_mocked=True, assert_all_called=False) as kakao:
        route = kakao.post(UPLOAD_URL).respond(json={})
        with pytest.raises(ValidationError) as info:
            await run.call("upload_brand_video", _ticket(), tmp_path / "missing.mp4")
    assert info.value.field == "file" and not route.called


async def test_a_lost_video_upload_answer_is_not_repeated(run: Runner) -> None:
    with respx.mock(assert_all_mocked=True) as kakao:
        route = kakao.post(UPLOAD_URL).mock(side_effect=httpx.ReadTimeout("slow"))
        with pytest.raises(TransportError) as info:
            await run.call("upload_brand_video", _ticket(), b"0123456789ab")
    assert info.value.ambiguous and info.value.attempts == 1 and route.call_count == 1


# --- authentication strategies --------------------------------------------------------


def _hub(run: Runner, auth: AppKeyBearerAuth) -> None:
    """Plug a service with the Notification Hub's scheme into the client's config."""
    config = run.client._config
    config.services["hub"] = Credentials(
        None, auth, "https://hub.example.test", title="Notification Hub", app_key_setting=None
    )


def _hub_operation() -> Operation[Any]:
    return Operation(
        namespace="hub",  # type: ignore[arg-type]
        method="GET",
        path="/v1/messages",
        parse=lambda data: data,
        safety=Safety.READ,
    )


async def test_a_service_can_authenticate_with_an_app_key_and_a_bearer_token(run: Runner) -> None:
    _hub(run, AppKeyBearerAuth("hub-app-key", "TOKEN-CANARY", ("hub_app_key", "hub_token")))
    with respx.mock(assert_all_mocked=True) as hub:
        route = hub.get("https://hub.example.test/v1/messages").respond(
            json={"header": {"isSuccessful": True, "resultCode": 0, "resultMessage": ""}}
        )
        await run.execute(_hub_operation())
    headers = route.calls.last.request.headers
    assert headers["X-NC-APP-KEY"] == "hub-app-key"
    assert headers["Authorization"] == "Bearer TOKEN-CANARY"
    assert "X-Secret-Key" not in headers
    assert "TOKEN-CANARY" not in repr(run.client._config.services["hub"])
    assert "TOKEN-CANARY" not in repr(run.client) and SECRET not in repr(run.client._config)


async def test_a_missing_bearer_token_names_its_setting(run: Runner) -> None:
    _hub(run, AppKeyBearerAuth("hub-app-key", None, ("hub_app_key", "hub_token")))
    with (
        respx.mock(assert_all_mocked=True, assert_all_called=False),
        pytest.raises(ConfigurationError, match="hub_token"),
    ):
        await run.execute(_hub_operation())


def test_the_secret_key_services_keep_their_header() -> None:
    from notify_sdk._http.config import SecretKeyAuth

    auth = SecretKeyAuth("s3cr3t", "sms_secret_key= (or $NHN_SMS_SECRET_KEY)")
    assert auth.headers() == {"X-Secret-Key": "s3cr3t"} and "s3cr3t" not in repr(auth)
    assert SecretKeyAuth(None, "x").missing() == ["x"]
    assert attrs.evolve(auth, secret_key="t").headers()["X-Secret-Key"] == "t"
