"""Bluesky (AT Protocol) through the atproto SDK: uploadBlob, then createRecord with a record
key derived from the idempotency key, so a retry can only ever hit the same record. The
session and its refresh are in `bluesky_session.py` (app passwords) and `bluesky_oauth.py`
(atproto OAuth, DPoP)."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any

import httpx
from atproto_client import Client, models
from atproto_client.models.utils import get_model_as_dict, get_or_create
from atproto_core.exceptions import AtProtocolError
from django.utils import timezone

from suar.publishing.adapters.base import (
    Adapter,
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
from suar.publishing.adapters.bluesky_oauth import OAuthSession
from suar.publishing.adapters.bluesky_session import (
    DEFAULT_PDS,
    StoredSession,
    calling,
    create_session,
    jwt_expiry,
)
from suar.publishing.limits import HASHTAG_RE, URL_RE

if TYPE_CHECKING:
    from suar.publishing.models import ConnectedAccount, Publication

__all__ = ["DEFAULT_PDS", "BlueskyAdapter", "create_session", "facets_for", "jwt_expiry", "tid_for"]


def session_for(account: ConnectedAccount) -> StoredSession | OAuthSession:
    """How the account signs its requests: DPoP-bound OAuth tokens or an app password's
    session JWTs."""
    if account.auth_method == "oauth":
        return OAuthSession(account)
    return StoredSession(account)


COLLECTION = "app.bsky.feed.post"
THREADGATE = "app.bsky.feed.threadgate"
BLOCK = "app.bsky.graph.block"
# The timestamp part of a block's record key (2024-01-01): the key is derived from the
# blocked DID alone, so blocking the same person twice can only ever hit the same record.
BLOCK_EPOCH_MICROS = 1_704_067_200_000_000
MAX_HIDDEN_REPLIES = 300  # app.bsky.feed.threadgate: hiddenReplies maxLength
THREAD_DEPTH = 50
_B32 = "234567abcdefghijklmnopqrstuvwxyz"


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
    """Links and hashtags as richtext facets (byte offsets in UTF-8, as the lexicon says),
    found with the same patterns as the length count and the preview (limits.py)."""

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

    def __init__(self, account: ConnectedAccount, client: httpx.Client | None = None) -> None:
        super().__init__(account, client)
        self.session = session_for(account)

    @property
    def did(self) -> str:
        return self.account.platform_account_id

    def rkey(self, publication: Publication) -> str:
        return tid_for(publication.idempotency_key, int(publication.scheduled_at.timestamp() * 1e6))

    def _session(self) -> StoredSession | OAuthSession:
        if self.session.account is not self.account:
            self.session = session_for(self.account)
        return self.session

    def sdk(self) -> Client:
        """The SDK client with the account's stored session."""
        return self._session().client()

    def refresh_token(self, account: ConnectedAccount) -> None:
        self.account = account
        self._session().refresh()

    # --- publishing ---------------------------------------------------------------------

    def publish(self, publication: Publication) -> PublishResult:
        rkey = self.rkey(publication)
        embed = self._embed(publication)
        record: dict[str, Any] = {
            "$type": COLLECTION,
            "text": publication.text,
            "createdAt": timezone.now().isoformat().replace("+00:00", "Z"),
            "langs": ["id"],
        }
        if facets := facets_for(publication.text):
            record["facets"] = facets
        if embed:
            record["embed"] = embed
        try:
            data = get_or_create(
                {"repo": self.did, "collection": COLLECTION, "rkey": rkey, "record": record},
                models.ComAtprotoRepoCreateRecord.Data,
            )
        except AtProtocolError as exc:  # the lexicon refuses the record itself
            raise ContentError(f"this post is not a valid Bluesky post: {exc}") from exc
        client = self.sdk()
        try:
            with calling(creating=True):
                created = client.com.atproto.repo.create_record(data)
        except ContentError:
            # A record with this rkey already exists when an earlier attempt succeeded.
            if found := self.lookup(publication):
                return found
            raise
        return PublishResult(
            post_id=created.uri,
            url=self._web_url(rkey),
            raw={"uri": created.uri, "cid": created.cid},
        )

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
            client = self.sdk()
            with calling():
                uploaded = client.com.atproto.repo.upload_blob(data, headers={"Content-Type": mime})
            blobs.append(get_model_as_dict(uploaded.blob))  # JSON, kept in `progress`
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

    def _get_record(self, collection: str, rkey: str) -> Any | None:
        """com.atproto.repo.getRecord; None when there is no such record."""
        client = self.sdk()
        try:
            with calling():
                return client.com.atproto.repo.get_record(
                    {"repo": self.did, "collection": collection, "rkey": rkey}
                )
        except ContentError as exc:
            if "RecordNotFound" in str(exc) or "HTTP 404" in str(exc):
                return None
            raise

    def lookup(self, publication: Publication) -> PublishResult | None:
        rkey = self.rkey(publication)
        found = self._get_record(COLLECTION, rkey)
        if found is None:
            return None
        return PublishResult(
            post_id=found.uri, url=self._web_url(rkey), raw={"uri": found.uri, "cid": found.cid}
        )

    # --- reading back -------------------------------------------------------------------

    def fetch_engagement(self, publication: Publication) -> Engagement:
        # app.bsky.feed.getPosts (the PDS proxies app.bsky.* to the AppView): the post
        # view's counters. Bluesky publishes no reach or impressions.
        client = self.sdk()
        with calling():
            answer = client.app.bsky.feed.get_posts({"uris": [publication.platform_post_id]})
        if not answer.posts:
            raise ContentError("the post is no longer on Bluesky (deleted or taken down)")
        post = answer.posts[0]
        reposts, quotes = figure(post.repost_count), figure(post.quote_count)
        shares = None if reposts is None else reposts + (quotes or 0)
        return Engagement(
            likes=figure(post.like_count),
            comments=figure(post.reply_count),
            shares=shares,  # reposts and quote posts: both pass the post on
            raw={
                "likeCount": post.like_count,
                "replyCount": post.reply_count,
                "repostCount": post.repost_count,
                "quoteCount": post.quote_count,
            },
        )

    def fetch_comments(
        self, publication: Publication, *, since_id: str | None = None
    ) -> list[IncomingComment]:
        client = self.sdk()
        with calling():
            answer = client.app.bsky.feed.get_post_thread(
                {"uri": publication.platform_post_id, "depth": THREAD_DEPTH, "parent_height": 0}
            )
        comments: list[IncomingComment] = []
        pending = list(getattr(answer.thread, "replies", None) or [])
        while pending:
            node = pending.pop()
            post = getattr(node, "post", None)
            if post is None:  # notFoundPost, blockedPost: nothing to read
                continue
            pending.extend(getattr(node, "replies", None) or [])
            if post.author.did == self.did:
                continue  # the organisation's own answers
            handle = str(post.author.handle or "")
            rkey = str(post.uri).rsplit("/", 1)[-1]
            comments.append(
                IncomingComment(
                    platform_comment_id=str(post.uri),
                    text=str(getattr(post.record, "text", "") or ""),
                    created_at=parse_time(
                        getattr(post.record, "created_at", None) or post.indexed_at
                    ),
                    author_handle=handle,
                    url=f"https://bsky.app/profile/{handle or post.author.did}/post/{rkey}",
                    author_id=str(post.author.did),
                )
            )
        return after(comments, since_id)

    def hide_comment(self, publication: Publication, comment_id: str) -> None:
        """Add the reply to the post's threadgate `hiddenReplies` (the Bluesky app's "hide
        reply"), keeping whatever reply rules the threadgate already has."""
        rkey = publication.platform_post_id.rsplit("/", 1)[-1]
        current = self._get_record(THREADGATE, rkey)
        record: dict[str, Any] = (
            dict(get_model_as_dict(current.value)) if current is not None and current.value else {}
        )
        record.update({"$type": THREADGATE, "post": publication.platform_post_id})
        record.setdefault("createdAt", timezone.now().isoformat().replace("+00:00", "Z"))
        hidden: list[str] = list(record.get("hiddenReplies") or [])
        if comment_id in hidden:
            return
        if len(hidden) >= MAX_HIDDEN_REPLIES:
            raise ContentError(f"Bluesky hides at most {MAX_HIDDEN_REPLIES} replies per post")
        record["hiddenReplies"] = [*hidden, comment_id]
        payload: dict[str, Any] = {
            "repo": self.did,
            "collection": THREADGATE,
            "rkey": rkey,
            "record": record,
        }
        if current is not None and current.cid:
            payload["swapRecord"] = current.cid  # fail rather than drop a concurrent change
        client = self.sdk()
        with calling():
            client.com.atproto.repo.put_record(payload)

    # --- blocking ---------------------------------------------------------------------

    def block_author(self, publication: Publication, comment: IncomingComment | str) -> None:
        """An `app.bsky.graph.block` record in the account's repo (what the Bluesky app's
        "Block" writes), under a record key fixed by the blocked DID: a repeat, a retry or
        two moderators at once find the same record instead of making a second one."""
        if isinstance(comment, IncomingComment):
            did = comment.author_id or comment.platform_comment_id
        else:
            did = comment
        # A reply's id is its at:// URI, whose authority is the author's DID.
        did = did.removeprefix("at://").split("/", 1)[0]
        if not did.startswith("did:"):
            raise ContentError(f"Bluesky did not say who wrote this reply ({did or '?'})")
        if did == self.did:
            raise ContentError("this reply is the organisation's own: nothing to block")
        rkey = tid_for(f"block:{did}", BLOCK_EPOCH_MICROS)
        if self._blocks(rkey, did):
            return
        record = {
            "$type": BLOCK,
            "subject": did,
            "createdAt": timezone.now().isoformat().replace("+00:00", "Z"),
        }
        client = self.sdk()
        try:
            with calling(creating=True):
                client.com.atproto.repo.create_record(
                    {"repo": self.did, "collection": BLOCK, "rkey": rkey, "record": record}
                )
        except ContentError:
            if self._blocks(rkey, did):  # made meanwhile by another attempt
                return
            raise

    def _blocks(self, rkey: str, did: str) -> bool:
        found = self._get_record(BLOCK, rkey)
        if found is None:
            return False
        subject = getattr(found.value, "subject", None)
        if subject is None and isinstance(found.value, dict):
            subject = found.value.get("subject")
        if subject != did:  # a record key collision (odds of 1 in 2^30): never block twice
            raise ContentError(f"record {rkey} in {BLOCK} already blocks someone else")
        return True
