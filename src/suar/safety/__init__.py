"""Suar's safety engine: one deterministic bilingual analysis of a text, `analyze(text)`."""

from __future__ import annotations

import logging
import threading
import time
from operator import attrgetter
from typing import Protocol, runtime_checkable

from suar.safety import (
    crisis,
    harassment,
    langid,
    personal_data,
    readability,
    safe_messaging,
    scope,
    spam,
    stigma,
    triggering,
)
from suar.safety.lexicon import COMMON_WORDS, EVERYDAY
from suar.safety.normalize import Doc, split_tokens, tokenize
from suar.safety.report import (
    CATEGORY_BY_LABEL,
    Category,
    Context,
    Finding,
    Readability,
    Report,
    Severity,
)
from suar.safety.scope import JOKE

__all__ = [
    "Category",
    "Context",
    "Engine",
    "Finding",
    "Readability",
    "Report",
    "SafetyModel",
    "Severity",
    "analyze",
    "analyze_bytes",
]

_log = logging.getLogger(__name__)

# Above this size a text is still analysed in full (linear time), but a caller should expect
# tens of milliseconds per megabyte rather than the sub-millisecond time of a post.
MAX_RECOMMENDED_CHARS = 100_000
_MODEL_REFRESH_SECONDS = 5.0
_MODEL_SEVERITY = {"crisis": Severity.HIGH}
# A crisis the rules found only at WARN gets the model's HIGH beside it from this score up.
_OVERRULE_WARN = 0.5
_EXPLAINED = (
    "Model terlatih menilai teks ini berisiko ({label}), tetapi penilaiannya bertumpu pada "
    "kata-kata yang dibaca aturan sebagai ungkapan sehari-hari atau penyangkalan.",
    "The trained model rates this text as risky ({label}), but its rating rests on words the "
    "rules read as an everyday sense or a denial.",
)
_MODEL_EXPLANATION = (
    "Model terlatih menilai seluruh teks ini berisiko ({label}); tidak ada aturan yang cocok.",
    "The trained model rates this whole text as risky ({label}); no rule matched a phrase.",
)


@runtime_checkable
class SafetyModel(Protocol):
    """What the engine needs from a trained layer (see suar.safety.model)."""

    thresholds: dict[str, float]

    def predict_proba(self, text: str) -> dict[str, float]: ...


class Engine:
    """Rules, plus a trained model on top when one is given."""

    def __init__(self, model: SafetyModel | None = None) -> None:
        self.model = model

    def analyze(
        self, text: str, *, lang: str | None = None, context: Context | str = Context.POST
    ) -> Report:
        if not isinstance(text, str):
            raise TypeError(f"analyze() needs str, got {type(text).__name__}; use analyze_bytes()")
        ctx = context if type(context) is Context else Context(context)
        model = self._current_model()
        # A trained model's own token cache, when it has one: one lookup per token then
        # serves the rules and the model (suar.safety.model.TextModel.token_infos).
        doc = tokenize(text, infos=getattr(model, "token_infos", None))
        language = _check_lang(lang) if lang else langid.identify(doc)
        crisis_result = crisis.detect(doc, lang=language, context=ctx)
        findings: list[Finding] = list(crisis_result.findings)
        intent = bool(findings) and any(f.severity >= Severity.HIGH for f in findings)
        findings += crisis_result.concerns
        findings += harassment.detect(doc, lang=language)
        findings += triggering.detect(
            doc, lang=language, topic=crisis_result.topic_matches, intent=intent
        )
        findings += safe_messaging.detect(
            doc,
            lang=language,
            context=ctx,
            topic=crisis_result.suicide_mentions,
            intent=bool(crisis_result.findings),
            # A concern finding carries help for a friend already: no S10 on top.
            concern=bool(crisis_result.concerns),
        )
        findings += stigma.detect(doc, lang=language)
        findings += personal_data.detect(
            text, lang=language, has_digit=doc.has_digit, words=doc.wordset, context=ctx
        )
        findings += spam.detect(doc, lang=language)
        model_scores: dict[str, float] = {}
        if model is not None and doc.words:
            by_doc = getattr(model, "predict_proba_doc", None)
            if getattr(model, "uses_rule_findings", False):
                # The rules' findings are features of this model: they are all here already.
                proba = by_doc(doc, findings) if by_doc else model.predict_proba(text)
            elif by_doc is not None:
                proba = by_doc(doc)
            else:
                by_tokens = getattr(model, "predict_proba_tokens", None)
                proba = by_tokens(doc.raw_tokens) if by_tokens else model.predict_proba(text)
            model_scores = {k: round(float(v), 4) for k, v in proba.items()}
            alone = getattr(model, "rules_alone", None)
            if alone and findings:
                findings = _overrule(model, alone, model_scores, findings)
            findings += _model_findings(model, model_scores, findings, doc, crisis_result)
        if len(findings) > 1:
            # Ordered as by _order, in two stable passes with C-level keys: by position and
            # rule, then by severity, most severe first (reverse=True keeps ties in order).
            findings.sort(key=_BY_POSITION)
            findings.sort(key=_BY_SEVERITY, reverse=True)
        # Positional, in field order: a class called with keywords builds a dict of them.
        return Report(
            len(text), language, tuple(findings), readability.measure(doc, language), model_scores
        )

    def _current_model(self) -> SafetyModel | None:
        return self.model


