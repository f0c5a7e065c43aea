"""Hashtag suggestions (campaigns, the organisation's history, past performance) and warnings."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.apps import apps
from django.utils import timezone
from django.utils.translation import gettext as _

from suar.accounts.models import Organisation
from suar.publishing.limits import PLATFORM_LIMITS
from suar.publishing.limits import hashtags as find_hashtags
from suar.studio.models import Post

HISTORY_POSTS = 200  # how many recent posts feed the "your own tags" suggestions

# Tags that promote self-harm or eating disorders. Platforms block or redirect them
# (Instagram and TikTok show help resources instead of results) and WHO's media guidance asks
# not to link recovery content to them. Each entry says why, for the warning shown.
UNSAFE_TAGS: dict[str, str] = {
    "proana": "pro-anorexia (promotes eating disorders)",
    "promia": "pro-bulimia (promotes eating disorders)",
    "thinspo": "thinspiration (promotes eating disorders)",
    "thinspiration": "promotes eating disorders",
    "meanspo": "promotes eating disorders",
    "bonespo": "promotes eating disorders",
    "edtwt": "eating-disorder community that spreads pro-ED content",
    "selfharm": "searches are blocked or redirected to help by Instagram and TikTok",
    "selfharmmm": "a filter-evading spelling of #selfharm",
    "cutting": "self-harm method",
    "suicidal": "searches are redirected to help; may attract people in crisis without support",
    "kms": "'kill myself' slang",
    "unalive": "evasive spelling for suicide used to dodge moderation",
    "sewerslide": "evasive spelling for suicide used to dodge moderation",
    "sh": "self-harm slang",
    "bunuhdiri": "puts suicide in a tag; pair with help resources instead",
    "sayatdiri": "self-harm (menyayat diri)",
    "selfharmindonesia": "self-harm",
    "sakau": "glorifies withdrawal / drug use",
    "420": "promotes drug use",
    "highlife": "promotes drug use",
}

# Widely used Indonesian and English recovery tags, so misspellings of them are caught even in
# a new organisation with no history.
KNOWN_TAGS = (
    "kesehatanmental",
    "kesehatanjiwa",
    "sehatjiwa",
    "pemulihan",
    "pulihbersama",
    "ceritapulih",
    "stopstigma",
    "kamutidaksendiri",
    "mentalhealth",
    "mentalhealthmatters",
    "mentalhealthawareness",
    "recovery",
    "recoveryispossible",
    "sobriety",
    "endthestigma",
    "youarenotalone",
)


@dataclass(frozen=True)
class Suggestion:
    tag: str
    source: str  # "campaign", "history", "performance"
    uses: int = 0
    score: float | None = None


@dataclass(frozen=True)
class TagWarning:
    tag: str
    message: str


# Engagement per hashtag arrives with the measurement issue. It registers a function here
# (organisation -> {tag: score}) and the suggestions rank by it; until then nothing is ranked.
PerformanceSource = Callable[[Organisation], dict[str, float]]
performance_sources: list[PerformanceSource] = []


def normalise(tag: str) -> str:
    return tag.lstrip("#").strip().lower()


def campaign_tags(organisation: Organisation) -> list[str]:
    """Tags of the organisation's running and upcoming campaigns (if the app is installed)."""
    try:
        campaign_model = apps.get_model("campaigns", "Campaign")
    except LookupError:
        return []
    rows = campaign_model.objects.filter(
        organisation=organisation, ends_at__gte=timezone.now()
    ).values_list("hashtags", flat=True)[:20]
    tags: list[str] = []
    for listed in rows:
        for tag in listed or []:
            if normalise(str(tag)) not in tags:
                tags.append(normalise(str(tag)))
    return tags


def history_counts(organisation: Organisation) -> Counter[str]:
    texts = Post.objects.filter(organisation=organisation).order_by("-updated_at")
    counts: Counter[str] = Counter()
    for text in texts.values_list("text", flat=True)[:HISTORY_POSTS]:
        counts.update({normalise(t) for t in find_hashtags(text)})
    return counts


