"""The API runs the same screening and checks as the pages."""

from __future__ import annotations

import pytest

from suar.community.models import Reply, Status, Story
from suar.moderation.models import QueueItem
from tests.community.factories import make_group, make_person, make_story

pytestmark = pytest.mark.django_db

URL = "/api/v1/community/stories"


@pytest.fixture
def api(client, organisation):  # type: ignore[no-untyped-def]
    putri = make_person(organisation, "putri")
    group = make_group(organisation, members=(putri,))
    client.force_login(putri, backend="django.contrib.auth.backends.ModelBackend")
    return client, group, putri


def _story(client, group, body, **extra):  # type: ignore[no-untyped-def]
    payload = {"group_id": group.pk, "title": "Cerita", "body": body, **extra}
    return client.post(URL, payload, content_type="application/json")


def test_crisis_through_the_api_is_saved_hidden_and_points_to_help(api) -> None:  # type: ignore[no-untyped-def]
    client, group, _putri = api
    response = _story(client, group, "I want to kill myself tonight")
    assert response.status_code == 201
    assert response.json()["status"] == "crisis_review"
    assert response.json()["help_url"] == "/komunitas/bantuan/"
    assert QueueItem.objects.get().is_crisis


def test_warning_signs_through_the_api_are_published_with_help(api) -> None:  # type: ignore[no-untyped-def]
    client, group, _putri = api
    response = _story(client, group, "i gave away my guitar and my books. won't need them")
    assert response.status_code == 201
    assert response.json()["status"] == "published"
    assert response.json()["help_url"] == "/komunitas/bantuan/"
    assert "help is available" in response.json()["message"]


def test_a_plain_story_through_the_api_points_nowhere(api) -> None:  # type: ignore[no-untyped-def]
    client, group, _putri = api
    response = _story(client, group, "Hari ini aku jalan pagi sama anjingku.")
    assert response.json()["message"] == "Published." and response.json()["help_url"] == ""


def test_triggering_detail_through_the_api_asks_for_a_warning(api) -> None:  # type: ignore[no-untyped-def]
    client, group, _putri = api
    body = "Dulu aku sering pakai sabu, satu gram sehari, dicampur pil koplo 10 butir."
    response = _story(client, group, body)
    assert response.status_code == 422
    assert response.json()["status"] == "content_warning_required"
    assert response.json()["suggested_content_warning"]
    assert not Story.objects.exists()
    assert _story(client, group, body, content_warning="Zat").status_code == 201


def test_the_same_token_twice_makes_one_story(api) -> None:  # type: ignore[no-untyped-def]
    client, group, _putri = api
    first = _story(client, group, "Halo semua.", token="abc")
    second = _story(client, group, "Halo semua.", token="abc")
    assert first.json()["id"] == second.json()["id"] and Story.objects.count() == 1


def test_html_in_the_api_is_stored_as_text_and_rendered_harmless(api) -> None:  # type: ignore[no-untyped-def]
    client, group, _putri = api
    story_id = _story(client, group, "<img src=x onerror=alert(1)> halo").json()["id"]
    page = client.get(f"/komunitas/cerita/{story_id}/").content.decode()
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page


def test_replying_to_a_deleted_story_through_the_api_is_a_clear_422(api, organisation) -> None:  # type: ignore[no-untyped-def]
    client, group, putri = api
    story = make_story(group, putri, status=Status.DELETED)
    response = client.post(
        f"{URL}/{story.pk}/replies", {"body": "Peluk"}, content_type="application/json"
    )
    assert response.status_code == 422 and response.json()["detail"]
    assert not Reply.objects.exists()
