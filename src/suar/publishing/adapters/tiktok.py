"""TikTok (Content Posting API, Direct Post): init a photo or video post that TikTok pulls
from Suar's public media URL, then fetch its status."""

from __future__ import annotations

import time
from typing import Any

from suar.publishing.adapters.base import (
    Adapter,
    AuthError,
    ContentError,
    Engagement,
    NotSupported,
    PublishError,
    PublishResult,
    TransientError,
    UnknownOutcome,
    figure,
    media_public_url,
)
from suar.publishing.adapters.refresh_claim import refresh_claim
from suar.publishing.models import ConnectedAccount, Publication
from suar.publishing.oauth_config import client_credentials

API = "https://open.tiktokapis.com"
_AUTH = {"access_token_invalid", "scope_not_authorized", "scope_permission_missed"}
# rate_limit_exceeded is a per-minute window (6 init calls a minute per token); the spam_risk
# ones are TikTok's daily caps on posts.
_RATE = {"rate_limit_exceeded": 60, "spam_risk_too_many_posts": 3600}
_RATE["spam_risk_too_many_pending_share"] = 3600
_DONE = "PUBLISH_COMPLETE"
_PROCESSING = {"PROCESSING_UPLOAD", "PROCESSING_DOWNLOAD", "SEND_TO_USER_INBOX"}
STATUS_POLLS = 5
VIDEO_FIELDS = "id,title,create_time,like_count,comment_count,share_count,view_count"


def _classify(exc: PublishError) -> PublishError:
    text = str(exc)
    if any(code in text for code in _AUTH):
        return AuthError(text)
    for code, wait in _RATE.items():
        if code in text:
            return TransientError(text, retry_after=getattr(exc, "retry_after", None) or wait)
    if isinstance(exc, AuthError):  # a 403 for anything but the token is about the post
        return ContentError(text)
    return exc


