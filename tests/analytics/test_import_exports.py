"""Importing the platforms' own CSV exports (their real column names), with bad rows
reported by line number and the same file imported only once."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django.core.exceptions import PermissionDenied

from suar.analytics.imports import ImportRefused, import_export, parse_count
from suar.analytics.models import EngagementSnapshot, TrackedPost

JAKARTA = zoneinfo.ZoneInfo("Asia/Jakarta")

META_FACEBOOK = (
    '"Post ID","Page ID","Page name","Title","Description","Duration (sec)","Publish time",'
    '"Caption type","Permalink","Is crosspost","Is share","Post type","Languages","Custom labels",'
    '"Funded content status","Data comment","Date","Impressions","Reach",'
    '"Reactions, comments and shares","Reactions","Comments","Shares","Total clicks",'
    '"Link clicks","Other Clicks"\n'
    '"1001_2001","1001","Yayasan Pulih","","Cerita Bayu: setahun pulih","","03/15/2026 19:05","",'
    '"https://www.facebook.com/1001/posts/2001","No","No","Photos","","","","","Lifetime",'
    '"3,100","2,300","205","150","25","30","40","12","28"\n'
    '"1001_2002","1001","Yayasan Pulih","","Tips tidur","","03/18/2026 08:00","",'
    '"https://www.facebook.com/1001/posts/2002","No","No","Text","","","","","Lifetime",'
    '"","","12","9","3","0","","",""\n'
    '"1001_2003","1001","Yayasan Pulih","","Rusak","","03/19/2026 08:00","",'
    '"https://www.facebook.com/1001/posts/2003","No","No","Text","","","","","Lifetime",'
    '"100","90","12","lots","3","0","","",""\n'
    '"1001_2004","1001","Yayasan Pulih","","Tanggal rusak","","kemarin sore","",'
    '"https://www.facebook.com/1001/posts/2004","No","No","Text","","","","","Lifetime",'
    '"100","90","12","9","3","0","","",""\n'
)

META_INSTAGRAM = (
    "Post ID,Account ID,Account username,Account name,Description,Duration (sec),Publish time,"
    "Permalink,Post type,Data comment,Date,Views,Reach,Likes,Shares,Follows,Comments,Saves\n"
    "17900000000000001,17841400000,pulih.id,Yayasan Pulih,Pelan-pelan juga sampai 🌱,0,"
    "03/20/2026 20:00,https://www.instagram.com/p/AbC/,IG image,,Lifetime,"
    "6100,4800,520,65,3,22,40\n"
    "17900000000000002,17841400000,pulih.id,Yayasan Pulih,Reel: 3 cara,31,"
    '03/21/2026 12:30,https://www.instagram.com/reel/XyZ/,IG reel,,Lifetime,"12.400",9.800,'
    "1.204,310,12,88,97\n"
)

X_LEGACY = (
    "Tweet id,Tweet permalink,Tweet text,time,impressions,engagements,engagement rate,retweets,"
    "replies,likes,user profile clicks,url clicks,hashtag clicks,detail expands\n"
    "1770000000000000001,https://twitter.com/pulih/status/1770000000000000001,"
    "Pelan-pelan juga sampai,2026-03-20 13:00 +0000,4100.0,130.0,0.0317,24.0,7.0,88.0,3,4,1,9\n"
)

X_NEW = (
    "Post id,Date,Post text,Post Link,Impressions,Likes,Engagements,Bookmarks,Shares,"
    "New follows,Replies,Reposts,Profile visits,Detail Expands,URL Clicks\n"
    '1780000000000000002,"Sat, Mar 21, 2026",Ke mana mencari bantuan,'
    "https://x.com/pulih/status/1780000000000000002,2500,40,90,6,2,1,3,31,5,7,4\n"
)

OLD_PAGE_INSIGHTS = (
    "Post ID,Permalink,Post Message,Type,Posted,Lifetime Post Total Reach,"
    "Lifetime Post Total Impressions,Lifetime Talking About This (Post) by action type - comment,"
    "Lifetime Talking About This (Post) by action type - like,"
    "Lifetime Talking About This (Post) by action type - share\n"
    ",,,,,Lifetime: The number of people who had your Page's post enter their screen. "
    "(Unique Users),"
    "Lifetime: The number of times your Page's post entered a person's screen. (Total Count),"
    "Lifetime: comments,Lifetime: likes,Lifetime: shares\n"
    "1001_3001,https://www.facebook.com/1001/posts/3001,Halo,Photo,03/02/2025 07:05:00 PM,"
    "500,800,4,40,6\n"
)


def snapshot(post_id: str) -> EngagementSnapshot:
    return TrackedPost.objects.get(platform_post_id=post_id).snapshots.get()


def test_a_meta_business_suite_facebook_export(organiser, organisation) -> None:  # type: ignore[no-untyped-def]
    outcome = import_export(
        actor=organiser, organisation=organisation, data=META_FACEBOOK.encode(), file_name="fb.csv"
    )

    assert outcome.platform == "facebook"
    assert (outcome.rows_read, outcome.imported, outcome.new_posts) == (4, 2, 2)
    assert [(e.line, e.message) for e in outcome.errors] == [
        (4, "“lots” in the Reactions column is not a count"),
        (5, "“kemarin sore” is not a date and time"),
    ]
    post = TrackedPost.objects.get(platform_post_id="1001_2001")
    assert post.label == "Cerita Bayu: setahun pulih" and post.kind == "Photos"
    assert post.url == "https://www.facebook.com/1001/posts/2001"
    assert post.published_at == dt.datetime(2026, 3, 15, 19, 5, tzinfo=JAKARTA)
    first = snapshot("1001_2001")
    assert (first.likes, first.comments, first.shares, first.reach, first.impressions) == (
        150,
        25,
        30,
        2300,
        3100,
    )
    # An empty cell is a figure the export does not have: missing, not zero.
    second = snapshot("1001_2002")
    assert (second.reach, second.impressions, second.shares) == (None, None, 0)


def test_an_instagram_export_with_views_and_dotted_thousands(organiser, organisation) -> None:  # type: ignore[no-untyped-def]
    outcome = import_export(
        actor=organiser, organisation=organisation, data=META_INSTAGRAM.encode(), file_name="ig.csv"
    )

    assert outcome.platform == "instagram" and outcome.errors == []
    reel = snapshot("17900000000000002")
    assert (reel.impressions, reel.reach, reel.likes, reel.shares, reel.comments) == (
        12400,
        9800,
        1204,
        310,
        88,
    )
    assert TrackedPost.objects.get(platform_post_id="17900000000000002").kind == "IG reel"


def test_x_exports_old_and_new_count_reposts_as_shares(organiser, organisation) -> None:  # type: ignore[no-untyped-def]
    for name, data in (("legacy.csv", X_LEGACY), ("new.csv", X_NEW)):
        outcome = import_export(
            actor=organiser, organisation=organisation, data=data.encode(), file_name=name
        )
        assert outcome.platform == "x" and outcome.errors == []

    legacy = snapshot("1770000000000000001")
    assert (legacy.likes, legacy.comments, legacy.shares, legacy.impressions, legacy.reach) == (
        88,
        7,
        24,
        4100,
        None,
    )
    post = TrackedPost.objects.get(platform_post_id="1770000000000000001")
    assert post.published_at == dt.datetime(2026, 3, 20, 13, 0, tzinfo=dt.UTC)
    new = snapshot("1780000000000000002")
    assert (new.likes, new.comments, new.shares, new.impressions) == (40, 3, 31, 2500)


def test_the_old_page_insights_export_and_its_description_row(organiser, organisation) -> None:  # type: ignore[no-untyped-def]
    outcome = import_export(
        actor=organiser,
        organisation=organisation,
        data=OLD_PAGE_INSIGHTS.encode(),
        file_name="old.csv",
    )

    assert outcome.platform == "facebook" and outcome.errors == [] and outcome.imported == 1
    row = snapshot("1001_3001")
    assert (row.reach, row.impressions, row.comments, row.likes, row.shares) == (500, 800, 4, 40, 6)
    post = TrackedPost.objects.get(platform_post_id="1001_3001")
    assert post.published_at == dt.datetime(2025, 3, 2, 19, 5, tzinfo=JAKARTA)


def test_the_same_file_twice_changes_nothing(organiser, organisation) -> None:  # type: ignore[no-untyped-def]
    import_export(
        actor=organiser, organisation=organisation, data=META_INSTAGRAM.encode(), file_name="ig.csv"
    )
    again = import_export(
        actor=organiser,
        organisation=organisation,
        data=META_INSTAGRAM.encode(),
        file_name="ig (1).csv",
    )

    assert again.already_imported and again.imported == 0
    assert EngagementSnapshot.objects.count() == 2


def test_a_utf16_tab_separated_export_is_read(organiser, organisation) -> None:  # type: ignore[no-untyped-def]
    data = META_INSTAGRAM.replace(",", "\t").replace('"12.400"', "12.400").encode("utf-16")
    outcome = import_export(
        actor=organiser, organisation=organisation, data=data, file_name="ig.tsv"
    )
    assert outcome.imported == 2 and outcome.errors == []


def test_an_unrelated_file_is_refused_with_what_to_do(organiser, organisation) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ImportRefused, match="Meta Business Suite or X analytics"):
        import_export(
            actor=organiser,
            organisation=organisation,
            data=b"name,age\nBudi,30\n",
            file_name="x.csv",
        )
    with pytest.raises(ImportRefused, match="Post ID"):
        import_export(
            actor=organiser,
            organisation=organisation,
            data=b"Page name,Reactions\nPulih,3\n",
            file_name="y.csv",
        )
    with pytest.raises(ImportRefused, match="empty"):
        import_export(actor=organiser, organisation=organisation, data=b"", file_name="z.csv")
    assert not TrackedPost.objects.exists()


def test_only_people_who_see_the_figures_may_import(member, organisation) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied):
        import_export(
            actor=member, organisation=organisation, data=X_NEW.encode(), file_name="x.csv"
        )


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("1,234", 1234),
        ("1.234", 1234),
        ("12 400", 12400),
        ("", None),
        ("--", None),
        ("7.0", 7),
        ("0", 0),
    ],
)
def test_counts_as_the_exports_write_them(raw: str, value: int | None) -> None:
    assert parse_count(raw) == value


def test_the_import_page_lists_bad_rows_with_line_numbers(login_as, organiser) -> None:  # type: ignore[no-untyped-def]
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = login_as(organiser)
    client.cookies["suar_language"] = "en"
    upload = SimpleUploadedFile("fb.csv", META_FACEBOOK.encode(), content_type="text/csv")
    page = client.post("/dampak/pulih/impor/", {"file": upload, "platform": ""}).content.decode()

    assert "2 rows imported from facebook" in page
    assert "line 4" in page and "line 5" in page
