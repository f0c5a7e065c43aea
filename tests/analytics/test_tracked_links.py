"""Short links to groups, Q&A sessions, challenges and programmes, and to the organisation's
own website with UTM parameters (and to no other site)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from suar.accounts.roles import Role
from suar.analytics import services
from suar.analytics.models import TrackedLink
from suar.analytics.period import parse_period
from suar.analytics.traffic import click_figures
from suar.studio.timezones import studio_zone
from tests.community.factories import make_group


@pytest.fixture
def website(make_user, organisation):  # type: ignore[no-untyped-def]
    admin = make_user("admin", role=Role.ADMIN)
    services.set_website(actor=admin, organisation=organisation, website="https://pulih.or.id")
    return admin


def test_a_link_to_the_website_carries_utm_parameters_and_redirects_there(  # type: ignore[no-untyped-def]
    website, organiser, organisation
) -> None:
    link = services.create_site_link(
        actor=organiser,
        organisation=organisation,
        url="https://pulih.or.id/donasi?ref=home",
        source="instagram",
        campaign_name="suar-harapan",
        content="post-12",
    )

    query = parse_qs(urlsplit(link.target).query)
    assert query == {
        "ref": ["home"],
        "utm_source": ["instagram"],
        "utm_medium": ["social"],
        "utm_campaign": ["suar-harapan"],
        "utm_content": ["post-12"],
    }
    response = Client().get(f"/studio/l/{link.code}/?s=instagram", HTTP_USER_AGENT="Mozilla/5.0")
    assert response.status_code == 302 and response["Location"] == link.target
    figures = click_figures(organisation, parse_period("", "", studio_zone()))
    assert figures.visitors == 1 and figures.links[0].kind == TrackedLink.Kind.SITE


@pytest.mark.parametrize(
    "url",
    [
        "https://evil.example/donasi",
        "https://pulih.or.id.evil.example/",
        "javascript:alert(1)",
        "ftp://pulih.or.id/",
    ],
)
def test_no_link_leads_to_another_site(website, organiser, organisation, url: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError):
        services.create_site_link(
            actor=organiser, organisation=organisation, url=url, source="x", campaign_name="c"
        )


def test_without_a_website_there_are_no_site_links(organiser, organisation) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError, match="website first"):
        services.create_site_link(
            actor=organiser,
            organisation=organisation,
            url="https://pulih.or.id/",
            source="x",
            campaign_name="",
        )


def test_only_admins_set_the_website(organiser, organisation) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied):
        services.set_website(
            actor=organiser, organisation=organisation, website="https://evil.example"
        )


def test_the_links_page_makes_a_link_to_a_group(login_as, organiser, organisation) -> None:  # type: ignore[no-untyped-def]
    group = make_group(organisation, "pulih-bareng")
    client = login_as(organiser)
    choices = dict(
        client.get("/dampak/pulih/tautan/").context["link_form"].fields["target"].choices
    )
    target = next(path for path in choices if group.slug in path)

    client.post("/dampak/pulih/tautan/", {"target": target, "label": "Ajak gabung"})

    tracked = TrackedLink.objects.select_related("link").get()
    assert tracked.kind == TrackedLink.Kind.GROUP and tracked.link.target == target
    assert tracked.link.label == "Ajak gabung"


def test_a_made_up_target_is_refused(organiser, organisation) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError):
        services.create_tracked_link(
            actor=organiser, organisation=organisation, target="//evil.example/"
        )
