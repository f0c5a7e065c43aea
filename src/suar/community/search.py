"""Searching stories: only what the person may read, the same rules as every list."""

from __future__ import annotations

from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from suar.accounts.permissions import AnyUser
from suar.community.audience import audience_of
from suar.community.controls.selectors import controls_for, mark_muted
from suar.community.models import Story
from suar.community.selectors import for_lists, visible_stories

MIN_QUERY, MAX_QUERY, LIMIT = 2, 100, 30


def search_stories(user: AnyUser, query: str, *, limit: int = LIMIT) -> list[Story]:
    """Stories whose title or text contains every word. Author names are not searched: a
    name must never lead to the stories someone posted under a pseudonym."""
    words = query.split()[:8]
    if len(query.strip()) < MIN_QUERY or not words:
        return []
    audience = audience_of(user)
    stories = visible_stories(user, audience)
    for word in words:
        stories = stories.filter(Q(title__icontains=word) | Q(body__icontains=word))
    return list(for_lists(stories, audience).order_by("-created_at")[:limit])


@require_GET
def search_page(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:MAX_QUERY]
    stories = search_stories(request.user, query)
    controls = controls_for(request.user)
    mark_muted(stories, controls, "title", "body", "content_warning", "author_label")
    context = {
        "query": query,
        "stories": stories,
        "controls": controls,
        "too_short": 0 < len(query) < MIN_QUERY,
    }
    return render(request, "community/search.html", context)
