"""Q&A sessions with experts, the questions members ask and the votes they give."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.template.defaultfilters import linebreaksbr
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from suar.accounts.models import Organisation
from suar.community.models import Group

QUESTION_MAX_LENGTH = 500
ANSWER_MAX_LENGTH = 4000


class QASession(models.Model):
    """A scheduled session where an expert answers members' questions."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        LIVE = "live", _("Live")
        ENDED = "ended", _("Ended")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="qa_sessions"
    )
    # No group: the session is open to everyone (organisation-wide and public).
    group = models.ForeignKey(
        Group, on_delete=models.CASCADE, related_name="qa_sessions", null=True, blank=True
    )
    title = models.CharField(_("title"), max_length=160)
    description = models.TextField(_("description"), blank=True, max_length=4000)
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="qa_sessions_as_expert"
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SCHEDULED
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Q&A session")
        verbose_name_plural = _("Q&A sessions")
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="qa_session_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def accepts_questions(self) -> bool:
        return self.status != self.Status.ENDED


class Question(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for a moderator")
        HELD = "held", _("Held for review")  # the safety engine saw harassment
        CRISIS = "crisis", _("Flagged: the asker may be in crisis")
        # The same values as stories, so the moderation queue's approve and hide apply as is.
        APPROVED = "published", _("Approved")
        REJECTED = "hidden", _("Rejected")

    session = models.ForeignKey(QASession, on_delete=models.CASCADE, related_name="questions")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="qa_questions"
    )
    text = models.TextField(_("question"), max_length=QUESTION_MAX_LENGTH)
    is_anonymous = models.BooleanField(_("ask anonymously"), default=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    # What the safety engine saw, for the moderators' queue (highest risk first).
    risk = models.FloatField(default=0.0)
    safety_categories = models.JSONField(default=list, blank=True)
    answer = models.TextField(_("answer"), blank=True, max_length=ANSWER_MAX_LENGTH)
    answered_at = models.DateTimeField(null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["created_at"]
        indexes = [models.Index(fields=["session", "status"])]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def is_answered(self) -> bool:
        return bool(self.answer)

    # What the moderation queue shows for any queued item (title, author label, html).
    @property
    def anonymous(self) -> bool:
        return self.is_anonymous

    @property
    def title(self) -> str:
        return str(_("Question for the Q&A session “%(title)s”") % {"title": self.session.title})

    @property
    def author_label(self) -> str:
        """The name moderators and others see: never the account behind an anonymous one."""
        if self.is_anonymous:
            return str(_("Anonymous"))
        return self.author.public_name

    @property
    def html(self) -> SafeString:
        return linebreaksbr(self.text, autoescape=True)


class QuestionVote(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="votes")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="qa_votes"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["question", "user"], name="one_vote_per_question")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.question_id}"
