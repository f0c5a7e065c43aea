"""Writes of the analytics app: programmes and sign-ups, tracked short links, API tokens and
the organisation's website for UTM links."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from suar.accounts.models import Organisation, User
from suar.accounts.permissions import AnyUser, has_perm, require_perm
from suar.accounts.roles import Perm
from suar.analytics.clicks import SOURCES
from suar.analytics.models import ApiToken, ImpactSettings, Programme, SignUp, TrackedLink
from suar.campaigns.models import Campaign
from suar.moderation.services import record_audit
from suar.studio.links import promotion_targets
from suar.studio.models import Post, ShortLink

TOKEN_PREFIX = "suar_"  # noqa: S105 - a marker, not a secret
TOKEN_TOUCH_EVERY = dt.timedelta(minutes=1)


def _user(actor: AnyUser) -> User | None:
    return actor if isinstance(actor, User) else None


# Programmes ------------------------------------------------------------------------------


def create_programme(
    *,
    actor: AnyUser,
    organisation: Organisation,
    kind: str,
    title: str,
    slug: str = "",
    description: str = "",
    starts_at: dt.datetime | None = None,
    location: str = "",
    capacity: int | None = None,
    campaign: Campaign | None = None,
    is_open: bool = True,
) -> Programme:
    require_perm(actor, Perm.MANAGE_PROGRAMMES, organisation)
    if campaign is not None and campaign.organisation_id != organisation.pk:
        raise PermissionDenied("campaign of another organisation")
    programme = Programme(
        organisation=organisation,
        kind=kind,
        title=title.strip(),
        slug=(slug or slugify(title))[:60] or "program",
        description=description.strip(),
        starts_at=starts_at,
        location=location.strip(),
        capacity=capacity,
        campaign=campaign,
        is_open=is_open,
        created_by=_user(actor),
    )
    programme.full_clean()
    with transaction.atomic():
        programme.save()
        record_audit(
            actor=actor, action="programme.create", target=programme, organisation=organisation
        )
    return programme


def set_programme_open(*, actor: AnyUser, programme: Programme, is_open: bool) -> Programme:
    require_perm(actor, Perm.MANAGE_PROGRAMMES, programme.organisation)
    with transaction.atomic():
        programme.is_open = is_open
        programme.save(update_fields=["is_open"])
        record_audit(
            actor=actor,
            action="programme.open" if is_open else "programme.close",
            target=programme,
            organisation=programme.organisation,
        )
    return programme


def _attribution(
    programme: Programme, *, via: str, post_id: str, campaign_slug: str
) -> tuple[ShortLink | None, Post | None, Campaign | None]:
    """Where a sign-up came from, accepting only the organisation's own links, posts and
    campaigns (a forged parameter can at most claim a wrong source, never another org's)."""
    org = programme.organisation_id
    link = (
        ShortLink.objects.filter(organisation_id=org, code=via[:16])
        .select_related("analytics")
        .first()
        if via
        else None
    )
    post = link.post if link is not None and link.post_id else None
    if post is None and post_id.isdigit():
        post = Post.objects.filter(organisation_id=org, pk=int(post_id)).first()
    campaign = None
    tracked = getattr(link, "analytics", None) if link is not None else None
    if tracked is not None and tracked.campaign_id:
        campaign = tracked.campaign
    elif campaign_slug:
        campaign = Campaign.objects.filter(organisation_id=org, slug=campaign_slug[:60]).first()
    return link, post, campaign


def sign_up(
    *,
    programme: Programme,
    name: str,
    contact: str,
    contact_method: str,
    via: str = "",
    source: str = "",
    post_id: str = "",
    campaign_slug: str = "",
    client_token: str = "",
) -> SignUp:
    """A person signs up; public (no account needed), so it asks for the least."""
    if not programme.is_open:
        raise ValidationError(_("This programme is not taking sign-ups at the moment."))
    if client_token:
        earlier = SignUp.objects.filter(programme=programme, client_token=client_token).first()
        if earlier is not None:
            return earlier  # the same form sent twice
    if programme.capacity is not None and programme.signups.count() >= programme.capacity:
        raise ValidationError(_("This programme is full. The organisers may open more places."))
    link, post, campaign = _attribution(
        programme, via=via, post_id=post_id, campaign_slug=campaign_slug
    )
    source = source.strip().lower()[:20]
    signup = SignUp(
        programme=programme,
        name=name.strip(),
        contact=contact.strip(),
        contact_method=contact_method,
        link=link,
        post=post,
        campaign=campaign,
        source_platform=source if source in SOURCES else ("other" if source else ""),
        client_token=client_token[:64],
    )
    signup.full_clean(exclude=["client_token"])
    try:
        with transaction.atomic():
            signup.save()
    except IntegrityError:
        return SignUp.objects.get(programme=programme, client_token=client_token)
    return signup


def set_signup_state(*, actor: AnyUser, signup: SignUp, state: str) -> SignUp:
    require_perm(actor, Perm.MANAGE_PROGRAMMES, signup.programme.organisation)
    if state not in SignUp.State.values:
        raise ValidationError(_("Unknown state."))
    with transaction.atomic():
        signup.state = state
        signup.save(update_fields=["state"])
    return signup


def delete_signup(*, actor: AnyUser, signup: SignUp) -> None:
    """Delete a sign-up for good (the person asked, or it is no longer needed)."""
    organisation = signup.programme.organisation
    require_perm(actor, Perm.MANAGE_PROGRAMMES, organisation)
    with transaction.atomic():
        record_audit(actor=actor, action="signup.delete", target=signup, organisation=organisation)
        signup.delete()


# Short links -----------------------------------------------------------------------------


def _new_code() -> str:
    return secrets.token_urlsafe(6)[:8]


def with_utm(url: str, *, source: str, medium: str, campaign: str, content: str = "") -> str:
    """The URL with UTM parameters set (replacing any already there)."""
    parts = urlsplit(url)
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.startswith("utm_")
    ]
    for key, value in (
        ("utm_source", source),
        ("utm_medium", medium),
        ("utm_campaign", campaign),
        ("utm_content", content),
    ):
        if value.strip():
            query.append((key, value.strip()))
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", urlencode(query), ""))


