"""``notify-sdk emulator serve``: the loopback server as its own process."""

from __future__ import annotations

import os
import shlex
import signal
import socket
import subprocess
import sys

from notify_sdk import NotifyClient

_KEYS = {
    "NHN_SMS_APP_KEY": "sms_app_key",
    "NHN_SMS_SECRET_KEY": "sms_secret_key",
    "NHN_KAKAO_APP_KEY": "kakao_app_key",
    "NHN_KAKAO_SECRET_KEY": "kakao_secret_key",
    "NHN_SMS_SENDER": "sms_sender",
    "NHN_KAKAO_SENDER_KEY": "kakao_sender_key",
    "NHN_SMS_BASE_URL": "sms_base_url",
    "NHN_KAKAO_BASE_URL": "kakao_base_url",
}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def test_emulator_serve_takes_a_real_client_send_and_stops_on_ctrl_c() -> None:
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "notify_sdk", "emulator", "serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline()
        assert f"http://127.0.0.1:{port}" in first, first + (
            proc.stderr.read() if proc.stderr else ""
        )
        settings: dict[str, str] = {}
        while len(settings) < len(_KEYS):
            line = proc.stdout.readline()
            assert line, "the server stopped printing before every setting"
            if line.startswith("export "):
                name, _, value = line[len("export ") :].strip().partition("=")
                settings[_KEYS[name]] = shlex.split(value)[0]
        assert settings["sms_base_url"] == f"http://127.0.0.1:{port}"
        with NotifyClient(**settings) as client:  # type: ignore[arg-type]
            result = client.send_sms(["01055550101"], "hello over HTTP")
        assert result.ok and result.request_id
        assert len(result.recipients) == 1
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=10) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
