"""Cross-promotion: what a post may link to, and the hook where clicks will be counted."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from django.apps import apps
from django.db.models import Model
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from suar.accounts.models import Organisation
from suar.community.models import Group
from suar.studio.models import ShortLink

MAX_TARGETS = 50
# A short link as it appears in a post's text: .../studio/l/<code>/ (codes are URL-safe).
SHORT_LINK_RE = re.compile(r"/studio/l/([A-Za-z0-9_-]{1,16})(?![A-Za-z0-9_-])")

# The same link with its path ending, when it carries no query string yet.
_UNTAGGED_LINK_RE = re.compile(r"(/studio/l/[A-Za-z0-9_-]{1,16}/?)(?![A-Za-z0-9_?/-])")


def tag_short_links(text: str, platform: str) -> str:
    """Short links in a platform's text say where a click came from (`?s=mastodon`), so that
    clicks are counted per platform without knowing anything about the person clicking."""
    return _UNTAGGED_LINK_RE.sub(lambda m: f"{m.group(1)}?s={platform}", text)


# The measurement issue registers its counter here (e.g. increment a daily total per link).
# Suar's rule for it: count, never store the visitor's IP address or user agent.
ClickRecorder = Callable[[ShortLink, HttpRequest], None]
click_recorders: list[ClickRecorder] = []


def record_click(link: ShortLink, request: HttpRequest) -> None:
    for recorder in click_recorders:
        recorder(link, request)


def _path(obj: Model, url_name: str) -> str | None:
    try:
        return reverse(url_name, args=[obj.pk])
    except NoReverseMatch:
        return None


def promotion_targets(organisation: Organisation) -> list[tuple[str, str]]:
    """(path, label) pairs: public groups, open Q&A sessions, challenges (when installed)."""
    targets: list[tuple[str, str]] = []
    groups = Group.objects.filter(
        organisation=organisation, visibility=Group.Visibility.PUBLIC
    ).order_by("name")[:MAX_TARGETS]
    for group in groups:
        path = reverse("community:group_detail", args=[organisation.slug, group.slug])
        targets.append((path, _("Group: %(name)s") % {"name": group.name}))
    try:
        session_model = apps.get_model("qa", "QASession")
    except LookupError:
        session_model = None
    if session_model is not None:
        sessions = session_model.objects.filter(organisation=organisation).exclude(status="ended")[
            :MAX_TARGETS
        ]
        for session in sessions:
            path = reverse("qa:session_detail", args=[session.pk])
            targets.append((path, _("Q&A session: %(name)s") % {"name": session.title}))
    try:
        challenge_model = apps.get_model("challenges", "Challenge")
    except LookupError:
        challenge_model = None
    if challenge_model is not None:
        for challenge in challenge_model.objects.filter(organisation=organisation)[:MAX_TARGETS]:
            path_or_none = _path(challenge, "challenges:challenge_detail")
            if path_or_none:
                targets.append((path_or_none, _("Challenge: %(name)s") % {"name": str(challenge)}))
    return targets


def existing_target_paths(organisation: Organisation) -> set[str]:
    """Every page a short link of this organisation may lead to right now: its public
    groups, its Q&A sessions (ended ones stay readable) and its challenges."""
    paths = {
        reverse("community:group_detail", args=[organisation.slug, slug])
        for slug in Group.objects.filter(
            organisation=organisation, visibility=Group.Visibility.PUBLIC
        ).values_list("slug", flat=True)
    }
    for app_label, model_name, url_name in (
        ("qa", "QASession", "qa:session_detail"),
        ("challenges", "Challenge", "challenges:challenge_detail"),
    ):
        try:
            model = apps.get_model(app_label, model_name)
        except LookupError:
            continue
        for pk in model.objects.filter(organisation=organisation).values_list("pk", flat=True):
            try:
                paths.add(reverse(url_name, args=[pk]))
            except NoReverseMatch:
                break
    return paths


def dead_link_problems(organisation: Organisation, texts: Iterable[str]) -> list[str]:
    """Short links in the texts that lead nowhere (unknown code, another organisation's,
    or a group, session or challenge deleted or made private since)."""
    codes = {code for text in texts for code in SHORT_LINK_RE.findall(text)}
    if not codes:
        return []
    links = {link.code: link for link in ShortLink.objects.filter(code__in=codes)}
    alive = existing_target_paths(organisation)
    problems: list[str] = []
    for code in sorted(codes):
        link = links.get(code)
        if link is None or link.organisation_id != organisation.pk:
            problems.append(
                _("The short link …/l/%(code)s/ does not exist: create it again.") % {"code": code}
            )
        elif link.target not in alive:
            problems.append(
                _(
                    "The short link …/l/%(code)s/ leads to a page that no longer exists "
                    "(deleted or made private): link to something else."
                )
                % {"code": code}
            )
    return problems
