"""The privacy export includes one's questions, ballots, check-ins and private notes."""

from __future__ import annotations

from suar.challenges.privacy import export_data as challenge_data
from suar.polls.models import Ballot, Option, Poll
from suar.polls.privacy import export_data as poll_data
from suar.qa.privacy import export_data as qa_data


def test_each_app_exports_the_persons_own_data(  # type: ignore[no-untyped-def]
    member, make_challenge, record_days, today, organisation
) -> None:
    challenge = make_challenge()
    participant = record_days(challenge, member, [today])
    participant.checkins.update(note="hari yang baik")
    poll = Poll.objects.create(
        organisation=organisation, question="Q?", closes_at=participant.joined_at
    )
    ballot = Ballot.objects.create(poll=poll, user=member)
    ballot.options.add(Option.objects.create(poll=poll, text="Ya"))
    assert challenge_data(member)["challenges"][0]["check_ins"][0]["note"] == "hari yang baik"
    assert poll_data(member)["poll_votes"][0]["choices"] == ["Ya"]
    assert qa_data(member) == {"questions": [], "upvoted_question_ids": []}
