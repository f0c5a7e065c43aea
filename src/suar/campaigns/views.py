"""Campaign pages: the public counter, the embeddable widget, the CSV report, management."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_GET, require_http_methods

from suar.accounts.permissions import has_perm, perm_required
from suar.accounts.roles import Perm
from suar.campaigns.chart import hourly_svg
from suar.campaigns.forms import CampaignForm, CapForm, SponsorForm
from suar.campaigns.models import Action, Campaign, Platform, Pledge
from suar.campaigns.report import report_rows
from suar.campaigns.selectors import live_numbers, managed_campaigns, visible_campaigns
from suar.campaigns.services import add_sponsor, change_cap, create_campaign

POLL_SECONDS = 3
PLATFORM_NAMES = dict(Platform.choices)
ACTION_NAMES = dict(Action.choices)
FILTER_REASONS = {
    "burst": gettext_lazy("too many from one account in a minute"),
    "duplicate_text": gettext_lazy("the same text from many accounts"),
    "action_not_counted": gettext_lazy("an action this campaign does not count"),
    "no_hashtag": gettext_lazy("without the campaign's hashtag"),
}


def _visible(request: HttpRequest, slug: str) -> Campaign:
    # Private campaigns 404 for outsiders: their existence is not disclosed.
    return get_object_or_404(visible_campaigns(request.user), slug=slug)


def _counter_context(campaign: Campaign) -> dict[str, object]:
    numbers = live_numbers(campaign)
    totals = numbers.totals
    return {
        "campaign": campaign,
        "totals": totals,
        # A list, not the Counter: templates would read Counter()["items"] as 0.
        "platforms": [
            (PLATFORM_NAMES.get(code, code), n)
            for code, n in sorted(totals.by_platform.items(), key=lambda kv: -kv[1])
        ],
        "filtered": [
            (FILTER_REASONS.get(reason, reason), n)
            for reason, n in sorted(totals.filtered.items(), key=lambda kv: -kv[1])
        ],
        "sponsors": numbers.sponsors,
        "chart": hourly_svg(numbers.series, campaign.time_zone),
        "poll_seconds": POLL_SECONDS,
    }


def _rules(campaign: Campaign) -> list[tuple[str, list[str]]]:
    """What counts where, in the reader's language, for the "how we count" section."""
    rules = []
    for platform, actions in sorted(campaign.rules.items(), key=lambda kv: kv[0] == "*"):
        name = _("Other platforms") if platform == "*" else PLATFORM_NAMES.get(platform, platform)
        rules.append((str(name), [str(ACTION_NAMES.get(a, a)) for a in actions]))
    return rules


@require_GET
def campaign_list(request: HttpRequest) -> HttpResponse:
    campaigns = visible_campaigns(request.user).order_by("-starts_at")[:50]
    can_manage = has_perm(request.user, Perm.MANAGE_CAMPAIGNS)
    return render(
        request, "campaigns/campaign_list.html", {"campaigns": campaigns, "can_manage": can_manage}
    )


@require_GET
def campaign_detail(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = _visible(request, slug)
    context = _counter_context(campaign)
    context["rules"] = _rules(campaign)
    context["can_manage"] = has_perm(request.user, Perm.MANAGE_CAMPAIGNS, campaign.organisation)
    return render(request, "campaigns/campaign_detail.html", context)


@require_GET
def counter(request: HttpRequest, slug: str) -> HttpResponse:
    """The fragment HTMX polls on the public page and in the widget."""
    campaign = _visible(request, slug)
    return render(request, "campaigns/_counter.html", _counter_context(campaign))


@require_GET
@xframe_options_exempt
def widget(request: HttpRequest, slug: str) -> HttpResponse:
    """Small and framable: partners embed it in an <iframe> on their own sites."""
    campaign = get_object_or_404(Campaign, slug=slug, is_public=True)
    return render(request, "campaigns/widget.html", _counter_context(campaign))


class _Echo:
    """csv.writer writes into this; each row goes out as soon as it is written."""

    def write(self, value: str) -> str:
        return value


@require_GET
def report(request: HttpRequest, slug: str) -> StreamingHttpResponse:
    """The auditable report, streamed: millions of filtered items need no memory here."""
    campaign = get_object_or_404(managed_campaigns(request.user), slug=slug)
    writer = csv.writer(_Echo())
    response = StreamingHttpResponse(
        (writer.writerow(row) for row in report_rows(campaign)),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{campaign.slug}-report.csv"'
    return response


@perm_required(Perm.MANAGE_CAMPAIGNS)
@require_http_methods(["GET", "POST"])
def manage(request: HttpRequest) -> HttpResponse:
    form = CampaignForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        organisation = data.pop("organisation")
        campaign = create_campaign(user=request.user, organisation=organisation, **data)
        messages.success(request, _("Campaign created."))
        return redirect("campaigns:manage_campaign", slug=campaign.slug)
    campaigns = managed_campaigns(request.user).order_by("-starts_at")
    return render(request, "campaigns/manage.html", {"form": form, "campaigns": campaigns})


@perm_required(Perm.MANAGE_CAMPAIGNS)
@require_http_methods(["GET", "POST"])
def manage_campaign(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = get_object_or_404(managed_campaigns(request.user), slug=slug)
    sponsor_form = SponsorForm(request.POST if "add_sponsor" in request.POST else None)
    cap_form = CapForm(request.POST if "change_cap" in request.POST else None, campaign=campaign)
    if sponsor_form.is_bound and sponsor_form.is_valid():
        add_sponsor(user=request.user, campaign=campaign, **sponsor_form.cleaned_data)
        messages.success(request, _("Sponsor added."))
        return redirect("campaigns:manage_campaign", slug=slug)
    if cap_form.is_bound and cap_form.is_valid():
        pledge: Pledge = cap_form.cleaned_data["pledge"]
        change_cap(
            user=request.user,
            pledge=pledge,
            amount=cap_form.cleaned_data["amount"],
            note=cap_form.cleaned_data["note"],
        )
        messages.success(request, _("Cap changed; the previous cap stays in the history."))
        return redirect("campaigns:manage_campaign", slug=slug)
    context = _counter_context(campaign)
    context.update({"sponsor_form": sponsor_form, "cap_form": cap_form})
    return render(request, "campaigns/manage_campaign.html", context)
