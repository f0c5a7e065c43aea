"""Studio images: served only to the organisation's team, and removed from a post."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET, require_POST

from suar.accounts.permissions import perm_required
from suar.accounts.roles import Perm
from suar.studio import services
from suar.studio.models import PostMedia
from suar.studio.views import _errors, _post, _to_post


@require_POST
@perm_required(Perm.COMPOSE_POSTS)
def delete_media(request: HttpRequest, pk: int) -> HttpResponse:
    media = get_object_or_404(PostMedia.objects.select_related("post"), pk=pk)
    post = _post(request, media.post_id)
    try:
        services.remove_media(actor=request.user, media=media)
    except ValidationError as exc:
        _errors(request, exc)
    return _to_post(post)


@require_GET
@perm_required(Perm.COMPOSE_POSTS)
def media_file(request: HttpRequest, pk: int) -> HttpResponse:
    """Images are private until published: served only to the organisation's team."""
    media = get_object_or_404(PostMedia, pk=pk)
    _post(request, media.post_id)
    with media.image.open("rb") as handle:  # at most 8 MB (media.MAX_BYTES)
        response = HttpResponse(handle.read(), content_type=media.content_type)
    response["Cache-Control"] = "private, max-age=3600"
    return response
