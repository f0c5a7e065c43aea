"""Cross-promotion short links: local targets only, public redirect."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from suar.community.models import Group
from suar.studio import services
from suar.studio.models import ShortLink

pytestmark = pytest.mark.django_db


def test_post_links_to_a_group_through_a_short_link(
    client, login_as, writer, make_post, organisation
) -> None:
    Group.objects.create(organisation=organisation, name="Teman Pulih", slug="teman-pulih")
    post = make_post()
    login_as(writer).post(
        f"/studio/pos/{post.pk}/tautan/", {"target": "/komunitas/g/pulih/teman-pulih/"}
    )
    link = ShortLink.objects.get()
    assert link.post == post
    client.logout()
    response = client.get(f"/studio/l/{link.code}/")
    assert response.status_code == 302
    assert response["Location"] == "/komunitas/g/pulih/teman-pulih/"


def test_short_link_to_another_site_is_refused(writer, make_post) -> None:
    with pytest.raises(ValidationError):
        services.create_short_link(actor=writer, post=make_post(), target="https://evil.example/")
    for target in ("//evil.example/", "/\\evil.example/", "javascript:alert(1)"):
        with pytest.raises(ValidationError):
            services.create_short_link(actor=writer, post=make_post(), target=target)


def test_unknown_code_is_not_found(client) -> None:
    assert client.get("/studio/l/nope/").status_code == 404
