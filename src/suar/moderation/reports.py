"""Members report a story, reply, Q&A question or profile; the report joins the queue."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from suar.accounts.models import Membership, Organisation, User
from suar.accounts.permissions import AnyUser, require_perm
from suar.accounts.roles import Perm
from suar.community.models import Reply, Status, Story
from suar.community.selectors import visible_stories
from suar.moderation import items
from suar.moderation.models import QueueItem, Report
from suar.moderation.services import queue_item
from suar.safety import analyze

# How much each reason weighs in the queue's order (crisis is a flag and sorts first).
REASON_RISK = {
    Report.Reason.CRISIS: 1.0,
    Report.Reason.HARASSMENT: 0.7,
    Report.Reason.PERSONAL_DATA: 0.6,
    Report.Reason.TRIGGERING: 0.6,
    Report.Reason.MISINFORMATION: 0.5,
    Report.Reason.SPAM: 0.3,
    Report.Reason.OTHER: 0.3,
}
# Discourse hides a post after 3 flags until a moderator looks (safety-guidelines.md).
HIDE_AFTER_REPORTS = 3
KINDS = ("story", "reply", "question", "profile")


class AlreadyReported(ValidationError):
    pass


def find_reportable(*, reporter: AnyUser, kind: str, pk: int) -> tuple[models.Model, Organisation]:
    """The item a person may report, with its organisation; 404-like PermissionDenied for
    anything they cannot see (its existence is not disclosed)."""
    if not reporter.is_authenticated:
        raise PermissionDenied("log in to report")
    assert isinstance(reporter, User)
    if kind == "story":
        story = (
            visible_stories(reporter).select_related("group__organisation").filter(pk=pk).first()
        )
        if story is None:
            raise PermissionDenied("not visible")
        return story, story.group.organisation
    if kind == "reply":
        reply = (
            Reply.objects.select_related("story__group__organisation")
            .filter(pk=pk, status=Status.PUBLISHED)
            .first()
        )
        if reply is None or not visible_stories(reporter).filter(pk=reply.story_id).exists():
            raise PermissionDenied("not visible")
        return reply, reply.story.group.organisation
    if kind == "question":
        from suar.qa.access import can_view
        from suar.qa.models import Question

        question = (
            Question.objects.select_related("session__organisation", "session__group")
            .filter(pk=pk, status=Question.Status.APPROVED)
            .first()
        )
        if question is None or not can_view(reporter, question.session):
            raise PermissionDenied("not visible")
        return question, question.session.organisation
    if kind == "profile":
        person = User.objects.filter(pk=pk, is_active=True).first()
        shared = (
            Membership.objects.filter(user=person, organisation__memberships__user=reporter)
            .select_related("organisation")
            .first()
            if person
            else None
        )
        if person is None or shared is None:
            raise PermissionDenied("not visible")
        return person, shared.organisation
    raise ValidationError(_("Unknown kind of item."))


def report(*, reporter: AnyUser, kind: str, pk: int, reason: str, note: str = "") -> Report:
    """File a report. Reporting the same thing twice is refused with a clear message."""
    item, organisation = find_reportable(reporter=reporter, kind=kind, pk=pk)
    require_perm(reporter, Perm.VIEW_COMMUNITY, organisation)
    assert isinstance(reporter, User)
    if reason not in Report.Reason.values:
        raise ValidationError({"reason": _("Choose a reason.")})
    context = items.context_of(item)
    if context.subject is not None and context.subject.pk == reporter.pk:
        raise ValidationError(
            _("This is your own. You can delete it, or write to a moderator if you need help.")
        )
    content_type = ContentType.objects.get_for_model(item)
    earlier = Report.objects.filter(
        reporter=reporter, content_type=content_type, object_id=item.pk
    ).first()
    if earlier is not None:
        raise _already(earlier)
    is_crisis = reason == Report.Reason.CRISIS
    try:
        with transaction.atomic():
            findings = [f.to_dict() for f in analyze(items.text_of(item)).findings]
            entry = queue_item(
                item=item,
                organisation=organisation,
                category=QueueItem.Category.CRISIS if is_crisis else QueueItem.Category.REPORT,
                risk=REASON_RISK[Report.Reason(reason)],
                findings=findings,
                reported=True,
            )
            filed = Report.objects.create(
                queue_item=entry,
                reporter=reporter,
                content_type=content_type,
                object_id=item.pk,
                reason=reason,
                note=note.strip()[:500],
            )
            _hide_if_many(entry, item)
    except IntegrityError as exc:
        # The same person's second click raced the first: one report, and say so.
        earlier = Report.objects.filter(
            reporter=reporter, content_type=content_type, object_id=item.pk
        ).first()
        if earlier is None:
            raise
        raise _already(earlier) from exc
    return filed


def _already(earlier: Report) -> AlreadyReported:
    when = date_format(timezone.localtime(earlier.created_at), "j F Y")
    return AlreadyReported(
        _("You already reported this on %(date)s. The moderators have it; thank you.")
        % {"date": when},
        code="already_reported",
    )


def _hide_if_many(entry: QueueItem, item: models.Model) -> None:
    """Several members reporting the same post hides it until a moderator looks. A worried
    report (crisis) does not count: hiding would not help the person."""
    if not items.has_status(item) or item.status != items.PUBLISHED:  # type: ignore[attr-defined]
        return
    if isinstance(item, Story | Reply) or hasattr(item, "session"):
        count = entry.reports.exclude(reason=Report.Reason.CRISIS).count()
        if count >= HIDE_AFTER_REPORTS:
            items.set_status(item, items.HELD)
            QueueItem.objects.filter(pk=entry.pk).update(auto_hidden=True)
