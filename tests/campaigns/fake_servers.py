"""Loopback stand-ins for Mastodon's streaming API and Bluesky's Jetstream (recorded shapes)."""

from __future__ import annotations

import contextlib
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse


def mastodon_status(
    status_id: int, text: str = "Aku memilih pulih", **extra: Any
) -> dict[str, Any]:
    return {
        "id": str(status_id),
        "created_at": f"2026-01-28T01:{status_id % 60:02d}:00.000Z",
        "account": {"acct": f"user{status_id}@mastodon.example"},
        "content": f'<p>{text} <a href="https://m.example/tags/suarharapan" class="mention '
        'hashtag">#<span>SuarHarapan</span></a></p>',
        "reblog": None,
        **extra,
    }


class FakeMastodon:
    """Streams `stream` as server-sent events, then a delete; serves `timeline` for catch-up."""

    def __init__(self) -> None:
        self.stream: list[dict[str, Any]] = []
        self.deletes: list[str] = []
        self.timeline: list[dict[str, Any]] = []
        self.requests: list[str] = []

    @contextmanager
    def serve(self) -> Iterator[str]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                fake.requests.append(self.path)
                url = urlparse(self.path)
                if url.path.startswith("/api/v1/timelines/tag/"):
                    after = int(parse_qs(url.query)["min_id"][0])
                    page = [s for s in fake.timeline if int(s["id"]) > after][:40]
                    body = json.dumps(sorted(page, key=lambda s: -int(s["id"]))).encode()
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                elif url.path == "/api/v1/streaming/hashtag":
                    self.send_response(200)
                    self.send_header("Content-Type", "text/event-stream")
                    self.end_headers()
                    self.wfile.write(b":thump\n\n")
                    for status in fake.stream:
                        self.wfile.write(f"event: update\ndata: {json.dumps(status)}\n\n".encode())
                    for status_id in fake.deletes:
                        self.wfile.write(f"event: delete\ndata: {status_id}\n\n".encode())
                    self.wfile.flush()
                else:
                    self.send_error(404)

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}"
        finally:
            server.shutdown()
            server.server_close()


def jetstream_post(
    did: str, rkey: str, time_us: int, text: str, *, tag: bool = True
) -> dict[str, Any]:
    record: dict[str, Any] = {
        "$type": "app.bsky.feed.post",
        "text": text,
        "createdAt": "2026-01-28T02:00:00.000Z",
        "langs": ["id"],
    }
    if tag:
        record["facets"] = [
            {
                "index": {"byteStart": 0, "byteEnd": 12},
                "features": [{"$type": "app.bsky.richtext.facet#tag", "tag": "SuarHarapan"}],
            }
        ]
    return {
        "did": did,
        "time_us": time_us,
        "kind": "commit",
        "commit": {
            "rev": "3l3",
            "operation": "create",
            "collection": "app.bsky.feed.post",
            "rkey": rkey,
            "record": record,
            "cid": "bafy",
        },
    }


def jetstream_repost(did: str, rkey: str, time_us: int, subject: str) -> dict[str, Any]:
    return {
        "did": did,
        "time_us": time_us,
        "kind": "commit",
        "commit": {
            "rev": "3l4",
            "operation": "create",
            "collection": "app.bsky.feed.repost",
            "rkey": rkey,
            "cid": "bafy",
            "record": {
                "$type": "app.bsky.feed.repost",
                "createdAt": "2026-01-28T02:05:00Z",
                "subject": {"uri": subject, "cid": "bafy"},
            },
        },
    }


def jetstream_delete(did: str, collection: str, rkey: str, time_us: int) -> dict[str, Any]:
    return {
        "did": did,
        "time_us": time_us,
        "kind": "commit",
        "commit": {"rev": "3l5", "operation": "delete", "collection": collection, "rkey": rkey},
    }


class FakeJetstream:
    """Sends `messages` to each connection, recording the query it connected with."""

    def __init__(self) -> None:
        self.messages: list[dict[str, Any]] = []
        self.paths: list[str] = []

    @contextmanager
    def serve(self) -> Iterator[str]:
        from websockets.sync.server import ServerConnection, serve

        def handler(socket: ServerConnection) -> None:
            assert socket.request is not None
            self.paths.append(socket.request.path)
            for message in self.messages:
                socket.send(json.dumps(message))
            # Wait for the client to hang up, as it does once it has what it wanted.
            with contextlib.suppress(Exception):
                socket.recv(timeout=5)

        with serve(handler, "127.0.0.1", 0) as server:
            thread = threading.Thread(target=server.serve_forever, daemon=True)
            thread.start()
            try:
                yield f"ws://127.0.0.1:{server.socket.getsockname()[1]}/subscribe"
            finally:
                server.shutdown()
