"""What Facebook Pages and Instagram share: the Graph API's address, error shape and auth."""

from __future__ import annotations

import datetime as dt
from typing import Any

from suar.publishing.adapters.base import (
    Adapter,
    AuthError,
    ContentError,
    TransientError,
    comparable,
)
from suar.publishing.models import Publication

GRAPH = "https://graph.facebook.com/v21.0"
# Graph error codes: 190 invalid/expired token, 102 session; 4/17/32/613/80001.. throttling.
_AUTH_CODES = {102, 190, 200, 10}
_RATE_CODES = {4, 17, 32, 613, 80001, 80002, 9, 368}


class GraphAdapter(Adapter):
    """What Facebook and Instagram share: the Graph API's error shape and auth header."""

    def _auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.account.access_token}"}

    def graph(self, method: str, path: str, *, creating: bool = False, **kwargs: Any) -> Any:
        headers = {**self._auth(), **kwargs.pop("headers", {})}
        try:
            return self.request(
                method, f"{GRAPH}/{path.lstrip('/')}", headers=headers, creating=creating, **kwargs
            )
        except (ContentError, AuthError, TransientError) as exc:
            raise self._classify(exc) from exc

    @staticmethod
    def _classify(exc: Exception) -> Exception:
        # The Graph API answers most failures with 400 and says what it was in error.code.
        text = str(exc)
        code = graph_code(text)
        if code in _AUTH_CODES:
            return AuthError(text)
        if code in _RATE_CODES:
            return TransientError(text, retry_after=getattr(exc, "retry_after", None) or 3600)
        if isinstance(exc, AuthError) and code is not None:  # a 403 about the post itself
            return ContentError(text)
        return exc

    def lookup_posts(
        self, edge: str, field: str, publication: Publication
    ) -> dict[str, Any] | None:
        since = int((publication.scheduled_at - dt.timedelta(minutes=5)).timestamp())
        params: dict[str, Any] = {"fields": f"id,{field},permalink_url,created_time", "limit": 25}
        if edge.endswith("/posts"):
            params["since"] = since
        else:
            params["fields"] = "id,caption,permalink,timestamp"
        body = self.graph("GET", edge, params=params)
        wanted = comparable(publication.text)
        for item in body.get("data", []):
            if comparable(item.get(field, "") or "") == wanted:
                found: dict[str, Any] = item
                return found
        return None


def graph_code(text: str) -> int | None:
    # response_reason() keeps the message only; the code comes back in the raw error, so
    # adapters re-read it here from "code=NNN" markers the message carries.
    marker = "code="
    if marker in text:
        digits = text.split(marker, 1)[1].split()[0].strip(",);")
        if digits.isdigit():
            return int(digits)
    return None
