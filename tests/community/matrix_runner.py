"""Running a role-by-page table against the matrix world: reads, then rolled-back writes."""

from __future__ import annotations

from django.db import transaction

from tests.community.matrix import World, assert_nothing_leaks, expected

Read = tuple[str, str, dict[str, int]]
Write = tuple[str, str, str, dict[str, object] | None, bool, dict[str, int]]


def _fill(value: object, ids: dict[str, object]) -> object:
    if isinstance(value, list):
        return [_fill(item, ids) for item in value]
    if isinstance(value, str) and value.startswith("{") and value.endswith("}"):
        return ids[value[1:-1]]
    return value


def run_reads(world: World, role: str, reads: list[Read]) -> None:
    client, ids = world.clients[role], world.ids()
    for _name, template, table in reads:
        url = template.format(**ids)
        response = client.get(url)
        assert response.status_code == expected(table, role), (url, role)
        body = b"".join(response) if response.streaming else response.content  # type: ignore[attr-defined]
        assert_nothing_leaks(body.decode(errors="replace"), role, url)


def run_writes(world: World, role: str, writes: list[Write]) -> None:
    ids = {**world.ids(), "organisation": world.organisation.pk, "expert": world.expert.pk}
    client = world.clients[role]
    for _name, method, template, body, as_json, table in writes:
        url = template.format(**ids)
        data = {k: _fill(v, ids) for k, v in (body or {}).items()}
        # Each write is rolled back, so one never changes what the next one finds.
        with transaction.atomic():
            if as_json:
                response = getattr(client, method)(url, data, content_type="application/json")
            else:
                response = getattr(client, method)(url, data)
            transaction.set_rollback(True)
        # A flash message ("You blocked Rina Wijaya") belongs to the write that made it.
        client.cookies.pop("messages", None)
        assert response.status_code == expected(table, role), (url, role, response.content[:300])
        assert_nothing_leaks(response.content.decode(errors="replace"), role, url)
