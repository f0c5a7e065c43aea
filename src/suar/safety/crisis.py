"""Crisis: the writer's own suicidal or self-harm intent, told apart from talk about it."""

from __future__ import annotations

from dataclasses import dataclass, field

from suar.safety import scope, warning_signs
from suar.safety.lexicon import CRISIS, CUES, Match
from suar.safety.normalize import Doc
from suar.safety.report import Category, Context, Finding, Severity

# Shown with every crisis finding. Contacts from docs/safety-guidelines.md (Healing119.id and
# SEJIWA 119 ext 8 by the Ministry of Health; 112 is the national emergency number).
HELP_ID = (
    "Kamu tidak sendirian. Bantuan tersedia: Healing119.id atau telepon 119 ext 8 (SEJIWA). "
    "Dalam keadaan darurat hubungi 112."
)
HELP_EN = (
    "You are not alone. Help is available: in Indonesia Healing119.id or call 119 ext 8 "
    "(SEJIWA); elsewhere findahelpline.com. In an emergency call 112."
)

# Shown when someone else may be at risk ("temanku pengen bunuh diri"): what a friend can do,
# after the #BeThe1To steps of the US 988 Lifeline (ask directly, be there, keep them safe,
# help them connect) and the same Indonesian contacts.
HELP_OTHER_ID = (
    "Kalau kamu khawatir tentang seseorang: tanyakan langsung apakah dia berpikir bunuh diri, "
    "dengarkan tanpa menghakimi, temani dia dan jauhkan benda berbahaya. Ajak dia menghubungi "
    "Healing119.id atau 119 ext 8 (SEJIWA); dalam keadaan darurat hubungi 112."
)
HELP_OTHER_EN = (
    "If you are worried about someone: ask them directly whether they are thinking about "
    "suicide, listen without judging, stay with them and keep dangerous things away. Help them "
    "reach Healing119.id or 119 ext 8 (SEJIWA) in Indonesia, elsewhere findahelpline.com; in "
    "an emergency call 112."
)

_INTENT = (
    "Teks ini menyatakan keinginan mengakhiri hidup atau melukai diri sendiri.",
    "This text states an intent to end one's life or to self-harm.",
)
_PASSIVE = (
    "Teks ini menyatakan keinginan untuk mati atau lelah hidup.",
    "This text expresses a wish to be dead or being tired of living.",
)
_IDEATION_TEXT = (
    "Teks ini menyebut pikiran bunuh diri atau melukai diri.",
    "This text mentions thoughts of suicide or self-harm.",
)
_CONCERN = (
    "Teks ini bercerita tentang orang lain yang mungkin berisiko bunuh diri atau melukai diri.",
    "This text tells of someone else who may be at risk of suicide or self-harm.",
)
_CONCERN_PLAN = (
    "Teks ini bercerita tentang orang lain yang mungkin berisiko, dengan waktu atau sarana.",
    "This text tells of someone else who may be at risk, with a time or a means named.",
)
_CONCERN_ATTEMPT = (
    "Teks ini bercerita tentang orang lain yang mungkin baru saja mencoba bunuh diri (misalnya "
    "overdosis): ini darurat, hubungi 112 atau bawa dia ke IGD sekarang.",
    "This text tells of someone else who may have just attempted suicide (an overdose, for "
    "example): this is an emergency, call 112 or get them to an emergency room now.",
)
_SEEK = (
    "Teks ini mencari cara atau sarana untuk mengakhiri hidup.",
    "This text asks for a way or means to end one's life.",
)
_SURVIVE = (
    "Teks ini menyatakan keraguan bisa bertahan melewati malam ini atau sampai besok.",
    "This text doubts that the writer will get through the night or to tomorrow.",
)
_UNCLEAR = (
    "Teks ini mungkin menandakan seseorang sedang sangat tertekan.",
    "This text may mean someone is in deep distress.",
)

_TOPIC_KINDS = frozenset(
    {"act", "self_act", "harm", "self_harm", "passive", "prep", "seek", "interrupted"}
)
_SUICIDE_KINDS = _TOPIC_KINDS - {"passive"}  # the topic words themselves, not a wish to die
_SELF_KINDS = frozenset({"self_act", "self_harm"})
# Kinds a plan word does not raise to BLOCK: unclear ones get their own step (crisis.unclear.plan),
# and an interrupted attempt was already stopped.
_NOT_ESCALATED = frozenset({"ambiguous", "interrupted", "survive"})


@dataclass(slots=True)
class CrisisResult:
    findings: list[Finding] = field(default_factory=list)
    # Someone else may be at risk: Category.CONCERN findings, not the writer's crisis.
    concerns: list[Finding] = field(default_factory=list)
    topic_matches: list[Match] = field(default_factory=list)  # suicide/self-harm/wish to die
    suicide_mentions: list[Match] = field(default_factory=list)  # the topic words themselves
    # Phrases read and judged not the writer's crisis: an idiom, a denial, the past, someone
    # else's words (the engine weighs a trained model's crisis score without them).
    cleared: list[Match] = field(default_factory=list)

    @property
    def topic(self) -> bool:
        return bool(self.topic_matches)


