"""A tiny Mastodon-shaped server on loopback that records every status it is asked to create.

It can honour Idempotency-Key as Mastodon does (a repeat returns the first status) or ignore
it, to prove that reconciliation, not the platform, prevents duplicates.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse


def _form_or_json(content_type: str, body: bytes) -> dict[str, Any]:
    """Mastodon takes form fields (what Mastodon.py sends) or JSON for the same parameters."""
    if content_type.startswith("application/json"):
        loaded: dict[str, Any] = json.loads(body or b"{}")
        return loaded
    return {key: values[-1] for key, values in parse_qs(body.decode()).items()}


class FakeMastodon:
    def __init__(self, *, honour_keys: bool = True, delay: float = 0.0) -> None:
        self.honour_keys = honour_keys
        self.delay = delay
        self.lock = threading.Lock()
        self.creates: list[dict[str, Any]] = []  # every POST /api/v1/statuses received
        self.statuses: list[dict[str, Any]] = []  # the posts that exist
        self.by_key: dict[str, dict[str, Any]] = {}
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # Headers and body leave in two writes; with Nagle on, the body waits for a
            # delayed ACK (~40 ms per request), which would measure the fake, not Suar.
            disable_nagle_algorithm = True

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def _send(self, status: int, body: Any) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                body = self.rfile.read(length)
                if len(body) < length:
                    # The client died mid-request: a real server never sees a whole request
                    # and makes no post, where reading the short body as a form would make
                    # one with no text (a guess at the crash test's one failure, unconfirmed).
                    self.close_connection = True
                    return
                payload = _form_or_json(self.headers.get("Content-Type", ""), body)
                if urlparse(self.path).path != "/api/v1/statuses":
                    self._send(404, {"error": "Record not found"})
                    return
                status = fake.create(payload, self.headers.get("Idempotency-Key", ""))
                # The post exists before the answer leaves: a worker killed now has posted
                # without knowing it, which is exactly the case reconciliation must handle.
                if fake.delay:
                    time.sleep(fake.delay)
                self._send(200, status)

            def do_GET(self) -> None:
                url = urlparse(self.path)
                if url.path == "/api/v1/accounts/verify_credentials":
                    self._send(200, {"id": "1", "username": "pulih"})
                elif url.path.startswith("/api/v1/accounts/") and url.path.endswith("/statuses"):
                    limit = int(parse_qs(url.query).get("limit", ["20"])[0])
                    with fake.lock:
                        newest = list(reversed(fake.statuses))[:limit]
                    self._send(200, newest)
                else:
                    self._send(404, {"error": "Record not found"})

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def create(self, payload: dict[str, Any], key: str) -> dict[str, Any]:
        with self.lock:
            self.creates.append({"key": key, "text": payload.get("status", "")})
            if self.honour_keys and key and key in self.by_key:
                return self.by_key[key]
            number = len(self.statuses) + 1
            status = {
                "id": str(number),
                "uri": f"{self.url}/users/pulih/statuses/{number}",
                "url": f"{self.url}/@pulih/{number}",
                "created_at": dt.datetime.now(dt.UTC).isoformat().replace("+00:00", "Z"),
                "content": f"<p>{payload.get('status', '')}</p>",
                "received_at": time.time(),
            }
            self.statuses.append(status)
            if key:
                self.by_key[key] = status
            return status

    def posted_texts(self) -> Counter[str]:
        with self.lock:
            return Counter(s["content"][3:-4] for s in self.statuses)

    def __enter__(self) -> FakeMastodon:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
