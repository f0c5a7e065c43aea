"""Reads for Q&A pages: sessions, the live question list, the moderation queue, the archive."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Value
from django.db.models.fields import BooleanField
from django.utils.translation import gettext as _

from suar.accounts.permissions import AnyUser
from suar.community.controls.models import Block
from suar.qa.access import visible_sessions
from suar.qa.models import QASession, Question, QuestionVote

LIVE_LIST_LIMIT = 200


@dataclass(frozen=True)
class SessionLists:
    live: list[QASession]
    upcoming: list[QASession]
    ended: list[QASession]


def session_lists(user: AnyUser, *, limit: int = 30) -> SessionLists:
    sessions = visible_sessions(user)
    return SessionLists(
        live=list(sessions.filter(status=QASession.Status.LIVE).order_by("starts_at")[:limit]),
        upcoming=list(
            sessions.filter(status=QASession.Status.SCHEDULED).order_by("starts_at")[:limit]
        ),
        ended=list(sessions.filter(status=QASession.Status.ENDED).order_by("-starts_at")[:limit]),
    )


def asker_label(question: Question, viewer: AnyUser) -> str:
    """Anonymous questions show "Anonymous" to everyone, the expert and moderators included."""
    if question.is_anonymous:
        if viewer.is_authenticated and question.author_id == viewer.pk:
            return _("Anonymous (you)")
        return _("Anonymous")
    return question.author.public_name


def _with_votes(questions: QuerySet[Question], viewer: AnyUser) -> QuerySet[Question]:
    questions = questions.select_related("author").annotate(vote_count=Count("votes"))
    if viewer.is_authenticated:
        mine = QuestionVote.objects.filter(question=OuterRef("pk"), user=viewer)
        return questions.annotate(voted=Exists(mine))
    return questions.annotate(voted=Value(False, output_field=BooleanField()))


def _labelled(questions: QuerySet[Question], viewer: AnyUser) -> list[Question]:
    rows = list(questions)
    for question in rows:
        question.asker = asker_label(question, viewer)  # type: ignore[attr-defined]
    return rows


def _without_blocked(questions: QuerySet[Question], viewer: AnyUser) -> QuerySet[Question]:
    """Named questions of people the viewer blocked or who blocked the viewer are left out,
    as for stories. Anonymous ones stay: hiding them would reveal who asked."""
    if not viewer.is_authenticated:
        return questions
    blocked = Block.objects.filter(blocker_id=viewer.pk).values("blocked_id")
    blockers = Block.objects.filter(blocked_id=viewer.pk).values("blocker_id")
    return questions.exclude(
        Q(is_anonymous=False) & (Q(author_id__in=blocked) | Q(author_id__in=blockers))
    )


def approved_questions(session: QASession, viewer: AnyUser) -> list[Question]:
    """The live list: approved questions, most upvoted first, with their answers."""
    approved = session.questions.filter(status=Question.Status.APPROVED)
    questions = _with_votes(_without_blocked(approved, viewer), viewer)
    ranked = questions.order_by("-vote_count", "created_at")  # type: ignore[misc]
    return _labelled(ranked[:LIVE_LIST_LIMIT], viewer)


def answered_questions(session: QASession, viewer: AnyUser) -> list[Question]:
    answered = session.questions.filter(status=Question.Status.APPROVED).exclude(answer="")
    questions = _with_votes(_without_blocked(answered, viewer), viewer)
    return _labelled(questions.order_by("answered_at"), viewer)


def my_waiting_questions(session: QASession, viewer: AnyUser) -> list[Question]:
    """The asker's own questions that are not public (yet), so nothing seems lost."""
    if not viewer.is_authenticated:
        return []
    waiting = session.questions.filter(author=viewer).exclude(status=Question.Status.APPROVED)
    return list(waiting.order_by("created_at"))


def moderation_queue(session: QASession, viewer: AnyUser) -> list[Question]:
    """Questions waiting for a decision; possible crises first, then by risk and age."""
    waiting = session.questions.filter(
        status__in=[Question.Status.CRISIS, Question.Status.HELD, Question.Status.PENDING]
    ).select_related("author")
    crisis_first = sorted(
        waiting.order_by("-risk", "created_at"),
        key=lambda q: q.status != Question.Status.CRISIS,
    )
    for question in crisis_first:
        question.asker = asker_label(question, viewer)  # type: ignore[attr-defined]
    return crisis_first


def waiting_count(session: QASession) -> int:
    return session.questions.filter(
        status__in=[Question.Status.CRISIS, Question.Status.HELD, Question.Status.PENDING]
    ).count()
