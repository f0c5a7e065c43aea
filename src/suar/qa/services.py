"""Every write to Q&A sessions: scheduling, asking, voting, moderating and answering."""

from __future__ import annotations

from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from suar.accounts.models import Organisation, User
from suar.accounts.permissions import AnyUser, has_perm, require_perm
from suar.accounts.roles import Perm
from suar.community.models import Group
from suar.community.notices.models import Notification
from suar.community.notices.services import notify_elsewhere
from suar.moderation import trust
from suar.moderation.models import QueueItem
from suar.moderation.services import approve_item, hide_item, queue_item, record_audit
from suar.qa.access import can_moderate, is_session_expert, require_expert, require_participation
from suar.qa.models import QASession, Question, QuestionVote
from suar.safety import analyze
from suar.safety.report import Category, Context


def schedule_session(
    *,
    actor: AnyUser,
    organisation: Organisation,
    group: Group | None,
    title: str,
    description: str,
    expert: User,
    starts_at: datetime,
    ends_at: datetime,
) -> QASession:
    require_perm(actor, Perm.MANAGE_GROUPS, organisation)
    if group is not None and group.organisation_id != organisation.pk:
        raise ValidationError(_("The group belongs to another organisation."))
    if not has_perm(expert, Perm.ANSWER_QA, organisation):
        raise ValidationError(_("The expert must be someone who may answer Q&A questions."))
    if ends_at <= starts_at:
        raise ValidationError(_("The session must end after it starts."))
    session = QASession(
        organisation=organisation,
        group=group,
        title=title.strip(),
        description=description.strip(),
        expert=expert,
        starts_at=starts_at,
        ends_at=ends_at,
    )
    session.full_clean()
    with transaction.atomic():
        session.save()
    return session


def set_session_status(*, actor: AnyUser, session: QASession, status: str) -> QASession:
    """The expert or a moderator opens the live session and closes it afterwards."""
    if not (is_session_expert(actor, session) or can_moderate(actor, session)):
        raise PermissionDenied(Perm.ANSWER_QA.value)
    if status not in QASession.Status.values:
        raise ValidationError(_("Unknown session status."))
    with transaction.atomic():
        session.status = status
        session.save(update_fields=["status"])
    return session


def ask_question(
    *, actor: AnyUser, session: QASession, text: str, anonymous: bool = False
) -> Question:
    """Screen the question, then queue it for a moderator; nothing is shown before approval.

    Crisis language never reaches the public list: the question is flagged for moderators
    with top priority and the caller shows the asker help straight away.
    """
    require_participation(actor, session)
    assert isinstance(actor, User)
    if not session.accepts_questions:
        raise ValidationError(_("This session has ended and no longer takes questions."))
    text = text.strip()
    if not text:
        raise ValidationError(_("Write your question first."))
    # A double submit (a second click, a retried request) returns the first question.
    existing = Question.objects.filter(session=session, author=actor, text=text).first()
    if existing is not None:
        return existing
    report = analyze(text, context=Context.QUESTION)
    if report.has(Category.CRISIS):
        status = Question.Status.CRISIS
    elif report.has(Category.HARASSMENT):
        status = Question.Status.HELD
    else:
        status = Question.Status.PENDING
    if status != Question.Status.CRISIS:
        # Muted, suspended and banned people cannot ask; floods are throttled (issue 5).
        trust.check_can_post(actor, session.organisation)
        trust.check_rate(actor, session.organisation, text, trust.Kind.QUESTION)
    question = Question(
        session=session,
        author=actor,
        text=text,
        is_anonymous=anonymous,
        status=status,
        risk=report.risk,
        safety_categories=sorted({str(f.category) for f in report.findings}),
    )
    question.full_clean()
    with transaction.atomic():
        question.save()
        if status != Question.Status.PENDING:
            # Possible crises and harassment also reach the organisation's review queue,
            # crises first, so they are seen even by moderators who never open this session.
            queue_item(
                item=question,
                organisation=session.organisation,
                category=QueueItem.Category.CRISIS
                if status == Question.Status.CRISIS
                else QueueItem.Category.HARASSMENT,
                risk=report.risk,
                findings=[finding.to_dict() for finding in report.findings],
            )
    return question


def toggle_vote(*, actor: AnyUser, question: Question) -> bool:
    """Upvote, or take the upvote back; returns whether the person now votes for it."""
    require_participation(actor, question.session)
    assert isinstance(actor, User)
    if question.status != Question.Status.APPROVED:
        raise ValidationError(_("Only approved questions can be upvoted."))
    with transaction.atomic():
        removed, _count = QuestionVote.objects.filter(question=question, user=actor).delete()
        if removed:
            return False
        try:
            with transaction.atomic():
                QuestionVote.objects.create(question=question, user=actor)
        except IntegrityError:
            # Two clicks raced; the vote exists once, which is what the person wanted.
            pass
    return True


def moderate_question(*, actor: AnyUser, question: Question, approve: bool) -> Question:
    require_perm(actor, Perm.MODERATE, question.session.organisation)
    assert isinstance(actor, User)
    if approve and question.status == Question.Status.CRISIS:
        # Someone possibly in crisis needs a private conversation, not a public list.
        raise ValidationError(_("A question flagged as a possible crisis stays private."))
    with transaction.atomic():
        question.status = Question.Status.APPROVED if approve else Question.Status.REJECTED
        question.moderated_by = actor
        question.moderated_at = timezone.now()
        question.save(update_fields=["status", "moderated_by", "moderated_at"])
        # Decided here, so it no longer waits in the organisation's review queue.
        entries = QueueItem.objects.filter(
            content_type=ContentType.objects.get_for_model(Question),
            object_id=question.pk,
            state=QueueItem.State.OPEN,
        )
        for entry in entries:
            (approve_item if approve else hide_item)(actor=actor, entry=entry)
        record_audit(
            actor=actor,
            action="qa.approve" if approve else "qa.reject",
            target=question,
            organisation=question.session.organisation,
        )
    return question


def answer_question(*, actor: AnyUser, question: Question, text: str) -> Question:
    """The session's expert answers an approved question while the session is live."""
    require_expert(actor, question.session)
    if question.session.status != QASession.Status.LIVE:
        raise ValidationError(_("Answers are given while the session is live."))
    if question.status != Question.Status.APPROVED:
        raise ValidationError(_("Only approved questions can be answered."))
    text = text.strip()
    if not text:
        raise ValidationError(_("Write your answer first."))
    first_answer = not question.answer
    question.answer = text
    question.answered_at = timezone.now()
    question.full_clean()
    with transaction.atomic():
        question.save(update_fields=["answer", "answered_at"])
        if first_answer:
            notify_elsewhere(
                user=question.author,
                kind=Notification.Kind.ANSWER,
                url=reverse("qa:session_detail", args=[question.session_id])
                + f"#question-{question.pk}",
                title=question.session.title,
            )
    return question