def detect(doc: Doc, *, lang: str, context: Context) -> CrisisResult:
    result = CrisisResult()
    matches = CRISIS.find(doc)
    if not matches:
        result.findings += _signs(doc, lang)
        return result
    plan = scope.has_plan(doc)
    joke = not doc.wordset.isdisjoint(scope.JOKE)
    suggestion = scope.pick(lang, HELP_ID, HELP_EN)
    help_other = scope.pick(lang, HELP_OTHER_ID, HELP_OTHER_EN)
    verdicts = []
    for m in matches:
        kind = m.phrase.kind
        if _is_idiom(doc, m):
            result.cleared.append(m)
            continue
        if kind in _TOPIC_KINDS:
            result.topic_matches.append(m)
        if kind in _SUICIDE_KINDS:
            result.suicide_mentions.append(m)
        verdict = _judge(doc, m, context)
        if verdict is None:
            result.cleared.append(m)
            continue
        if verdict[0] >= Severity.HIGH and (compared := _preference_hyperbole(doc, m)):
            # "I'd rather kill myself than eat broccoli": lowered, never dropped (recall);
            # a plan word counts unless it is the comparison's ("than go to work tomorrow").
            than, end = compared
            if not (plan and (scope.has_plan(doc, 0, than) or scope.has_plan(doc, end))):
                verdict = (Severity.WARN, 0.4, _UNCLEAR, "crisis.unclear.preference")
        verdicts.append((m, verdict))
    # Overlapping phrases ("pengen mati aja" holds "pengen mati" and "mati aja"): keep the
    # most severe one so that a text gets one finding per statement.
    verdicts.sort(key=lambda mv: (-mv[1][0], -mv[1][1], mv[0].i))
    taken: set[int] = set()  # token indices already in a finding (a set: linear in the text)
    for m, (severity, score, explanation, rule) in verdicts:
        kind = m.phrase.kind
        span = range(m.i, m.j)
        if not taken.isdisjoint(span):
            continue
        taken.update(span)
        concern = rule.startswith("concern")  # someone else at risk (_concern)
        # A means word escalates the writer's plan, not an attempt someone already stopped
        # (a concern weighs its own: _concern).
        if plan and severity == Severity.HIGH and kind not in _NOT_ESCALATED and not concern:
            severity, score = Severity.BLOCK, max(score, 0.9)
            rule = "crisis.plan"
        elif plan and kind == "ambiguous" and scope.has_plan(doc, *doc.clause_range(m.i)):
            # "gonna end it tonight": an unclear phrase with a time or a means beside it.
            severity, score = Severity.HIGH, max(score, 0.7)
            rule = "crisis.unclear.plan"
        if joke:
            # A joke marker lowers confidence but never removes the finding: recall first.
            severity = max(Severity.WARN, Severity(severity - 1))
            score *= 0.7
        (result.concerns if concern else result.findings).append(
            scope.finding(
                doc,
                m.i,
                m.j,
                category=Category.CONCERN if concern else Category.CRISIS,
                severity=severity,
                rule=rule,
                explanation=explanation,
                suggestion=help_other if concern else suggestion,
                score=score,
            )
        )
    if not result.findings and not result.concerns:
        result.findings += _signs(doc, lang)
    return result


def _signs(doc: Doc, lang: str) -> list[Finding]:
    """Warning signs in pairs, for a post no crisis phrase was found in; not in a joke."""
    wordset = doc.wordset
    if wordset.isdisjoint(warning_signs.GATE) or not wordset.isdisjoint(scope.JOKE):
        return []  # most texts: no word a pair starts with (one set test)
    return warning_signs.detect(doc, suggestion=scope.pick(lang, HELP_ID, HELP_EN))


def _is_idiom(doc: Doc, m: Match) -> bool:
    """'mati gaya', 'mati lampu', 'hp aku mau mati': not about the writer's life, nor how or
    where one lives ("capek hidup sederhana", "I don't want to live in Jakarta": see
    _how_or_where). Nor is "end" as a noun ("in the end it worked", "at the end of my life":
    "of" is a filler)."""
    words = doc.words
    if words[m.i] == "end" and m.i > 0 and words[m.i - 1] in _DETERMINERS:
        return True
    if (
        words[m.i] == "killing"
        and m.i > 0
        and words[m.i - 1] in _BE
        and not _TOIL.isdisjoint(words[m.j : m.j + 4])
    ):
        # "I'm killing myself at the gym", "...over this essay": working hard. Not "I'm
        # thinking of killing myself at work": "of" before it, not a form of "be".
        return True
    if (
        words[m.j - 1] == "myself"
        and words[m.i] in _INJURY_VERB
        and not _MISHAP.isdisjoint(words[max(0, m.i - 2) : m.j + 4])
        and _WISH.isdisjoint(words[max(0, m.i - 3) : m.i])
    ):
        return True  # "I burned myself cooking dinner", "cut myself shaving": an accident
    if m.i > 0 and words[m.i - 1] in _THOUGHT_SO:
        return True  # "naik roller coaster, kirain mau mati": what one feared, not a wish
    if (
        m.j + 1 < len(words)
        and words[m.j] == "for"
        and words[m.j + 1] in _DETERMINER_OR_OWNER
        and "would" in words[max(0, m.i - 2) : m.i]
    ):
        return True  # "I'd jump off a cliff for this pizza": devotion, hyperbole
    if words[m.j - 1] == "dunia" and m.j < len(words) and words[m.j] in _A_WHILE:
        return True  # "pengen ngilang dari dunia sebentar, matiin hp": a break
    if m.j < len(words) and words[m.j] in _LAUGHING:
        return True  # "he killed himself laughing", "mati ketawa", "die trying"
    if (
        words[m.j - 1] == "ada"
        and m.j + 1 < len(words)
        and words[m.j] == "di"
        and words[m.j + 1] not in _THE_WORLD
    ):
        return True  # "lebih baik aku nggak ada di rapat itu": not there, not not alive
    last = words[m.j - 1]
    if last in _LIVE:
        return _how_or_where(words, m.j)
    if last in _VANISH:
        # "pengen ngilang bentar dari sosmed": a break from an app, not from life
        k = m.j + 1 if m.j < len(words) and words[m.j] in _A_WHILE else m.j
        return k + 1 < len(words) and words[k] == "dari" and words[k + 1] in _APPS
    if last != "mati" and last != "meninggal":
        return False
    if m.i > 1 and words[m.i - 1] == "sampai" and words[m.i - 2] in _LAUGHING:
        return True  # "ketawa sampe mau mati", "ngakak sampai mau mati": laughing hard
    if (
        m.j < len(words)
        and words[m.j] in scope.MATI_IDIOM
        and doc.clause_id(m.j) == doc.clause_id(m.j - 1)
    ):
        # "mati gaya", "mati-matian", "mau mati capeknya"; not across a comma ("pengen mati,
        # kelaparan terus")
        return True
    a, _ = doc.clause_range(m.i)
    return scope.any_in(doc, max(a, m.i - 3), m.i, scope.INANIMATE)


