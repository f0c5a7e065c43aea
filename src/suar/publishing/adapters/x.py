"""X (API v2): media upload v2 with alt text, then POST /2/tweets with OAuth 2.0 user tokens."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from suar.publishing.adapters.base import (
    Adapter,
    AuthError,
    ContentError,
    PublishResult,
    TransientError,
    comparable,
    media_path,
)
from suar.publishing.models import ConnectedAccount, Publication
from suar.publishing.oauth_config import client_credentials

API = "https://api.x.com"
CHUNK = 4 * 1024 * 1024


class XAdapter(Adapter):
    platform = "x"

    def _auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.account.access_token}"}

    def publish(self, publication: Publication) -> PublishResult:
        media_ids = self._upload_media(publication)
        payload: dict[str, Any] = {"text": publication.text}
        if media_ids:
            payload["media"] = {"media_ids": media_ids}
        try:
            body = self.request(
                "POST", f"{API}/2/tweets", json=payload, headers=self._auth(), creating=True
            )
        except AuthError as exc:
            # X answers a duplicate text with 403: an earlier attempt may have posted it.
            if "duplicate" in str(exc).lower():
                if found := self.lookup(publication):
                    return found
                raise ContentError(str(exc)) from exc
            raise
        post_id = str(body["data"]["id"])
        return PublishResult(post_id=post_id, url=self._web_url(post_id), raw=body)

    def _web_url(self, post_id: str) -> str:
        return f"https://x.com/{self.account.handle.lstrip('@')}/status/{post_id}"

    def _upload_media(self, publication: Publication) -> list[str]:
        done: list[str] = publication.progress.setdefault("media_ids", [])
        for item in publication.media[len(done) :]:
            path = media_path(item)
            mime = str(item.get("mime", ""))
            if mime.startswith("video/"):
                media_id = self._upload_video(path.read_bytes(), mime)
            else:
                with path.open("rb") as handle:
                    body = self.request(
                        "POST",
                        f"{API}/2/media/upload",
                        headers=self._auth(),
                        files={"media": (path.name, handle, mime)},
                        data={"media_category": "tweet_image", "media_type": mime},
                    )
                media_id = str(body["data"]["id"])
            if alt := str(item.get("alt_text", "")).strip():
                self.request(
                    "POST",
                    f"{API}/2/media/metadata",
                    headers=self._auth(),
                    json={"id": media_id, "metadata": {"alt_text": {"text": alt[:1000]}}},
                )
            done.append(media_id)
        return list(done)

    def _upload_video(self, data: bytes, mime: str) -> str:
        init = self.request(
            "POST",
            f"{API}/2/media/upload/initialize",
            headers=self._auth(),
            json={"media_type": mime, "total_bytes": len(data), "media_category": "tweet_video"},
        )
        media_id = str(init["data"]["id"])
        for index, start in enumerate(range(0, len(data), CHUNK)):
            self.request(
                "POST",
                f"{API}/2/media/upload/{media_id}/append",
                headers=self._auth(),
                files={"media": ("chunk", data[start : start + CHUNK], "application/octet-stream")},
                data={"segment_index": str(index)},
            )
        final = self.request(
            "POST", f"{API}/2/media/upload/{media_id}/finalize", headers=self._auth()
        )
        info = final.get("data", {}).get("processing_info")
        for _ in range(10):
            if not info or info.get("state") == "succeeded":
                return media_id
            if info.get("state") == "failed":
                raise ContentError(f"X could not process the video: {info.get('error')}")
            time.sleep(min(5, int(info.get("check_after_secs", 1))))
            status = self.request(
                "GET",
                f"{API}/2/media/upload",
                params={"command": "STATUS", "media_id": media_id},
                headers=self._auth(),
            )
            info = status.get("data", {}).get("processing_info")
        raise TransientError("X is still processing the video", retry_after=60)

    def lookup(self, publication: Publication) -> PublishResult | None:
        user_id = self.account.platform_account_id
        if not user_id:
            me = self.request("GET", f"{API}/2/users/me", headers=self._auth())
            user_id = str(me["data"]["id"])
        since = publication.scheduled_at - dt.timedelta(minutes=5)
        body = self.request(
            "GET",
            f"{API}/2/users/{user_id}/tweets",
            params={
                "max_results": 20,
                "start_time": since.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
                "tweet.fields": "created_at",
            },
            headers=self._auth(),
        )
        wanted = comparable(publication.text)
        for tweet in body.get("data", []):
            if comparable(tweet.get("text", "")) == wanted:
                post_id = str(tweet["id"])
                return PublishResult(post_id=post_id, url=self._web_url(post_id))
        return None

    def refresh_token(self, account: ConnectedAccount) -> None:
        if not account.refresh_token:
            raise AuthError("no X refresh token (the offline.access scope): reconnect")
        client_id, client_secret = client_credentials("x")
        body = self.request(
            "POST",
            f"{API}/2/oauth2/token",
            data={
                "grant_type": "refresh_token",
                "refresh_token": account.refresh_token,
                "client_id": client_id,
            },
            auth=(client_id, client_secret) if client_secret else None,
        )
        store_tokens(account, body)


def store_tokens(account: ConnectedAccount, body: dict[str, Any]) -> None:
    """Save a token response; keep the old refresh token if the platform sent none."""
    from django.utils import timezone

    account.access_token = body["access_token"]
    if body.get("refresh_token"):
        account.refresh_token = body["refresh_token"]
    if body.get("expires_in"):
        account.expires_at = timezone.now() + dt.timedelta(seconds=int(body["expires_in"]))
    account.save(update_fields=["access_token", "refresh_token", "expires_at", "updated_at"])
