"""The review queue, reports, decisions and appeals, sanctions, notices and the audit log."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from suar.accounts.models import Organisation
from suar.community.models import Group

# Mastodon's rule: one appeal, within 20 days of the decision (safety-guidelines.md).
APPEAL_DAYS = 20


class QueueItem(models.Model):
    """One item waiting for a moderator: a story, reply, Q&A question or a profile."""

    class Category(models.TextChoices):
        # The safety engine's categories that hold an item, plus reports by people.
        CRISIS = "crisis", _("Crisis")
        # Published, and shown to a moderator: the writer tells of someone else at risk.
        CONCERN = "concern", _("Someone else may be at risk")
        HARASSMENT = "harassment", _("Harassment")
        TRIGGERING = "triggering", _("Triggering detail")
        PERSONAL_DATA = "personal_data", _("Personal data")
        SPAM = "spam", _("Spam, or links from a new account")
        REPORT = "report", _("Reported")

    class State(models.TextChoices):
        OPEN = "open", _("Waiting")
        APPROVED = "approved", _("Approved")
        HIDDEN = "hidden", _("Hidden")
        WARNING = "content_warning", _("Published with a content warning")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="queue_items"
    )
    # The group the item belongs to: its group moderators may decide it (not crises).
    group = models.ForeignKey(
        Group, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("content_type", "object_id")
    # Who wrote it (or whose profile it is): sanctions and notices go to this account. Never
    # shown to moderators for anonymous content.
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    category = models.CharField(_("category"), max_length=16, choices=Category.choices)
    # Crisis sorts first whatever the scores say: a flag, not a weight.
    is_crisis = models.BooleanField(default=False)
    risk = models.FloatField(_("risk"), default=0.0)
    # Risk in bands of 0.1 (plus one per extra report): within a band the longest waiting
    # comes first, so a slightly higher score never starves an old item for ever.
    priority = models.PositiveSmallIntegerField(default=0)
    report_count = models.PositiveIntegerField(default=0)
    # Hidden because several members reported it, before any moderator looked.
    auto_hidden = models.BooleanField(default=False)
    findings = models.JSONField(_("findings"), default=list, blank=True)
    state = models.CharField(max_length=16, choices=State.choices, default=State.OPEN)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("review queue item")
        verbose_name_plural = _("review queue")
        ordering = ["-is_crisis", "-priority", "created_at", "id"]
        indexes = [
            models.Index(
                fields=["organisation", "state", "-is_crisis", "-priority", "created_at"],
                name="queue_order",
            )
        ]
        constraints = [
            # Reports and the engine's findings about one item meet in one open entry.
            models.UniqueConstraint(
                fields=["content_type", "object_id"],
                condition=models.Q(state="open"),
                name="one_open_queue_item",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()} #{self.object_id}"

    @property
    def is_open(self) -> bool:
        return self.state == self.State.OPEN

    @property
    def kind(self) -> str:
        return self.content_type.model

    @property
    def is_distressing(self) -> bool:
        """Shown blurred until the moderator chooses to read it (moderation/_content.html)."""
        return self.is_crisis or self.category in _DISTRESSING

    @property
    def is_profile(self) -> bool:
        return self.content_type.app_label == "accounts"


_DISTRESSING = frozenset(
    {QueueItem.Category.HARASSMENT, QueueItem.Category.TRIGGERING, QueueItem.Category.CONCERN}
)


def band(risk: float, report_count: int = 0) -> int:
    return min(13, round(max(0.0, min(risk, 1.0)) * 10) + min(3, max(0, report_count - 1)))


class Report(models.Model):
    """A member's report of a story, reply, question or profile."""

    class Reason(models.TextChoices):
        CRISIS = "crisis", _("I am worried this person may hurt themselves")
        HARASSMENT = "harassment", _("Harassment, bullying or hate")
        TRIGGERING = "triggering", _("Triggering detail without a content warning")
        PERSONAL_DATA = "personal_data", _("Shares someone's personal information")
        MISINFORMATION = "misinformation", _("Harmful or false health advice")
        SPAM = "spam", _("Spam or advertising")
        OTHER = "other", _("Something else")

    queue_item = models.ForeignKey(QueueItem, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="moderation_reports"
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    reason = models.CharField(_("reason"), max_length=16, choices=Reason.choices)
    note = models.CharField(_("anything the moderators should know"), max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.UniqueConstraint(
                fields=["reporter", "content_type", "object_id"], name="one_report_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"{self.reason} #{self.object_id}"


class Decision(models.Model):
    """What a moderator decided about a queue item, with the reason the person is shown."""

    class Action(models.TextChoices):
        APPROVE = "approve", _("Approve")
        HIDE = "hide", _("Hide")
        CONTENT_WARNING = "content_warning", _("Require a content warning")
        WARN = "warn", _("Warn")
        MUTE = "mute", _("Mute for a time")
        SUSPEND = "suspend", _("Suspend")
        BAN = "ban", _("Ban")

    class Label(models.TextChoices):
        # What the text really was, for retraining the engine on the community's decisions.
        NONE = "", _("Do not learn from this")
        OK = "ok", _("Fine")
        CRISIS = "crisis", _("Crisis")
        HARASSMENT = "harassment", _("Harassment")

    queue_item = models.OneToOneField(QueueItem, on_delete=models.CASCADE, related_name="decision")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    reason = models.TextField(_("reason shown to the person"), max_length=1000, blank=True)
    content_warning = models.CharField(_("content warning"), max_length=120, blank=True)
    ends_at = models.DateTimeField(_("until"), null=True, blank=True)
    label = models.CharField(_("what it really was"), max_length=16, blank=True)
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="moderation_decisions",
    )
    overturned_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.action} #{self.queue_item_id}"

    @property
    def appeal_deadline(self) -> Any:
        return self.created_at + timedelta(days=APPEAL_DAYS)

    @property
    def appealable(self) -> bool:
        return self.action != self.Action.APPROVE and self.subject_id is not None


class Appeal(models.Model):
    """The one appeal a person may file against a decision about them."""

    class State(models.TextChoices):
        OPEN = "open", _("Waiting for a moderator")
        UPHELD = "upheld", _("Decision kept")
        OVERTURNED = "overturned", _("Decision reversed")

    decision = models.OneToOneField(Decision, on_delete=models.CASCADE, related_name="appeal")
    appellant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    text = models.TextField(_("why the decision should change"), max_length=2000)
    state = models.CharField(max_length=12, choices=State.choices, default=State.OPEN)
    response = models.TextField(_("answer to the person"), max_length=1000, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"appeal of {self.decision_id}: {self.state}"


class Sanction(models.Model):
    """A mute, suspension or ban in one organisation: the person cannot post while active."""

    class Kind(models.TextChoices):
        MUTE = "mute", _("Muted")
        SUSPENSION = "suspension", _("Suspended")
        BAN = "ban", _("Banned")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sanctions"
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    decision = models.ForeignKey(
        Decision, on_delete=models.CASCADE, related_name="sanctions", null=True
    )
    reason = models.TextField(blank=True)
    starts_at = models.DateTimeField(default=timezone.now)
    ends_at = models.DateTimeField(null=True, blank=True)  # none: until lifted
    lifted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("sanction")
        verbose_name_plural = _("sanctions")
        indexes = [models.Index(fields=["user", "organisation"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.user_id}"


class Notice(models.Model):
    """A private message to one person: a decision and its reason, an appeal's outcome, a
    moderator reaching out after a crisis alert. Only the recipient ever sees it."""

    class Kind(models.TextChoices):
        DECISION = "decision", _("Moderation decision")
        APPEAL = "appeal", _("Appeal")
        REPORT = "report", _("Your report")
        SUPPORT = "support", _("A message from a moderator")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="moderation_notices"
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    title = models.CharField(max_length=200)
    body = models.TextField(max_length=4000)
    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return self.title


class AuditQuerySet(models.QuerySet["AuditEntry"]):
    # Bulk writes would bypass the per-row guard below: refuse them, except forgetting a
    # deleted account or organisation (on_delete=SET_NULL), which keeps the entry's content.
    def update(self, **kwargs: Any) -> int:
        if set(kwargs) <= {"actor", "organisation"} and all(v is None for v in kwargs.values()):
            return super().update(**kwargs)
        raise PermissionError("the audit log is append-only")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("the audit log is append-only")


class AuditEntry(models.Model):
    """Who did what sensitive thing to what, and why. Written by services, never edited:
    the admin, the pages and the API offer no way to change it, the model refuses updates
    and deletes, and a database trigger refuses edits of its content."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # The name at the time: the log still says who acted after an account is deleted.
    actor_name = models.CharField(_("who"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=40)
    target = models.CharField(_("target"), max_length=120)
    reason = models.TextField(_("reason"), blank=True)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.action} {self.target}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not kwargs.get("force_insert"):
            raise PermissionError("the audit log is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("the audit log is append-only")


# Crisis alerts and duty live in their own module; importing registers their models.
from suar.moderation.crisis_models import CrisisAlert, ModeratorDuty  # noqa: E402

__all__ = [
    "APPEAL_DAYS",
    "Appeal",
    "AuditEntry",
    "CrisisAlert",
    "Decision",
    "ModeratorDuty",
    "Notice",
    "QueueItem",
    "Report",
    "Sanction",
]