class _DefaultEngine(Engine):
    """Uses the active trained model, re-checked every few seconds so a retrain takes effect."""

    def __init__(self) -> None:
        super().__init__(None)
        self._checked_at = -_MODEL_REFRESH_SECONDS
        self._lock = threading.Lock()

    def _current_model(self) -> SafetyModel | None:
        now = time.monotonic()
        if now - self._checked_at >= _MODEL_REFRESH_SECONDS:
            with self._lock:
                self.model = _load_active_model()
                self._checked_at = now
        return self.model


def _load_active_model() -> SafetyModel | None:
    from suar.safety.model import load_active

    try:
        model = load_active()
    except (OSError, ValueError) as exc:
        # A damaged or outdated model file must not stop every check: the rules still run,
        # and the problem is logged once per refresh for whoever runs the install.
        _log.warning("safety model not loaded, using the rules only: %s", exc)
        return None
    return model if isinstance(model, SafetyModel) else None


def _overrule(
    model: SafetyModel,
    alone: dict[str, int],
    scores: dict[str, float],
    findings: list[Finding],
) -> list[Finding]:
    """The rule findings, without those of a category whose label the model rejects and
    whose severity is below that label's `rules_alone` (learnt by training: the weaker rule
    hits that the model, which has them as features, decides). Crisis and BLOCK findings
    always stay."""
    thresholds = getattr(model, "thresholds", None) or {}
    for label, severity in alone.items():
        category = CATEGORY_BY_LABEL.get(label)
        if category is None or category is Category.CRISIS:
            continue
        p = scores.get(label)
        if p is None or p >= thresholds.get(label, 0.5):
            continue
        # BLOCK findings always stand, also for a model file that says otherwise.
        floor = min(severity, Severity.BLOCK)
        findings = [f for f in findings if f.category is not category or f.severity >= floor]
    return findings


def _model_findings(
    model: SafetyModel,
    scores: dict[str, float],
    rule_findings: list[Finding],
    doc: Doc,
    crisis_result: crisis.CrisisResult,
) -> list[Finding]:
    """A whole-text finding per label the model is sure of and the rules did not already find
    (for crisis: not at the model's severity or above).

    Not harassment on a text the rules read as the writer's own crisis that speaks to no one
    ("mending mati daripada hidup kayak gini" scored 0.79 for harassment: the model learnt
    "mati" from "mati aja lo"): a person in pain is not told their words look like abuse.
    Crisis is WARN, not HIGH, when the model's score rests on words the rules read otherwise
    (see _explained_away).
    """
    thresholds = getattr(model, "thresholds", None) or {}
    found: dict[Category, Severity] | None = None  # the rules' worst per category, when needed
    out: list[Finding] = []
    for label, p in scores.items():
        if p < thresholds.get(label, 0.5):
            continue  # most texts: no label is sure enough
        category = CATEGORY_BY_LABEL.get(label) if isinstance(label, str) else None
        if category is None:
            continue  # a label with no report category (e.g. "ok") only goes to model_scores
        if found is None:
            found = {}
            for f in rule_findings:
                if f.severity > found.get(f.category, -1):
                    found[f.category] = f.severity
        severity = _MODEL_SEVERITY.get(label, Severity.WARN)
        ruled = found.get(category)
        # A rule finding of the category makes the model's redundant, except a crisis the
        # rules rate lower than the model does: a model sure of a crisis the rules call
        # unclear ("hopeless", a will) must still reach a moderator. Sure: more likely than
        # not, past its cut-off (which is tuned for recall), and not in a joke, which the
        # rules lowered on purpose ("we lost 3-0 and i want to disappear lol").
        if ruled is not None and (
            category is not Category.CRISIS
            or ruled >= severity
            or p < _OVERRULE_WARN
            or not doc.wordset.isdisjoint(JOKE)
        ):
            continue
        if category is Category.HARASSMENT and _own_crisis_unaddressed(rule_findings, doc):
            continue
        rule, explanation = f"model.{label}", _MODEL_EXPLANATION
        if (
            category is Category.CRISIS
            and severity > Severity.WARN
            and _explained_away(
                model, label, thresholds.get(label, 0.5), doc, crisis_result, rule_findings
            )
        ):
            if ruled is not None:
                continue  # no HIGH after all, and the rules' finding already says as much
            severity, rule, explanation = Severity.WARN, f"model.{label}.explained", _EXPLAINED
        out.append(
            Finding(
                category=category,
                severity=severity,
                start=0,
                end=len(doc.text),
                rule=rule,
                explanation_id=explanation[0].format(label=label),
                explanation_en=explanation[1].format(label=label),
                suggestion=crisis.HELP_ID if category == Category.CRISIS else None,
                score=round(p, 3),
            )
        )
    return out