def _how_or_where(words: list[str], k: int) -> bool:
    """After a phrase that ends in "live" / "hidup", token k on says how or where one lives,
    not whether: a way of living ("capek hidup sederhana", "buat apa aku hidup hemat"), a
    place ("I don't want to live in Jakarta", "nggak mau hidup di kota ini") or a person lived
    with ("I don't want to live with my parents again", "nggak mau hidup sama dia lagi"). Not
    the world or a pain ("in this world", "di dunia ini", "with this pain"), and not "like
    this" or "here": those stay the writer's wish not to live."""
    if k >= len(words):
        return False
    nxt = words[k]
    if nxt in scope.HIDUP_MANNER or nxt in _ALONE:
        return True
    if nxt not in _WHERE and nxt not in _WITH:
        return False
    j = k + 1
    while j < len(words) and words[j] in _DETERMINER_OR_OWNER:
        j += 1
    if j >= len(words):
        return False
    noun = words[j]
    if nxt in _WHERE:
        return noun not in _NOT_A_PLACE
    return noun in _PARTICULAR_OTHER or noun in _HOUSEMATES


def _preference_hyperbole(doc: Doc, m: Match) -> tuple[int, int] | None:
    """A preference finished by a comparison with something that is not living on: "I'd
    rather kill myself than eat broccoli", "mending mati aja daripada ikut ujian itu". Weighed
    against living itself it is a wish to die ("rather die than keep living like this",
    "mending mati daripada hidup begini", "daripada jadi beban"), and so is a clause that
    names pain or life anywhere after the comparison.

    The comparison word's index and the clause's end, or None."""
    words = doc.words
    ca, cb = doc.clause_range(m.i)
    if _PREFERENCE.isdisjoint(words[max(ca, m.i - 3) : m.j]):
        return None
    than = next((k for k in range(m.j, min(m.j + 3, cb)) if words[k] in _THAN), -1)
    if than < 0 or than + 1 >= cb:
        return None  # no comparison, or nothing after it: "I'd rather die than..."
    complement = words[than + 1 : cb]
    if complement[0] == "go" and complement[1:2] == ["on"]:
        return None  # "rather die than go on"
    return (than, cb) if _LIVING_ON.isdisjoint(complement) else None


def _about_the_topic(
    doc: Doc, m: Match, clause: tuple[int, int], first_before: bool, gov: str | None
) -> bool:
    """The topic word as a subject of talk rather than the writer's state (topic kinds only):

    - a field or a name: "suicide prevention", "r/SuicideWatch", "angka bunuh diri";
    - a negated judgement after it: "suicide is not the answer", "bunuh diri bukan solusi";
    - governed (`gov`, from scope.governor) by a verb of talking or writing about it ("it
      takes courage to talk about suicidal thoughts", "I'm not trying to encourage suicide"),
      with no first person before it in the clause or with a negation there. "I need to talk
      about my suicidal thoughts" and "I want to talk about suicide" stay: a person reaching
      out is a disclosure.
    """
    words = doc.words
    i, j = m.i, m.j
    clause_start, clause_end = clause
    if j < len(words) and words[j] in _TOPIC_COMPOUND:
        return True
    if i > 0 and words[i - 1] in _TOPIC_COMPOUND:
        return True
    if i > 1 and words[i - 1] == "to" and words[i - 2] in _LOST:
        return True  # "grieving a friend we lost to suicide": a death, grief
    after = words[j : min(j + 5, clause_end)]
    if (
        m.phrase.kind != "passive"
        and after[:1]
        and after[0] in _JUDGED_BY
        and _way_out(words[clause_start:i], after) is False
    ):
        return True  # "suicide is not the answer", "I don't really think suicide is the way"
    verb = gov
    if verb in _AND_OR:
        # "talk about suicidal thoughts and self-harm": the verb governs both.
        k = scope.last_in(doc, max(clause_start, i - 6), i, _TOPIC_VERB)
        verb = words[k] if k >= 0 else verb
    if verb is None or verb not in _TOPIC_VERB:
        return False
    if not _FIRST.isdisjoint(words[max(i - 2, 0) : j + 1]):
        return False  # "talk about my suicidal thoughts": the writer's own
    return not first_before or not scope.NEGATION.isdisjoint(words[clause_start:i])


def _way_out(before: list[str], after: list[str]) -> bool | None:
    """Whether the words after a topic word judge it as a way out (True: "suicide is the only
    answer"; WHO 2023: suicide presented as a solution is the framing most linked to
    imitation) or deny that with a negation before or after it in the clause (False:
    "suicide is not the answer"); None when they say nothing of a way out."""
    if _NOT_SOLUTION.isdisjoint(after):
        return None
    return scope.NEGATION.isdisjoint(after) and scope.NEGATION.isdisjoint(before)


