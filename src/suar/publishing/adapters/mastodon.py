"""Mastodon: upload media (POST /api/v2/media), then post with an Idempotency-Key header."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any, BinaryIO

from suar.publishing.adapters.base import (
    Adapter,
    ContentError,
    Engagement,
    IncomingComment,
    NotSupported,
    PublishResult,
    TransientError,
    after,
    comparable,
    figure,
    fitted,
    html_to_text,
    media_path,
    parse_time,
)
from suar.publishing.models import ConnectedAccount, Publication

MEDIA_POLLS = 10


class MastodonAdapter(Adapter):
    platform = "mastodon"
    # Mastodon keeps Idempotency-Key for an hour and answers a repeat with the first status.
    idempotent_create = True

    @property
    def base(self) -> str:
        return self.account.base_url.rstrip("/")

    def _auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.account.access_token}"}

    def publish(self, publication: Publication) -> PublishResult:
        media_ids = self._upload_media(publication)
        payload: dict[str, Any] = {"status": publication.text, "visibility": "public"}
        if media_ids:
            payload["media_ids"] = media_ids
        headers = {**self._auth(), "Idempotency-Key": publication.idempotency_key}
        body = self.request(
            "POST", f"{self.base}/api/v1/statuses", json=payload, headers=headers, creating=True
        )
        return PublishResult(post_id=str(body["id"]), url=body.get("url") or body.get("uri", ""))

    def _upload_media(self, publication: Publication) -> list[str]:
        done: list[str] = publication.progress.setdefault("media_ids", [])
        for item in publication.media[len(done) :]:
            path = media_path(item)
            mime = str(item.get("mime", ""))
            with path.open("rb") as handle:  # a video streams from disk; an image may be refitted
                content: bytes | BinaryIO = handle
                if mime.startswith("image/"):
                    content, mime = fitted(handle.read(), mime, self.platform, path.name)
                body = self.request(
                    "POST",
                    f"{self.base}/api/v2/media",
                    headers=self._auth(),
                    files={"file": (path.name, content, mime)},
                    data={"description": item.get("alt_text", "")},
                )
            media_id = str(body["id"])
            if body.get("url") is None:  # 202: still processing
                self._wait_for_media(media_id)
            done.append(media_id)
        return list(done)

    def _wait_for_media(self, media_id: str) -> None:
        for attempt in range(MEDIA_POLLS):
            response = self.client.get(f"{self.base}/api/v1/media/{media_id}", headers=self._auth())
            if response.status_code == 200:
                return
            if response.status_code == 422:
                raise ContentError(f"Mastodon could not process the media: {response.text[:300]}")
            time.sleep(min(2.0, 0.2 * (attempt + 1)))
        raise TransientError("Mastodon is still processing the media", retry_after=30)

    def lookup(self, publication: Publication) -> PublishResult | None:
        account_id = self.account.platform_account_id
        if not account_id:
            me = self.request(
                "GET", f"{self.base}/api/v1/accounts/verify_credentials", headers=self._auth()
            )
            account_id = str(me["id"])
        statuses = self.request(
            "GET",
            f"{self.base}/api/v1/accounts/{account_id}/statuses",
            params={"limit": 40, "exclude_replies": "true", "exclude_reblogs": "true"},
            headers=self._auth(),
        )
        wanted = comparable(publication.text)
        earliest = publication.scheduled_at - dt.timedelta(minutes=5)
        for status in statuses:
            created = dt.datetime.fromisoformat(str(status["created_at"]).replace("Z", "+00:00"))
            if created >= earliest and comparable(html_to_text(status["content"])) == wanted:
                return PublishResult(post_id=str(status["id"]), url=status.get("url") or "")
        return None

    def fetch_engagement(self, publication: Publication) -> Engagement:
        # GET /api/v1/statuses/:id: the Status entity's counters. Mastodon has no reach or
        # impressions: only the author's server sees its own deliveries.
        status = self.request(
            "GET",
            f"{self.base}/api/v1/statuses/{publication.platform_post_id}",
            headers=self._auth(),
        )
        return Engagement(
            likes=figure(status.get("favourites_count")),
            comments=figure(status.get("replies_count")),
            shares=figure(status.get("reblogs_count")),
            raw={
                key: status.get(key)
                for key in ("favourites_count", "replies_count", "reblogs_count")
            },
        )

    def fetch_comments(
        self, publication: Publication, *, since_id: str | None = None
    ) -> list[IncomingComment]:
        # GET /api/v1/statuses/:id/context: `descendants` is the whole reply tree, in
        # thread order; the account's own replies (its answers) are not comments to it.
        context = self.request(
            "GET",
            f"{self.base}/api/v1/statuses/{publication.platform_post_id}/context",
            headers=self._auth(),
        )
        own = self.account.platform_account_id
        comments = [
            IncomingComment(
                platform_comment_id=str(status["id"]),
                text=html_to_text(str(status.get("content") or "")),
                created_at=parse_time(status.get("created_at")),
                author_handle=str((status.get("account") or {}).get("acct", "")),
                url=str(status.get("url") or status.get("uri") or ""),
            )
            for status in context.get("descendants", [])
            if str((status.get("account") or {}).get("id", "")) != own or not own
        ]
        if since_id is not None and since_id.isdigit():
            # Mastodon ids are numeric and grow with time (snowflake-like); servers of other
            # software (Pleroma's flake ids) are filtered by position instead.
            comments = [
                c
                for c in comments
                if not c.platform_comment_id.isdigit() or int(c.platform_comment_id) > int(since_id)
            ]
            return after(comments, None)
        return after(comments, since_id)

    def hide_comment(self, publication: Publication, comment_id: str) -> None:
        raise NotSupported(
            "Mastodon has no way to hide a reply on your own post; block or report the "
            "account on the server instead"
        )

    def refresh_token(self, account: ConnectedAccount) -> None:
        # Mastodon access tokens do not expire; a 401 means the person revoked Suar's access.
        super().refresh_token(account)
