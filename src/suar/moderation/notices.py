"""Private notices to one person (decisions, appeals, a moderator reaching out), written in
the recipient's language and, when they gave an e-mail address, also sent by mail."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from suar.accounts.models import Organisation, User
from suar.moderation.models import Appeal, Decision, Notice


def send(
    *,
    recipient: User,
    organisation: Organisation,
    kind: str,
    title: str,
    body: str,
    decision: Decision | None = None,
) -> Notice:
    notice = Notice.objects.create(
        recipient=recipient,
        organisation=organisation,
        kind=kind,
        title=title[:200],
        body=body[:4000],
        decision=decision,
    )
    if recipient.email:
        from suar.moderation.tasks import email_notice

        transaction.on_commit(lambda: email_notice.enqueue(notice.pk))
    return notice


def _until(decision: Decision) -> str:
    if decision.ends_at is None:
        return ""
    return date_format(timezone.localtime(decision.ends_at), "j F Y H:i")


def _decision_text(decision: Decision) -> tuple[str, str]:
    a = Decision.Action
    until = _until(decision)
    titles = {
        a.APPROVE: _("What you wrote is now visible to others"),
        a.HIDE: _("A moderator hid something you wrote"),
        a.CONTENT_WARNING: _("A moderator added a content warning to your post"),
        a.WARN: _("A warning from the moderators"),
        a.MUTE: _("You cannot post until %(until)s") % {"until": until},
        a.SUSPEND: _("Your account is suspended until %(until)s") % {"until": until}
        if until
        else _("Your account is suspended"),
        a.BAN: _("Your account is banned from this community"),
    }
    return titles[a(decision.action)], decision.reason


def tell_about_decision(decision: Decision, *, item_was_published: bool) -> None:
    """The person concerned learns what was decided and why; reporters learn it was read."""
    subject = decision.subject
    # Approving something that was visible all along changes nothing for its author.
    if subject is not None and not (
        decision.action == Decision.Action.APPROVE and item_was_published
    ):
        with translation.override(subject.language):
            title, reason = _decision_text(decision)
            if decision.appealable:
                deadline = date_format(timezone.localtime(decision.appeal_deadline), "j F Y")
                reason += "\n\n" + _(
                    "If you think this is wrong, you can appeal once, until %(date)s."
                ) % {"date": deadline}
            send(
                recipient=subject,
                organisation=decision.organisation,
                kind=Notice.Kind.DECISION,
                title=title,
                body=reason,
                decision=decision,
            )
    for report in decision.queue_item.reports.select_related("reporter"):
        reporter = report.reporter
        with translation.override(reporter.language):
            outcome = (
                _("They found it within the community's rules.")
                if decision.action == Decision.Action.APPROVE
                else _("They took action.")
            )
            send(
                recipient=reporter,
                organisation=decision.organisation,
                kind=Notice.Kind.REPORT,
                title=_("Thank you for your report"),
                body=_("A moderator looked at what you reported.") + " " + outcome,
            )


def tell_about_appeal(appeal: Appeal) -> None:
    person = appeal.appellant
    with translation.override(person.language):
        title = (
            _("Your appeal was accepted: the decision is reversed")
            if appeal.state == Appeal.State.OVERTURNED
            else _("Your appeal was reviewed: the decision stays")
        )
        send(
            recipient=person,
            organisation=appeal.decision.organisation,
            kind=Notice.Kind.APPEAL,
            title=title,
            body=appeal.response,
            decision=appeal.decision,
        )
