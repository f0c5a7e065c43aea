"""Reading back what a Facebook Page post or Instagram media got: figures, comments, and
hiding a comment (Graph API). Mixed into the publishing adapters in facebook.py."""

from __future__ import annotations

from typing import Any

from suar.publishing.adapters.base import (
    AuthError,
    ContentError,
    Engagement,
    IncomingComment,
    after,
    figure,
    parse_time,
)
from suar.publishing.adapters.graph import GraphAdapter, graph_code
from suar.publishing.models import Publication

# Only these Graph codes mean the token itself is bad; others on an insights call (10 "not
# enough viewers", 100 a retired metric, 200 a permission not granted) leave figures None.
_TOKEN_CODES = {102, 190}
COMMENT_PAGES = 10  # at most 10 pages of 100 comments a pass; the next pass continues


def _insight_values(body: dict[str, Any]) -> dict[str, int | None]:
    """{metric: lifetime value} from an insights answer; absent metrics are simply absent
    (Meta answers "no data yet" with an empty list, not with 0)."""
    values: dict[str, int | None] = {}
    for item in body.get("data", []):
        entries = item.get("values") or []
        total = item.get("total_value") or {}
        value = entries[-1].get("value") if entries else total.get("value")
        values[str(item.get("name"))] = figure(value)
    return values


class GraphReading(GraphAdapter):
    """Insights calls that may fail on their own without failing the whole reading."""

    def insights(self, path: str, metrics: list[str], raw: dict[str, Any]) -> dict[str, int | None]:
        try:
            body = self.graph("GET", path, params={"metric": ",".join(metrics)})
        except AuthError as exc:
            if graph_code(str(exc)) in _TOKEN_CODES or "HTTP 401" in str(exc):
                raise
            raw["insights_error"] = exc.message
            return {}
        except ContentError as exc:
            raw["insights_error"] = exc.message
            return {}
        return _insight_values(body)

    def paged(self, path: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        """Follow the `after` cursor (never `paging.next`, whose URL carries the token)."""
        items: list[dict[str, Any]] = []
        params = dict(params)
        for _page in range(COMMENT_PAGES):
            body = self.graph("GET", path, params=params)
            items += body.get("data", [])
            paging = body.get("paging") or {}
            cursor = (paging.get("cursors") or {}).get("after")
            if not cursor or not paging.get("next"):
                break
            params["after"] = cursor
        return items

    def hide(self, comment_id: str, field: str) -> None:
        body = self.graph("POST", comment_id, data={field: "true"})
        if body.get("success") is not True:
            raise ContentError(f"{self.platform} did not hide the comment: {body}")


class FacebookReading(GraphReading):
    @property
    def page_id(self) -> str:
        return self.account.platform_account_id

    def fetch_engagement(self, publication: Publication) -> Engagement:
        post_id = publication.platform_post_id
        is_video = "_" not in post_id  # feed and photo posts are PAGEID_POSTID; videos are not
        fields = "reactions.summary(total_count).limit(0),comments.summary(total_count).limit(0)"
        if not is_video:
            fields += ",shares"
        body = self.graph("GET", post_id, params={"fields": fields})
        raw: dict[str, Any] = {"object": body}
        if is_video:
            # Video insights: views (impressions) and unique viewers (reach).
            figures = self.insights(
                f"{post_id}/video_insights",
                ["total_video_views", "total_video_impressions_unique"],
                raw,
            )
            reach, views = (
                figures.get("total_video_impressions_unique"),
                figures.get("total_video_views"),
            )
        else:
            # post_impressions(_unique) were retired in 2025 for these "media view" metrics.
            figures = self.insights(
                f"{post_id}/insights", ["post_total_media_view_unique", "post_media_view"], raw
            )
            reach, views = (
                figures.get("post_total_media_view_unique"),
                figures.get("post_media_view"),
            )
        raw["insights"] = figures
        return Engagement(
            likes=figure(((body.get("reactions") or {}).get("summary") or {}).get("total_count")),
            comments=figure(((body.get("comments") or {}).get("summary") or {}).get("total_count")),
            # Graph leaves `shares` out of a post nobody shared: missing, not guessed as 0.
            shares=figure((body.get("shares") or {}).get("count")),
            reach=reach,
            impressions=views,
            raw=raw,
        )

    def fetch_comments(
        self, publication: Publication, *, since_id: str | None = None
    ) -> list[IncomingComment]:
        items = self.paged(
            f"{publication.platform_post_id}/comments",
            {
                "filter": "stream",  # replies to comments too, not only top-level ones
                "order": "chronological",
                "fields": "id,message,created_time,from{id,name},permalink_url,is_hidden",
                "limit": 100,
            },
        )
        comments = [
            IncomingComment(
                platform_comment_id=str(item["id"]),
                text=str(item.get("message", "")),
                created_at=parse_time(item.get("created_time")),
                author_handle=str((item.get("from") or {}).get("name", "")),
                url=str(item.get("permalink_url", "")),
                author_id=str((item.get("from") or {}).get("id", "")),
            )
            for item in items
            if not item.get("is_hidden") and (item.get("from") or {}).get("id") != self.page_id
        ]
        return after(comments, since_id)

    def hide_comment(self, publication: Publication, comment_id: str) -> None:
        # POST /{comment-id} is_hidden=true: hidden from everyone but its author and friends.
        self.hide(comment_id, "is_hidden")


class InstagramReading(GraphReading):
    def fetch_engagement(self, publication: Publication) -> Engagement:
        media_id = publication.platform_post_id
        body = self.graph(
            "GET", media_id, params={"fields": "like_count,comments_count,media_product_type"}
        )
        raw: dict[str, Any] = {"object": body}
        # `impressions` is retired for media since 2024-07-02; `views` replaced it.
        figures = self.insights(f"{media_id}/insights", ["reach", "views", "shares"], raw)
        raw["insights"] = figures
        return Engagement(
            likes=figure(body.get("like_count")),  # absent when the owner hides like counts
            comments=figure(body.get("comments_count")),
            shares=figures.get("shares"),
            reach=figures.get("reach"),
            impressions=figures.get("views"),
            raw=raw,
        )

    def fetch_comments(
        self, publication: Publication, *, since_id: str | None = None
    ) -> list[IncomingComment]:
        items = self.paged(
            f"{publication.platform_post_id}/comments",
            {
                "fields": "id,text,timestamp,username,hidden,"
                "replies{id,text,timestamp,username,hidden}",
                "limit": 50,
            },
        )
        flat: list[dict[str, Any]] = []
        for item in items:
            flat.append(item)
            flat += (item.get("replies") or {}).get("data", [])
        own = self.account.handle.lstrip("@").casefold()
        comments = [
            IncomingComment(
                platform_comment_id=str(item["id"]),
                text=str(item.get("text", "")),
                created_at=parse_time(item.get("timestamp")),
                author_handle=str(item.get("username", "")),
                # No author_id: Instagram's API cannot block anyone, and asking for `from`
                # would risk the whole reading on a field nothing here needs.
            )
            for item in flat
            if not item.get("hidden") and str(item.get("username", "")).casefold() != own
        ]
        return after(comments, since_id)

    def hide_comment(self, publication: Publication, comment_id: str) -> None:
        # POST /{ig-comment-id}?hide=true (instagram_manage_comments).
        self.hide(comment_id, "hide")
