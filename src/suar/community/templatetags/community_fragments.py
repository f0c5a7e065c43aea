"""Parts of community pages that look the same to many readers, rendered once per process.

{% story_cards stories %} renders a list of story cards, reading all of them with one cache
call instead of a template include and a cache look-up per story; {% reply_article reply %}
renders one reply of a story page. The keys hold everything the HTML is made from (the text
itself through a digest), so an edit, a moderator's decision or a new reply never shows a
stale copy; what depends on the reader (signed in, muted words, the content-warning choice,
"you") is in the key too, and the reader's CSRF token is put in on every use.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence

from django import template
from django.core.cache import cache
from django.template.loader import get_template
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe

from suar.community.models import Reply, Story

register = template.Library()

SECONDS = 600


def _key(kind: str, *parts: object) -> str:
    language = translation.get_language() or ""
    zone = timezone.get_current_timezone_name()
    digest = hashlib.md5(repr(parts).encode(), usedforsecurity=False).hexdigest()
    return f"{kind}:{language}:{zone}:{digest}"


def card_key(story: Story) -> str:
    # The creation time tells a story apart from one that reuses a rolled-back id.
    return _key(
        "story_card",
        story.pk,
        story.created_at.timestamp(),
        story.reply_count,
        story.author_label,
        story.group.name,
        story.title,
        story.content_warning,
        story.body,
    )


@register.simple_tag
def story_cards(stories: Sequence[Story]) -> SafeString:
    keys = {story.pk: card_key(story) for story in stories if not getattr(story, "muted_word", "")}
    found = cache.get_many(keys.values())
    fresh: dict[str, str] = {}
    parts = []
    for story in stories:
        key = keys.get(story.pk)
        if key is None:  # folded away by the reader's muted words
            parts.append(get_template("community/_story_card_muted.html").render({"story": story}))
            continue
        html = found.get(key)
        if html is None:
            # One card a line, as the muted card's template ends.
            content = get_template("community/_story_card_content.html").render({"story": story})
            html = fresh[key] = content + "\n"
        parts.append(html)
    if fresh:
        cache.set_many(fresh, SECONDS)
    # Every part comes from an autoescaping template.
    return mark_safe("".join(parts))  # noqa: S308


# Stands in for the reader's CSRF token while a reply is rendered for the cache, and is
# replaced by the real token on every use: no token is ever stored. Random per process, so no
# text anyone writes can contain it.
_CSRF_STAND_IN = f"csrf-{secrets.token_hex(16)}"


@register.simple_tag(takes_context=True)
def reply_article(context: template.Context, reply: Reply) -> SafeString:
    """A reply with its byline, text, report link and mute/block menu."""
    user = context.get("user")
    request = context.get("request")
    path = request.path if request is not None else ""
    signed_in = bool(user is not None and user.is_authenticated)
    # A signed-out visitor's pk is None, as is the author of a reply whose account was removed.
    mine = signed_in and user is not None and reply.author_id == user.pk
    controls = context.get("controls")
    show_warned = bool(getattr(controls, "show_warned", False))
    muted_word = getattr(reply, "muted_word", "")
    key = _key(
        "reply",
        # Each process has its own stand-in, so with a cache shared between processes none
        # serves a copy holding a stand-in it cannot replace.
        _CSRF_STAND_IN,
        reply.pk,
        reply.created_at.timestamp(),
        reply.status,
        reply.author_id,
        reply.anonymous,
        reply.author_label,
        reply.content_warning,
        reply.body_html,
        reply.body,
        path,
        signed_in,
        mine,
        show_warned,
        muted_word,
    )
    html = cache.get(key)
    if html is None:
        values = {
            "reply": reply,
            "signed_in": signed_in,
            "mine": mine,
            "controls": {"show_warned": show_warned},
            "request": {"path": path},
            "csrf_token": _CSRF_STAND_IN,
        }
        html = get_template("community/_reply.html").render(values)
        cache.set(key, html, SECONDS)
    # Rendered by an autoescaping template; the token is Django's own, safe in an attribute.
    return mark_safe(html.replace(_CSRF_STAND_IN, str(context.get("csrf_token", ""))))  # noqa: S308
