"""Who the reader is to the community, read in one round trip: the input of every visibility rule.

Every story list and story page needs the reader's groups, organisations, blocks, mutes and
unfollowed groups (a group page also the join requests still waiting). Read as separate ORM
queries (or as subqueries inside each list's query) they cost more than the page itself, so
they are fetched once, together, as plain ids.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import connection

from suar.accounts.models import Membership
from suar.accounts.permissions import AnyUser
from suar.community.controls.models import Block, GroupUnfollow, Mute
from suar.community.models import Group, JoinRequest


@dataclass(frozen=True)
class Audience:
    user_id: int | None = None
    group_ids: frozenset[int] = field(default_factory=frozenset)
    organisation_ids: frozenset[int] = field(default_factory=frozenset)
    # People I blocked and people who blocked me: neither sees the other's named posts.
    blocked_ids: frozenset[int] = field(default_factory=frozenset)
    muted_ids: frozenset[int] = field(default_factory=frozenset)
    unfollowed_group_ids: frozenset[int] = field(default_factory=frozenset)
    # Groups I asked to join and the organisers have not answered yet.
    pending_group_ids: frozenset[int] = field(default_factory=frozenset)

    @property
    def signed_in(self) -> bool:
        return self.user_id is not None


NOBODY = Audience()


def _sql() -> str:
    members = Group.members.through._meta.db_table
    return " UNION ALL ".join(
        [
            f"SELECT 'g', group_id FROM {members} WHERE user_id = %s",  # noqa: S608
            f"SELECT 'o', organisation_id FROM {Membership._meta.db_table} WHERE user_id = %s",  # noqa: S608
            f"SELECT 'b', blocked_id FROM {Block._meta.db_table} WHERE blocker_id = %s",  # noqa: S608
            f"SELECT 'b', blocker_id FROM {Block._meta.db_table} WHERE blocked_id = %s",  # noqa: S608
            f"SELECT 'm', muted_id FROM {Mute._meta.db_table} WHERE muter_id = %s",  # noqa: S608
            f"SELECT 'u', group_id FROM {GroupUnfollow._meta.db_table} WHERE user_id = %s",  # noqa: S608
            f"SELECT 'j', group_id FROM {JoinRequest._meta.db_table} "  # noqa: S608
            "WHERE user_id = %s AND state = %s",
        ]
    )


def audience_of(user: AnyUser) -> Audience:
    """The reader's ids, in one query. Table names come from the models, values are bound."""
    if not user.is_authenticated:
        return NOBODY
    ids: dict[str, set[int]] = {kind: set() for kind in "gobmuj"}
    with connection.cursor() as cursor:
        cursor.execute(_sql(), [*[user.pk] * 7, JoinRequest.State.PENDING.value])
        for kind, pk in cursor.fetchall():
            ids[kind].add(int(pk))
    return Audience(
        user_id=user.pk,
        group_ids=frozenset(ids["g"]),
        organisation_ids=frozenset(ids["o"]),
        blocked_ids=frozenset(ids["b"]),
        muted_ids=frozenset(ids["m"]),
        unfollowed_group_ids=frozenset(ids["u"]),
        pending_group_ids=frozenset(ids["j"]),
    )
