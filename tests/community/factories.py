"""Small builders for community tests: groups and stories in one line."""

from __future__ import annotations

from suar.accounts.models import Membership, Organisation, User
from suar.community.markup import render
from suar.community.models import Group, Reply, Status, Story


def make_group(
    organisation: Organisation,
    slug: str = "pulih-bersama",
    *,
    private: bool = False,
    members: tuple[User, ...] = (),
    moderators: tuple[User, ...] = (),
) -> Group:
    group = Group.objects.create(
        organisation=organisation,
        name=slug.replace("-", " ").title(),
        slug=slug,
        visibility=Group.Visibility.PRIVATE if private else Group.Visibility.PUBLIC,
    )
    group.members.add(*members, *moderators)
    group.moderators.add(*moderators)
    return group


def make_story(
    group: Group,
    author: User,
    title: str = "Seratus hari pulih",
    body: str = "Hari ini aku 100 hari pulih. Terima kasih semuanya!",
    **extra: object,
) -> Story:
    extra.setdefault("visibility", Story.Visibility.GROUP if group.is_private else "public")
    story = Story(group=group, author=author, title=title, body=body, **extra)  # type: ignore[misc]
    story.body_html = render(body)
    story.save()
    return story


def make_reply(story: Story, author: User, body: str = "Kamu hebat!", **extra: object) -> Reply:
    return Reply.objects.create(
        story=story,
        author=author,
        body=body,
        body_html=render(body),
        status=Status.PUBLISHED,
        **extra,
    )


def make_person(
    organisation: Organisation, username: str, role: str = "member", **extra: object
) -> User:
    """A person with a role, without a password: hashing one is slow and force_login needs none."""
    user = User.objects.create(username=username, **extra)  # type: ignore[misc]
    Membership.objects.create(user=user, organisation=organisation, role=role)
    return user
