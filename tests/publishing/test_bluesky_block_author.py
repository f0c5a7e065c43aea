"""Blocking the author of a harassing reply on Bluesky: an `app.bsky.graph.block` record in
the organisation's repo under a record key fixed by the blocked DID, so a repeat never makes
a second block; with an OAuth account the requests carry DPoP like every other call."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable

import pytest
import respx
from django.utils import timezone

from suar.publishing import oauth_dpop
from suar.publishing.adapters import ContentError, IncomingComment, adapter_for
from suar.publishing.adapters.bluesky import BLOCK_EPOCH_MICROS, tid_for
from suar.publishing.models import ConnectedAccount, Publication
from tests.publishing.bluesky_oauth_fakes import dpop_claims, s256

XRPC = "https://pds.test/xrpc"
OWN = "did:plc:abc123"
AUTHOR = "did:plc:orangjahatorangjahatoran"
CID = "bafyreie5737gdxlw5i64vzichcalba3z2v5n6icifvx5xytvske7mr3hpm"
REPLY_URI = f"at://{AUTHOR}/app.bsky.feed.post/3lreply"
RKEY = tid_for(f"block:{AUTHOR}", BLOCK_EPOCH_MICROS)


def _reply() -> IncomingComment:
    return IncomingComment(
        platform_comment_id=REPLY_URI,
        text="kata-kata kasar",
        created_at=timezone.now(),
        author_handle="orang.test",
        author_id=AUTHOR,
    )


def _published(
    make_publication: Callable[..., Publication], account: ConnectedAccount
) -> Publication:
    return make_publication(
        account,
        status=Publication.Status.PUBLISHED,
        platform_post_id=f"at://{OWN}/app.bsky.feed.post/3lpost",
    )


def _not_found() -> respx.MockResponse:
    return respx.MockResponse(
        400, json={"error": "RecordNotFound", "message": "Could not locate record"}
    )


def _block_record() -> respx.MockResponse:
    return respx.MockResponse(
        200,
        json={
            "uri": f"at://{OWN}/app.bsky.graph.block/{RKEY}",
            "cid": CID,
            "value": {
                "$type": "app.bsky.graph.block",
                "subject": AUTHOR,
                "createdAt": "2026-12-01T10:00:00.000Z",
            },
        },
    )


@respx.mock
def test_blocking_writes_a_block_record_keyed_by_the_author(
    make_account: Callable[..., ConnectedAccount], make_publication: Callable[..., Publication]
) -> None:
    account = make_account("bluesky")
    get = respx.get(f"{XRPC}/com.atproto.repo.getRecord").mock(side_effect=[_not_found()])
    create = respx.post(f"{XRPC}/com.atproto.repo.createRecord").respond(
        200, json={"uri": f"at://{OWN}/app.bsky.graph.block/{RKEY}", "cid": CID}
    )

    adapter_for(account).block_author(_published(make_publication, account), _reply())

    assert get.calls.last.request.url.params["collection"] == "app.bsky.graph.block"
    assert get.calls.last.request.url.params["rkey"] == RKEY
    body = json.loads(create.calls.last.request.content)
    assert body["repo"] == OWN and body["collection"] == "app.bsky.graph.block"
    assert body["rkey"] == RKEY
    assert body["record"]["$type"] == "app.bsky.graph.block"
    assert body["record"]["subject"] == AUTHOR and body["record"]["createdAt"].endswith("Z")


@respx.mock
def test_blocking_someone_already_blocked_is_a_success_without_a_second_record(
    make_account: Callable[..., ConnectedAccount], make_publication: Callable[..., Publication]
) -> None:
    account = make_account("bluesky")
    respx.get(f"{XRPC}/com.atproto.repo.getRecord").mock(side_effect=[_block_record()])
    create = respx.post(f"{XRPC}/com.atproto.repo.createRecord")

    # Only the reply's id (a comment stored before author ids were kept): the DID is in it.
    adapter_for(account).block_author(_published(make_publication, account), REPLY_URI)

    assert not create.called


@respx.mock
def test_a_block_made_meanwhile_by_another_attempt_counts_as_done(
    make_account: Callable[..., ConnectedAccount], make_publication: Callable[..., Publication]
) -> None:
    account = make_account("bluesky")
    get = respx.get(f"{XRPC}/com.atproto.repo.getRecord").mock(
        side_effect=[_not_found(), _block_record()]
    )
    create = respx.post(f"{XRPC}/com.atproto.repo.createRecord").respond(
        400, json={"error": "InvalidRequest", "message": "Record already exists"}
    )

    adapter_for(account).block_author(_published(make_publication, account), _reply())

    assert create.call_count == 1 and get.call_count == 2


def test_the_organisations_own_reply_is_not_blocked(
    make_account: Callable[..., ConnectedAccount], make_publication: Callable[..., Publication]
) -> None:
    account = make_account("bluesky")
    with pytest.raises(ContentError, match="organisation's own"):
        adapter_for(account).block_author(
            _published(make_publication, account), f"at://{OWN}/app.bsky.feed.post/3lmine"
        )


@respx.mock
def test_an_oauth_account_blocks_with_dpop(
    make_account: Callable[..., ConnectedAccount],
    make_publication: Callable[..., Publication],
    settings: pytest.FixtureRequest,
) -> None:
    settings.SITE_URL = "https://suar.example.org"  # type: ignore[attr-defined]
    oauth_dpop.NONCES.clear()
    key = oauth_dpop.new_key()
    account = make_account(
        "bluesky",
        access_token="at-1",
        refresh_token="rt-1",
        auth_method="oauth",
        dpop_private_key=oauth_dpop.private_jwk_json(key),
        access_expires_at=timezone.now() + dt.timedelta(minutes=30),
    )
    get = respx.get(f"{XRPC}/com.atproto.repo.getRecord").mock(side_effect=[_not_found()])
    create = respx.post(f"{XRPC}/com.atproto.repo.createRecord").respond(
        200, json={"uri": f"at://{OWN}/app.bsky.graph.block/{RKEY}", "cid": CID}
    )

    adapter_for(account).block_author(_published(make_publication, account), _reply())

    for route, method in ((get, "GET"), (create, "POST")):
        sent = route.calls.last.request
        assert sent.headers["Authorization"] == "DPoP at-1"
        header, claims = dpop_claims(sent)
        assert header["jwk"] == oauth_dpop.public_jwk(key)
        assert claims["htm"] == method and claims["ath"] == s256("at-1")
        assert "?" not in claims["htu"]  # the query is not part of htu


@respx.mock
def test_fetched_replies_carry_their_authors_did_for_blocking(
    make_account: Callable[..., ConnectedAccount], make_publication: Callable[..., Publication]
) -> None:
    account = make_account("bluesky")
    publication = _published(make_publication, account)

    def view(uri: str, did: str, handle: str) -> dict[str, object]:
        return {
            "uri": uri,
            "cid": CID,
            "author": {"did": did, "handle": handle},
            "record": {
                "$type": "app.bsky.feed.post",
                "text": "balasan",
                "createdAt": "2026-12-01T10:00:00.000Z",
            },
            "indexedAt": "2026-12-01T10:00:00.000Z",
        }

    respx.get(f"{XRPC}/app.bsky.feed.getPostThread").respond(
        200,
        json={
            "thread": {
                "$type": "app.bsky.feed.defs#threadViewPost",
                "post": view(publication.platform_post_id, OWN, "pulih.test"),
                "replies": [
                    {
                        "$type": "app.bsky.feed.defs#threadViewPost",
                        "post": view(REPLY_URI, AUTHOR, "orang.test"),
                        "replies": [],
                    }
                ],
            }
        },
    )

    [reply] = adapter_for(account).fetch_comments(publication)

    assert reply.author_id == AUTHOR and reply.platform_comment_id == REPLY_URI
