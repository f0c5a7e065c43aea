"""Organisations define support programmes; a public form takes the least data; each
sign-up records the campaign, post or short link it came from."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client

from suar.accounts.models import Organisation
from suar.analytics import services
from suar.analytics.models import Programme, SignUp, TrackedLink
from suar.campaigns.models import Campaign
from suar.studio.models import Post
from tests.analytics.conftest import campaign_fields


@pytest.fixture
def programme(organiser, organisation) -> Programme:  # type: ignore[no-untyped-def]
    return services.create_programme(
        actor=organiser,
        organisation=organisation,
        kind=Programme.Kind.PEER_GROUP,
        title="Kelompok sebaya Kamis malam",
        capacity=2,
    )


def form(client: Client, url: str, **extra: str):  # type: ignore[no-untyped-def]
    page = client.get(url)
    token = page.context["form"].initial["token"]
    data = {
        "name": "Dewi",
        "contact_method": "whatsapp",
        "contact": "0812-1111-2222",
        "consent": "on",
    }
    data.update({k: v for k, v in page.context["form"].initial.items() if k != "token"})
    data["token"] = token
    data.update(extra)
    return client.post(url, data)


def test_a_programme_gets_a_public_sign_up_page(programme: Programme) -> None:
    assert programme.slug == "kelompok-sebaya-kamis-malam"
    page = Client().get("/dampak/daftar/pulih/kelompok-sebaya-kamis-malam/")
    assert page.status_code == 200
    fields = set(page.context["form"].fields)
    # The least data: a name or nickname and a contact the person chooses; no account.
    assert {f for f in fields if not page.context["form"].fields[f].widget.is_hidden} == {
        "name",
        "contact_method",
        "contact",
        "consent",
    }


def test_a_sign_up_through_a_short_link_records_the_link_post_campaign_and_platform(  # type: ignore[no-untyped-def]
    organiser, organisation, programme
) -> None:
    campaign = Campaign.objects.create(organisation=organisation, **campaign_fields())
    post = Post.objects.create(
        organisation=organisation, kind="announcement", title="Ajak ikut", text="Yuk"
    )
    link = services.create_tracked_link(
        actor=organiser,
        organisation=organisation,
        target="/dampak/daftar/pulih/kelompok-sebaya-kamis-malam/",
        post=post,
        campaign=campaign,
    )
    assert TrackedLink.objects.get(link=link).kind == TrackedLink.Kind.PROGRAMME
    client = Client()

    # Following the short link lands on the form with the link's code in the address.
    landed = client.get(f"/studio/l/{link.code}/?s=instagram", HTTP_USER_AGENT="Mozilla/5.0")
    assert (
        landed["Location"] == f"/dampak/daftar/pulih/kelompok-sebaya-kamis-malam/?via={link.code}"
    )
    done = form(client, landed["Location"] + "&s=instagram")

    assert "Thank you" in done.content.decode() or "Terima kasih" in done.content.decode()
    signup = SignUp.objects.get()
    assert (signup.link, signup.post, signup.campaign, signup.source_platform) == (
        link,
        post,
        campaign,
        "instagram",
    )
    assert (signup.name, signup.contact) == ("Dewi", "0812-1111-2222")


def test_name_and_contact_are_encrypted_at_rest(programme: Programme) -> None:
    services.sign_up(
        programme=programme, name="Dewi", contact="0812-1111-2222", contact_method="whatsapp"
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, contact FROM analytics_signup")
        name, contact = cursor.fetchone()
    assert "Dewi" not in name and "0812" not in contact
    assert repr(SignUp.objects.get()).startswith("<SignUp") and "Dewi" not in repr(
        SignUp.objects.get()
    )


def test_another_organisations_link_or_campaign_is_not_credited(programme: Programme) -> None:
    other = Organisation.objects.create(name="Lain", slug="lain")
    from suar.studio.models import ShortLink

    foreign = ShortLink.objects.create(organisation=other, code="foreign1", target="/")
    Campaign.objects.create(organisation=other, **campaign_fields(slug="kampanye-lain"))

    signup = services.sign_up(
        programme=programme,
        name="Raka",
        contact="raka@example.org",
        contact_method="email",
        via=foreign.code,
        campaign_slug="kampanye-lain",
    )
    assert signup.link is None and signup.campaign is None


def test_the_same_form_sent_twice_is_one_sign_up(programme: Programme) -> None:
    client = Client()
    url = "/dampak/daftar/pulih/kelompok-sebaya-kamis-malam/"
    page = client.get(url)
    data = {
        "name": "Dewi",
        "contact_method": "phone",
        "contact": "0812",
        "consent": "on",
        "token": page.context["form"].initial["token"],
    }
    client.post(url, data)
    client.post(url, data)
    assert SignUp.objects.count() == 1


def test_a_full_or_closed_programme_says_so_and_loses_nothing(
    organiser, programme: Programme
) -> None:  # type: ignore[no-untyped-def]
    for n in range(2):
        services.sign_up(programme=programme, name=f"P{n}", contact="x", contact_method="other")
    client = Client()
    client.cookies["suar_language"] = "en"
    page = form(client, "/dampak/daftar/pulih/kelompok-sebaya-kamis-malam/")
    assert "This programme is full" in page.content.decode()
    assert page.context["form"].data["name"] == "Dewi"  # what they typed is still there
    services.set_programme_open(actor=organiser, programme=programme, is_open=False)
    with pytest.raises(ValidationError):
        services.sign_up(programme=programme, name="Q", contact="x", contact_method="other")


def test_consent_is_needed_before_anyone_may_contact_them(programme: Programme) -> None:
    client = Client()
    client.cookies["suar_language"] = "en"
    page = form(client, "/dampak/daftar/pulih/kelompok-sebaya-kamis-malam/", consent="")
    assert "Tick this box" in page.content.decode()
    assert not SignUp.objects.exists()


def test_only_organisers_see_the_sign_ups_and_may_delete_one(  # type: ignore[no-untyped-def]
    login_as, organiser, member, moderator, programme
) -> None:
    services.sign_up(
        programme=programme, name="Dewi", contact="0812-1111-2222", contact_method="whatsapp"
    )
    url = "/dampak/pulih/program/kelompok-sebaya-kamis-malam/"
    assert login_as(member).get(url).status_code == 403
    assert login_as(moderator).get(url).status_code == 403
    page = login_as(organiser).get(url)
    assert "0812-1111-2222" in page.content.decode()

    signup = SignUp.objects.get()
    with pytest.raises(PermissionDenied):
        services.delete_signup(actor=member, signup=signup)
    login_as(organiser).post(url, {"action": "delete", "signup": signup.pk})
    assert not SignUp.objects.exists()


def test_creating_programmes_needs_the_capability(member, organisation) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied):
        services.create_programme(
            actor=member, organisation=organisation, kind="event", title="Nope"
        )
