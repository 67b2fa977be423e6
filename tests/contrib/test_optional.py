"""The extras cost nothing until used, and say how to install them when missing."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

OPTIONAL = ("django", "starlette", "fastapi", "opentelemetry")


def _python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_import_notify_sdk_and_a_send_load_no_integration() -> None:
    done = _python(
        """
        import sys
        import notify_sdk
        from notify_sdk.testing import Emulator

        with Emulator().client() as client:
            client.send_sms("01055550123", "hi")
        loaded = sorted(
            m for m in sys.modules
            if m.split(".")[0] in {"django", "starlette", "fastapi", "opentelemetry"}
            or m.startswith(("notify_sdk.contrib", "notify_sdk.hooks"))
        )
        print(loaded)
        """
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


@pytest.mark.parametrize(
    ("module", "extra"),
    [
        ("notify_sdk.contrib.django", "django"),
        ("notify_sdk.contrib.starlette", "starlette"),
        ("notify_sdk.contrib.otel", "otel"),
    ],
)
def test_without_its_extra_an_integration_says_what_to_install(module: str, extra: str) -> None:
    done = _python(
        f"""
        import sys

        class Hide:
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] in {OPTIONAL!r}:
                    raise ModuleNotFoundError(name)

        sys.meta_path.insert(0, Hide())
        try:
            import {module}
        except ImportError as exc:
            print(exc)
        """
    )
    assert done.returncode == 0, done.stderr
    assert f"pip install 'notify-sdk[{extra}]'" in done.stdout
