"""Facebook Pages and Instagram (Graph API): page posts and photos; Instagram's two-step
container → media_publish, within the account's content publishing limit."""

from __future__ import annotations

import contextlib
import json
import time
from typing import Any

from suar.publishing.adapters.base import (
    ContentError,
    IncomingComment,
    NotSupported,
    PublishResult,
    TransientError,
    UnknownOutcome,
    fitted,
    media_path,
    media_public_url,
)
from suar.publishing.adapters.graph import GRAPH, GraphAdapter, graph_code
from suar.publishing.adapters.graph_reading import FacebookReading, InstagramReading
from suar.publishing.models import Publication

__all__ = ["GRAPH", "FacebookAdapter", "InstagramAdapter"]

# Graph codes that mean "this app may not do that at all": 3 (no capability for this call),
# 12 (deprecated for this API version).
_UNAVAILABLE_CODES = {3, 12}


class FacebookAdapter(FacebookReading, GraphAdapter):
    platform = "facebook"

    def publish(self, publication: Publication) -> PublishResult:
        images = [m for m in publication.media if str(m.get("mime", "")).startswith("image/")]
        videos = [m for m in publication.media if str(m.get("mime", "")).startswith("video/")]
        if videos:
            path = media_path(videos[0])
            with path.open("rb") as handle:
                body = self.graph(
                    "POST",
                    f"{self.page_id}/videos",
                    files={"source": (path.name, handle, videos[0]["mime"])},
                    data={"description": publication.text},
                    creating=True,
                )
            post_id = str(body["id"])
        elif len(images) == 1:
            body = self._photo(images[0], publication.text, published=True)
            post_id = str(body.get("post_id") or body["id"])
        elif images:
            photo_ids: list[str] = publication.progress.setdefault("photo_ids", [])
            for item in images[len(photo_ids) :]:
                photo_ids.append(str(self._photo(item, "", published=False)["id"]))
            body = self.graph(
                "POST",
                f"{self.page_id}/feed",
                data={
                    "message": publication.text,
                    "attached_media": json.dumps([{"media_fbid": pid} for pid in photo_ids]),
                },
                creating=True,
            )
            post_id = str(body["id"])
        else:
            body = self.graph(
                "POST", f"{self.page_id}/feed", data={"message": publication.text}, creating=True
            )
            post_id = str(body["id"])
        return PublishResult(post_id=post_id, url=f"https://www.facebook.com/{post_id}", raw=body)

    def _photo(self, item: dict[str, Any], message: str, *, published: bool) -> Any:
        path = media_path(item)
        data, mime = fitted(
            path.read_bytes(), str(item.get("mime", "image/jpeg")), self.platform, path.name
        )
        return self.graph(
            "POST",
            f"{self.page_id}/photos",
            files={"source": (path.name, data, mime)},
            data={
                "message": message,
                "published": "true" if published else "false",
                "alt_text_custom": item.get("alt_text", ""),
            },
            creating=published,
        )

    def block_author(self, publication: Publication, comment: IncomingComment | str) -> None:
        """POST /{page-id}/blocked with `user` (Page token): the person can no longer comment
        on, react to or message the Page. Graph answers per person, {"<id>": true}."""
        if isinstance(comment, IncomingComment):
            author_id, comment_id = comment.author_id, comment.platform_comment_id
        else:
            author_id, comment_id = "", comment
        if not author_id:  # GET /{comment-id}?fields=from names the commenter
            found = self.graph("GET", comment_id, params={"fields": "from{id}"})
            author_id = str((found.get("from") or {}).get("id", ""))
        if not author_id:
            raise ContentError("Facebook did not say who wrote this comment")
        if author_id == self.page_id:
            raise ContentError("this comment is the Page's own: nothing to block")
        try:
            # A list parameter, sent as JSON as Meta's own SDK does.
            body = self.graph(
                "POST", f"{self.page_id}/blocked", data={"user": json.dumps([author_id])}
            )
        except ContentError as exc:
            if graph_code(exc.message) in _UNAVAILABLE_CODES:
                raise NotSupported(f"Facebook no longer lets this app block people: {exc}") from exc
            raise
        if not (body.get(author_id) is True or body.get("success") is True):
            raise ContentError(f"Facebook did not block the person: {body}")

    def lookup(self, publication: Publication) -> PublishResult | None:
        found = self.lookup_posts(f"{self.page_id}/posts", "message", publication)
        if found is None:
            return None
        return PublishResult(post_id=str(found["id"]), url=found.get("permalink_url", ""))


