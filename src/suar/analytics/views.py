"""The impact dashboard, the funder report downloads, a post's history and flagged comments."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from suar.accounts.models import Organisation
from suar.accounts.permissions import has_perm, perm_required, require_perm
from suar.accounts.roles import Perm
from suar.analytics import comment_blocking, selectors
from suar.analytics import comments as comment_services
from suar.analytics.charts import figure, history_lines
from suar.analytics.csv_export import write_csv
from suar.analytics.engagement import kind_name, platform_name, post_history
from suar.analytics.forms import RangeForm
from suar.analytics.models import PlatformComment, TrackedPost
from suar.analytics.pdf import render_pdf
from suar.analytics.period import Period, PeriodError, default_period, parse_period
from suar.analytics.report import build_report
from suar.analytics.summary import by_section, key_figures
from suar.analytics.visuals import report_charts
from suar.studio.timezones import studio_zone


def organisation_for(
    request: HttpRequest, slug: str, perm: Perm = Perm.VIEW_ANALYTICS
) -> Organisation:
    organisation = get_object_or_404(Organisation, slug=slug)
    require_perm(request.user, perm, organisation)
    return organisation


def _period(request: HttpRequest, organisation: Organisation) -> tuple[Period, str]:
    """The asked range, or the last 30 days with the reason when the asked one is unusable."""
    zone = studio_zone(organisation)
    days = request.GET.get("days", "")
    try:
        if days.isdigit() and not request.GET.get("start"):
            return parse_period(None, request.GET.get("end"), zone, default_days=int(days)), ""
        return parse_period(request.GET.get("start"), request.GET.get("end"), zone), ""
    except PeriodError as exc:
        return default_period(zone), str(exc)


def _language(request: HttpRequest) -> str:
    lang = request.GET.get("lang", "")
    return lang if lang in ("id", "en") else (get_language() or "id")[:2]


@require_GET
@perm_required(Perm.VIEW_ANALYTICS)
def index(request: HttpRequest) -> HttpResponse:
    organisations = selectors.analytics_organisations(request.user)
    if len(organisations) == 1:
        return redirect("analytics:dashboard", organisations[0].slug)
    return render(request, "analytics/index.html", {"organisations": organisations})


@require_GET
@perm_required(Perm.VIEW_ANALYTICS)
def dashboard(request: HttpRequest, org: str) -> HttpResponse:
    organisation = organisation_for(request, org)
    period, error = _period(request, organisation)
    report = build_report(organisation, period)
    figures = key_figures(report)
    form = RangeForm(initial={"start": period.start, "end": period.end})
    context = {
        "organisation": organisation,
        "period": period,
        "range_error": error,
        "form": form,
        "report": report,
        "sections": by_section(figures),
        "charts": {k: figure(c) for k, c in report_charts(report).items()},
        "can_manage_programmes": has_perm(request.user, Perm.MANAGE_PROGRAMMES, organisation),
        "can_moderate": has_perm(request.user, Perm.MODERATE, organisation),
        "presets": [(7, _("7 days")), (30, _("30 days")), (90, _("90 days")), (365, _("1 year"))],
        "kind_name": kind_name,
    }
    return render(request, "analytics/dashboard.html", context)


@require_GET
@perm_required(Perm.VIEW_ANALYTICS)
def report_pdf(request: HttpRequest, org: str) -> HttpResponse:
    organisation = organisation_for(request, org)
    period, _error = _period(request, organisation)
    language = _language(request)
    with translation.override(language):  # the notes and labels are worded while building
        body = render_pdf(build_report(organisation, period), language=language)
    response = HttpResponse(body, content_type="application/pdf")
    name = f"suar-{organisation.slug}-{period.start}-{period.end}-{language}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_GET
@perm_required(Perm.VIEW_ANALYTICS)
def report_csv(request: HttpRequest, org: str) -> HttpResponse:
    organisation = organisation_for(request, org)
    period, _error = _period(request, organisation)
    language = _language(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = f"suar-{organisation.slug}-{period.start}-{period.end}-{language}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response.write("\ufeff")  # spreadsheets then read the file as UTF-8
    with translation.override(language):
        write_csv(build_report(organisation, period), response, language=language)
    return response


@require_GET
@perm_required(Perm.VIEW_ANALYTICS)
def post_detail(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    organisation = organisation_for(request, org)
    post = get_object_or_404(
        TrackedPost.objects.select_related("account"), pk=pk, organisation=organisation
    )
    snapshots = post_history(post)
    names = {
        "likes": _("Likes"),
        "comments": _("Comments"),
        "shares": _("Shares"),
        "reach": _("Reach"),
        "impressions": _("Impressions"),
    }
    series = {
        label: [(s.taken_at, getattr(s, key)) for s in snapshots if getattr(s, key) is not None]
        for key, label in names.items()
    }
    series = {k: v for k, v in series.items() if v}
    chart = history_lines(series, _("Figures of this post over time"))
    return render(
        request,
        "analytics/post_detail.html",
        {
            "organisation": organisation,
            "post": post,
            "platform": platform_name(post.platform),
            "kind": kind_name(post.kind),
            "snapshots": snapshots,
            "chart": figure(chart),
            "comments": post.platform_comments.order_by("-written_at")[:100],
        },
    )


@require_GET
@perm_required(Perm.MODERATE)
def comment_list(request: HttpRequest, org: str) -> HttpResponse:
    organisation = organisation_for(request, org, Perm.MODERATE)
    return render(
        request,
        "analytics/comments.html",
        {
            "organisation": organisation,
            "flagged": selectors.flagged_comments(organisation),
            "recent": selectors.recent_comments(organisation),
            "State": PlatformComment.PlatformState,
            "Block": PlatformComment.BlockState,
        },
    )


def _flagged_comment(organisation: Organisation, pk: int) -> PlatformComment:
    return get_object_or_404(
        PlatformComment.objects.select_related(
            "post__publication", "post__account", "organisation"
        ),
        pk=pk,
        organisation=organisation,
    )


@require_POST
@perm_required(Perm.MODERATE)
def comment_decide(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    organisation = organisation_for(request, org, Perm.MODERATE)
    comment = _flagged_comment(organisation, pk)
    if request.POST.get("decision") == "hide":
        comment = comment_services.hide_on_platform(actor=request.user, comment=comment)
        if comment.platform_state == PlatformComment.PlatformState.HIDDEN:
            messages.success(request, _("Hidden on the platform."))
        else:
            messages.error(
                request,
                _("Not hidden: %(reason)s. Hide it on the platform itself.")
                % {"reason": comment.platform_message},
            )
    else:
        comment_services.keep_comment(actor=request.user, comment=comment)
        messages.success(request, _("Kept: the comment stays."))
    return redirect("analytics:comments", organisation.slug)


@require_http_methods(["GET", "POST"])
@perm_required(Perm.MODERATE)
def comment_block(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    """Blocking someone reaches beyond one comment, so a person confirms on a page of its
    own (GET) before anything is sent (POST)."""
    organisation = organisation_for(request, org, Perm.MODERATE)
    comment = _flagged_comment(organisation, pk)
    Block = PlatformComment.BlockState
    if request.method == "GET":
        if comment.block_state not in (Block.OFFERED, Block.FAILED):
            if comment.block_state == Block.BLOCKED:
                messages.info(
                    request, _("%(author)s was already blocked.") % {"author": comment.author_label}
                )
            return redirect("analytics:comments", organisation.slug)
        return render(
            request,
            "analytics/comment_block.html",
            {
                "organisation": organisation,
                "comment": comment,
                "platform": platform_name(comment.post.platform),
                "Block": Block,
            },
        )
    if request.POST.get("confirm") != "yes":
        return redirect("analytics:comment_block", organisation.slug, comment.pk)
    before = comment.block_state
    comment = comment_blocking.block_author_on_platform(actor=request.user, comment=comment)
    names = {"author": comment.author_label, "platform": platform_name(comment.post.platform)}
    if comment.block_state == Block.BLOCKED:
        if before == Block.BLOCKED:
            messages.info(request, _("%(author)s was already blocked.") % names)
        else:
            messages.success(request, _("%(author)s is blocked on %(platform)s.") % names)
    elif comment.block_state == Block.BLOCKING:
        messages.info(request, _("The author is being blocked. Look again in a moment."))
    elif comment.block_state in (Block.NOT_SUPPORTED, Block.FAILED):
        messages.error(
            request,
            _("Not blocked: %(reason)s. Block them on the platform itself.")
            % {"reason": comment.block_message or comment.get_block_state_display()},
        )
    else:
        messages.info(request, _("There is no one to block for this comment."))
    return redirect("analytics:comments", organisation.slug)
