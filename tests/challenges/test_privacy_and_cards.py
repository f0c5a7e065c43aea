"""Privacy: an opt-in leaderboard only; milestone cards carry a name only when chosen."""

from __future__ import annotations

import io
from datetime import timedelta

from PIL import Image

from suar.challenges.models import Participant


def test_nobody_is_on_the_leaderboard_without_opting_in(  # type: ignore[no-untyped-def]
    client, member, make_user, make_challenge, record_days, today
) -> None:
    member.display_name = "Putri"
    member.save()
    challenge = make_challenge()
    record_days(challenge, member, [today])
    record_days(challenge, make_user("budi", display_name="Budi"), [today])
    page = client.get(f"/tantangan/{challenge.pk}/").content.decode()
    assert "Putri" not in page and "Budi" not in page


def test_the_leaderboard_shows_only_people_who_opted_in(  # type: ignore[no-untyped-def]
    client, member, make_user, make_challenge, record_days, today, login_as
) -> None:
    member.display_name = "Putri"
    member.save()
    challenge = make_challenge()
    record_days(challenge, member, [today - timedelta(days=1), today])
    record_days(challenge, make_user("budi", display_name="Budi"), [today])
    login_as(member).post(f"/tantangan/{challenge.pk}/papan-peringkat/", {"show": "1"})
    assert Participant.objects.get(user=member).on_leaderboard
    client.logout()
    client.cookies["suar_language"] = "en"  # logging out clears the client's cookies
    page = client.get(f"/tantangan/{challenge.pk}/").content.decode()
    assert "Putri: 2 days" in page
    assert "Budi" not in page


def test_a_reached_milestone_card_downloads_as_png_without_a_name(  # type: ignore[no-untyped-def]
    member, make_challenge, record_days, today, login_as
) -> None:
    challenge = make_challenge()
    record_days(challenge, member, [today - timedelta(days=n) for n in range(7)])
    client = login_as(member)
    page = client.get(f"/tantangan/{challenge.pk}/").content.decode()
    assert f"/tantangan/{challenge.pk}/kartu/7/" in page
    response = client.get(f"/tantangan/{challenge.pk}/kartu/7/")
    assert response["Content-Type"] == "image/png"
    assert "attachment" in response["Content-Disposition"]
    image = Image.open(io.BytesIO(response.content))
    assert image.size == (1080, 1080)
    with_name = client.get(f"/tantangan/{challenge.pk}/kartu/7/?nama=1")
    assert with_name.content != response.content  # the name was drawn only when asked


def test_an_unreached_milestone_has_no_card(
    member, make_challenge, record_days, today, login_as
) -> None:  # type: ignore[no-untyped-def]
    challenge = make_challenge()
    record_days(challenge, member, [today])
    assert login_as(member).get(f"/tantangan/{challenge.pk}/kartu/7/").status_code == 404


def test_someone_else_cannot_download_your_card(  # type: ignore[no-untyped-def]
    member, make_user, make_challenge, record_days, today, login_as
) -> None:
    challenge = make_challenge()
    record_days(challenge, member, [today - timedelta(days=n) for n in range(7)])
    other = login_as(make_user("budi"))
    assert other.get(f"/tantangan/{challenge.pk}/kartu/7/").status_code == 403


def test_the_challenge_page_runs_a_bounded_number_of_queries(  # type: ignore[no-untyped-def]
    member, make_challenge, record_days, today, login_as, django_assert_max_num_queries
) -> None:
    challenge = make_challenge()
    record_days(challenge, member, [today - timedelta(days=n) for n in range(15)])
    Participant.objects.filter(user=member).update(on_leaderboard=True)
    client = login_as(member)
    with django_assert_max_num_queries(14):
        assert client.get(f"/tantangan/{challenge.pk}/").status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get("/tantangan/").status_code == 200
