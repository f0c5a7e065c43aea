"""Pages for browsing groups, reading stories and taking part."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from suar.accounts.models import User
from suar.accounts.permissions import has_perm, perm_required
from suar.accounts.roles import Perm
from suar.community import selectors, services
from suar.community.audience import audience_of
from suar.community.controls.selectors import controls_for, mark_muted
from suar.community.forms import JoinForm, ReplyForm, StoryForm, new_token
from suar.community.models import Group, JoinRequest, Status, Story
from suar.community.screening import Outcome
from suar.community.services import Submission


def _group(request: HttpRequest, org: str, slug: str) -> Group:
    # Private groups 404 for outsiders: their existence is not disclosed.
    return get_object_or_404(selectors.group_for(request.user), organisation__slug=org, slug=slug)


def _list_context(request: HttpRequest, stories: list[Story]) -> dict[str, object]:
    controls = controls_for(request.user)
    mark_muted(stories, controls, "title", "body", "content_warning", "author_label")
    return {"stories": stories, "controls": controls}


@require_GET
def group_list(request: HttpRequest) -> HttpResponse:
    context: dict[str, object] = {
        "groups": selectors.visible_groups(request.user),
        "can_create": has_perm(request.user, Perm.MANAGE_GROUPS),
    }
    if isinstance(request.user, User):
        context["mine"] = list(selectors.my_groups(request.user))
    return render(request, "community/group_list.html", context)


@login_required
@require_GET
def feed(request: HttpRequest) -> HttpResponse:
    assert isinstance(request.user, User)
    stories = selectors.home_feed(request.user)
    return render(request, "community/feed.html", _list_context(request, stories))


@require_GET
def group_detail(request: HttpRequest, org: str, slug: str) -> HttpResponse:
    group = _group(request, org, slug)
    audience = audience_of(request.user)
    stories = selectors.group_stories(request.user, group, audience=audience)
    context = _list_context(request, stories)
    context["group"] = group
    context["is_member"] = group.pk in audience.group_ids
    moderators = selectors.group_moderators(group)
    context["moderators"] = moderators
    context["can_manage"] = selectors.can_manage_group(request.user, group, moderators=moderators)
    if context["can_manage"]:
        context["join_requests"] = list(selectors.pending_join_requests(group))
    if isinstance(request.user, User) and not context["is_member"]:
        context["join_form"] = JoinForm()
        context["request_pending"] = group.pk in audience.pending_group_ids
    if context["is_member"]:
        context["following"] = group.pk not in audience.unfollowed_group_ids
    return render(request, "community/group_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def group_join(request: HttpRequest, org: str, slug: str) -> HttpResponse:
    """Join a public group; ask to join a private one. The GET page is the link organisers
    share for requests: only people of the same organisation see it, others get a 404."""
    group = get_object_or_404(
        Group.objects.select_related("organisation"), organisation__slug=org, slug=slug
    )
    if not has_perm(request.user, Perm.VIEW_COMMUNITY, group.organisation):
        raise Http404
    if request.method == "GET":
        return render(request, "community/join.html", {"group": group, "form": JoinForm()})
    form = JoinForm(request.POST)
    message = form.cleaned_data["message"] if form.is_valid() else ""
    if services.join_group(user=request.user, group=group, message=message):
        messages.success(request, _("Welcome to the group."))
        return redirect("community:group_detail", org, slug)
    messages.info(request, _("Your request was sent. The group's organisers will answer it."))
    return redirect("community:group_list")


@login_required
@require_POST
def group_leave(request: HttpRequest, org: str, slug: str) -> HttpResponse:
    group = _group(request, org, slug)
    services.leave_group(user=request.user, group=group)
    messages.info(request, _("You left the group."))
    return redirect("community:group_list")


@login_required
@require_POST
def group_follow(request: HttpRequest, org: str, slug: str) -> HttpResponse:
    from suar.community.controls.services import set_following

    group = _group(request, org, slug)
    assert isinstance(request.user, User)
    follow = request.POST.get("follow") == "1"
    set_following(user=request.user, group=group, follow=follow)
    messages.info(
        request,
        _("The group's stories are back in your feed.")
        if follow
        else _("The group's stories no longer appear in your feed."),
    )
    return redirect("community:group_detail", org, slug)


@login_required
@require_POST
def join_request_decide(request: HttpRequest, pk: int) -> HttpResponse:
    join = get_object_or_404(JoinRequest.objects.select_related("group__organisation"), pk=pk)
    services.decide_join_request(
        actor=request.user, request=join, approve=request.POST.get("approve") == "1"
    )
    return redirect("community:group_detail", join.group.organisation.slug, join.group.slug)


@login_required
@require_POST
def group_invite(request: HttpRequest, org: str, slug: str) -> HttpResponse:
    group = _group(request, org, slug)
    token = services.invitation_token(actor=request.user, group=group)
    link = request.build_absolute_uri(reverse("community:invitation", args=[token]))
    messages.success(request, _("Invitation link (valid for 7 days): %(link)s") % {"link": link})
    return redirect("community:group_detail", org, slug)


@login_required
@require_http_methods(["GET", "POST"])
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    if request.method == "GET":
        return render(request, "community/invitation.html", {"token": token})
    try:
        group = services.accept_invitation(user=request.user, token=token)
    except ValidationError as exc:
        return render(
            request, "community/invitation.html", {"token": token, "error": exc.messages[0]}
        )
    messages.success(request, _("Welcome to the group."))
    return redirect("community:group_detail", group.organisation.slug, group.slug)


def _after_submit(request: HttpRequest, submission: Submission, story: Story) -> HttpResponse:
    """Where the author goes once a story or reply is saved: help first when in crisis."""
    if submission.outcome == Outcome.CRISIS:
        return redirect("community:help")
    if submission.outcome == Outcome.HOLD:
        messages.info(
            request,
            _(
                "Thank you. What you wrote waits for a moderator before others can see it; "
                "you can still read it here."
            ),
        )
    if submission.screening is not None and submission.screening.emergency:
        messages.warning(
            request,
            _(
                "If someone has taken an overdose or hurt themselves, this is an emergency: "
                "call 112 now or take them to the nearest emergency room (IGD). Stay with "
                "them until help arrives."
            ),
        )
    if submission.screening is not None and submission.screening.concern:
        messages.info(
            request,
            _(
                "It sounds like you are worried about someone. Ask them directly whether they "
                "are thinking about suicide, listen without judging, stay with them and help "
                "them reach Healing119.id or 119 ext 8 (SEJIWA); in an emergency call 112. "
                "A moderator will also look at your post."
            ),
        )
    if submission.screening is not None and submission.screening.crisis_unclear:
        messages.info(
            request,
            _(
                "Thank you for sharing. If things feel heavy right now, you do not have to "
                "carry them alone: Healing119.id or 119 ext 8 (SEJIWA) will listen, and in an "
                "emergency call 112."
            ),
        )
    return redirect("community:story_detail", story.pk)


def _screening_context(submission: Submission) -> dict[str, object]:
    assert submission.screening is not None
    report = submission.screening.report
    return {
        "needs_confirmation": submission.outcome == Outcome.CONFIRM_PERSONAL_DATA,
        "personal_data": [f for f in report.findings if f.category == "personal_data"],
    }


@perm_required(Perm.POST_STORY)
@require_http_methods(["GET", "POST"])
def story_create(request: HttpRequest, org: str, slug: str) -> HttpResponse:
    group = _group(request, org, slug)
    if not selectors.is_member(request.user, group):
        raise PermissionDenied("not a member")
    context: dict[str, object] = {"group": group}
    if request.method == "GET":
        context["form"] = StoryForm(initial={"token": new_token()})
        return render(request, "community/story_form.html", context)
    form = StoryForm(request.POST, request.FILES)
    context["form"] = form
    if form.is_valid():
        data = form.cleaned_data
        try:
            submission = services.submit_story(
                author=request.user,
                group=group,
                title=data["title"],
                body=data["body"],
                content_warning=data["content_warning"],
                visibility=data["visibility"],
                anonymous=data["anonymous"],
                image=data["image"],
                image_alt=data["image_alt"],
                personal_data_confirmed=data["personal_data_confirmed"],
                client_token=data["token"],
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            if submission.item is not None:
                assert isinstance(submission.item, Story)
                return _after_submit(request, submission, submission.item)
            _explain(form, submission)
            context.update(_screening_context(submission))
    return render(request, "community/story_form.html", context, status=422)


def _add_errors(form: StoryForm | ReplyForm, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _with(form: StoryForm | ReplyForm, **values: str) -> QueryDict:
    data = form.data.copy() if isinstance(form.data, QueryDict) else QueryDict(mutable=True)
    for name, value in values.items():
        data[name] = value
    return data


def _explain(form: StoryForm | ReplyForm, submission: Submission) -> None:
    """Send the text back with what to do; nothing the author wrote is lost."""
    assert submission.screening is not None
    if submission.outcome == Outcome.NEEDS_WARNING:
        suggestion = submission.screening.suggested_warning
        form.add_error(
            "content_warning",
            _(
                "This text has details that can hurt someone who is struggling. Add a content "
                "warning so readers can choose, for example: “%(suggestion)s”."
            )
            % {"suggestion": suggestion},
        )
        # Pre-filled, so accepting the suggestion is one click on "publish".
        form.data = _with(form, content_warning=suggestion)
    elif submission.outcome == Outcome.CONFIRM_PERSONAL_DATA:
        form.data = _with(form, personal_data_confirmed="on")


@require_GET
def story_detail(request: HttpRequest, pk: int) -> HttpResponse:
    audience = audience_of(request.user)
    story = selectors.story_page(request.user, pk, audience=audience)
    own = None
    if story is None:
        own = selectors.own_story(request.user, pk)
        if own is None:
            deleted = Story.objects.filter(pk=pk, status=Status.DELETED).first()
            if (
                deleted
                and selectors.visible_groups(request.user).filter(pk=deleted.group_id).exists()
            ):
                return render(request, "community/story_deleted.html", status=410)
            raise Http404
    shown = story or own
    assert shown is not None
    controls = controls_for(request.user)
    replies = getattr(shown, "visible_replies", [])
    mark_muted([shown], controls, "title", "body", "content_warning", "author_label")
    mark_muted(replies, controls, "body", "content_warning", "author_label")
    context = {
        "story": shown,
        "replies": replies,
        "own_pending": own is not None,
        "controls": controls,
        "reactions": selectors.reaction_summary(shown, request.user),
        "can_reply": story is not None and shown.group_id in audience.group_ids,
        "reply_form": ReplyForm(initial={"token": new_token()}),
    }
    return render(request, "community/story_detail.html", context)


@require_GET
def story_image(request: HttpRequest, pk: int) -> FileResponse:
    # Served through the same visibility check as the story: no guessable public URL.
    story = selectors.visible_stories(request.user).filter(pk=pk).first() or selectors.own_story(
        request.user, pk
    )
    if story is None or not story.image:
        raise Http404
    response = FileResponse(story.image.open("rb"))
    response["Cache-Control"] = "private, max-age=3600"
    return response


@perm_required(Perm.REPLY)
@require_POST
def reply_create(request: HttpRequest, pk: int) -> HttpResponse:
    story = get_object_or_404(Story.objects.select_related("group__organisation"), pk=pk)
    form = ReplyForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            submission = services.submit_reply(
                author=request.user,
                story=story,
                body=data["body"],
                content_warning=data["content_warning"],
                anonymous=data["anonymous"],
                personal_data_confirmed=data["personal_data_confirmed"],
                client_token=data["token"],
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            if submission.item is not None:
                return _after_submit(request, submission, story)
            _explain(form, submission)
            context = {"form": form, "story": story, **_screening_context(submission)}
            return render(request, "community/reply_form.html", context, status=422)
    return render(request, "community/reply_form.html", {"form": form, "story": story}, status=422)


@perm_required(Perm.VIEW_COMMUNITY)
@require_POST
def story_react(request: HttpRequest, pk: int) -> HttpResponse:
    story = get_object_or_404(Story.objects.select_related("group__organisation"), pk=pk)
    try:
        services.toggle_reaction(user=request.user, story=story, kind=request.POST.get("kind", ""))
    except ValidationError as exc:
        return HttpResponse(" ".join(exc.messages), status=400)
    if request.htmx:  # type: ignore[attr-defined]
        context = {"story": story, "reactions": selectors.reaction_summary(story, request.user)}
        return render(request, "community/_reactions.html", context)
    return redirect("community:story_detail", pk)


@login_required
@require_POST
def story_delete(request: HttpRequest, pk: int) -> HttpResponse:
    story = get_object_or_404(Story, pk=pk)
    services.delete_story(actor=request.user, story=story)
    messages.info(request, _("Your story was deleted."))
    return redirect("community:feed")


@require_GET
def help_page(request: HttpRequest) -> HttpResponse:
    # The crisis lines are the help app's data now (editable per organisation, by country).
    from suar.help.views import crisis

    return crisis(request)


@perm_required(Perm.ANSWER_INBOX)
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    assert isinstance(request.user, User)
    context = {
        "stories": selectors.inbox(request.user),
        "reply_times": selectors.reply_times(request.user),
    }
    return render(request, "community/inbox.html", context)
