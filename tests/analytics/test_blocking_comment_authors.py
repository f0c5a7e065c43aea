"""The author of a harassing comment is blocked on the platform only after a person confirms,
where the platform allows it; the outcome (blocked, or the platform's refusal) is stored and
shown; asking twice blocks once."""

from __future__ import annotations

import datetime as dt

import pytest
import respx
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.utils import timezone

from suar.accounts.models import Organisation, User
from suar.accounts.roles import Role
from suar.analytics.comment_blocking import CLAIM_EXPIRES, block_author_on_platform
from suar.analytics.models import PlatformComment, SyncState
from suar.analytics.sync import sync_account
from suar.moderation.models import AuditEntry
from suar.publishing.adapters import AuthError
from suar.publishing.models import ConnectedAccount
from tests.analytics.conftest import CannotBlockAdapter, FakeAdapter, Script, comment

Block = PlatformComment.BlockState


@pytest.fixture
def toxic(make_account, publish, script: Script) -> ConnectedAccount:  # type: ignore[no-untyped-def]
    """One account with two harassing comments by one person (t1, t2), one by another (t3)
    and a supportive one."""
    account = make_account()
    publication = publish(account)
    script.comments[publication.platform_post_id] = [
        comment("t1", "lo tolol banget, sampah", author_id="troll-8"),
        comment("t2", "goblok lo, tolol", author_id="troll-8"),
        comment("t3", "dasar tolol, sampah lo", author_id="other-9"),
        comment("s1", "Makasih udah berbagi, semangat!"),
    ]
    sync_account(account, adapter=FakeAdapter(account, script))
    return account


def stored(cid: str) -> PlatformComment:
    return PlatformComment.objects.select_related("post__publication", "post__account").get(
        platform_comment_id=cid
    )


def english_client(client: Client) -> Client:
    client.cookies["suar_language"] = "en"
    return client


def test_blocking_is_offered_for_harassment_and_nothing_happens_until_a_person_confirms(
    toxic: ConnectedAccount, script: Script
) -> None:
    first = stored("t1")
    assert first.author_id == "troll-8"
    assert first.block_state == Block.OFFERED
    assert stored("s1").block_state == Block.NONE  # support is not something to block
    assert script.blocked == []


def test_a_moderator_blocks_the_author_and_the_outcome_is_audited(
    toxic: ConnectedAccount, script: Script, moderator: User
) -> None:
    result = block_author_on_platform(
        actor=moderator, comment=stored("t1"), adapter=FakeAdapter(toxic, script)
    )

    assert script.blocked == ["troll-8"]
    assert result.block_state == Block.BLOCKED
    assert result.block_decided_by == moderator and result.block_decided_at is not None
    entry = AuditEntry.objects.get(action="comment.block.blocked")
    assert entry.actor == moderator and entry.target == f"analytics.platformcomment:{result.pk}"
    # The same person's other comment shows them blocked; someone else's is still offered.
    assert stored("t2").block_state == Block.BLOCKED
    assert stored("t3").block_state == Block.OFFERED
    # Hiding is a separate decision: the comment itself is still waiting for one.
    assert result.platform_state == PlatformComment.PlatformState.SUGGESTED


def test_asking_twice_blocks_once(toxic: ConnectedAccount, script: Script, moderator: User) -> None:
    adapter = FakeAdapter(toxic, script)
    block_author_on_platform(actor=moderator, comment=stored("t1"), adapter=adapter)

    again = block_author_on_platform(actor=moderator, comment=stored("t1"), adapter=adapter)
    through_other = block_author_on_platform(actor=moderator, comment=stored("t2"), adapter=adapter)

    assert script.blocked == ["troll-8"]
    assert again.block_state == through_other.block_state == Block.BLOCKED
    assert AuditEntry.objects.filter(action__startswith="comment.block.").count() == 1


