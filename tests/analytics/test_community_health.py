"""Community health on a generated history, against expectations computed here: time to
first reply, unanswered stories, active members, harassment rate, crisis response, challenge
participation and Q&A questions answered."""

from __future__ import annotations

import datetime as dt
import random
import statistics
import zoneinfo

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from suar.analytics.health import community_health
from suar.analytics.period import parse_period
from suar.challenges.models import Challenge, CheckIn, Participant
from suar.community.models import Reaction, Reply, Status, Story
from suar.moderation.models import CrisisAlert, QueueItem
from suar.qa.models import QASession, Question
from tests.community.factories import make_group, make_person

JAKARTA = zoneinfo.ZoneInfo("Asia/Jakarta")


def at(model, pk: int, **moments: dt.datetime) -> None:  # type: ignore[no-untyped-def]
    model.objects.filter(pk=pk).update(**moments)


def test_health_figures_match_the_generated_history(
    organisation, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(21)
    now = timezone.now()
    period = parse_period("", "", JAKARTA, default_days=30)
    lo, hi = period.start_at, period.end_at
    inside = lambda moment: lo <= moment < hi  # noqa: E731
    people = [make_person(organisation, f"p{n}") for n in range(14)]
    group = make_group(organisation, members=tuple(people))
    expert = make_person(organisation, "ahli", "expert")
    session = QASession.objects.create(
        organisation=organisation,
        title="Tanya",
        expert=expert,
        starts_at=now,
        ends_at=now + dt.timedelta(hours=1),
    )
    challenge = Challenge.objects.create(
        organisation=organisation,
        title="30 hari",
        starts_on=period.start - dt.timedelta(days=5),
        length_days=30,
    )
    story_type = ContentType.objects.get_for_model(Story)
    active: set[int] = set()
    delays: list[dt.timedelta] = []
    unanswered = stories_in = replies_in = questions_in = answered = harassment = 0
    for n in range(45):
        author = rng.choice(people)
        created = now - dt.timedelta(minutes=rng.randint(30, 60 * 24 * 45))
        status = rng.choice([Status.PUBLISHED] * 5 + [Status.HELD])
        story = Story.objects.create(
            group=group, author=author, title=f"S{n}", body="isi", status=status
        )
        first = created + dt.timedelta(minutes=rng.randint(2, 3000)) if rng.random() < 0.7 else None
        at(Story, story.pk, created_at=created, first_reply_at=first)
        if inside(created):
            stories_in += 1
            active.add(author.pk)
            if first is not None:
                delays.append(first - created)
            elif status == Status.PUBLISHED and now - created > dt.timedelta(hours=24):
                unanswered += 1
        if status == Status.HELD:
            item = QueueItem.objects.create(
                organisation=organisation,
                content_type=story_type,
                object_id=story.pk,
                category="harassment",
            )
            at(QueueItem, item.pk, created_at=created)
            harassment += inside(created)
        if first is not None:
            replier = rng.choice(people)
            reply = Reply.objects.create(story=story, author=replier, body="kuat ya")
            at(Reply, reply.pk, created_at=first)
            if inside(first):
                replies_in += 1
                active.add(replier.pk)
        if rng.random() < 0.3:
            fan = rng.choice(people)
            reaction = Reaction.objects.create(story=story, user=fan, kind="hug")
            moment = created + dt.timedelta(hours=1)
            at(Reaction, reaction.pk, created_at=moment)
            if inside(moment):
                active.add(fan.pk)
    for n in range(12):
        asker = rng.choice(people)
        created = now - dt.timedelta(days=rng.randint(0, 40), minutes=5)
        answer = "Jawaban" if rng.random() < 0.5 else ""
        question = Question.objects.create(
            session=session, author=asker, text=f"Q{n}", status="published", answer=answer
        )
        at(Question, question.pk, created_at=created)
        if inside(created):
            questions_in += 1
            answered += bool(answer)
            active.add(asker.pk)
    participants_in = checked_in = checkins = 0
    for person in people[:8]:
        joined = now - dt.timedelta(days=rng.randint(0, 40))
        participant = Participant.objects.create(challenge=challenge, user=person)
        at(Participant, participant.pk, joined_at=joined)
        participants_in += inside(joined)
        days = sorted(rng.sample(range(0, 40), rng.randint(0, 6)))
        any_in = False
        for back in days:
            day = period.end - dt.timedelta(days=back)
            checkin = CheckIn.objects.create(participant=participant, day=day)
            moment = dt.datetime.combine(day, dt.time(20), tzinfo=JAKARTA)
            at(CheckIn, checkin.pk, created_at=moment)
            if period.start <= day <= period.end:
                checkins += 1
                any_in = True
            if inside(moment):
                active.add(person.pk)
        checked_in += any_in
    crisis_in = contacted = 0
    responses: list[float] = []
    for n in range(9):
        created = now - dt.timedelta(days=rng.randint(0, 40), hours=2)
        contact = created + dt.timedelta(minutes=rng.randint(1, 240)) if n % 3 else None
        CrisisAlert.objects.create(
            organisation=organisation, created_at=created, first_contact_at=contact
        )
        if inside(created):
            crisis_in += 1
            if contact is not None:
                contacted += 1
                responses.append((contact - created).total_seconds() / 60)
    assert stories_in > 10 and delays and crisis_in and questions_in

    with django_assert_max_num_queries(20):
        health = community_health(organisation, period)

    minutes = sorted(d.total_seconds() / 60 for d in delays)
    assert health.stories == stories_in
    assert health.replied == len(delays)
    assert health.first_reply_median_min == round(statistics.median(minutes), 1)
    assert health.first_reply_p90_min == round(minutes[-(-9 * len(minutes) // 10) - 1], 1)
    assert health.unanswered == unanswered
    assert health.active_members == len(active)
    assert health.harassment_held == harassment
    assert health.posts_screened == stories_in + replies_in + questions_in
    assert health.harassment_rate == harassment / (stories_in + replies_in + questions_in)
    assert (health.crisis_alerts, health.crisis_contacted) == (crisis_in, contacted)
    assert health.crisis_waiting == crisis_in - contacted
    expected_median = round(statistics.median(responses), 1) if responses else None
    assert health.crisis_response_median_min == expected_median
    assert health.crisis_source == "alerts"
    assert health.challenges_running == 1
    assert health.challenge_participants == participants_in
    assert health.challenge_active == checked_in
    assert health.checkins == checkins
    assert (health.questions, health.questions_answered) == (questions_in, answered)


def test_an_empty_range_has_no_medians_rather_than_zeros(organisation) -> None:  # type: ignore[no-untyped-def]
    health = community_health(organisation, parse_period("2001-01-01", "2001-01-31", JAKARTA))
    assert health.stories == 0
    assert health.first_reply_median_min is None and health.crisis_response_median_min is None
    assert health.harassment_rate is None and health.answered_share is None
