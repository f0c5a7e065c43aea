"""Stable per-group pseudonyms: an adjective and an animal, derived with the secret key."""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.db import IntegrityError, transaction

from suar.accounts.models import User
from suar.community.models import Group, Pseudonym

ANIMALS = [
    "Kucing", "Rusa", "Elang", "Penyu", "Lumba-lumba", "Merpati", "Kelinci", "Harimau",
    "Gajah", "Kupu-kupu", "Burung Hantu", "Kancil", "Jerapah", "Panda", "Rubah", "Paus",
    "Kakatua", "Beruang", "Cendrawasih", "Komodo", "Tupai", "Angsa", "Kuda", "Orangutan",
]  # fmt: skip
ADJECTIVES = [
    "Tenang", "Berani", "Hangat", "Sabar", "Ceria", "Lembut", "Tangguh", "Riang", "Teduh",
    "Cerdik", "Setia", "Jujur", "Tabah", "Gigih", "Ramah", "Bijak", "Damai", "Terang",
    "Kuat", "Tulus", "Lincah", "Sejuk", "Pemberani", "Cerah",
]  # fmt: skip


def derive_name(user_id: int, group_id: int, attempt: int = 0) -> str:
    # A keyed hash: members cannot compute someone's pseudonym from their account id.
    digest = hmac.new(
        settings.SECRET_KEY.encode(),
        f"suar.pseudonym:{user_id}:{group_id}:{attempt}".encode(),
        hashlib.sha256,
    ).digest()
    name = f"{ANIMALS[digest[0] % len(ANIMALS)]} {ADJECTIVES[digest[1] % len(ADJECTIVES)]}"
    return name if attempt < 3 else f"{name} {int.from_bytes(digest[2:4], 'big') % 1000}"


def pseudonym_for(user: User, group: Group) -> str:
    """The person's pseudonym in this group, created the first time and then kept."""
    existing = Pseudonym.objects.filter(user=user, group=group).values_list("name", flat=True)
    if name := existing.first():
        return name
    for attempt in range(10):
        try:
            with transaction.atomic():
                return Pseudonym.objects.create(
                    user=user, group=group, name=derive_name(user.pk, group.pk, attempt)
                ).name
        except IntegrityError:
            # Either the name is taken in this group (try the next), or a parallel request
            # created this person's pseudonym first (use it).
            if name := existing.first():
                return name
    raise RuntimeError("no free pseudonym")  # 10 collisions in a row: practically impossible
