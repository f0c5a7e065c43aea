"""{% story_cards stories %}: a list of story cards, each rendered once per process and reused.

A card looks the same to every reader who has not muted it, so its HTML is cached; a list
reads all its cards with one cache call instead of a template include and a cache look-up
per story. Muted cards depend on the reader's words and are rendered every time.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from django import template
from django.core.cache import cache
from django.template.loader import get_template
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe

from suar.community.models import Story

register = template.Library()

CARD_SECONDS = 600


def card_key(story: Story, language: str, zone: str) -> str:
    """What a card shows that can change: replies, the author's or group's name, the
    language and time zone. A story's title, body and warning never change once published
    (an edit, hiding or deletion takes it off the lists); the creation time tells a story
    apart from one that reuses a rolled-back id."""
    created = story.created_at.timestamp()
    parts = (story.pk, created, story.reply_count, story.author_label, story.group.name)
    digest = hashlib.md5(repr(parts).encode(), usedforsecurity=False).hexdigest()
    return f"story_card:{language}:{zone}:{digest}"


@register.simple_tag
def story_cards(stories: Sequence[Story]) -> SafeString:
    language = translation.get_language() or ""
    zone = timezone.get_current_timezone_name()
    keys = {
        story.pk: card_key(story, language, zone)
        for story in stories
        if not getattr(story, "muted_word", "")
    }
    found = cache.get_many(keys.values())
    fresh: dict[str, str] = {}
    parts = []
    for story in stories:
        key = keys.get(story.pk)
        if key is None:
            parts.append(get_template("community/_story_card.html").render({"story": story}))
            continue
        html = found.get(key)
        if html is None:
            # Ends like _story_card.html, so a list reads the same whichever way it was made.
            content = get_template("community/_story_card_content.html").render({"story": story})
            html = content + "\n"
            fresh[key] = html
        parts.append(html)
    if fresh:
        cache.set_many(fresh, CARD_SECONDS)
    # Every part comes from an autoescaping template.
    return mark_safe("".join(parts))  # noqa: S308