class TikTokAdapter(Adapter):
    platform = "tiktok"
    block_refusal = "TikTok's APIs give no way to block an account: block them in the TikTok app"

    def _auth(self) -> dict[str, str]:
        return {
            "Authorization": f"Bearer {self.account.access_token}",
            "Content-Type": "application/json; charset=UTF-8",
        }

    def api(self, path: str, payload: dict[str, Any], *, creating: bool = False) -> Any:
        try:
            body = self.request(
                "POST", f"{API}{path}", json=payload, headers=self._auth(), creating=creating
            )
        except (ContentError, TransientError, AuthError) as exc:
            raise _classify(exc) from exc
        error = body.get("error") or {}
        if error.get("code") not in (None, "", "ok"):
            raise _classify(ContentError(f"{error.get('message')} (code={error.get('code')})"))
        return body.get("data") or {}

    def _privacy_level(self) -> str:
        # Unaudited apps may only post privately; the creator's options say what is allowed.
        options = self.api("/v2/post/publish/creator_info/query/", {}).get(
            "privacy_level_options", []
        )
        if "PUBLIC_TO_EVERYONE" in options:
            return "PUBLIC_TO_EVERYONE"
        if not options:
            raise ContentError("TikTok offers this account no privacy level to post with")
        return str(options[-1]) if "SELF_ONLY" not in options else "SELF_ONLY"

    def publish(self, publication: Publication) -> PublishResult:
        publish_id = publication.progress.get("publish_id")
        if not publish_id:
            publish_id = self._init(publication)
            publication.progress["publish_id"] = publish_id
        for attempt in range(STATUS_POLLS):
            result = self._status(publish_id)
            if result is not None:
                return result
            time.sleep(0.5 * (attempt + 1))
        # Accepted and still processing: the post will appear; confirm by status later.
        raise UnknownOutcome(f"TikTok is still processing publish_id {publish_id}")

    def _init(self, publication: Publication) -> str:
        privacy = self._privacy_level()
        videos = [
            n
            for n, m in enumerate(publication.media)
            if str(m.get("mime", "")).startswith("video/")
        ]
        if videos:
            data = self.api(
                "/v2/post/publish/video/init/",
                {
                    "post_info": {"title": publication.text, "privacy_level": privacy},
                    "source_info": {
                        "source": "PULL_FROM_URL",
                        "video_url": media_public_url(publication, videos[0]),
                    },
                },
                creating=True,
            )
        else:
            data = self.api(
                "/v2/post/publish/content/init/",
                {
                    "post_info": {
                        "title": publication.text[:90],
                        "description": publication.text[:4000],
                        "privacy_level": privacy,
                        "auto_add_music": True,
                    },
                    "source_info": {
                        "source": "PULL_FROM_URL",
                        "photo_cover_index": 0,
                        "photo_images": [
                            media_public_url(publication, n) for n in range(len(publication.media))
                        ],
                    },
                    "post_mode": "DIRECT_POST",
                    "media_type": "PHOTO",
                },
                creating=True,
            )
        return str(data["publish_id"])

    def _status(self, publish_id: str) -> PublishResult | None:
        data = self.api("/v2/post/publish/status/fetch/", {"publish_id": publish_id})
        status = data.get("status")
        if status == _DONE:
            ids = data.get("publicaly_available_post_id") or []
            post_id = str(ids[0]) if ids else publish_id
            url = f"https://www.tiktok.com/@{self.account.handle.lstrip('@')}/video/{ids[0]}"
            return PublishResult(post_id=post_id, url=url if ids else "", raw=data)
        if status == "FAILED":
            raise ContentError(f"TikTok refused the post: {data.get('fail_reason', 'unknown')}")
        if status in _PROCESSING:
            return None
        raise UnknownOutcome(f"TikTok status {status!r} for publish_id {publish_id}")

    def lookup(self, publication: Publication) -> PublishResult | None:
        publish_id = publication.progress.get("publish_id")
        if not publish_id:
            # The init call's answer was lost: TikTok has no way to find the post by our
            # key, so this is the one case where a retry could post twice (documented).
            return None
        result = self._status(publish_id)
        if result is None:
            raise UnknownOutcome(f"TikTok is still processing publish_id {publish_id}")
        return result

    def fetch_engagement(self, publication: Publication) -> Engagement:
        """POST /v2/video/query/ (scope video.list): like, comment, share and view counts.
        TikTok gives no reach; views go in `impressions`."""
        publish_id = publication.progress.get("publish_id")
        if not publication.platform_post_id or publication.platform_post_id == publish_id:
            # Private (SELF_ONLY) posts get no public post id, and the video query needs one.
            raise NotSupported("TikTok gives figures only for public posts; this one is private")
        try:
            body = self.request(
                "POST",
                f"{API}/v2/video/query/",
                params={"fields": VIDEO_FIELDS},
                json={"filters": {"video_ids": [publication.platform_post_id]}},
                headers=self._auth(),
            )
        except (ContentError, TransientError, AuthError) as exc:
            raise _classify(exc) from exc
        error = body.get("error") or {}
        if error.get("code") not in (None, "", "ok"):
            raise _classify(ContentError(f"{error.get('message')} (code={error.get('code')})"))
        videos = (body.get("data") or {}).get("videos") or []
        if not videos:
            raise ContentError("the video is no longer on TikTok (deleted or made private)")
        video = videos[0]
        return Engagement(
            likes=figure(video.get("like_count")),
            comments=figure(video.get("comment_count")),
            shares=figure(video.get("share_count")),
            impressions=figure(video.get("view_count")),
            raw=dict(video),
        )

    # Comments: TikTok's Display and Content Posting APIs give none (only the Research API,
    # for approved researchers, lists comments), and no API hides them: the base class
    # raises NotSupported for both (and for blocking, which no TikTok API offers either).

    def refresh_token(self, account: ConnectedAccount) -> None:
        from suar.publishing.adapters.x import store_tokens

        if not account.refresh_token:
            raise AuthError("no TikTok refresh token: reconnect the account")
        client_key, client_secret = client_credentials("tiktok")
        # TikTok rotates refresh tokens: one refresh at a time per account, across workers.
        with refresh_claim(account) as claim:
            if claim is None:
                return  # another worker refreshed while this one waited; `account` has it
            body = self.request(
                "POST",
                f"{API}/v2/oauth/token/",
                data={
                    "client_key": client_key,
                    "client_secret": client_secret,
                    "grant_type": "refresh_token",
                    "refresh_token": account.refresh_token,
                },
            )
            store_tokens(account, body)