def _explained_away(
    model: SafetyModel,
    label: str,
    threshold: float,
    doc: Doc,
    result: crisis.CrisisResult,
    rule_findings: list[Finding],
) -> bool:
    """Whether the model's crisis score falls below its cut-off once the words the rules read
    otherwise are taken out: crisis phrases they cleared (a denial, "I would never kill myself,
    my kids need me"; an idiom, "capek hidup di kos sempit ini") and everyday senses
    (lexicon.EVERYDAY: "I would die for my kids", "my battery is dying"). The rest is scored
    again, the whole of it and each sentence alone, so a risk elsewhere keeps the finding HIGH:
    "I don't want to die but I have the rope ready", or a post whose other sentence says "I
    keep thinking everyone would be happier if I was gone" (the whole rest of a long post can
    fall under the cut-off when a few risky words go, its risky sentence alone does not). Rare:
    only texts the model alone rates as crisis get here."""
    spans = [*result.cleared, *EVERYDAY.find(doc)]
    if not spans:
        return False
    starts, ends, text = doc.starts, doc.ends, doc.text
    cut: list[tuple[int, int]] = []
    for a, b in sorted((starts[m.i], ends[m.j - 1]) for m in spans):
        if cut and a <= cut[-1][1]:
            cut[-1] = (cut[-1][0], max(cut[-1][1], b))
        else:
            cut.append((a, b))
    pieces = [(0, len(text))]
    n = len(doc.words)
    if n and doc.sentence_id(n - 1) > doc.sentence_id(0):
        k = 0
        while k < n:
            a, b = doc.sentence_range(k)
            pieces.append((starts[a], ends[b - 1]))
            k = b
    for lo, hi in pieces:
        rest = _outside(text, cut, lo, hi)
        if COMMON_WORDS.issuperset(tokenize(rest).words):
            # Nothing but function words left ("I want to", "aku ingin ini"): the model scores
            # such fragments high (its short crisis examples are mostly function words and one
            # risk word), so the fragment cannot carry the risk by itself.
            continue
        if _score(model, label, rest, rule_findings, text) >= threshold:
            return False
    return True


def _outside(text: str, cut: list[tuple[int, int]], lo: int, hi: int) -> str:
    """text[lo:hi] without the (sorted, disjoint) character spans in `cut`."""
    parts, at = [], lo
    for a, b in cut:
        if b <= lo or a >= hi:
            continue
        if a > at:
            parts.append(text[at:a])
        at = max(at, b)
    if at < hi:
        parts.append(text[at:hi])
    return " ".join(parts)


def _score(
    model: SafetyModel, label: str, part: str, rule_findings: list[Finding], text: str
) -> float:
    by_tokens = getattr(model, "predict_proba_tokens", None)
    if by_tokens is None:
        proba = model.predict_proba(part)
    elif getattr(model, "uses_rule_findings", False):
        # The same rule features as the whole text (their spans refer to it), fewer words.
        proba = by_tokens(split_tokens(part), rule_findings, text)
    else:
        proba = by_tokens(split_tokens(part))
    return float(proba.get(label, 0.0))


def _own_crisis_unaddressed(rule_findings: list[Finding], doc: Doc) -> bool:
    """A crisis finding of the rules at HIGH or above, in a text without a second person."""
    return doc.wordset.isdisjoint(scope.SECOND) and any(
        f.category is Category.CRISIS and f.severity >= Severity.HIGH for f in rule_findings
    )


def _order(f: Finding) -> tuple[int, int, int, str]:
    """How a report's findings are ordered: most severe first, then by position and rule."""
    return (-f.severity, f.start, f.end, f.rule)


_BY_POSITION = attrgetter("start", "end", "rule")
_BY_SEVERITY = attrgetter("severity")


def _check_lang(lang: str) -> str:
    if lang not in langid.LANGUAGES:
        raise ValueError(f"lang must be one of {', '.join(langid.LANGUAGES)}, got {lang!r}")
    return lang


_default: Engine | None = None
_default_lock = threading.Lock()


def default_engine() -> Engine:
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = _DefaultEngine()
    return _default


def analyze(text: str, *, lang: str | None = None, context: Context | str = Context.POST) -> Report:
    """Analyse one text with the rules and, when present, the active trained model."""
    return default_engine().analyze(text, lang=lang, context=context)


def analyze_bytes(
    data: bytes, *, lang: str | None = None, context: Context | str = Context.POST
) -> Report:
    """Analyse UTF-8 bytes. Invalid sequences become U+FFFD (never an error), so spans refer to
    the decoded text: callers that show spans must decode the same way."""
    return analyze(data.decode("utf-8", errors="replace"), lang=lang, context=context)