class InstagramAdapter(InstagramReading, GraphAdapter):
    platform = "instagram"
    # The Instagram Graph API hides and deletes comments but has no endpoint that blocks or
    # restricts an account (developers.facebook.com/docs/instagram-platform/…/ig-comment).
    block_refusal = (
        "Instagram's API has no way to block an account: block or restrict them in the "
        "Instagram app"
    )
    CONTAINER_POLLS = 10

    @property
    def ig_user(self) -> str:
        return self.account.platform_account_id

    def publish(self, publication: Publication) -> PublishResult:
        self._check_quota()
        container = publication.progress.get("container_id")
        if not container:
            container = self._create_container(publication)
            publication.progress["container_id"] = container
        self._wait_until_ready(container)
        body = self.graph(
            "POST", f"{self.ig_user}/media_publish", data={"creation_id": container}, creating=True
        )
        media_id = str(body["id"])
        permalink = ""
        with contextlib.suppress(TransientError, UnknownOutcome):  # the link is a nicety
            permalink = self.graph("GET", media_id, params={"fields": "permalink"}).get(
                "permalink", ""
            )
        return PublishResult(post_id=media_id, url=permalink, raw=body)

    def _check_quota(self) -> None:
        body = self.graph(
            "GET",
            f"{self.ig_user}/content_publishing_limit",
            params={"fields": "quota_usage,config"},
        )
        data = (body.get("data") or [{}])[0]
        total = (data.get("config") or {}).get("quota_total")
        if total is not None and data.get("quota_usage", 0) >= total:
            # The quota is a moving 24-hour window; try again in an hour.
            raise TransientError(
                f"Instagram's publishing limit reached ({data['quota_usage']}/{total} in 24 h)",
                retry_after=3600,
            )

    def _item_params(self, publication: Publication, index: int) -> dict[str, str]:
        item = publication.media[index]
        url = media_public_url(publication, index)
        if str(item.get("mime", "")).startswith("video/"):
            return {"media_type": "REELS", "video_url": url}
        params = {"image_url": url}
        if alt := str(item.get("alt_text", "")).strip():
            params["alt_text"] = alt
        return params

    def _create_container(self, publication: Publication) -> str:
        if len(publication.media) == 1:
            data = {**self._item_params(publication, 0), "caption": publication.text}
            return str(self.graph("POST", f"{self.ig_user}/media", data=data)["id"])
        children: list[str] = publication.progress.setdefault("children", [])
        for index in range(len(children), len(publication.media)):
            params = self._item_params(publication, index)
            if params.get("media_type") == "REELS":
                params["media_type"] = "VIDEO"
            params["is_carousel_item"] = "true"
            children.append(str(self.graph("POST", f"{self.ig_user}/media", data=params)["id"]))
        body = self.graph(
            "POST",
            f"{self.ig_user}/media",
            data={
                "media_type": "CAROUSEL",
                "children": ",".join(children),
                "caption": publication.text,
            },
        )
        return str(body["id"])

    def _wait_until_ready(self, container: str) -> None:
        for attempt in range(self.CONTAINER_POLLS):
            status = self.graph("GET", container, params={"fields": "status_code,status"})
            code = status.get("status_code")
            if code == "FINISHED":
                return
            if code == "PUBLISHED":
                raise UnknownOutcome("this Instagram container was already published")
            if code in ("ERROR", "EXPIRED"):
                raise ContentError(f"Instagram refused the media: {status.get('status', code)}")
            time.sleep(min(3.0, 0.5 * (attempt + 1)))
        raise TransientError("Instagram is still processing the media", retry_after=60)

    def lookup(self, publication: Publication) -> PublishResult | None:
        found = self.lookup_posts(f"{self.ig_user}/media", "caption", publication)
        if found is None:
            return None
        return PublishResult(post_id=str(found["id"]), url=found.get("permalink", ""))
