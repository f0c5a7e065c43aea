"""A `requests.Session` that sends through Suar's shared httpx client, for a platform library
built on requests (Mastodon.py).

Why not requests' own transport: every adapter then shares one connection pool, one timeout
policy, one User-Agent and the log filter that redacts tokens (installed on httpx's loggers);
a failure keeps the difference between "never sent" (connection refused) and "maybe sent"
(no answer); and the adapters are tested the same way at the HTTP level (respx).
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping
from typing import Any

import httpx
import requests
from requests.adapters import BaseAdapter
from requests.structures import CaseInsensitiveDict
from requests.utils import get_encoding_from_headers

# httpx negotiates compression and connections itself: forwarding requests' values would
# advertise encodings httpx may not decode, or fight over keep-alive.
_DROPPED = {"accept-encoding", "connection", "content-length", "transfer-encoding"}


def _timeout(value: Any) -> httpx.Timeout | None:
    """requests' timeout (seconds, or a (connect, read) pair) as an httpx one."""
    if value is None:
        return None
    if isinstance(value, tuple):
        connect, read = value
        return httpx.Timeout(read, connect=connect)
    seconds = float(value)
    return httpx.Timeout(seconds, connect=min(seconds, 10.0))


def _body(body: Any) -> bytes | None:
    if body is None or isinstance(body, bytes):
        return body
    if isinstance(body, str):
        return body.encode()
    if hasattr(body, "read"):
        data: bytes = body.read()
        return data
    if isinstance(body, Iterable):
        return b"".join(bytes(chunk) for chunk in body)
    raise TypeError(f"cannot send a request body of type {type(body).__name__}")


class HttpxTransport(BaseAdapter):
    """Hands each prepared request to an httpx client and keeps the last answer, so that the
    caller can read its headers (Retry-After) when the library raises without them."""

    def __init__(self, client: httpx.Client) -> None:
        super().__init__()
        self.client = client
        self.last: httpx.Response | None = None

    def send(
        self,
        request: requests.PreparedRequest,
        stream: bool = False,
        timeout: Any = None,
        verify: bool | str = True,
        cert: Any = None,
        proxies: Mapping[str, str] | None = None,
    ) -> requests.Response:
        headers = {
            k: v if isinstance(v, str) else v.decode("latin-1")
            for k, v in request.headers.items()
            if k.lower() not in _DROPPED
        }
        options: dict[str, Any] = {}
        if (limit := _timeout(timeout)) is not None:
            options["timeout"] = limit
        self.last = None
        try:
            answer = self.client.request(
                request.method or "GET",
                request.url or "",
                headers=headers,
                content=_body(request.body),
                **options,
            )
        except httpx.ConnectTimeout as exc:
            raise requests.exceptions.ConnectTimeout(str(exc), request=request) from exc
        except (httpx.ConnectError, httpx.PoolTimeout) as exc:
            # Nothing left this machine: safe to send again.
            raise requests.exceptions.ConnectionError(str(exc), request=request) from exc
        except httpx.TimeoutException as exc:
            raise requests.exceptions.ReadTimeout(str(exc), request=request) from exc
        except httpx.TransportError as exc:
            raise requests.exceptions.ConnectionError(str(exc), request=request) from exc
        self.last = answer
        return self._response(request, answer)

    @staticmethod
    def _response(request: requests.PreparedRequest, answer: httpx.Response) -> requests.Response:
        response = requests.Response()
        response.status_code = answer.status_code
        response.reason = answer.reason_phrase
        response.headers = CaseInsensitiveDict(dict(answer.headers))
        response.encoding = get_encoding_from_headers(response.headers)
        response._content = answer.content
        response.raw = io.BytesIO(answer.content)
        response.url = str(answer.url)
        response.request = request
        return response

    def close(self) -> None:
        """The shared client outlives every session: nothing to close here."""


def session_over(client: httpx.Client) -> tuple[requests.Session, HttpxTransport]:
    """A requests session whose every request goes through `client`."""
    transport = HttpxTransport(client)
    session = requests.Session()
    session.trust_env = False  # proxies and .netrc are httpx's business, as for other adapters
    session.mount("https://", transport)
    session.mount("http://", transport)
    return session, transport