def _quotes_themself(doc: Doc, i: int, j: int) -> bool:
    """A quote of the writer's own words: 'how do I go and be like "hey I want to kill
    myself"', 'aku bilang ke mama "aku pengen mati"'. The last person word before the quote
    in its sentence is the writer's, and the quote speaks in the first person before the
    phrase. 'she told me "I want to die"' and 'I heard her say "..."' stay someone else's."""
    q = doc.quote_opening(i)
    sa, _ = doc.sentence_range(i)
    if sa >= q or _FIRST.isdisjoint(doc.words[q:j]):
        return False
    k = scope.last_in(doc, sa, q, _PERSON)
    return k >= 0 and doc.words[k] in _WRITER_SPEAKS


def _empathy_or_past_frame(doc: Doc, sa: int, i: int, j: int) -> bool:
    """'I know how it feels to want to die', 'when I was suicidal', 'back when I wanted to
    die': a supporter drawing on their own past, not a present wish. A present marker
    ("again", "still", "tonight") anywhere after the frame brings it back to now."""
    words = doc.words
    for k in range(max(sa, i - 8), i):
        w = words[k]
        nxt = words[k + 1 : k + 4]
        if w == "when" and not _PAST_AUX.isdisjoint(nxt[:2]):
            return not scope.any_in(doc, k, i + 4, scope.PRESENT)
        if w in _EMPATHY_VERBS and not _EMPATHY_OBJECTS.isdisjoint(nxt):
            if k > 0 and words[k - 1] in scope.NEGATION:
                continue  # "nggak tau rasanya, pengen mati aja": not empathy
            near = words[k : i + 4]
            if "lagi" in near and not scope.NEGATION.isdisjoint(words[k:j]):
                # "aku tahu rasanya nggak pengen bangun lagi": with a negation "lagi" is
                # "anymore", not a present marker ("pengen nyayat tangan lagi" keeps it)
                near = [w for w in near if w != "lagi"]
            return _PRESENT.isdisjoint(near)
        if w == "been" and nxt[:1] == ["there"]:
            return True
    return False


def _still_so(words: list[str], j: int, sb: int) -> bool:
    """After a supporter's frame, the writer says it holds now too: "I know how it feels to
    want to die, I still do", "aku tahu rasanya pengen mati, aku juga masih"."""
    for k in range(j, sb - 1):
        if words[k] in _FIRST and not _PRESENT.isdisjoint(words[k + 1 : k + 3]):
            return True
    return False


# Frames of a supporter's own experience: "when I was/had/felt ...", "I know how it feels",
# "I remember what it was like", "I've been there", "aku tahu rasanya ...".
_PAST_AUX = frozenset({"was", "were", "had", "felt", "used", "went", "tried"})
_EMPATHY_VERBS = frozenset(
    {"know", "understand", "remember", "knew", "tahu", "paham", "mengerti", "ngerti"}
)
# Words that call a feeling normal: "it's okay to feel hopeless" (no first person in it).
_NORMALISING = frozenset({"okay", "ok", "normal", "valid", "wajar"})
_EMPATHY_OBJECTS = frozenset(
    {"how", "what", "feeling", "feel", "feels", "like", "rasanya", "bagaimana"}
)


