"""A post's campaign: which campaigns a post may join, and what stops it from being scheduled
(a campaign deleted since, or a time after the campaign's end)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.translation import gettext as _

from suar.accounts.models import Organisation
from suar.campaigns.models import Campaign
from suar.studio.timezones import studio_zone, zone_label

if TYPE_CHECKING:
    from suar.studio.models import Post

MAX_CHOICES = 50


def joinable_campaigns(organisation: Organisation, keep: Campaign | None = None) -> list[Campaign]:
    """Running and upcoming campaigns of the organisation (and the post's own, even if over)."""
    campaigns = list(
        Campaign.objects.filter(organisation=organisation, ends_at__gte=timezone.now()).order_by(
            "starts_at", "pk"
        )[:MAX_CHOICES]
    )
    if keep is not None and keep not in campaigns:
        campaigns.insert(0, keep)
    return campaigns


def campaign_problems(post: Post, scheduled_at: dt.datetime) -> list[str]:
    """Why the post cannot go out at `scheduled_at` for its campaign; empty when it can."""
    if post.campaign_id is None:
        if post.campaign_name:
            return [
                _(
                    "The campaign “%(name)s” this post belongs to has been deleted: choose "
                    "another campaign or none, then schedule again."
                )
                % {"name": post.campaign_name}
            ]
        return []
    campaign = post.campaign
    assert campaign is not None
    if scheduled_at > campaign.ends_at:
        zone = studio_zone(post.organisation)
        return [
            _(
                "The campaign “%(name)s” ends on %(end)s %(zone)s, before this time: choose an "
                "earlier time, or take the post out of the campaign."
            )
            % {
                "name": campaign.name,
                "end": campaign.ends_at.astimezone(zone).strftime("%d-%m-%Y %H:%M"),
                "zone": zone_label(zone),
            }
        ]
    return []
