"""One person's moderation data for the privacy export: what they reported (not whom), the
messages the moderators sent them, decisions about them, their appeals and sanctions."""

from __future__ import annotations

from typing import Any

from suar.accounts.models import User
from suar.moderation.models import Decision, Notice, Report, Sanction


def export_data(user: User) -> dict[str, Any]:
    decisions = (
        Decision.objects.filter(subject=user).select_related("appeal").order_by("created_at")
    )
    return {
        "moderation": {
            "reports_filed": [
                {"reason": r.reason, "note": r.note, "at": r.created_at.isoformat()}
                for r in Report.objects.filter(reporter=user).order_by("created_at")
            ],
            "messages": [
                {"title": n.title, "body": n.body, "at": n.created_at.isoformat()}
                for n in Notice.objects.filter(recipient=user).order_by("created_at")
            ],
            "decisions_about_me": [
                {
                    "action": d.action,
                    "reason": d.reason,
                    "at": d.created_at.isoformat(),
                    "appeal": getattr(d, "appeal", None) and d.appeal.state,
                    "overturned": d.overturned_at is not None,
                }
                for d in decisions
            ],
            "sanctions": [
                {
                    "kind": s.kind,
                    "from": s.starts_at.isoformat(),
                    "until": s.ends_at.isoformat() if s.ends_at else None,
                    "lifted": s.lifted_at is not None,
                }
                for s in Sanction.objects.filter(user=user).order_by("starts_at")
            ],
        }
    }
