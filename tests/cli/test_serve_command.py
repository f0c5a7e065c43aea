"""`suar serve` really serves: gunicorn answers; WhiteNoise serves hashed, compressed files."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.cli.conftest import SUAR, suar_env

STARTUP_TIMEOUT = 20.0


@dataclass
class Server:
    url: str
    log: Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 - a local http URL
    try:
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def wait_until_healthy(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"suar serve exited with {process.returncode}:\n{log.read_text()}")
        try:
            if fetch(f"{url}health/")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    pytest.fail(f"suar serve did not answer within {STARTUP_TIMEOUT} s:\n{log.read_text()}")


def stop(process: subprocess.Popen[bytes]) -> None:
    # The server runs in its own session: signal its process group (gunicorn and its workers).
    os.killpg(process.pid, signal.SIGINT)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, migrated_template: Path) -> Iterator[Server]:
    data_dir = tmp_path_factory.mktemp("serve") / "data"
    shutil.copytree(migrated_template, data_dir)
    port = free_port()
    log = data_dir.parent / "serve.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [*SUAR, "serve", "--port", str(port), "--workers", "1"],
            env=suar_env(data_dir, SUAR_HTTPS="0"),
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_until_healthy(url, process, log)
        yield Server(url=url, log=log)
    finally:
        stop(process)


def test_health_answers(server: Server) -> None:
    status, _, body = fetch(f"{server.url}health/")

    assert status == 200
    assert b'"status": "ok"' in body


def test_home_page_is_served_in_indonesian(server: Server) -> None:
    status, _, body = fetch(server.url)

    assert status == 200
    assert b'<html lang="id">' in body


def test_static_files_are_hashed_compressed_and_cached_for_long(server: Server) -> None:
    _, _, home = fetch(server.url)
    match = re.search(rb'href="(/static/suar/suar\.[0-9a-f]{12}\.css)"', home)
    assert match, "the stylesheet URL carries a content hash (manifest storage)"

    status, headers, _ = fetch(
        server.url + match.group(1).decode()[1:], **{"Accept-Encoding": "gzip"}
    )

    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    assert "immutable" in headers["Cache-Control"]


def test_password_reset_tokens_stay_out_of_the_access_log(server: Server) -> None:
    fetch(f"{server.url}akun/sandi/atur/MQ/secret-token-123/")

    # gunicorn writes the access line just after the response: wait for it (bounded).
    deadline = time.monotonic() + 10
    while "/akun/sandi/atur/" not in server.log.read_text() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert "secret-token-123" not in server.log.read_text()
    assert "/akun/sandi/atur/[redacted]" in server.log.read_text()