def performance(organisation: Organisation) -> dict[str, float]:
    scores: dict[str, float] = {}
    for source in performance_sources:
        scores.update(source(organisation))
    return scores


def suggest(
    organisation: Organisation,
    text: str,
    *,
    limit: int = 12,
    history: Counter[str] | None = None,
    campaigns: list[str] | None = None,
) -> list[Suggestion]:
    """`history` and `campaigns` may be passed in when the caller already read them."""
    present = {normalise(t) for t in find_hashtags(text)}
    history = history_counts(organisation) if history is None else history
    campaigns = campaign_tags(organisation) if campaigns is None else campaigns
    scores = performance(organisation)
    out: list[Suggestion] = []
    seen: set[str] = set(present)
    for tag in campaigns:
        if tag not in seen:
            out.append(Suggestion(tag, "campaign", history.get(tag, 0), scores.get(tag)))
            seen.add(tag)
    ranked = sorted(history, key=lambda t: (-(scores.get(t) or 0.0), -history[t], t))
    for tag in ranked:
        if tag not in seen and tag not in UNSAFE_TAGS:
            source = "performance" if tag in scores else "history"
            out.append(Suggestion(tag, source, history[tag], scores.get(tag)))
            seen.add(tag)
    return out[:limit]


def edit_distance(a: str, b: str, *, cap: int = 3) -> int:
    """Levenshtein distance, stopping early once it exceeds `cap` (tags are short)."""
    if abs(len(a) - len(b)) > cap:
        return cap + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > cap:
            return cap + 1
        previous = current
    return previous[-1]


def likely_meant(tag: str, known: Iterable[str]) -> str | None:
    """A known tag one or two edits away (one for short tags, where two is a different word)."""
    allowed = 1 if len(tag) <= 6 else 2
    best: tuple[int, str] | None = None
    for candidate in known:
        if candidate == tag:
            return None
        distance = edit_distance(tag, candidate, cap=allowed)
        if distance <= allowed and (best is None or distance < best[0]):
            best = (distance, candidate)
    return best[1] if best else None


def warnings(
    organisation: Organisation,
    text: str,
    platforms: Iterable[str] = (),
    *,
    history: Counter[str] | None = None,
    campaigns: list[str] | None = None,
) -> list[TagWarning]:
    tags = find_hashtags(text)
    out: list[TagWarning] = []
    for platform in platforms:
        limits = PLATFORM_LIMITS.get(platform)
        if limits and limits.max_hashtags is not None and len(tags) > limits.max_hashtags:
            out.append(
                TagWarning(
                    "",
                    _("%(count)d hashtags: %(platform)s allows at most %(limit)d.")
                    % {"count": len(tags), "platform": limits.name, "limit": limits.max_hashtags},
                )
            )
    if len(tags) > 5:
        # Beyond a handful, tags read as spam and make the text harder to read.
        out.append(TagWarning("", _("More than 5 hashtags makes a post harder to read.")))
    history = history_counts(organisation) if history is None else history
    campaigns = campaign_tags(organisation) if campaigns is None else campaigns
    known = set(KNOWN_TAGS) | set(campaigns)
    known |= {tag for tag, uses in history.items() if uses >= 2}
    for raw in tags:
        tag = normalise(raw)
        if tag in UNSAFE_TAGS:
            out.append(
                TagWarning(
                    raw,
                    _("#%(tag)s is unsafe: %(why)s. Leave it out.")
                    % {"tag": raw, "why": UNSAFE_TAGS[tag]},
                )
            )
            continue
        if tag in known:
            continue
        meant = likely_meant(tag, known)
        if meant:
            out.append(
                TagWarning(
                    raw,
                    _("#%(tag)s may be misspelled: did you mean #%(meant)s?")
                    % {"tag": raw, "meant": meant},
                )
            )
    return out
