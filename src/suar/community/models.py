"""Groups and the recovery stories people share in them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from suar.accounts.models import Organisation


class Group(models.Model):
    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Public")
        PRIVATE = "private", _("Private")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="groups")
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=60)
    description = models.TextField(_("description"), blank=True)
    rules = models.TextField(_("rules"), blank=True)
    language = models.CharField(_("main language"), max_length=8, default="id")
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="community_groups", blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("group")
        verbose_name_plural = _("groups")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "slug"], name="group_slug_per_org")
        ]

    def __str__(self) -> str:
        return self.name


class Story(models.Model):
    """A recovery story shared in a group."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="stories")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="stories"
    )
    title = models.CharField(_("title"), max_length=160)
    body = models.TextField(_("story"))
    language = models.CharField(_("language"), max_length=8, default="id")
    content_warning = models.CharField(_("content warning"), max_length=120, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["group", "-created_at"])]

    def __str__(self) -> str:
        return self.title
