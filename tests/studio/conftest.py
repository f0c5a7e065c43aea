"""Studio fixtures: two organisers (writer and reviewer), an Export account, post factories."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

import pytest
from django.utils import timezone
from django.utils.translation import override

from suar.accounts.models import Organisation, User
from suar.accounts.roles import Role
from suar.publishing.models import ConnectedAccount
from suar.studio import services
from suar.studio.models import Post


@pytest.fixture(autouse=True)
def english_messages() -> Iterator[None]:
    """Service messages in English, so assertions hold once the Indonesian catalogue is merged.

    Requests still pick their language in the middleware (Indonesian unless a test sets the
    `suar_language` cookie).
    """
    with override("en"):
        yield


@pytest.fixture
def writer(make_user) -> User:  # type: ignore[no-untyped-def]
    return make_user("wulan", role=Role.ORGANISER, display_name="Wulan")


@pytest.fixture
def reviewer(make_user) -> User:  # type: ignore[no-untyped-def]
    return make_user("rudi", role=Role.ORGANISER, display_name="Rudi")


@pytest.fixture
def export_account(organisation: Organisation) -> ConnectedAccount:
    return ConnectedAccount.objects.create(
        organisation=organisation, platform="export", handle="Bundel", platform_account_id="b1"
    )


@pytest.fixture
def x_account(organisation: Organisation) -> ConnectedAccount:
    return ConnectedAccount.objects.create(
        organisation=organisation, platform="x", handle="@pulih", platform_account_id="x1"
    )


@pytest.fixture
def make_post(organisation: Organisation, writer: User) -> Callable[..., Post]:
    def make(text: str = "Tips hari ini: tarik napas pelan.", *, kind: str = "tip") -> Post:
        return services.create_post(
            actor=writer, organisation=organisation, kind=kind, title="Judul", text=text
        )

    return make


@pytest.fixture
def later() -> dt.datetime:
    return timezone.now() + dt.timedelta(days=2)
