"""Bluesky (AT Protocol): uploadBlob, then createRecord with a record key derived from the
idempotency key, so a retry can only ever hit the same record."""

from __future__ import annotations

import hashlib
from typing import Any

from django.utils import timezone

from suar.publishing.adapters.base import (
    Adapter,
    AuthError,
    ContentError,
    Engagement,
    IncomingComment,
    PublishResult,
    after,
    figure,
    fitted,
    media_path,
    parse_time,
)
from suar.publishing.limits import HASHTAG_RE, URL_RE
from suar.publishing.models import ConnectedAccount, Publication

DEFAULT_PDS = "https://bsky.social"
COLLECTION = "app.bsky.feed.post"
THREADGATE = "app.bsky.feed.threadgate"
MAX_HIDDEN_REPLIES = 300  # app.bsky.feed.threadgate: hiddenReplies maxLength
THREAD_DEPTH = 50
_B32 = "234567abcdefghijklmnopqrstuvwxyz"
_AUTH_ERRORS = {"ExpiredToken", "InvalidToken", "AuthenticationRequired", "AuthMissing"}


def tid_for(idempotency_key: str, when_micros: int) -> str:
    """A valid TID (13 chars, base32-sortable) that is the same for the same key.

    The timestamp part is the scheduled second plus a sub-second offset from the key's hash,
    and the clock id is 10 more bits of it: two keys collide only with odds of 1 in 2^30
    within one second on one account.
    """
    digest = int.from_bytes(hashlib.sha256(idempotency_key.encode()).digest()[:8], "big")
    micros = (when_micros // 1_000_000) * 1_000_000 + digest % 1_000_000
    clock_id = (digest >> 20) & 0x3FF
    value = ((micros & ((1 << 53) - 1)) << 10) | clock_id
    chars = []
    for _ in range(13):
        chars.append(_B32[value & 31])
        value >>= 5
    return "".join(reversed(chars))


def facets_for(text: str) -> list[dict[str, Any]]:
    """Links and hashtags as richtext facets (byte offsets in UTF-8, as the lexicon says)."""

    def span(start: int, end: int) -> dict[str, int]:
        return {
            "byteStart": len(text[:start].encode()),
            "byteEnd": len(text[:end].encode()),
        }

    facets: list[dict[str, Any]] = []
    for match in URL_RE.finditer(text):
        facets.append(
            {
                "index": span(match.start(), match.end()),
                "features": [{"$type": "app.bsky.richtext.facet#link", "uri": match.group()}],
            }
        )
    for match in HASHTAG_RE.finditer(text):
        facets.append(
            {
                "index": span(match.start(), match.end()),
                "features": [{"$type": "app.bsky.richtext.facet#tag", "tag": match.group(1)}],
            }
        )
    return facets


class BlueskyAdapter(Adapter):
    platform = "bluesky"
    idempotent_create = True  # the rkey is fixed: a second create cannot make a second post

    @property
    def base(self) -> str:
        return (self.account.base_url or DEFAULT_PDS).rstrip("/")

    @property
    def did(self) -> str:
        return self.account.platform_account_id

    def _auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.account.access_token}"}

    def rkey(self, publication: Publication) -> str:
        return tid_for(publication.idempotency_key, int(publication.scheduled_at.timestamp() * 1e6))

    def xrpc(self, method: str, nsid: str, **kwargs: Any) -> Any:
        try:
            return self.request(method, f"{self.base}/xrpc/{nsid}", **kwargs)
        except ContentError as exc:
            # atproto answers an expired access token with 400 ExpiredToken.
            if any(name in str(exc) for name in _AUTH_ERRORS):
                raise AuthError(str(exc)) from exc
            raise

    def publish(self, publication: Publication) -> PublishResult:
        rkey = self.rkey(publication)
        record: dict[str, Any] = {
            "$type": COLLECTION,
            "text": publication.text,
            "createdAt": timezone.now().isoformat().replace("+00:00", "Z"),
            "langs": ["id"],
        }
        if facets := facets_for(publication.text):
            record["facets"] = facets
        if embed := self._embed(publication):
            record["embed"] = embed
        try:
            body = self.xrpc(
                "POST",
                "com.atproto.repo.createRecord",
                json={"repo": self.did, "collection": COLLECTION, "rkey": rkey, "record": record},
                headers=self._auth(),
                creating=True,
            )
        except ContentError:
            # A record with this rkey already exists when an earlier attempt succeeded.
            if found := self.lookup(publication):
                return found
            raise
        return PublishResult(post_id=body["uri"], url=self._web_url(rkey), raw=body)

    def _web_url(self, rkey: str) -> str:
        return f"https://bsky.app/profile/{self.did}/post/{rkey}"

    def _embed(self, publication: Publication) -> dict[str, Any] | None:
        blobs: list[dict[str, Any]] = publication.progress.setdefault("blobs", [])
        for item in publication.media[len(blobs) :]:
            path = media_path(item)
            mime = str(item.get("mime", ""))
            data = path.read_bytes()
            if mime.startswith("image/"):
                data, mime = fitted(data, mime, self.platform, path.name)
            body = self.xrpc(
                "POST",
                "com.atproto.repo.uploadBlob",
                content=data,
                headers={**self._auth(), "Content-Type": mime},
            )
            blobs.append(body["blob"])
        if not blobs:
            return None
        pairs = list(zip(publication.media, blobs, strict=True))
        video = [(item, blob) for item, blob in pairs if item.get("mime", "").startswith("video/")]
        if video:
            item, blob = video[0]
            return {"$type": "app.bsky.embed.video", "video": blob, "alt": item.get("alt_text", "")}
        return {
            "$type": "app.bsky.embed.images",
            "images": [{"alt": item.get("alt_text", ""), "image": blob} for item, blob in pairs],
        }

    def lookup(self, publication: Publication) -> PublishResult | None:
        rkey = self.rkey(publication)
        try:
            body = self.xrpc(
                "GET",
                "com.atproto.repo.getRecord",
                params={"repo": self.did, "collection": COLLECTION, "rkey": rkey},
                headers=self._auth(),
            )
        except ContentError as exc:
            if "RecordNotFound" in str(exc) or "HTTP 404" in str(exc):
                return None
            raise
        return PublishResult(post_id=body["uri"], url=self._web_url(rkey), raw=body)

    def fetch_engagement(self, publication: Publication) -> Engagement:
        # app.bsky.feed.getPosts (the PDS proxies app.bsky.* to the AppView): the post
        # view's counters. Bluesky publishes no reach or impressions.
        body = self.xrpc(
            "GET",
            "app.bsky.feed.getPosts",
            params={"uris": publication.platform_post_id},
            headers=self._auth(),
        )
        posts = body.get("posts") or []
        if not posts:
            raise ContentError("the post is no longer on Bluesky (deleted or taken down)")
        post = posts[0]
        reposts, quotes = figure(post.get("repostCount")), figure(post.get("quoteCount"))
        shares = None if reposts is None else reposts + (quotes or 0)
        return Engagement(
            likes=figure(post.get("likeCount")),
            comments=figure(post.get("replyCount")),
            shares=shares,  # reposts and quote posts: both pass the post on
            raw={
                key: post.get(key)
                for key in ("likeCount", "replyCount", "repostCount", "quoteCount")
            },
        )

    def fetch_comments(
        self, publication: Publication, *, since_id: str | None = None
    ) -> list[IncomingComment]:
        body = self.xrpc(
            "GET",
            "app.bsky.feed.getPostThread",
            params={"uri": publication.platform_post_id, "depth": THREAD_DEPTH, "parentHeight": 0},
            headers=self._auth(),
        )
        comments: list[IncomingComment] = []
        pending = list((body.get("thread") or {}).get("replies") or [])
        while pending:
            node = pending.pop()
            post = node.get("post")
            if not post:  # notFoundPost, blockedPost: nothing to read
                continue
            pending.extend(node.get("replies") or [])
            author = post.get("author") or {}
            if author.get("did") == self.did:
                continue  # the organisation's own answers
            record = post.get("record") or {}
            handle = str(author.get("handle", ""))
            rkey = str(post.get("uri", "")).rsplit("/", 1)[-1]
            comments.append(
                IncomingComment(
                    platform_comment_id=str(post["uri"]),
                    text=str(record.get("text", "")),
                    created_at=parse_time(record.get("createdAt") or post.get("indexedAt")),
                    author_handle=handle,
                    url=f"https://bsky.app/profile/{handle or author.get('did', '')}/post/{rkey}",
                )
            )
        return after(comments, since_id)

    def hide_comment(self, publication: Publication, comment_id: str) -> None:
        """Add the reply to the post's threadgate `hiddenReplies` (the Bluesky app's "hide
        reply"), keeping whatever reply rules the threadgate already has."""
        rkey = publication.platform_post_id.rsplit("/", 1)[-1]
        where = {"repo": self.did, "collection": THREADGATE, "rkey": rkey}
        try:
            current = self.xrpc(
                "GET", "com.atproto.repo.getRecord", params=where, headers=self._auth()
            )
        except ContentError as exc:
            if "RecordNotFound" not in str(exc) and "HTTP 404" not in str(exc):
                raise
            current = {}
        record: dict[str, Any] = dict(current.get("value") or {})
        record.update({"$type": THREADGATE, "post": publication.platform_post_id})
        record.setdefault("createdAt", timezone.now().isoformat().replace("+00:00", "Z"))
        hidden: list[str] = list(record.get("hiddenReplies") or [])
        if comment_id in hidden:
            return
        if len(hidden) >= MAX_HIDDEN_REPLIES:
            raise ContentError(f"Bluesky hides at most {MAX_HIDDEN_REPLIES} replies per post")
        record["hiddenReplies"] = [*hidden, comment_id]
        payload: dict[str, Any] = {**where, "record": record}
        if current.get("cid"):
            payload["swapRecord"] = current["cid"]  # fail rather than drop a concurrent change
        self.xrpc("POST", "com.atproto.repo.putRecord", json=payload, headers=self._auth())

    def refresh_token(self, account: ConnectedAccount) -> None:
        if not account.refresh_token:
            raise AuthError("no Bluesky refresh token: reconnect with an app password")
        body = self.xrpc(
            "POST",
            "com.atproto.server.refreshSession",
            headers={"Authorization": f"Bearer {account.refresh_token}"},
        )
        account.access_token = body["accessJwt"]
        account.refresh_token = body["refreshJwt"]
        account.save(update_fields=["access_token", "refresh_token", "updated_at"])


def create_session(base_url: str, identifier: str, app_password: str) -> dict[str, Any]:
    """Log in with an app password (never stored: only the session tokens are kept)."""
    from suar.publishing.adapters.base import check_response, http_client

    response = http_client().post(
        f"{(base_url or DEFAULT_PDS).rstrip('/')}/xrpc/com.atproto.server.createSession",
        json={"identifier": identifier, "password": app_password},
    )
    check_response(response)
    body: dict[str, Any] = response.json()
    return body
