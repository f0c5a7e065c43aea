"""Pages for browsing groups and reading stories."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from suar.community.selectors import visible_groups, visible_stories


@require_GET
def group_list(request: HttpRequest) -> HttpResponse:
    return render(request, "community/group_list.html", {"groups": visible_groups(request.user)})


@require_GET
def group_detail(request: HttpRequest, org: str, slug: str) -> HttpResponse:
    # Private groups 404 for outsiders: their existence is not disclosed.
    group = get_object_or_404(visible_groups(request.user), organisation__slug=org, slug=slug)
    stories = visible_stories(request.user).filter(group=group).order_by("-created_at")[:50]
    return render(request, "community/group_detail.html", {"group": group, "stories": stories})


@require_GET
def story_detail(request: HttpRequest, pk: int) -> HttpResponse:
    story = get_object_or_404(visible_stories(request.user), pk=pk)
    return render(request, "community/story_detail.html", {"story": story})
