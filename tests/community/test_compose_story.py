"""A member writes a story in a group: it is screened, rendered safely and published."""

from __future__ import annotations

import pytest
from django.urls import reverse

from suar.community.models import Status, Story
from tests.community.factories import make_group

pytestmark = pytest.mark.django_db


def _post(client, group, **data):  # type: ignore[no-untyped-def]
    url = reverse("community:story_create", args=[group.organisation.slug, group.slug])
    form = {"title": "Seratus hari", "body": "Hari ini aku 100 hari pulih.", "visibility": "group",
            "token": "t-1", **data}  # fmt: skip
    return client.post(url, form)


def test_a_member_publishes_a_story_and_sees_it(member, organisation, login_as) -> None:  # type: ignore[no-untyped-def]
    group = make_group(organisation, members=(member,))
    response = _post(login_as(member), group)
    story = Story.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("community:story_detail", args=[story.pk])
    assert story.status == Status.PUBLISHED
    page = login_as(member).get(response["Location"])
    assert "Hari ini aku 100 hari pulih." in page.content.decode()


def test_markup_is_rendered_and_html_is_neutralised(member, organisation, login_as) -> None:  # type: ignore[no-untyped-def]
    group = make_group(organisation, members=(member,))
    body = (
        "**Kuat** dan *tenang*\n\n- satu\n- dua\n\n<script>alert(1)</script> "
        "[info](https://healing119.id) [x](javascript:alert(1))"
    )
    _post(login_as(member), group, body=body)
    html = (
        login_as(member)
        .get(reverse("community:story_detail", args=[Story.objects.get().pk]))
        .content.decode()
    )
    assert "<strong>Kuat</strong>" in html and "<em>tenang</em>" in html
    assert "<ul><li>satu</li><li>dua</li></ul>" in html
    assert "<script>alert(1)</script>" not in html
    assert '<a href="https://healing119.id" rel="nofollow noopener ugc">info</a>' in html
    assert 'href="javascript' not in html


def test_submitting_the_same_form_twice_makes_one_story(member, organisation, login_as) -> None:  # type: ignore[no-untyped-def]
    group = make_group(organisation, members=(member,))
    first = _post(login_as(member), group)
    second = _post(login_as(member), group)
    assert Story.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_a_non_member_cannot_post(make_user, organisation, login_as) -> None:  # type: ignore[no-untyped-def]
    outsider = make_user("budi")
    group = make_group(organisation)
    assert _post(login_as(outsider), group).status_code == 403
    assert not Story.objects.exists()


def test_oversized_text_gets_a_clear_message_and_keeps_the_text(
    member, organisation, login_as
) -> None:  # type: ignore[no-untyped-def]
    group = make_group(organisation, members=(member,))
    response = _post(login_as(member), group, body="kata " * 5000)
    assert response.status_code == 422
    assert "20.000" in response.content.decode() or "20,000" in response.content.decode()
    assert "kata kata kata" in response.content.decode()
    assert not Story.objects.exists()
