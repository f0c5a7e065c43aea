"""Background mail of the moderation app (django-tasks), run by `suar worker`.

Mail never contains what the person wrote: an e-mail leaves the community's protection, so it
only says that something needs attention and links to the page behind the log-in.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from suar.moderation.models import CrisisAlert, Notice


@task()
def email_crisis_alert(alert_id: int) -> int:
    """Mail each alerted moderator who has an address. At least once: a crash after sending
    and before marking sends again, which is better than a crisis nobody hears about."""
    alert = CrisisAlert.objects.select_related("organisation").filter(pk=alert_id).first()
    if alert is None or alert.emailed_at is not None:
        return 0
    link = settings.SITE_URL + reverse("moderation:alert", args=[alert.pk])
    sent = 0
    for person in alert.recipients.exclude(email=""):
        with translation.override(person.language):
            subject = _("Crisis alert in %(organisation)s: someone may need help now") % {
                "organisation": alert.organisation.name
            }
            body = _(
                "The safety check or a member thinks someone in %(organisation)s may be in "
                "crisis. Please open the alert, reach out and record the contact:\n\n%(link)s\n\n"
                "You get this mail because you are on duty, or because nobody was on duty."
            ) % {"organisation": alert.organisation.name, "link": link}
        sent += send_mail(subject, body, None, [person.email])
    CrisisAlert.objects.filter(pk=alert.pk).update(emailed_at=timezone.now())
    return sent


@task()
def email_notice(notice_id: int) -> int:
    notice = Notice.objects.select_related("recipient").filter(pk=notice_id).first()
    if notice is None or not notice.recipient.email:
        return 0
    link = settings.SITE_URL + reverse("moderation:notice", args=[notice.pk])
    with translation.override(notice.recipient.language):
        body = _("You have a new message in Suar: %(title)s\n\nRead it here: %(link)s") % {
            "title": notice.title,
            "link": link,
        }
        return send_mail(notice.title, body, None, [notice.recipient.email])