def _judge(
    doc: Doc, m: Match, context: Context
) -> tuple[Severity, float, tuple[str, str], str] | None:
    """Severity, score, explanation and rule for one phrase, or None when it is not intent.

    The word groups are tested on slices of the sentence and clause (one C-level set test
    each) rather than word by word; a position is looked for only when a group is there.
    """
    i, j, kind = m.i, m.j, m.phrase.kind
    words = doc.words
    if doc.is_quoted(i) and not _quotes_themself(doc, i, j):
        return None  # quoted speech: someone else's words
    ca, cb = doc.clause_range(i)
    # "I'm not sure I won't kill myself", "gak janji gak bakal nyakitin diri": a denial the
    # writer doubts is no denial; neither is a doubted intent ("I don't think I'll kill myself")
    # a plan. Both are thoughts of it (C-SSRS ideation), HIGH.
    doubted = False
    if kind == "survive":
        # "I'm not sure I'll make it through the night": only a doubt or a negation makes it a
        # risk; "I made it through the night" is a good day.
        if not _survival_doubted(words, m, ca, cb):
            return None
    elif scope.negated(doc, i, clause_start=ca):
        # "why should I not kill myself", "kenapa aku nggak bunuh diri aja": asking for a
        # reason not to is no denial (C-SSRS ideation); "why don't I want to die anymore?" is
        # a recovery's question
        doubted = _doubted(words, ca, i) or (
            _why_not(words, ca, i) and _NO_LONGER.isdisjoint(words[j : j + 2])
        )
        if not doubted:
            return None
    sa, sb = doc.sentence_range(i)
    sentence = words[sa:sb]
    first_before = not _FIRST.isdisjoint(words[ca:i])
    # Computed once: a verb of talking here, of wishing or thinking further down.
    gov = scope.governor(doc, i, clause_start=ca)
    if kind in _TOPIC_WORD_KINDS and _about_the_topic(doc, m, (ca, cb), first_before, gov):
        return None
    # Past tense without a present or relapse marker: a recovery story, which is hope. A past
    # form inside the phrase is the phrase's own ("wish I was dead", "nobody would care if I
    # was dead": irrealis, not past).
    if (
        not _PAST.isdisjoint(sentence)
        and _PRESENT.isdisjoint(words[ca : min(cb, j + 3)])
        and not (_PAST.isdisjoint(words[sa:i]) and _PAST.isdisjoint(words[j:sb]))
    ):
        return None
    before = words[sa:i]
    # Reported speech or news: a third person (or a reporting verb) is the subject. Not for an
    # interrupted attempt, where the third person is the one who stopped the writer.
    if kind != "interrupted" and not _THIRD_OR_REPORT.isdisjoint(before):
        other = scope.last_in(doc, sa, i, _THIRD_OR_REPORT)
        # "I wrote a suicide note", "aku bilang aku capek hidup": the writer is the reporter.
        # So is a report verb right before a phrase that holds the first person ("wrote my
        # goodbye letters": the writer dropped the pronoun).
        own = words[other] in _REPORT and (
            (
                other > sa
                and words[other - 1] in _WRITER_SPEAKS
                # "temen gw bilang mau bunuh diri": "gw" is "my friend"'s, not the speaker
                and not (other - 1 > sa and words[other - 2] in _PARTICULAR_OTHER)
            )
            or (kind in _SELF_KINDS and other == i - 1)
        )
        # "kakak aku pengen bunuh diri": a first person right after the person is "my".
        # Not English "sorry mom, I can't do this anymore": "I" is never a possessive.
        possessive = other + 1 < i and words[other + 1] in _MY_AFTER and words[other] not in _REPORT
        after = other + 2 if possessive else other
        if not own and _FIRST.isdisjoint(words[after:i]):
            return _concern(doc, m, before, gov, context)
    elif words[i] in _THIRD_PERSON_VERB and _FIRST.isdisjoint(words[ca:i]):
        # "wants to die" is someone else's unless the writer is its subject ("part of me
        # wants to die"): "nobody wants to die", "the character wants to die".
        return None
    first_in_sentence = not _FIRST.isdisjoint(sentence)
    if context == Context.NEWS and not first_in_sentence:
        return None
    # Support offered to someone else: "kalau kamu pengen bunuh diri, hubungi 119".
    if not _SECOND.isdisjoint(before):
        second = scope.last_in(doc, sa, i, _SECOND)
        if _FIRST.isdisjoint(words[second:i]):
            return None
    if j < len(words) and words[j] in _SECOND:
        return None  # "mati aja lo": aimed at someone, a harassment rule handles it
    if not first_in_sentence:
        if not _HELP.isdisjoint(sentence) and not _help_refused(sentence):
            return None
        # "Thinking about suicide all the time does sound exhausting": weighing what someone
        # else told, with no first person in the sentence.
        if not _RESPONDER.isdisjoint(sentence):
            return None
        # A question or advice to someone else anywhere in the sentence, with no first person
        # in it: "do you want to die?", "suicidal thoughts lie to you".
        if not _SECOND.isdisjoint(sentence):
            return None
        # The phrase as a gerund subject of a judgement, or after a word that calls it normal:
        # "Wanting to die is a symptom, not a character flaw", "it's okay to feel hopeless".
        if words[i].endswith("ing") and j < len(words) and words[j] in _JUDGED_BY:
            return None
        if not _NORMALISING.isdisjoint(words[max(sa, i - 3) : i]):
            return None
    if (
        not _FRAME_WORDS.isdisjoint(words[max(sa, i - 8) : i])
        and _empathy_or_past_frame(doc, sa, i, j)
        and not _still_so(words, j, sb)
    ):
        return None
    wish = gov in _WISH
    thinking = gov in _IDEATION
    if doubted or (wish and _doubted(words, ca, i)):
        wish, thinking = False, True
    # Only in the same clause: "...postpone suicide? I'm sorry I was away" is not about me.
    first = first_before or not _FIRST.isdisjoint(words[j : min(j + 3, cb)])
    if (
        not first
        and kind == "harm"
        and _OTHERS.isdisjoint(sentence)
        and not (_PRESENT.isdisjoint(sentence) and _RECENT.isdisjoint(sentence))
    ):
        # Indonesian drops the pronoun: "nyilet lagi abis berantem sama bokap", "tadi sengaja
        # nyakar tangan" with no one else named tell the writer's own act, now; so does one
        # whose sentence names only the writer, in another clause ("self harm lagi td,
        # darahnya banyak tp gw ga peduli").
        first = True
    if kind in _SELF_KINDS:
        if wish:
            return Severity.BLOCK, 0.95, _INTENT, f"crisis.{kind}.intent"
        if (
            not thinking
            and i > 0
            and words[i - 1] == "could"
            and j + 1 < len(words)
            and words[j] == "for"
            and words[j + 1].endswith("ing")
        ):
            # "I could kill myself for forgetting her birthday": self-reproach, lowered to
            # WARN, never dropped
            return Severity.WARN, 0.4, _UNCLEAR, "crisis.unclear"
        explanation = _IDEATION_TEXT if thinking else _INTENT
        return Severity.HIGH, 0.8, explanation, f"crisis.{kind}"
    if kind in ("act", "harm"):
        if wish:
            return Severity.BLOCK, 0.9 if first else 0.8, _INTENT, f"crisis.{kind}.intent"
        if thinking:
            return Severity.HIGH, 0.8, _IDEATION_TEXT, f"crisis.{kind}.ideation"
        if first and not _RECENT.isdisjoint(sentence):
            # "I attempted suicide last night": a recent attempt (C-SSRS: the highest risk).
            return Severity.HIGH, 0.85, _INTENT, f"crisis.{kind}.recent"
        if first_in_sentence and _way_out(words[ca:i], words[j : min(j + 6, cb)]):
            # "suicide is the only way out for me", "bunuh diri satu-satunya jalan buat aku"
            return Severity.HIGH, 0.8, _INTENT, f"crisis.{kind}.solution"
        if first:
            return Severity.WARN, 0.5, _UNCLEAR, f"crisis.{kind}.mention"
        return None  # the topic, not the writer: safe-messaging rules apply instead
    if kind == "passive":
        if (
            "could" in words[max(ca, i - 2) : i]
            and _WISHED.isdisjoint(words[ca:i])
            and not thinking
        ):
            # "I'm so tired I could sleep forever": a potential, not a wish ("I wish I could
            # sleep forever" has the wish verb, and stays HIGH). Lowered, never dropped.
            return Severity.WARN, 0.4, _UNCLEAR, "crisis.unclear"
        return Severity.HIGH, 0.8, _PASSIVE, "crisis.passive"
    if kind == "survive":
        return Severity.HIGH, 0.8, _SURVIVE, "crisis.survival"
    if kind == "seek":
        if words[j - 1] == "take" and not _took_to_die(words, j, cb):
            return None  # "how many pills would it take to fix my back": a dose question
        # Asking for a method is a risk sign whoever is named: Indonesian drops the pronoun
        # ("cara bunuh diri tanpa rasa sakit?"); talk about someone else was dropped above.
        return Severity.HIGH, 0.85, _SEEK, "crisis.seek"
    if kind == "interrupted":
        # "my friend stopped me from jumping off": C-SSRS counts it as suicidal behaviour.
        return Severity.HIGH, 0.85, _INTENT, "crisis.interrupted"
    if kind == "prep":
        # "I wrote a suicide note", "I've been stockpiling pills": behaviour, not talk.
        # The writer may be inside the phrase: "obat2 udh gw kumpulin", "stockpiling my meds".
        own = first or not _FIRST.isdisjoint(words[i:j])
        return (Severity.HIGH, 0.85, _INTENT, "crisis.prep") if own else None
    return Severity.WARN, 0.4, _UNCLEAR, "crisis.unclear"