def link_targets(organisation: Organisation) -> list[tuple[str, str]]:
    """What a tracked link may lead to: the Studio's targets plus open programmes."""
    targets = promotion_targets(organisation)
    for programme in Programme.objects.filter(organisation=organisation, is_open=True)[:50]:
        path = reverse("analytics:signup", args=[organisation.slug, programme.slug])
        targets.append((path, _("Programme: %(name)s") % {"name": programme.title}))
    return targets


def create_tracked_link(
    *,
    actor: AnyUser,
    organisation: Organisation,
    target: str,
    label: str = "",
    post: Post | None = None,
    campaign: Campaign | None = None,
) -> ShortLink:
    """A short link to a group, Q&A session, challenge or programme of this Suar."""
    require_perm(actor, Perm.COMPOSE_POSTS, organisation)
    allowed = dict(link_targets(organisation))
    if target not in allowed:
        raise ValidationError(_("Choose a group, Q&A session, challenge or programme to link to."))
    for other in (post, campaign):
        if other is not None and other.organisation_id != organisation.pk:
            raise PermissionDenied("object of another organisation")
    code = _new_code()
    label = (label or allowed[target])[:160]
    programme = next(
        (
            p
            for p in Programme.objects.filter(organisation=organisation, is_open=True)[:50]
            if reverse("analytics:signup", args=[organisation.slug, p.slug]) == target
        ),
        None,
    )
    if programme is not None:
        # The sign-up form learns which link brought the person (no cookie needed).
        target = f"{target}?via={code}"
    link = ShortLink(
        organisation=organisation,
        code=code,
        target=target,
        label=label,
        post=post,
    )
    link.full_clean()
    with transaction.atomic():
        link.save()
        kind = TrackedLink.Kind.PROGRAMME if programme else _path_kind(target)
        TrackedLink.objects.create(link=link, kind=kind, programme=programme, campaign=campaign)
    return link


def _path_kind(path: str) -> TrackedLink.Kind:
    from suar.analytics.traffic import link_kind

    probe = ShortLink(target=path)
    return TrackedLink.Kind(link_kind(probe))


