"""Counting short-link clicks without tracking people.

Per click we keep: the link, the local day, the source platform (from the `?s=` parameter the
Studio adds, else the referring site's host mapped to a platform name) and two counters. To
tell a double click from a second person, a keyed hash of (link, address, browser) is kept
for the current day only, under a random salt that is deleted with the hashes when the day
is over: after that no stored value can be tied to an address.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import secrets
from urllib.parse import urlsplit

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone

from suar.analytics.models import ClickSalt, ClickSeen, LinkClickDay
from suar.studio.models import ShortLink
from suar.studio.timezones import studio_zone

DIRECT = "direct"
OTHER = "other"
# The names a `?s=` parameter may carry; anything else is counted as "other".
SOURCES = frozenset(
    {
        "facebook",
        "instagram",
        "x",
        "mastodon",
        "bluesky",
        "tiktok",
        "threads",
        "whatsapp",
        "telegram",
        "youtube",
        "linkedin",
        "email",
        "suar",
        "export",
        DIRECT,
        OTHER,
    }
)
# Hosts (and their subdomains) of the platforms' link wrappers and sites.
REFERRER_HOSTS = {
    "facebook.com": "facebook",
    "fb.com": "facebook",
    "fb.me": "facebook",
    "messenger.com": "facebook",
    "instagram.com": "instagram",
    "t.co": "x",
    "x.com": "x",
    "twitter.com": "x",
    "bsky.app": "bluesky",
    "tiktok.com": "tiktok",
    "threads.net": "threads",
    "threads.com": "threads",
    "whatsapp.com": "whatsapp",
    "wa.me": "whatsapp",
    "t.me": "telegram",
    "telegram.org": "telegram",
    "youtube.com": "youtube",
    "youtu.be": "youtube",
    "linkedin.com": "linkedin",
    "lnkd.in": "linkedin",
}


def source_from(request: HttpRequest, *, mastodon_hosts: frozenset[str] = frozenset()) -> str:
    """Where the click came from, as one platform name (never the referring URL itself)."""
    param = request.GET.get("s", "").strip().lower()[:20]
    if param:
        return param if param in SOURCES else OTHER
    referrer = request.headers.get("referer", "")
    if not referrer:
        return DIRECT
    host = (urlsplit(referrer).hostname or "").lower().rstrip(".")
    if not host:
        return OTHER
    if host == request.get_host().split(":")[0].lower():
        return "suar"
    if host in mastodon_hosts:
        return "mastodon"
    parts = host.split(".")
    for i in range(len(parts) - 1):
        platform = REFERRER_HOSTS.get(".".join(parts[i:]))
        if platform:
            return platform
    return OTHER


# Platforms fetch a link to draw its preview card: that is no click by a person.
ROBOTS = re.compile(
    r"bot\b|bot/|crawler|spider|facebookexternalhit|facebot|whatsapp|telegrambot|slackbot|"
    r"discordbot|linkedinbot|embedly|skypeuripreview|mastodon/|pleroma|akkoma|bluesky|"
    r"cardyb|preview|curl/|wget/|python-requests|httpx",
    re.IGNORECASE,
)


def is_robot(agent: str) -> bool:
    return not agent or bool(ROBOTS.search(agent))


def _address(request: HttpRequest) -> str:
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        # Behind the trusted proxy, the address it appended last is the visitor's.
        forwarded = request.headers.get("x-forwarded-for", "")
        if forwarded:
            return forwarded.split(",")[-1].strip()
    return str(request.META.get("REMOTE_ADDR", ""))


def _salt_for(day: dt.date) -> str:
    salt = ClickSalt.objects.filter(day=day).values_list("salt", flat=True).first()
    if salt:
        return salt
    try:
        with transaction.atomic():
            ClickSalt.objects.create(day=day, salt=secrets.token_hex(32))
    except IntegrityError:
        pass  # another request made today's salt first: use it
    discard_old_salts(day)
    return ClickSalt.objects.get(day=day).salt


def discard_old_salts(today: dt.date | None = None) -> int:
    """Delete the salts and hashes of past days; returns how many hashes went."""
    today = today or timezone.now().astimezone(studio_zone()).date()
    ClickSalt.objects.filter(day__lt=today).delete()
    deleted, _ = ClickSeen.objects.filter(day__lt=today).delete()
    return deleted


def _mastodon_hosts(link: ShortLink) -> frozenset[str]:
    from suar.publishing.models import ConnectedAccount

    urls = ConnectedAccount.objects.filter(
        organisation_id=link.organisation_id, platform="mastodon"
    ).values_list("base_url", flat=True)
    return frozenset((urlsplit(u).hostname or "").lower() for u in urls if u)


def record_click(link: ShortLink, request: HttpRequest) -> None:
    """The click recorder registered with the Studio (suar.studio.links.click_recorders)."""
    agent = request.headers.get("user-agent", "")[:300]
    if is_robot(agent):
        return
    day = timezone.now().astimezone(studio_zone()).date()
    source = source_from(request, mastodon_hosts=_mastodon_hosts(link))
    with transaction.atomic():
        salt = _salt_for(day)
        message = f"{link.pk}|{_address(request)}|{agent}".encode()
        digest = hmac.new(salt.encode(), message, hashlib.sha256).hexdigest()[:32]
        try:
            with transaction.atomic():
                ClickSeen.objects.create(day=day, digest=digest)
            first = 1
        except IntegrityError:
            first = 0
        counter, _ = LinkClickDay.objects.get_or_create(link=link, day=day, source=source)
        LinkClickDay.objects.filter(pk=counter.pk).update(
            clicks=F("clicks") + 1, visitors=F("visitors") + first
        )