def _survival_doubted(words: list[str], m: Match, ca: int, cb: int) -> bool:
    """The writer doubts or denies getting through the night: a negation or "doubt" before
    the phrase in its clause ("I won't make it through the night", "nggak yakin bisa lewatin
    malam ini"), the phrase ending the clause. Not eagerness or surprise ("gak sabar lewatin
    malam ini bareng kalian", "nggak nyangka bisa lewatin malam ini"), and not a craving's
    condition ("...through the night without drinking": a relapse risk, not this one)."""
    if not all(w in _TRAILING for w in words[m.j : cb]):
        return False
    part = words[ca : m.i]
    if not _DEVICE.isdisjoint(part):
        return False  # "I don't think my phone will make it through the night"
    if "doubt" in part or "ragu" in part:
        return True
    return any(
        w in scope.NEGATION
        and (k + 1 == len(part) or part[k + 1] not in _NOT_DOUBT)
        and (k == 0 or part[k - 1] not in _WAS)  # "I didn't think I'd make it": it did
        for k, w in enumerate(part)
    )


def _why_not(words: list[str], a: int, i: int) -> bool:
    """A "why" question over the negation in tokens [a, i): "why should I not", "why don't I
    just", "kenapa aku nggak ... aja". Not an explanation ("why I'm not suicidal anymore")."""
    part = words[a:i]
    if _WHY.isdisjoint(part):
        return False
    for k, w in enumerate(part[:-1]):
        if w in _WHY and (w not in _WHY_EN or part[k + 1] in _ASKING_AUX):
            return True
    return False


def _help_refused(sentence: list[str]) -> bool:
    """Help is refused, not offered: "don't want help, just want to be dead", "nggak butuh
    bantuan". A negation up to three words before the help word."""
    for k, w in enumerate(sentence):
        if w in _HELP and not scope.NEGATION.isdisjoint(sentence[max(0, k - 3) : k]):
            return True
    return False


def _took_to_die(words: list[str], j: int, cb: int) -> bool:
    """After "how many pills would it take": the clause ends there ("I've been researching how
    many pills it would take") or goes on to dying ("...to die", "...to end it")."""
    rest = [w for w in words[j:cb] if w not in _TRAILING and w != "be"]
    return not rest or rest[0] in _LETHAL_GOAL or rest[:2] == ["end", "it"]


def _doubted(words: list[str], a: int, i: int) -> bool:
    """Tokens [a, i) hold a doubt about what follows: a negated verb of belief or promise,
    then the writer, a "that", a negation or an auxiliary ("not sure I won't", "can't promise
    I won't", "don't think I'll", "nggak yakin aku bakal", "gak janji gak bakal"), or "doubt"
    before the writer. "I'm not sure why I want to die" holds none: "why" follows."""
    part = words[a:i]
    if _DOUBT_VERBS.isdisjoint(part):
        return False  # most phrases: one C-level test
    for k in range(len(part) - 1):
        w, nxt = part[k], part[k + 1]
        if w in _DOUBT_VERBS and nxt in _DOUBT_NEXT:
            if w == "doubt":
                return True
            # the negation right before the verb, or before a modal there ("ga bisa jamin")
            before = part[k - 1] if k > 0 else ""
            if before in _CAN and k > 1:
                before = part[k - 2]
            if before in scope.NEGATION:
                return True
    return False


