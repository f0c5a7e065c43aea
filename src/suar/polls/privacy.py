"""One person's poll data for the privacy export: the ballots they cast."""

from __future__ import annotations

from typing import Any

from suar.accounts.models import User
from suar.polls.models import Ballot


def export_data(user: User) -> dict[str, Any]:
    ballots = Ballot.objects.filter(user=user).select_related("poll").prefetch_related("options")
    return {
        "poll_votes": [
            {
                "poll": b.poll.question,
                "choices": [o.text for o in b.options.all()],
                "voted_at": b.created_at.isoformat(),
            }
            for b in ballots.order_by("created_at")
        ]
    }