def create_site_link(
    *,
    actor: AnyUser,
    organisation: Organisation,
    url: str,
    source: str,
    campaign_name: str,
    content: str = "",
    label: str = "",
    campaign: Campaign | None = None,
) -> ShortLink:
    """A short link to a page of the organisation's own website, with UTM parameters so
    that the site's own statistics see which platform and campaign the visit came from."""
    require_perm(actor, Perm.COMPOSE_POSTS, organisation)
    settings_row = ImpactSettings.objects.filter(organisation=organisation).first()
    website = settings_row.website if settings_row else ""
    if not website:
        raise ValidationError(_("Ask an admin to set the organisation's website first."))
    parts = urlsplit(url.strip())
    allowed = (urlsplit(website).hostname or "").lower()
    if parts.scheme not in ("http", "https") or (parts.hostname or "").lower() != allowed:
        # Only the organisation's own site: an open redirect on a trusted short domain
        # would be a phishing tool.
        raise ValidationError(
            _("The address must be on your website (%(host)s).") % {"host": allowed}
        )
    if campaign is not None and campaign.organisation_id != organisation.pk:
        raise PermissionDenied("campaign of another organisation")
    target = with_utm(
        url.strip(),
        source=source,
        medium="social",
        campaign=campaign_name or (campaign.slug if campaign else ""),
        content=content,
    )
    if len(target) > 500:
        raise ValidationError(_("The address is too long (500 characters at most)."))
    link = ShortLink(
        organisation=organisation, code=_new_code(), target=target, label=(label or url)[:160]
    )
    link.full_clean()
    with transaction.atomic():
        link.save()
        TrackedLink.objects.create(link=link, kind=TrackedLink.Kind.SITE, campaign=campaign)
    return link


def set_website(*, actor: AnyUser, organisation: Organisation, website: str) -> ImpactSettings:
    require_perm(actor, Perm.MANAGE_ORGANISATION, organisation)
    row, _ = ImpactSettings.objects.get_or_create(organisation=organisation)
    row.website = website.strip()
    row.full_clean()
    with transaction.atomic():
        row.save()
        record_audit(
            actor=actor,
            action="analytics.website",
            target=row,
            reason=row.website,
            organisation=organisation,
        )
    return row


# API tokens ------------------------------------------------------------------------------


def digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def create_token(
    *, actor: AnyUser, organisation: Organisation, name: str, days: int | None = 365
) -> tuple[ApiToken, str]:
    """A new read-only token; the raw value is returned once and never stored."""
    require_perm(actor, Perm.VIEW_ANALYTICS, organisation)
    user = _user(actor)
    assert user is not None
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        organisation=organisation,
        name=name.strip()[:80],
        prefix=raw[:12],
        digest=digest(raw),
        created_by=user,
        expires_at=timezone.now() + dt.timedelta(days=days) if days else None,
    )
    token.full_clean()
    with transaction.atomic():
        token.save()
        record_audit(
            actor=actor, action="api_token.create", target=token, organisation=organisation
        )
    return token, raw


def revoke_token(*, actor: AnyUser, token: ApiToken) -> ApiToken:
    require_perm(actor, Perm.VIEW_ANALYTICS, token.organisation)
    with transaction.atomic():
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        record_audit(
            actor=actor, action="api_token.revoke", target=token, organisation=token.organisation
        )
    return token


def authenticate_token(raw: str) -> ApiToken | None:
    """The live token for this value, whose maker may still see the figures; else None."""
    if not raw.startswith(TOKEN_PREFIX) or len(raw) > 100:
        return None
    token = (
        ApiToken.objects.filter(digest=digest(raw), revoked_at__isnull=True)
        .select_related("organisation", "created_by")
        .first()
    )
    now = timezone.now()
    if token is None or (token.expires_at is not None and token.expires_at <= now):
        return None
    # A token is worth what its maker may do: one who lost the role loses the token's access.
    if not has_perm(token.created_by, Perm.VIEW_ANALYTICS, token.organisation):
        return None
    if token.last_used_at is None or now - token.last_used_at > TOKEN_TOUCH_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token
