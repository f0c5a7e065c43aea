"""The feed, a group page and a story page run a bounded number of queries."""

from __future__ import annotations

import pytest

from suar.community.models import Story
from tests.community.factories import make_group, make_person, make_reply, make_story

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(organisation):  # type: ignore[no-untyped-def]
    return make_person(organisation, "reader")


def _fill(organisation, reader, count: int) -> Story:  # type: ignore[no-untyped-def]
    group = make_group(organisation, members=(reader,))
    story = None
    for n in range(count):
        author = make_person(organisation, f"a{n}")
        group.members.add(author)
        story = make_story(group, author, title=f"Cerita {n}", anonymous=n % 2 == 0,
                           pseudonym="Rusa Tenang" if n % 2 == 0 else "")  # fmt: skip
        make_reply(story, reader)
        make_reply(story, author, body="Terima kasih")
    assert story is not None
    return story


@pytest.mark.parametrize("count", [1, 25])
def test_feed_group_and_story_pages_are_bounded(
    client, organisation, reader, count, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    story = _fill(organisation, reader, count)
    client.force_login(reader, backend="django.contrib.auth.backends.ModelBackend")
    # Session, user, roles, the reader's audience (one query), controls, the menu's unread
    # count, then the page's own reads: the same number for 1 story or 25.
    for url, limit in [
        ("/komunitas/beranda/", 8),
        ("/komunitas/g/pulih/pulih-bersama/", 12),
        (f"/komunitas/cerita/{story.pk}/", 11),
        ("/komunitas/cari/?q=Cerita", 8),
        ("/komunitas/notifikasi/", 8),
        (f"/api/v1/community/stories/{story.pk}", 6),
        ("/api/v1/community/feed", 5),
    ]:
        with django_assert_max_num_queries(limit):
            assert client.get(url).status_code == 200