def test_a_block_in_progress_is_not_sent_again_until_its_claim_runs_out(
    toxic: ConnectedAccount, script: Script, moderator: User
) -> None:
    """A second submit while the first is still talking to the platform sends nothing; a
    request that died mid-way leaves a claim that may be taken again later."""
    adapter = FakeAdapter(toxic, script)
    now = timezone.now()
    PlatformComment.objects.filter(platform_comment_id="t1").update(
        block_state=Block.BLOCKING, block_decided_at=now
    )

    waiting = block_author_on_platform(actor=moderator, comment=stored("t1"), adapter=adapter)
    assert waiting.block_state == Block.BLOCKING and script.blocked == []

    PlatformComment.objects.filter(platform_comment_id="t1").update(
        block_decided_at=now - CLAIM_EXPIRES - dt.timedelta(seconds=1)
    )
    retried = block_author_on_platform(actor=moderator, comment=stored("t1"), adapter=adapter)
    assert retried.block_state == Block.BLOCKED and script.blocked == ["troll-8"]


def test_people_without_the_moderation_capability_cannot_block(
    toxic: ConnectedAccount, script: Script, member: User, make_user
) -> None:  # type: ignore[no-untyped-def]
    peer = make_user("peer", role=Role.PEER_SUPPORTER)
    for person in (member, peer):
        with pytest.raises(PermissionDenied):
            block_author_on_platform(
                actor=person, comment=stored("t1"), adapter=FakeAdapter(toxic, script)
            )
    assert script.blocked == [] and stored("t1").block_state == Block.OFFERED


def test_a_moderator_of_another_organisation_cannot_block(
    toxic: ConnectedAccount, script: Script
) -> None:
    elsewhere = Organisation.objects.create(name="Lain", slug="lain")
    outsider = User.objects.create_user("luar", password="x-unused-123")
    from suar.accounts.models import Membership

    Membership.objects.create(user=outsider, organisation=elsewhere, role=Role.MODERATOR)

    with pytest.raises(PermissionDenied):
        block_author_on_platform(
            actor=outsider, comment=stored("t1"), adapter=FakeAdapter(toxic, script)
        )
    assert script.blocked == []


def test_a_platform_refusal_is_remembered_and_said_on_the_accounts_other_comments(
    toxic: ConnectedAccount, script: Script, moderator: User
) -> None:
    script.block_supported = False

    refused = block_author_on_platform(
        actor=moderator, comment=stored("t1"), adapter=FakeAdapter(toxic, script)
    )

    assert refused.block_state == Block.NOT_SUPPORTED
    assert "cannot block people" in refused.block_message
    assert stored("t3").block_state == Block.NOT_SUPPORTED
    assert "cannot block people" in stored("t3").block_message
    assert SyncState.objects.get(account=toxic).block_supported is False
    assert AuditEntry.objects.filter(action="comment.block.not_supported").count() == 1

    # New harassment on that account is not offered for blocking any more.
    publication = toxic.publications.get()
    script.comments[publication.platform_post_id].append(
        comment("t4", "tolol lo, sampah", minutes_ago=1, author_id="new-3")
    )
    sync_account(toxic, adapter=FakeAdapter(toxic, script), force=True)
    assert stored("t4").block_state == Block.NOT_SUPPORTED


def test_a_failed_block_says_why_and_can_be_tried_again(
    toxic: ConnectedAccount, script: Script, moderator: User
) -> None:
    script.block_error = AuthError("HTTP 401: The access token was revoked")
    adapter = FakeAdapter(toxic, script)

    failed = block_author_on_platform(actor=moderator, comment=stored("t1"), adapter=adapter)

    assert failed.block_state == Block.FAILED
    assert (
        failed.block_message
        == "access to the account was refused: HTTP 401: The access token was revoked"
    )
    assert stored("t2").block_state == Block.OFFERED  # nothing was learnt about the others

    script.block_error = None
    retried = block_author_on_platform(actor=moderator, comment=stored("t1"), adapter=adapter)
    assert retried.block_state == Block.BLOCKED and script.blocked == ["troll-8"]


