"""Bad input stopped before scheduling, with a message that says what to do: a deleted or
finished campaign, a short link that leads nowhere, media a platform cannot take, and a
Mastodon server's own length limit."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from suar.campaigns.models import Campaign
from suar.community.models import Group
from suar.publishing.models import ConnectedAccount, Publication
from suar.studio import services
from suar.studio.models import Post

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(organisation) -> Campaign:  # type: ignore[no-untyped-def]
    return Campaign.objects.create(
        organisation=organisation,
        name="Hari Bicara",
        slug="hari-bicara",
        hashtags=["HariBicara"],
        starts_at=timezone.now(),
        ends_at=timezone.now() + dt.timedelta(days=7),
    )


def approved(post: Post, writer) -> Post:  # type: ignore[no-untyped-def]
    services.submit_for_review(actor=writer, post=post)
    services.approve_post(actor=writer, post=post)
    return post


def test_a_post_of_a_deleted_campaign_is_refused_naming_the_campaign(
    organisation, writer, campaign, export_account, later
) -> None:
    post = services.create_post(
        actor=writer,
        organisation=organisation,
        kind="tip",
        title="Hari Bicara",
        text="Yuk ngobrol. #HariBicara",
        campaign=campaign,
    )
    approved(post, writer)
    campaign.delete()
    post.refresh_from_db()

    with pytest.raises(ValidationError) as caught:
        services.schedule_post(
            actor=writer, post=post, scheduled_at=later, accounts=[export_account]
        )

    assert "“Hari Bicara” this post belongs to has been deleted" in caught.value.messages[0]
    assert not Publication.objects.exists()
    # Taking it out of the campaign keeps the approval (the words did not change) and works.
    services.update_post(
        actor=writer, post=post, title=post.title, text=post.text, kind=post.kind, campaign=None
    )
    services.schedule_post(actor=writer, post=post, scheduled_at=later, accounts=[export_account])
    assert Publication.objects.count() == 1


def test_a_time_after_the_campaign_ends_is_refused(
    organisation, writer, campaign, export_account
) -> None:
    post = services.create_post(
        actor=writer,
        organisation=organisation,
        kind="tip",
        title="t",
        text="Halo",
        campaign=campaign,
    )
    approved(post, writer)
    too_late = campaign.ends_at + dt.timedelta(hours=1)

    with pytest.raises(ValidationError, match="ends on"):
        services.schedule_post(
            actor=writer, post=post, scheduled_at=too_late, accounts=[export_account]
        )


def test_the_post_page_says_its_campaign_was_deleted(
    login_as, organisation, writer, campaign
) -> None:
    post = services.create_post(
        actor=writer,
        organisation=organisation,
        kind="tip",
        title="t",
        text="Halo",
        campaign=campaign,
    )
    campaign.delete()
    client = login_as(writer)
    client.cookies["suar_language"] = "en"

    page = client.get(f"/studio/pos/{post.pk}/").content.decode()

    assert 'id="campaign-deleted"' in page and "Hari Bicara" in page


def test_the_compose_form_files_the_post_under_a_campaign(
    login_as, organisation, writer, campaign
) -> None:
    login_as(writer).post(
        "/studio/baru/",
        {
            "organisation": organisation.pk,
            "kind": "tip",
            "title": "Ajak bicara",
            "text": "Ayo bicara hari ini.",
            "campaign": campaign.pk,
        },
    )
    post = Post.objects.get()
    assert post.campaign == campaign and post.campaign_name == "Hari Bicara"


def test_a_short_link_whose_group_was_deleted_is_refused(
    organisation, writer, make_post, export_account, later
) -> None:
    group = Group.objects.create(organisation=organisation, name="Teman Pulih", slug="teman")
    post = make_post()
    link = services.create_short_link(
        actor=writer, post=post, target=f"/komunitas/g/{organisation.slug}/teman/"
    )
    services.update_post(
        actor=writer,
        post=post,
        title=post.title,
        text=f"{post.text} Gabung: https://suar.example/studio/l/{link.code}/",
        kind=post.kind,
    )
    approved(post, writer)
    group.delete()

    with pytest.raises(ValidationError) as caught:
        services.schedule_post(
            actor=writer, post=post, scheduled_at=later, accounts=[export_account]
        )

    assert f"/l/{link.code}/ leads to a page that no longer exists" in caught.value.messages[0]


def test_a_short_link_must_lead_to_a_group_session_or_challenge(writer, make_post) -> None:
    with pytest.raises(ValidationError, match="group, Q&A session or challenge"):
        services.create_short_link(actor=writer, post=make_post(), target="/akun/keluar/")


def test_an_image_instagram_cannot_take_is_refused_with_its_size(
    organisation, writer, make_post, later
) -> None:
    instagram = ConnectedAccount.objects.create(
        organisation=organisation, platform="instagram", handle="@pulih", platform_account_id="17"
    )
    post = make_post()
    buffer = io.BytesIO()
    Image.new("RGB", (1080, 1920), "white").save(buffer, format="JPEG")  # 9:16, a story shape
    services.add_media(
        actor=writer,
        post=post,
        upload=SimpleUploadedFile("tall.jpg", buffer.getvalue(), "image/jpeg"),
        alt_text="Latar putih",
    )
    post.refresh_from_db()
    approved(post, writer)

    with pytest.raises(ValidationError) as caught:
        services.schedule_post(actor=writer, post=post, scheduled_at=later, accounts=[instagram])

    assert "Image 1 is 1080x1920 px: Instagram accepts images from 4:5" in caught.value.messages[0]


def test_a_mastodon_server_that_allows_more_characters_is_respected(
    organisation, writer, make_post, later
) -> None:
    roomy = ConnectedAccount.objects.create(
        organisation=organisation,
        platform="mastodon",
        handle="@pulih@roomy.social",
        platform_account_id="9",
        base_url="https://roomy.social",
        max_chars=5000,
    )
    post = approved(make_post("Cerita panjang. " * 60), writer)  # 960 characters

    services.schedule_post(actor=writer, post=post, scheduled_at=later, accounts=[roomy])

    assert Publication.objects.get().account == roomy


def test_scheduled_short_links_say_which_platform_a_click_comes_from(
    organisation, writer, make_post, export_account, later
) -> None:
    Group.objects.create(organisation=organisation, name="Teman Pulih", slug="teman")
    post = make_post()
    link = services.create_short_link(
        actor=writer, post=post, target=f"/komunitas/g/{organisation.slug}/teman/"
    )
    services.update_post(
        actor=writer,
        post=post,
        title=post.title,
        text=f"{post.text} Gabung: https://suar.example/studio/l/{link.code}/ ya",
        kind=post.kind,
    )
    approved(post, writer)

    (delivery,) = services.schedule_post(
        actor=writer, post=post, scheduled_at=later, accounts=[export_account]
    )

    sent = delivery.publication.text
    assert f"https://suar.example/studio/l/{link.code}/?s=export ya" in sent
    assert post.variants.get(platform="export").text.count("?s=") == 0
