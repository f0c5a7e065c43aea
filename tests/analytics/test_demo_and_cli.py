"""The demo has figures to show (loading twice adds nothing), and the `suar analytics`
command imports exports with file:line errors and syncs accounts."""

from __future__ import annotations

from pathlib import Path

import pytest

from suar.accounts.models import Organisation, User
from suar.analytics import demo
from suar.analytics.cli import analytics_main
from suar.analytics.models import (
    EngagementSnapshot,
    LinkClickDay,
    PlatformComment,
    SignUp,
    TrackedPost,
)
from suar.core.demo import load_demo_community
from tests.analytics.test_import_exports import META_FACEBOOK


def test_the_demo_dashboard_is_not_empty_and_loading_twice_adds_nothing(client, db) -> None:  # type: ignore[no-untyped-def]
    load_demo_community()
    counts = [
        m.objects.count()
        for m in (TrackedPost, EngagementSnapshot, SignUp, LinkClickDay, PlatformComment)
    ]
    organisation = Organisation.objects.get(slug="suar-demo")
    demo.load(
        organisation=organisation, people={u.username: u for u in User.objects.all()}, groups={}
    )
    assert [
        m.objects.count()
        for m in (TrackedPost, EngagementSnapshot, SignUp, LinkClickDay, PlatformComment)
    ] == counts
    assert all(counts)

    client.force_login(
        User.objects.get(username="organiser"), backend="django.contrib.auth.backends.ModelBackend"
    )
    client.cookies["suar_language"] = "en"
    page = client.get("/dampak/suar-demo/").content.decode()
    assert 'data-testid="figure-signups">3<' in page
    assert 'data-testid="figure-posts">10<' in page


def test_import_from_the_command_line_reports_bad_rows_by_line(
    tmp_path: Path, organisation, capsys
) -> None:  # type: ignore[no-untyped-def]
    export = tmp_path / "fb.csv"
    export.write_text(META_FACEBOOK)

    code = analytics_main(["import", str(export), "--org", "pulih"])

    out, err = capsys.readouterr()
    assert code == 1  # some rows were bad
    assert "2 row(s) imported from facebook" in out
    assert f"{export}:4: " in err and f"{export}:5: " in err
    assert analytics_main(["import", str(export), "--org", "pulih"]) == 0
    assert "already imported" in capsys.readouterr().out


def test_import_of_an_unknown_organisation_is_one_clear_line(tmp_path: Path, organisation) -> None:  # type: ignore[no-untyped-def]
    from suar.cli import CommandError

    export = tmp_path / "fb.csv"
    export.write_text(META_FACEBOOK)
    with pytest.raises(CommandError, match="no organisation with the slug 'nope'"):
        analytics_main(["import", str(export), "--org", "nope"])


def test_sync_from_the_command_line_says_what_each_account_gave(
    make_account, publish, capsys
) -> None:  # type: ignore[no-untyped-def]
    account = make_account("export", handle="Bundel")
    publish(account)

    assert analytics_main(["sync"]) == 0

    assert capsys.readouterr().out == ""  # export bundles have no API: nothing to ask
    tiktok = make_account(
        "tiktok", handle="@pulih_tt", status="expired", status_reason="token expired"
    )
    publish(tiktok)
    analytics_main(["sync"])
    assert "tiktok @pulih_tt: auth" in capsys.readouterr().out