def test_a_platform_without_blocking_says_why_before_anyone_tries(
    make_account, publish, script: Script, moderator: User, login_as
) -> None:  # type: ignore[no-untyped-def]
    account = make_account("instagram")
    publication = publish(account)
    script.comments[publication.platform_post_id] = [comment("i1", "goblok lo, tolol")]
    sync_account(account, adapter=CannotBlockAdapter(account, script))

    stays = stored("i1")
    assert stays.block_state == Block.NOT_SUPPORTED
    assert stays.block_message.startswith("Instagram's API has no way to block")
    page = english_client(login_as(moderator)).get("/dampak/pulih/komentar/").content.decode()
    assert 'data-testid="block-author"' not in page
    assert "The platform does not allow blocking" in page
    assert "Instagram&#x27;s API has no way to block" in page

    # Asking anyway (a forged or stale form) sends nothing and changes nothing.
    result = block_author_on_platform(
        actor=moderator, comment=stays, adapter=CannotBlockAdapter(account, script)
    )
    assert result.block_state == Block.NOT_SUPPORTED and script.blocked == []


def test_comments_stored_before_blocking_existed_are_offered_and_blocked_by_comment_id(
    toxic: ConnectedAccount, script: Script, moderator: User
) -> None:
    PlatformComment.objects.filter(platform_comment_id="t3").update(
        block_state=Block.NONE, author_id=""
    )

    sync_account(toxic, adapter=FakeAdapter(toxic, script), force=True)
    old = stored("t3")
    assert old.block_state == Block.OFFERED

    block_author_on_platform(actor=moderator, comment=old, adapter=FakeAdapter(toxic, script))
    assert script.blocked == ["t3"]  # the adapter was given the comment to find its author


def test_an_imported_post_has_no_platform_to_block_on(
    organisation: Organisation, moderator: User
) -> None:
    from suar.analytics.models import TrackedPost

    post = TrackedPost.objects.create(
        organisation=organisation, platform="facebook", platform_post_id="imp-1", label="Impor"
    )
    imported = PlatformComment.objects.create(
        organisation=organisation,
        post=post,
        platform_comment_id="c1",
        text="goblok lo, tolol",
        written_at=timezone.now(),
        verdict=PlatformComment.Verdict.TOXIC,
        block_state=Block.OFFERED,
    )

    result = block_author_on_platform(actor=moderator, comment=imported)

    assert result.block_state == Block.NOT_SUPPORTED
    assert "imported from a file" in result.block_message


# --- The pages ------------------------------------------------------------------------------


