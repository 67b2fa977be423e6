"""The public surface: names relied on outside this repository never disappear."""

from __future__ import annotations

import inspect
import subprocess
import sys

import notify_sdk
from notify_sdk import errors

CONTRACT = {
    "NotifyClient",
    "AsyncNotifyClient",
    "RetryPolicy",
    "Recipient",
    "SmsFallback",
    "SendResult",
    "RecipientResult",
    "NotifyError",
    "__version__",
}

ERROR_CONTRACT = {
    "NotifyError",
    "APIError",
    "ValidationError",
    "AuthenticationError",
    "PermissionDeniedError",
    "TemplateError",
    "SenderNumberError",
    "SenderProfileError",
    "SenderProfileBlocked",
    "DuplicateRequestError",
    "QuotaExceededError",
    "ServerError",
    "RateLimitError",
    "TransportError",
    "ProtocolError",
    "PartialSendError",
    "UnknownAPIError",
    "ConfigurationError",
    "lookup",
}

CLIENT_METHODS = {
    "send_sms",
    "send_mms",
    "send_auth_sms",
    "send_ad_sms",
    "send_ad_mms",
    "send_alimtalk",
    "send_friendtalk",
    "send_brand_message",
    "send_brand_template",
}


def test_all_is_sorted_and_importable() -> None:
    assert notify_sdk.__all__ == sorted(notify_sdk.__all__)
    assert set(notify_sdk.__all__) >= CONTRACT
    for name in notify_sdk.__all__:
        assert getattr(notify_sdk, name) is not None


def test_error_names() -> None:
    assert set(errors.__all__) >= ERROR_CONTRACT
    for name in ERROR_CONTRACT - {"lookup"}:
        assert issubclass(getattr(errors, name), errors.NotifyError)


def test_both_clients_have_the_same_methods_with_the_same_parameters() -> None:
    sync_names = {n for n in dir(notify_sdk.NotifyClient) if not n.startswith("_")}
    async_names = {n for n in dir(notify_sdk.AsyncNotifyClient) if not n.startswith("_")}
    assert sync_names >= CLIENT_METHODS
    assert sync_names - {"close", "__enter__", "__exit__"} == async_names - {
        "aclose",
        "__aenter__",
        "__aexit__",
    }
    for name in sync_names & async_names:
        sync_attr = getattr(notify_sdk.NotifyClient, name)
        if callable(sync_attr):
            async_attr = getattr(notify_sdk.AsyncNotifyClient, name)
            assert sync_attr.__doc__, f"NotifyClient.{name} has no docstring"
            assert async_attr.__doc__, f"AsyncNotifyClient.{name} has no docstring"


def test_send_methods_take_retry() -> None:
    for name in CLIENT_METHODS:
        builder = getattr(notify_sdk.NotifyClient, name)
        # The wrappers keep the builder's metadata; the builder takes retry=.
        module = sys.modules[builder.__module__]
        assert "retry" in inspect.signature(getattr(module, name)).parameters


def test_import_does_not_load_cli_emulator_or_heavy_modules() -> None:
    code = (
        "import sys, notify_sdk; "
        "bad = [m for m in ('notify_sdk.testing', 'notify_sdk._cli', 'argparse', "
        "'zoneinfo', 'asyncio', 'notify_sdk.brand', 'notify_sdk.errors.sms', "
        "'notify_sdk.errors.kakao') "
        "if m in sys.modules]; print(bad)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_client_methods_show_their_real_signature() -> None:
    sig = inspect.signature(notify_sdk.NotifyClient.send_sms)
    assert list(sig.parameters)[:3] == ["self", "to", "body"]
    assert "ctx" not in sig.parameters and "retry" in sig.parameters
    bound = inspect.signature(notify_sdk.AsyncNotifyClient(sms_app_key="a").send_alimtalk)
    assert list(bound.parameters)[:2] == ["to", "template_code"]


CAMPAIGN_CONTRACT = {
    "Campaign",
    "Sms",
    "AlimTalk",
    "Brand",
    "BrandTemplate",
    "Chunk",
    "InvalidRecipient",
    "ChunkResult",
    "CampaignResult",
    "CampaignProgress",
    "FailedRecipient",
    "Journal",
    "JournalMismatch",
    "CampaignInterrupted",
    "RateLimiter",
    "run_chunk",
    "arun_chunk",
    "send_campaign",
    "asend_campaign",
    "chunk_to_dict",
    "chunk_from_dict",
}


def test_campaign_names() -> None:
    from notify_sdk import campaigns

    assert set(campaigns.__all__) >= CAMPAIGN_CONTRACT
    for name in campaigns.__all__:
        assert getattr(campaigns, name) is not None


def test_import_does_not_load_campaigns_or_celery() -> None:
    code = (
        "import sys, notify_sdk; "
        "print([m for m in ('notify_sdk.campaigns', 'sqlite3', 'celery') if m in sys.modules])"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