def _concern(
    doc: Doc, m: Match, before: list[str], gov: str | None, context: Context
) -> tuple[Severity, float, tuple[str, str], str] | None:
    """A phrase whose subject is a particular other person: a concern when that person's risk
    is told as current (a wish, thoughts, a method asked for, a note), not a death or the topic
    itself. Not news, not people in general ("when people are suicidal"), not the reader or
    the reader's relative ("tell them you're suicidal", "why does your brother want to..."),
    not advice for a case ("if he tries to commit suicide, call the police"), and not a phrase
    that holds the writer ("my mom says I am a burden")."""
    kind = m.phrase.kind
    words = doc.words
    if context == Context.NEWS:
        return None
    if kind not in _CONCERN_TOPIC_KINDS:
        return None
    if not _FIRST.isdisjoint(words[m.i : m.j]):
        return None  # the phrase holds the writer: "my mom says I am a burden"
    wished = gov in _WISH or gov in _IDEATION or gov in _THIRD_WISH
    # A self-directed act told of another without a wish verb is done, not planned: "my
    # brother took 30 pills" (kind self_act, no first person in the phrase) is an attempt.
    # So is an overdose told as done ("my friend ODed last night").
    attempt = (kind == "self_act" or words[m.i] in _DONE_ACT) and not wished
    sa = m.i - len(before)
    if attempt or (not wished and words[m.i] in _SWALLOWED):
        sentence = words[sa : doc.sentence_range(m.i)[1]]
        # A poison or an overdose taken just now, told as done: "temenku minum baygon tadi,
        # sekarang di IGD", "adikku overdosis semalam".
        attempt = attempt or not _RECENT.isdisjoint(sentence)
        if attempt and not _DIED.isdisjoint(sentence):
            return None  # a death told ("my cousin overdosed and died last night"): no 112
    if not (attempt or wished or kind in _CONCERN_KINDS):
        return None
    person = scope.last_in(doc, sa, m.i, _PERSON)
    if person > sa and words[person] in _FIRST and words[person - 1] in _PARTICULAR_OTHER:
        person -= 1  # "kakak aku": my sibling
    if person < 0 or words[person] not in _PARTICULAR_OTHER:
        return None
    neighbours = words[max(sa, person - 1) : person + 2]
    if not _SECOND.isdisjoint(neighbours) or not _CONDITIONAL.isdisjoint(before):
        return None
    if attempt:
        return Severity.HIGH, 0.85, _CONCERN_ATTEMPT, "concern.other.attempt"
    if scope.has_plan(doc, *doc.clause_range(m.i)):
        return Severity.HIGH, 0.8, _CONCERN_PLAN, "concern.other.plan"
    return Severity.WARN, 0.6, _CONCERN, "concern.other"