def test_the_comments_page_offers_blocking_and_a_person_confirms_it(
    toxic: ConnectedAccount, script: Script, moderator: User, login_as, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(
        "suar.analytics.comment_blocking.adapter_for",
        lambda account: FakeAdapter(account, script),
    )
    client = english_client(login_as(moderator))
    target = stored("t1")

    page = client.get("/dampak/pulih/komentar/").content.decode()
    assert page.count('data-testid="block-author"') == 3  # t1, t2, t3
    confirm_url = f"/dampak/pulih/komentar/{target.pk}/blokir/"
    assert f'href="{confirm_url}"' in page

    confirm = client.get(confirm_url).content.decode()
    assert "Block @someonet1 from @pulih1 on Mastodon?" in confirm
    assert "lo tolol banget" in confirm
    assert script.blocked == []

    # A POST without the confirmation goes back to the question and blocks nobody.
    unconfirmed = client.post(confirm_url)
    assert unconfirmed.status_code == 302 and unconfirmed["Location"] == confirm_url
    assert script.blocked == []

    done = client.post(confirm_url, {"confirm": "yes"}, follow=True).content.decode()
    assert "@someonet1 is blocked on Mastodon." in done
    assert script.blocked == ["troll-8"]
    assert done.count("Author blocked on the platform") == 2  # t1 and t2: the same person
    assert done.count('data-testid="block-author"') == 1  # only t3's author is left

    twice = client.post(confirm_url, {"confirm": "yes"}, follow=True).content.decode()
    assert "@someonet1 was already blocked." in twice
    assert script.blocked == ["troll-8"]
    # Once blocked, the confirmation page is not offered again.
    assert client.get(confirm_url)["Location"] == "/dampak/pulih/komentar/"


def test_the_page_shows_a_refusal_and_keeps_the_reason(
    toxic: ConnectedAccount, script: Script, moderator: User, login_as, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    script.block_supported = False
    monkeypatch.setattr(
        "suar.analytics.comment_blocking.adapter_for",
        lambda account: FakeAdapter(account, script),
    )
    client = english_client(login_as(moderator))
    target = stored("t1")

    done = client.post(
        f"/dampak/pulih/komentar/{target.pk}/blokir/", {"confirm": "yes"}, follow=True
    ).content.decode()

    assert "Not blocked: this platform cannot block people for this account." in done
    assert done.count("The platform does not allow blocking") == 3
    assert 'data-testid="block-author"' not in done


def test_members_and_peers_cannot_open_or_use_the_block_page(
    toxic: ConnectedAccount, script: Script, member: User, make_user, login_as, client
) -> None:  # type: ignore[no-untyped-def]
    target = stored("t1")
    url = f"/dampak/pulih/komentar/{target.pk}/blokir/"
    for person in (member, make_user("peer", role=Role.PEER_SUPPORTER)):
        login_as(person)
        assert client.get(url).status_code == 403
        assert client.post(url, {"confirm": "yes"}).status_code == 403
    client.logout()
    assert client.get(url).status_code == 302  # to the log-in page
    assert script.blocked == [] and stored("t1").block_state == Block.OFFERED


def test_a_comment_of_another_organisation_is_not_found(
    toxic: ConnectedAccount, moderator: User, login_as
) -> None:  # type: ignore[no-untyped-def]
    elsewhere = Organisation.objects.create(name="Lain", slug="lain")
    from suar.accounts.models import Membership

    Membership.objects.create(user=moderator, organisation=elsewhere, role=Role.MODERATOR)
    target = stored("t1")

    response = login_as(moderator).post(
        f"/dampak/lain/komentar/{target.pk}/blokir/", {"confirm": "yes"}
    )

    assert response.status_code == 404
    assert stored("t1").block_state == Block.OFFERED


def test_the_comments_page_runs_a_bounded_number_of_queries(
    toxic: ConnectedAccount, moderator: User, login_as, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    client = login_as(moderator)
    with django_assert_max_num_queries(12):
        assert client.get("/dampak/pulih/komentar/").status_code == 200


@respx.mock
def test_blocking_through_the_real_mastodon_adapter(  # type: ignore[no-untyped-def]
    make_account, publish, moderator: User, login_as
) -> None:
    account = make_account("mastodon", base_url="https://mastodon.test", platform_account_id="109")
    publication = publish(account)
    pid = publication.platform_post_id
    respx.get(f"https://mastodon.test/api/v1/statuses/{pid}").respond(
        200, json={"id": pid, "favourites_count": 1, "reblogs_count": 0, "replies_count": 1}
    )
    respx.get(f"https://mastodon.test/api/v1/statuses/{pid}/context").respond(
        200,
        json={
            "ancestors": [],
            "descendants": [
                {
                    "id": "301",
                    "created_at": "2026-05-01T10:01:00Z",
                    "content": "<p>goblok lo, tolol banget</p>",
                    "url": "https://mastodon.test/@troll/301",
                    "account": {"id": "8", "acct": "troll@elsewhere.test"},
                }
            ],
        },
    )
    block = respx.post("https://mastodon.test/api/v1/accounts/8/block").respond(
        200, json={"id": "8", "blocking": True, "following": False, "followed_by": False}
    )
    sync_account(account)
    target = stored("301")
    assert (target.author_id, target.block_state) == ("8", Block.OFFERED)

    english_client(login_as(moderator)).post(
        f"/dampak/pulih/komentar/{target.pk}/blokir/", {"confirm": "yes"}
    )

    assert block.call_count == 1
    assert stored("301").block_state == Block.BLOCKED
