"""The zone the Studio shows and accepts times in: the organisation's, else Asia/Jakarta."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django.conf import settings

from suar.accounts.models import Organisation

DEFAULT_ZONE = "Asia/Jakarta"


def studio_zone(organisation: Organisation | None = None) -> zoneinfo.ZoneInfo:
    """Organisations have no zone field yet; when one is added, read it here first."""
    name = getattr(organisation, "time_zone", "") or settings.TIME_ZONE or DEFAULT_ZONE
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo(DEFAULT_ZONE)


def zone_label(zone: dt.tzinfo) -> str:
    """WIB/WITA/WIT for Indonesian zones (what people write), else the IANA name."""
    labels = {"Asia/Jakarta": "WIB", "Asia/Pontianak": "WIB", "Asia/Makassar": "WITA"}
    labels["Asia/Jayapura"] = "WIT"
    return labels.get(str(zone), str(zone))


def to_aware(value: dt.datetime, zone: dt.tzinfo) -> dt.datetime:
    """A naive wall-clock time typed by a person, in their zone, as an aware UTC datetime."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=zone)
    return value.astimezone(dt.UTC)