_FIRST = scope.FIRST
# First-person words that follow a noun as its owner ("kakak aku", "temen saya").
_MY_AFTER = frozenset({"aku", "saya", "kami", "kita"})
# Words that may close a clause after a survival phrase ("...through the night honestly").
_TRAILING = scope.FILLER | frozenset(
    {"honestly", "tbh", "anymore", "lol", "guys", "lagi"}
    | {"like", "this", "kayak", "kaya", "gini", "begini", "seperti", "ini"}  # "...like this"
    | {"dengan", "selamat", "safely", "jujur", "sih"}  # "...dgn selamat jujur"
)
# A negation before these is eagerness or surprise, not doubt ("gak sabar", "nggak nyangka").
_NOT_DOUBT = frozenset({"sabar", "wait", "nyangka", "menyangka", "believe"})
_WAS = frozenset({"did", "was", "were", "had"})
# What else may not last the night: "my phone won't make it through the night".
_DEVICE = scope.INANIMATE | frozenset({"phone", "battery", "car", "laptop", "plant", "dog", "cat"})
_DONE_ACT = frozenset({"overdosed"})
# Act words of a poison or an overdose, which someone can still be saved from.
_SWALLOWED = frozenset(
    {"minum", "meminum", "nenggak", "menenggak", "overdosis", "overdose", "baygon", "racun"}
)
_DIED = frozenset({"died", "dead", "meninggal", "tewas", "wafat", "passed", "death"})
_WHY_EN = frozenset({"why"})
_NO_LONGER = frozenset({"anymore", "lagi"})
_WHY = _WHY_EN | frozenset({"kenapa", "mengapa", "knp", "ngapain"})
# After "why", a question's auxiliary ("why should I not", "why don't I").
_ASKING_AUX = frozenset({"should", "would", "do", "does", "did", "can", "could", "shall"})
_LETHAL_GOAL = frozenset(
    {"die", "kill", "overdose", "od", "mati", "overdosis", "lethal", "fatal", "deadly"}
)
_CAN = frozenset({"can", "could", "bisa", "dapat"})
# Any word of wishing before a potential ("I wish I could sleep forever")
_WISHED = scope.DESIRE | frozenset({"wish", "wished", "hope", "pray", "if", "only"})
# Verbs of belief or promise that, negated, cast doubt on the rest (see _doubted); "doubt"
# does it alone.
_DOUBT_VERBS = frozenset(
    {"think", "believe", "expect", "sure", "promise", "guarantee", "doubt"}
    | {"yakin", "janji", "jamin", "menjamin", "berjanji"}
)
_DOUBT_NEXT = (
    scope.FIRST
    | scope.NEGATION
    | scope.DESIRE
    | _CAN
    | frozenset({"that", "if", "whether", "bahwa", "kalau"})
    | frozenset({"ill", "id", "im"})  # "I dont think Ill": contractions typed without "'"
)
# Kinds that tell a current risk by themselves; the others need a verb of wishing or thinking
# ("he killed himself" is a death, "she wants to kill herself" a risk).
_CONCERN_KINDS = frozenset({"passive", "seek", "prep"})
# Phrase words in a third-person form ("wants to die"): the writer's only with a first person.
_THIRD_PERSON_VERB = frozenset({"wants", "wishes"})
# Phrases that can tell of someone else (self kinds too, when their words hold no first person:
# "jump off the bridge"); "ambiguous" ones are too unclear to say of someone else.
_CONCERN_TOPIC_KINDS = _CONCERN_KINDS | {"act", "harm"} | _SELF_KINDS
# Third persons that name one particular person (a pronoun, a relative, a friend), not people
# in general or the people of a news report.
_PARTICULAR_OTHER = scope.THIRD - CUES["generic_person"]
_CONDITIONAL = scope.CONDITIONAL
# Third-person verb forms of wishing, planning and threatening (the cue groups hold the first
# person's: "want", "plan").
_THIRD_WISH = frozenset(
    {"wants", "wanted", "plans", "planned", "thinks", "tries", "threatens", "threatened"}
    | {"threatening", "talks", "talked", "talking"}
)
_DETERMINERS = frozenset({"the", "a", "an", "this", "that"})
_PREFERENCE = CUES["preference"]
_THAN = CUES["than"]
_LIVING_ON = CUES["living_on"]
# After the phrase: "he killed himself laughing", "mati ketawa"; "I don't care if I die trying"
_LAUGHING = frozenset({"laughing", "ketawa", "tertawa", "ngakak", "trying"})
# "tidak ada di dunia ini" is not existing; "tidak ada di rapat" is not being at the meeting.
_THE_WORLD = frozenset({"dunia", "bumi", "muka", "sini", "hidup"})
_BE = frozenset({"am", "is", "are", "was", "were", "been", "be"})
# What one "kills oneself" at or over: hard work, not a method
_TOIL = frozenset(
    {"gym", "work", "office", "job", "essay", "exam", "exams", "project", "homework"}
    | {"training", "practice", "deadline", "deadlines", "overtime", "shift", "shifts", "thesis"}
)
_INJURY_VERB = frozenset({"burn", "burned", "burnt", "burning", "cut", "cutting"})
# Words of a household mishap near "burned/cut myself": an accident, not self-harm.
_MISHAP = frozenset(
    {"cooking", "shaving", "ironing", "baking", "stove", "oven", "pan", "kettle", "iron"}
    | {"accidentally", "accident", "grill", "curling"}
)
_THOUGHT_SO = frozenset({"kirain", "kukira", "kirai", "dikira"})
_VANISH = frozenset({"menghilang", "hilang", "disappear", "vanish"})
_A_WHILE = frozenset({"bentar", "sebentar", "dulu", "saja"})
_APPS = frozenset(
    {"sosmed", "medsos", "socmed", "internet", "grup", "group", "twitter", "instagram", "ig"}
    | {"tiktok", "facebook", "fb", "whatsapp", "wa", "discord", "online"}
)
# Where or with whom one lives (see _how_or_where).
_LIVE = frozenset({"live", "hidup"})
_ALONE = frozenset({"alone", "sendiri", "sendirian", "abroad", "together"})
_WHERE = frozenset({"in", "at", "near", "di", "dekat"})
_WITH = frozenset({"with", "sama", "bareng", "dengan", "bersama", "serumah"})
_DETERMINER_OR_OWNER = (
    _DETERMINERS
    | scope.FIRST
    | frozenset({"these", "those", "such", "your", "his", "her", "their", "our", "ini", "itu"})
)
# After "in" / "di": not a place but the world or a state ("in this world", "in pain").
_NOT_A_PLACE = _THE_WORLD | frozenset(
    {"world", "earth", "pain", "misery", "fear", "hell", "agony", "shame", "darkness", "body"}
    | {"constant", "kesakitan", "penderitaan", "ketakutan", "neraka", "kegelapan"}
)
_HOUSEMATES = frozenset(
    {"parents", "family", "roommate", "roommates", "flatmates", "housemates", "partner"}
    | {"orangtua", "ortu", "keluarga", "mertua", "suami", "istri", "pacar"}
)
_PERSON = scope.FIRST | scope.SECOND | scope.THIRD
_OTHERS = scope.OTHERS
# First person that can introduce the writer's own words: not an object ("she told me '...'").
_WRITER_SPEAKS = scope.FIRST - {"me", "us", "myself", "mine"}
_TOPIC_WORD_KINDS = frozenset({"act", "harm", "passive", "prep", "seek"})
_TOPIC_COMPOUND = CUES["topic_compound"]
_TOPIC_VERB = CUES["topic_verb"]
_RESPONDER = CUES["responder"]
_NOT_SOLUTION = CUES["not_solution"]
_LOST = frozenset({"lost", "lose", "losing"})
_AND_OR = frozenset({"and", "or", "dan", "atau"})
# The topic word as the subject of a judgement: "suicide is ...", "bunuh diri itu bukan ...".
_JUDGED_BY = frozenset({"is", "was", "itu", "adalah", "bukan"})
_SECOND = scope.SECOND
_PAST = scope.PAST
_PRESENT = scope.PRESENT
_HELP = scope.HELP
_IDEATION = scope.IDEATION
_WISH = scope.DESIRE | scope.ATTEMPT
_THIRD_OR_REPORT = scope.THIRD | scope.REPORT
_REPORT = scope.REPORT
_RECENT = CUES["recent"]
# The words that can open a supporter's frame (see _empathy_or_past_frame).
_FRAME_WORDS = frozenset({"when", "been"}) | _EMPATHY_VERBS
