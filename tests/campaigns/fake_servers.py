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
    status_id: int,
    text: str = "Aku memilih pulih",
    tags: tuple[str, ...] = ("SuarHarapan",),
    **extra: Any,
) -> dict[str, Any]:
    """A status as Mastodon's API returns it: HTML content, tags, the author's acct."""
    links = " ".join(
        f'<a href="https://m.example/tags/{t.lower()}" class="mention hashtag" rel="tag">'
        f"#<span>{t}</span></a>"
        for t in tags
    )
    return {
        "id": str(status_id),
        "created_at": f"2026-01-28T01:{status_id % 60:02d}:00.000Z",
        "account": {"acct": f"user{status_id}@mastodon.example"},
        "content": f"<p>{text} {links}</p>",
        "tags": [{"name": t.lower(), "url": f"https://m.example/tags/{t.lower()}"} for t in tags],
        "reblog": None,
        **extra,
    }


class FakeMastodon:
    """Mastodon's REST (instance info, hashtag timelines) and its WebSocket streaming API.

    A streaming client subscribes to hashtag streams with `{"type": "subscribe", "stream":
    "hashtag", "tag": ...}`; each status of `stream` is then sent once per subscribed tag it
    carries, as `{"stream": ["hashtag", tag], "event": "update", "payload": "<json>"}`,
    followed by the `deletes` (payload: the status id), as the real server does.
    """

    def __init__(self) -> None:
        self.stream: list[dict[str, Any]] = []
        self.deletes: list[str] = []
        self.timeline: list[dict[str, Any]] = []
        self.requests: list[str] = []
        self.subscriptions: list[list[str]] = []
        self.stream_headers: list[dict[str, str]] = []

    def _send_stream(self, socket: Any) -> None:
        tags: list[str] = []
        with contextlib.suppress(TimeoutError):
            while True:
                message = json.loads(socket.recv(timeout=0.3))
                if message.get("type") == "subscribe" and message.get("stream") == "hashtag":
                    tags.append(str(message["tag"]).lower())
        self.subscriptions.append(tags)
        for status in self.stream:
            carried = {t["name"].lower() for t in status.get("tags", [])}
            for tag in tags:
                if tag in carried:
                    payload = {"stream": ["hashtag", tag], "event": "update"}
                    socket.send(json.dumps({**payload, "payload": json.dumps(status)}))
        for status_id in self.deletes:
            for tag in tags:
                payload = {"stream": ["hashtag", tag], "event": "delete", "payload": status_id}
                socket.send(json.dumps(payload))
        with contextlib.suppress(Exception):
            socket.recv(timeout=5)  # until the client hangs up

    @contextmanager
    def serve(self) -> Iterator[str]:
        from websockets.sync.server import ServerConnection, serve

        fake = self

        def streaming(socket: ServerConnection) -> None:
            assert socket.request is not None
            fake.requests.append(socket.request.path)
            fake.stream_headers.append(dict(socket.request.headers.raw_items()))
            fake._send_stream(socket)

        with serve(streaming, "127.0.0.1", 0) as ws_server:
            ws_thread = threading.Thread(target=ws_server.serve_forever, daemon=True)
            ws_thread.start()
            ws_url = f"ws://127.0.0.1:{ws_server.socket.getsockname()[1]}"

            class Handler(BaseHTTPRequestHandler):
                def log_message(self, *args: Any) -> None:
                    pass

                def _json(self, data: object) -> None:
                    body = json.dumps(data).encode()
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)

                def do_GET(self) -> None:
                    fake.requests.append(self.path)
                    url = urlparse(self.path)
                    if url.path == "/api/v2/instance":
                        self._json({"configuration": {"urls": {"streaming": ws_url}}})
                    elif url.path.startswith("/api/v1/timelines/tag/"):
                        tag = url.path.rsplit("/", 1)[1].lower()
                        after = int(parse_qs(url.query)["min_id"][0])
                        page = [
                            s
                            for s in sorted(fake.timeline, key=lambda s: int(s["id"]))
                            if int(s["id"]) > after
                            and tag in {t["name"] for t in s.get("tags", [])}
                        ][:40]
                        self._json(sorted(page, key=lambda s: -int(s["id"])))
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
                ws_server.shutdown()


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
