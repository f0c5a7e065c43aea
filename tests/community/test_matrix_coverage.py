"""The role-by-page matrices cover every page and every API endpoint of the community, Q&A,
challenges and polls apps: a new URL without a row in a matrix fails here."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, get_resolver

from suar.api import api
from tests.challenges import test_role_matrix as challenges
from tests.community import test_role_matrix as community
from tests.polls import test_role_matrix as polls
from tests.qa import test_role_matrix as qa

APPS = ("community", "qa", "challenges", "polls")
MATRICES = (community, qa, challenges, polls)


def _covered() -> set[tuple[str, str]]:
    rows: set[tuple[str, str]] = set()
    for matrix in MATRICES:
        rows |= {("get", name) for name, _url, _table in matrix.READS}
        rows |= {(method, name) for name, method, *_rest in matrix.WRITES}
    return rows


def _page_names(patterns: list[URLPattern | URLResolver], namespace: str = "") -> set[str]:
    names: set[str] = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            names |= _page_names(pattern.url_patterns, pattern.namespace or namespace)
        elif namespace in APPS and pattern.name:
            names.add(f"{namespace}:{pattern.name}")
    return names


def test_every_page_of_these_apps_is_in_a_matrix() -> None:
    covered = {name for _method, name in _covered()}
    missing = sorted(_page_names(get_resolver().url_patterns) - covered)
    assert not missing, f"pages without a row in a role matrix: {missing}"


def test_every_api_endpoint_of_these_apps_is_in_a_matrix() -> None:
    covered = _covered()
    missing = []
    for path, operations in api.get_openapi_schema()["paths"].items():
        route = path.removeprefix("/api/v1/")
        if route.split("/")[0] not in APPS:
            continue
        for method in operations:
            if (method, f"api:{route}") not in covered:
                missing.append(f"{method.upper()} {path}")
    assert not missing, f"API endpoints without a row in a role matrix: {missing}"
