"""X (API v2): media upload v2 with alt text, then POST /2/tweets with OAuth 2.0 user tokens."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from suar.publishing.adapters.base import (
    Adapter,
    AuthError,
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
    media_path,
    parse_time,
)
from suar.publishing.adapters.refresh_claim import refresh_claim
from suar.publishing.models import ConnectedAccount, Publication
from suar.publishing.oauth_config import client_credentials

API = "https://api.x.com"
CHUNK = 4 * 1024 * 1024
# 403 reasons that mean "your API plan has no such endpoint", not "your token is bad".
_PLAN_REASONS = ("client-not-enrolled", "client-forbidden", "unsupported-authentication")


class XAdapter(Adapter):
    platform = "x"
    # POST /2/users/:id/blocking exists, but X offers it only on its Enterprise API plan
    # (docs.x.com/x-api/users/blocks/introduction and enterprise-api/users/blocks/integrate,
    # read 2026-12-01: "only available under the Enterprise plan"), far beyond what a
    # community organisation buys; it would also need the block.write scope. Hiding a
    # reply (PUT /2/tweets/:id/hidden) stays available.
    block_refusal = (
        "X lets apps block accounts only on its Enterprise API plan (POST "
        "/2/users/:id/blocking): block them in the X app"
    )

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
                data, mime = fitted(path.read_bytes(), mime, self.platform, path.name)
                body = self.request(
                    "POST",
                    f"{API}/2/media/upload",
                    headers=self._auth(),
                    files={"media": (path.name, data, mime)},
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

    def read(self, path: str, params: dict[str, Any]) -> Any:
        """A GET for measurement: a plan without the endpoint is NotSupported, not AuthError."""
        try:
            return self.request("GET", f"{API}{path}", params=params, headers=self._auth())
        except AuthError as exc:
            if any(reason in str(exc) for reason in _PLAN_REASONS):
                raise NotSupported(
                    f"X's API plan of this app does not offer {path}: {exc}"
                ) from exc
            raise

    def fetch_engagement(self, publication: Publication) -> Engagement:
        # GET /2/tweets/:id with public_metrics. X gives impressions (not unique reach).
        body = self.read(
            f"/2/tweets/{publication.platform_post_id}", {"tweet.fields": "public_metrics"}
        )
        if "data" not in body:
            raise ContentError(f"the post is no longer on X: {body.get('errors')}")
        metrics = body["data"].get("public_metrics") or {}
        retweets, quotes = figure(metrics.get("retweet_count")), figure(metrics.get("quote_count"))
        return Engagement(
            likes=figure(metrics.get("like_count")),
            comments=figure(metrics.get("reply_count")),
            shares=None if retweets is None else retweets + (quotes or 0),
            impressions=figure(metrics.get("impression_count")),
            raw=dict(metrics),
        )

    def fetch_comments(
        self, publication: Publication, *, since_id: str | None = None
    ) -> list[IncomingComment]:
        """Replies through recent search on `conversation_id:` (the last 7 days only, and
        only on API plans with search)."""
        params: dict[str, Any] = {
            "query": f"conversation_id:{publication.platform_post_id}",
            "max_results": 100,
            "tweet.fields": "created_at,author_id,conversation_id,in_reply_to_user_id",
            "expansions": "author_id",
            "user.fields": "username",
        }
        if since_id:
            params["since_id"] = since_id
        comments: list[IncomingComment] = []
        for _page in range(10):  # at most 1,000 replies a pass; the next pass continues
            body = self.read("/2/tweets/search/recent", params)
            users = {
                u["id"]: u.get("username", "") for u in body.get("includes", {}).get("users", [])
            }
            for tweet in body.get("data", []):
                if tweet.get("author_id") == self.account.platform_account_id:
                    continue  # the organisation's own answers
                username = users.get(tweet.get("author_id"), "")
                comments.append(
                    IncomingComment(
                        platform_comment_id=str(tweet["id"]),
                        text=str(tweet.get("text", "")),
                        created_at=parse_time(tweet.get("created_at")),
                        author_handle=username,
                        url=f"https://x.com/{username or 'i'}/status/{tweet['id']}",
                        author_id=str(tweet.get("author_id") or ""),
                    )
                )
            token = body.get("meta", {}).get("next_token")
            if not token:
                break
            params["next_token"] = token
        return after(comments, None)

    def hide_comment(self, publication: Publication, comment_id: str) -> None:
        # PUT /2/tweets/:id/hidden (needs the tweet.moderate.write scope).
        body = self.request(
            "PUT",
            f"{API}/2/tweets/{comment_id}/hidden",
            json={"hidden": True},
            headers=self._auth(),
        )
        if not (body.get("data") or {}).get("hidden"):
            raise ContentError(f"X did not hide the reply: {body}")

    def refresh_token(self, account: ConnectedAccount) -> None:
        if not account.refresh_token:
            raise AuthError("no X refresh token (the offline.access scope): reconnect")
        client_id, client_secret = client_credentials("x")
        # X rotates refresh tokens: one refresh at a time per account, across workers.
        with refresh_claim(account) as claim:
            if claim is None:
                return  # another worker refreshed while this one waited; `account` has it
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
