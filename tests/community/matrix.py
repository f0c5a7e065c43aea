"""The world of the role-by-page matrix: one organisation, a private and a public group, and
private or anonymous things in every app, seen by five roles.

Rina ("rina_w7", "Rina Wijaya") writes a named story in the private group, an anonymous story
and an anonymous reply in the public group, and an anonymous Q&A question; she blocked Budi.
So her name may show only where her private story shows (to members of the private group
who are not blocked), and every "secret" may show only to the roles that may see it.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import timedelta

from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone
from PIL import Image

from suar.accounts.models import Organisation, User
from suar.accounts.roles import Role
from suar.challenges.models import Challenge, CheckIn, Participant
from suar.challenges.streaks import local_day
from suar.community.controls.models import Block
from suar.community.models import Group, JoinRequest, Reply, Story
from suar.community.services import INVITATION_SALT
from suar.polls.models import Option, Poll
from suar.qa.models import QASession, Question
from tests.community.factories import make_group, make_person, make_reply, make_story

ROLES = ["visitor", "member", "outsider", "blocked", "moderator"]
AUTHOR_NAMES = ("rina_w7", "Rina Wijaya")
# Things only some roles may see; which roles, per thing.
SECRETS = {
    "Rahasia keluarga": {"member"},  # Rina's named story in the private group (Budi blocked)
    "Sesi keluarga tertutup": {"member", "blocked", "moderator"},  # private-group Q&A session
    "Tantangan keluarga": {"member", "blocked"},  # private-group challenge
    "Polling keluarga": {"member", "blocked"},  # private-group poll
}


@dataclass
class World:
    organisation: Organisation
    people: dict[str, User]
    author: User
    expert: User
    private: Group
    public: Group
    private_story: Story
    anonymous_story: Story
    member_story: Story
    anonymous_reply: Reply
    private_session: QASession
    public_session: QASession
    question: Question
    private_challenge: Challenge
    public_challenge: Challenge
    private_poll: Poll
    public_poll: Poll
    join_request: JoinRequest
    clients: dict[str, Client] = field(default_factory=dict)

    def ids(self) -> dict[str, object]:
        """Values for the URL templates of the matrix."""
        from django.core import signing

        return {
            "private_story": self.private_story.pk,
            "anonymous_story": self.anonymous_story.pk,
            "member_story": self.member_story.pk,
            "private_group": self.private.pk,
            "public_group": self.public.pk,
            "author": self.author.pk,
            "private_session": self.private_session.pk,
            "public_session": self.public_session.pk,
            "question": self.question.pk,
            "private_challenge": self.private_challenge.pk,
            "public_challenge": self.public_challenge.pk,
            "private_poll": self.private_poll.pk,
            "public_poll": self.public_poll.pk,
            "option": self.public_poll.options.first().pk,  # type: ignore[union-attr]
            "join_request": self.join_request.pk,
            "invitation": signing.dumps({"g": self.public.pk}, salt=INVITATION_SALT, compress=True),
        }


def _png() -> ContentFile[bytes]:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "orange").save(out, format="PNG")
    return ContentFile(out.getvalue(), name="pagi.png")


def build_world(organisation: Organisation) -> World:
    author = make_person(organisation, "rina_w7", display_name="Rina Wijaya")
    expert = make_person(organisation, "dr_sari", role=Role.EXPERT, display_name="Dr. Sari")
    people = {
        "member": make_person(organisation, "putri", display_name="Putri"),
        "outsider": make_person(organisation, "sari", display_name="Sari"),
        "blocked": make_person(organisation, "budi", display_name="Budi"),
        "moderator": make_person(organisation, "mod", role=Role.MODERATOR, display_name="Moda"),
    }
    private = make_group(
        organisation,
        "keluarga",
        private=True,
        members=(author, people["member"], people["blocked"]),
    )
    public = make_group(organisation, "terbuka", members=(author, expert, *people.values()))
    Block.objects.create(blocker=author, blocked=people["blocked"])
    private_story = make_story(private, author, title="Rahasia keluarga", body="Tetap di sini.")
    private_story.image.save("pagi.png", _png(), save=False)
    private_story.image_alt = "Matahari pagi"
    private_story.save()
    anonymous_story = make_story(
        public, author, title="Cerita tanpa nama", anonymous=True, pseudonym="Rusa Tenang"
    )
    member_story = make_story(public, people["member"], title="Cerita Putri")
    anonymous_reply = make_reply(
        member_story, author, body="Peluk dari jauh", anonymous=True, pseudonym="Rusa Tenang"
    )
    from suar.community.notices.services import notify_reply

    notify_reply(anonymous_reply)  # Putri's notification must name the pseudonym only
    now = timezone.now()
    sessions = [
        QASession.objects.create(
            organisation=organisation, group=group, title=title, expert=expert,
            starts_at=now - timedelta(minutes=5), ends_at=now + timedelta(hours=1),
            status=QASession.Status.LIVE,
        )
        for group, title in ((private, "Sesi keluarga tertutup"), (None, "Sesi terbuka"))
    ]  # fmt: skip
    question = Question.objects.create(
        session=sessions[1], author=author, text="Bagaimana menghadapi craving?",
        is_anonymous=True, status=Question.Status.APPROVED,
    )  # fmt: skip
    today = local_day(now)
    challenges = [
        Challenge.objects.create(
            organisation=organisation, group=group, title=title,
            starts_on=today - timedelta(days=7), length_days=30,
        )
        for group, title in ((private, "Tantangan keluarga"), (None, "30 hari tanpa rokok"))
    ]  # fmt: skip
    # The member reached the 7-day milestone of the open challenge: their card exists.
    entry = Participant.objects.create(challenge=challenges[1], user=people["member"])
    CheckIn.objects.bulk_create(
        [CheckIn(participant=entry, day=today - timedelta(days=d)) for d in range(1, 8)]
    )
    polls = []
    for group, question_text in ((private, "Polling keluarga"), (None, "Apa yang membantumu?")):
        poll = Poll.objects.create(
            organisation=organisation, group=group, question=question_text,
            closes_at=now + timedelta(days=2),
        )  # fmt: skip
        Option.objects.bulk_create(
            [Option(poll=poll, text=t, position=n) for n, t in enumerate(["Olahraga", "Teman"])]
        )
        polls.append(poll)
    join_request = JoinRequest.objects.create(group=private, user=people["outsider"])
    world = World(
        organisation, people, author, expert, private, public, private_story, anonymous_story,
        member_story, anonymous_reply, sessions[0], sessions[1], question, challenges[0],
        challenges[1], polls[0], polls[1], join_request,
    )  # fmt: skip
    world.clients["visitor"] = Client()
    for role, user in people.items():
        client = Client()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        world.clients[role] = client
    for client in world.clients.values():
        client.cookies["suar_language"] = "en"
    return world


def expected(table: dict[str, int], role: str) -> int:
    return table.get(role, table.get("*", 0))


def assert_nothing_leaks(body: str, role: str, where: str) -> None:
    """Secrets reach only their roles; Rina's name only where her named story may show."""
    for secret, allowed in SECRETS.items():
        if secret in body:
            assert role in allowed, (where, role, secret)
    # A group's managers see its member list to choose moderators (and join requests): it
    # names members, never what they posted under a pseudonym.
    member_list = role == "moderator" and where.endswith("/atur/")
    if any(name in body for name in AUTHOR_NAMES) and not member_list:
        assert "Rahasia keluarga" in body and role == "member", (where, role, "author name")
