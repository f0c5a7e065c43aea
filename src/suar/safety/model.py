"""The trainable layer: a hashed character/word n-gram linear model, fast for one short text."""

from __future__ import annotations

import base64
import itertools
import json
import math
import os
import sys
import zlib
from array import array
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from suar.safety.modelwords import (  # noqa: F401 (re-exported: tests and callers use them)
    _FOLD,
    _LEET,
    _clean_token,
    _close_run,
    _join_single_letters,
    _memo,
    clean_tokens,
    finish_words,
)
from suar.safety.normalize import _INFO as _BASE_INFOS
from suar.safety.normalize import _TOKEN_RE, Doc
from suar.safety.report import Category, Finding

FORMAT = "suar-textmodel"
# 2: words come from the rule engine's tokenizer (apostrophes join a word: "don't").
# 3: the rules' findings are features too (FeatureConfig.rule_features), and the model may
#    say which rule findings stand without it (TextModel.rules_alone). A model without rule
#    features is still written as version 2, which older code reads.
FORMAT_VERSION = 3
READABLE_VERSIONS = frozenset({2, 3})
MODEL_FILENAME = "model.json"
# Labels that mean "nothing to flag": rows with them are negatives for every other label.
NEUTRAL_LABELS = frozenset({"ok", "none", "safe", "neutral", "clean", "0", ""})
PACKAGE_DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True, slots=True)
class FeatureConfig:
    """How text becomes hashed features; stored with the model so inference matches training."""

    n_buckets: int = 1 << 20
    # Character 3-6-grams and no word bigrams (since December 2026; before: 2-5-grams and
    # bigrams). A text's score is then a sum of per-word numbers that the tokenizer's cache
    # already holds, where bigrams cost a dictionary lookup per pair of words, and it is as
    # accurate or more: bench/safety.py's 5-fold harassment check gave F1 0.874 (engine and
    # model) and 0.886 (model alone) against 0.872 and 0.881; 2-6-grams gave 0.871 and 0.882,
    # and bigrams of only pronouns, negations and tense markers changed nothing. Models saved
    # with bigrams still load and score as before.
    char_min: int = 3
    char_max: int = 6
    word_bigrams: bool = False
    # Texts are scaled by 1/sqrt(feature count); a floor keeps one short word ("ok", "halo")
    # from being scaled up into a confident score.
    min_count: int = 16
    # The rule engine's findings as features (December 2026): one feature per rule id, per
    # category and severity, and per insult rule and the word it matched, each worth 1 (not
    # scaled by the text's length), so a model learns which rules to trust on its data.
    # Older models (version 2) have none and score exactly as before.
    rule_features: bool = True

    def scale(self, count: int) -> float:
        return 1.0 / math.sqrt(max(count, self.min_count, 1))

    def to_dict(self) -> dict[str, Any]:
        return {
            "n_buckets": self.n_buckets,
            "char_min": self.char_min,
            "char_max": self.char_max,
            "word_bigrams": self.word_bigrams,
            "min_count": self.min_count,
            # Only when used: a model without rule features is the same file as before.
            **({"rule_features": True} if self.rule_features else {}),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FeatureConfig:
        return cls(
            n_buckets=int(data["n_buckets"]),
            char_min=int(data["char_min"]),
            char_max=int(data["char_max"]),
            word_bigrams=bool(data["word_bigrams"]),
            min_count=int(data["min_count"]),
            rule_features=bool(data.get("rule_features", False)),
        )


def tokens(text: str) -> list[str]:
    """Normalised model words of a text."""
    return clean_tokens(_TOKEN_RE.findall(text))


def _hash(feature: str, n_buckets: int) -> int:
    # crc32 rather than hash(): Python's str hash changes between processes.
    return zlib.crc32(feature.encode("utf-8")) & (n_buckets - 1)


# CRC-32 runs on: crc32(prefix + data) == crc32(data, crc32(prefix)), so the feature kinds'
# prefixes ("w:", "c:", "b:") are hashed once, and no feature string is built.
_CRC_WORD = zlib.crc32(b"w:")
_CRC_CHARS = zlib.crc32(b"c:")
_CRC_BIGRAM = zlib.crc32(b"b:")
_CRC_RULE = zlib.crc32(b"r:")
# Per (padded length, smallest n, largest n): the slices of every character n-gram, in the
# order of the plain loops (size by size, left to right).
_GRAM_SLICES: dict[tuple[int, int, int], list[slice]] = {}


def _gram_slices(length: int, char_min: int, char_max: int) -> list[slice]:
    key = (length, char_min, char_max)
    slices = _GRAM_SLICES.get(key)
    if slices is None:
        slices = [
            slice(i, i + size)
            for size in range(char_min, char_max + 1)
            for i in range(length - size + 1)
        ]
        if len(_GRAM_SLICES) < 4096:  # words longer than a few hundred letters: not kept
            _GRAM_SLICES[key] = slices
    return slices


def word_features(word: str, config: FeatureConfig) -> list[int]:
    """Buckets of one word: the word itself and its character n-grams with edge markers.

    The same as hashing "w:" + word and "c:" + each n-gram of " word " one by one, with the
    loops at C speed: an ASCII word's n-grams are slices of its bytes (one byte a letter).
    """
    mask = config.n_buckets - 1
    data = word.encode("utf-8")
    out = [zlib.crc32(data, _CRC_WORD) & mask]
    if word.isascii():
        padded = b" " + data + b" "
        grams: Iterable[bytes] = map(
            padded.__getitem__, _gram_slices(len(padded), config.char_min, config.char_max)
        )
    else:
        text = f" {word} "
        slices = _gram_slices(len(text), config.char_min, config.char_max)
        grams = map(str.encode, map(text.__getitem__, slices))
    out += map(mask.__and__, map(zlib.crc32, grams, itertools.repeat(_CRC_CHARS)))
    return out


def bigram_feature(first: str, second: str, config: FeatureConfig) -> int:
    return zlib.crc32(f"{first} {second}".encode(), _CRC_BIGRAM) & (config.n_buckets - 1)


def rule_feature_names(findings: Iterable[Finding], text: str) -> list[str]:
    """The rule features of a text's findings, each once, in a fixed order.

    Per finding: its rule id ("harassment.insult.targeted", "crisis.act.intent"), its
    category and severity ("harassment@HIGH"), and for an insult, slur or swear word the rule
    id with the model word it matched ("harassment.slur|kafir"), so that a model learns which
    lexicon entries to trust on its own data. Threats carry no word (a phrase).
    """
    names: set[str] = set()
    for f in findings:
        names.update(_finding_names(f, text))
    return sorted(names)


def _names_key(f: Finding, text: str) -> tuple[Any, ...]:
    """What a finding's rule feature names depend on (the key of TextModel's name cache)."""
    if f.category is Category.HARASSMENT and f.rule != "harassment.threat":
        return (f.rule, f.severity, text[f.start : f.end])
    return (f.rule, f.severity)


def _finding_names(f: Finding, text: str) -> tuple[str, ...]:
    rule = f.rule
    severity = f"{f.category.value}@{f.severity.name}"
    if f.category is Category.HARASSMENT and rule != "harassment.threat":
        span = text[f.start : f.end]
        # One token (the usual case), or a spaced-out word ("g o b l o k") joined.
        word = _clean_token(span) if _TOKEN_RE.fullmatch(span) else " ".join(tokens(span))
        return (rule, severity, f"{rule}|{word}")
    return (rule, severity)


def rule_feature(name: str, config: FeatureConfig) -> int:
    """The bucket of one rule feature ("r:" + name)."""
    return zlib.crc32(name.encode("utf-8"), _CRC_RULE) & (config.n_buckets - 1)


_rules_engine: Any = None


def rule_findings(text: str) -> tuple[Finding, ...]:
    """The rule engine's findings for a text (no model): what rule features are made of when
    a caller scores a text without the engine's findings at hand."""
    global _rules_engine
    if _rules_engine is None:
        from suar.safety import Engine  # suar.safety imports this module lazily too

        _rules_engine = Engine()
    findings: tuple[Finding, ...] = _rules_engine.analyze(text).findings
    return findings


def text_features(text: str, config: FeatureConfig) -> list[int]:
    """All buckets of a text, one entry per occurrence; training and tests use this."""
    words = tokens(text)
    out: list[int] = []
    for word in words:
        out.extend(word_features(word, config))
    if config.word_bigrams:
        out.extend(bigram_feature(a, b, config) for a, b in itertools.pairwise(words))
    return out


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


_INFOS_LIMIT = 200_000
# Large enough to hold the word and bigram keys of a busy stream (a bigram-heavy workload has
# well over 100,000 distinct keys); a smaller memo kept being cleared and refilled.
_CACHE_LIMIT = 400_000


class _TokenInfos(dict[str, tuple[Any, ...]]):
    """raw token -> the tokenizer's info (normalize._INFO) + the model word's sums."""

    word_sums: Callable[[str], tuple[float, ...]]

    def __missing__(self, raw: str) -> tuple[Any, ...]:
        base = _BASE_INFOS[raw]
        info = base + self.word_sums(base[3])  # the model word (normalize._Info)
        if len(self) >= _INFOS_LIMIT:
            self.clear()
        self[raw] = info
        return info


# One float object per feature count (a handful of values), shared by every word's entry.
_COUNTS: dict[int, float] = {}
_COUNTS_MAX = 4096  # a count this high is a very long token: not shared


class _SumCache(dict[str | tuple[str, str], tuple[float, ...]]):
    """TextModel's per-word and per-bigram sums; a missing key is computed and stored."""

    compute: Callable[[str | tuple[str, str]], tuple[float, ...]]

    def __missing__(self, key: str | tuple[str, str]) -> tuple[float, ...]:
        return self.compute(key)


@dataclass
class TextModel:
    """One-vs-rest logistic scores per label; weights are dense arrays indexed by bucket."""

    labels: tuple[str, ...]
    thresholds: dict[str, float]
    intercepts: tuple[float, ...]
    weights: tuple[array, ...]  # one array('f') of n_buckets per label
    config: FeatureConfig = field(default_factory=FeatureConfig)
    metadata: dict[str, Any] = field(default_factory=dict)
    # Per label naming a report category (never crisis): the lowest severity at which a rule
    # finding of that category stands without the model. Below it, the engine keeps the
    # rules' findings of that category only when the model's probability reaches its
    # threshold. 5 (above BLOCK): the model decides alone; 1: every finding stands (the
    # engine before rule features). Chosen by training on out-of-fold predictions.
    rules_alone: dict[str, int] = field(default_factory=dict)
    # The labels whose scores take the rule features (with config.rule_features). Training
    # leaves out the labels fitted for recall (crisis): their rule findings always stand, so
    # the model matters only where the rules found nothing, and a model that leans on the
    # rules adds less there (see training.fit).
    rule_labels: tuple[str, ...] = ()
    # Per-word and per-bigram partial sums: words repeat across texts, so most lookups skip
    # hashing. Bigrams are keyed by the (first, second) tuple the pairing yields, which costs
    # no string building.
    _cache: _SumCache = field(default_factory=lambda: _SumCache(), repr=False, compare=False)
    # The tokenizer's per-token infos with this model's sums of the token's model word
    # appended (feature count, then one weight sum per label): the engine tokenizes with it,
    # so one lookup per token serves the rules and this model (see predict_proba_doc).
    token_infos: _TokenInfos = field(
        default_factory=lambda: _TokenInfos(), repr=False, compare=False
    )

    def __post_init__(self) -> None:
        self._cache.compute = self._sums
        self.token_infos.word_sums = self._cache.__getitem__

    # Per bucket, 1 where some label's weight is not zero (built on first use): most buckets
    # are zero (a model trained on thousands of texts fills a few percent of 2^20), and a
    # zero adds nothing to a sum, so only marked buckets are read. The flags take one byte a
    # bucket, far less memory than the weights, so the test is a cache hit where the read of
    # a weight (in megabytes of floats) would be a miss.
    _flags: bytearray | None = field(default=None, repr=False, compare=False)
    # The entry of a bigram in an all-zero bucket, shared (most new bigrams are such).
    _zero_bigram: tuple[float, ...] = field(default=(), repr=False, compare=False)
    # Rule feature name -> its weight per label; a finding's names by what they depend on
    # (_names_key); the totals of a text's sorted names.
    _rule_cache: dict[str, tuple[float, ...]] = field(
        default_factory=dict, repr=False, compare=False
    )
    _names_cache: dict[tuple[Any, ...], tuple[str, ...]] = field(
        default_factory=dict, repr=False, compare=False
    )
    _totals_cache: dict[tuple[str, ...], tuple[float, ...]] = field(
        default_factory=dict, repr=False, compare=False
    )

    @property
    def uses_rule_findings(self) -> bool:
        """Whether scores need the rule engine's findings (the engine then passes them)."""
        return self.config.rule_features and bool(self.rule_labels)

    def rule_totals(self, findings: Sequence[Finding], text: str) -> tuple[float, ...] | None:
        """Per label, the sum of the weights of the findings' rule features (None: none);
        0 for a label not in rule_labels."""
        if not findings or not self.uses_rule_findings:
            return None
        # The names as rule_feature_names gives them, through two caches: texts share their
        # findings' names (one key per finding), and their sets of names.
        names_cache = self._names_cache
        names: set[str] = set()
        for f in findings:
            key = _names_key(f, text)
            got = names_cache.get(key)
            if got is None:
                got = _finding_names(f, text)
                if len(names_cache) >= _CACHE_LIMIT:
                    names_cache.clear()
                names_cache[key] = got
            names.update(got)
        ordered = tuple(sorted(names))
        totals = self._totals_cache.get(ordered)
        if totals is None:
            totals = self._rule_sums(ordered)
            if len(self._totals_cache) >= _CACHE_LIMIT:
                self._totals_cache.clear()
            self._totals_cache[ordered] = totals
        return totals

    def _rule_sums(self, names: Sequence[str]) -> tuple[float, ...]:
        cache = self._rule_cache
        entries = []
        for name in names:
            entry = cache.get(name)
            if entry is None:
                bucket = rule_feature(name, self.config)
                uses = self.rule_labels
                entry = tuple(
                    0.0 + w[bucket] if label in uses else 0.0
                    for label, w in zip(self.labels, self.weights, strict=True)
                )
                if len(cache) >= _CACHE_LIMIT:
                    cache.clear()
                cache[name] = entry
            entries.append(entry)
        return tuple(map(sum, zip(*entries, strict=True)))

    def _nonzero(self) -> bytearray:
        flags = self._flags
        if flags is None:
            flags = bytearray(self.config.n_buckets)
            for w in self.weights:
                # float bits as unsigned integers: a weight is zero exactly when they are
                # (-0.0, which has the sign bit, is only read like any other weight)
                bits = array("I")
                bits.frombytes(w.tobytes())
                for bucket in itertools.compress(range(len(bits)), bits):
                    flags[bucket] = 1
            self._zero_bigram = (1.0, *[0 + 0.0 for _ in self.weights])
            self._flags = flags
        return flags

    def _sums(self, key: str | tuple[str, str]) -> tuple[float, ...]:
        """(feature count, weight sum per label) of one word, or of a (first, second) bigram.

        Buckets whose weights are all zero are skipped: the sums start at zero and adding a
        zero changes nothing, so they are the same numbers, bit for bit, as adding them all.
        """
        config = self.config
        flags = self._flags or self._nonzero()
        if isinstance(key, tuple):
            # One bucket: "b:first second" is the bigram feature's text (see bigram_feature).
            b = bigram_feature(key[0], key[1], config)
            # 0 + x: what sum([x]) gives
            entry = (1.0, *[0 + w[b] for w in self.weights]) if flags[b] else self._zero_bigram
        else:
            buckets = word_features(key, config)
            used = list(itertools.compress(buckets, map(flags.__getitem__, buckets)))
            n = len(buckets)
            count = _COUNTS.setdefault(n, float(n)) if n < _COUNTS_MAX else float(n)
            entry = (count, *[sum(map(w.__getitem__, used), 0.0) for w in self.weights])
        if len(self._cache) >= _CACHE_LIMIT:
            self._cache.clear()
        self._cache[key] = entry
        return entry

    def decision(self, text: str, findings: Sequence[Finding] | None = None) -> tuple[float, ...]:
        """Raw linear scores per label (before the sigmoid). A model with rule features uses
        `findings` (the rules' findings for this text), else runs the rules itself."""
        rules = None
        if self.uses_rule_findings:
            rules = self.rule_totals(rule_findings(text) if findings is None else findings, text)
        return self._with_rules(self.decision_words(tokens(text)), rules)

    @staticmethod
    def _with_rules(
        decision: tuple[float, ...], rules: tuple[float, ...] | None
    ) -> tuple[float, ...]:
        if rules is None:
            return decision
        return tuple(z + r for z, r in zip(decision, rules, strict=True))

    def decision_words(self, words: Sequence[str]) -> tuple[float, ...]:
        """Raw linear scores of model words (clean_tokens), without rule features."""
        if not words:
            return self.intercepts
        # A key not cached yet is computed by the cache's __missing__ (TextModel._sums), so
        # the lookups run at C speed whether or not a text has a new word or bigram.
        get = self._cache.__getitem__
        entries = list(map(get, words))
        if self.config.word_bigrams and len(words) > 1:
            entries += map(get, itertools.pairwise(words))
        count, *totals = map(sum, zip(*entries, strict=True))
        scale = self.config.scale(int(count))
        return tuple(b + t * scale for b, t in zip(self.intercepts, totals, strict=True))

    def predict_proba(
        self, text: str, findings: Sequence[Finding] | None = None
    ) -> dict[str, float]:
        """Probability per label, in [0, 1] (findings: see decision)."""
        return self._proba(self.decision(text, findings))

    def predict_proba_tokens(
        self, raw_tokens: Sequence[str], findings: Sequence[Finding] = (), text: str = ""
    ) -> dict[str, float]:
        """The same from the engine's tokens of the text (and its rule findings, whose spans
        refer to `text`, for a model with rule features)."""
        rules = self.rule_totals(findings, text)
        return self._proba(self._with_rules(self.decision_words(clean_tokens(raw_tokens)), rules))

    def predict_proba_doc(self, doc: Doc, findings: Sequence[Finding] = ()) -> dict[str, float]:
        """The same from a tokenised text, whose tokens already carry their model words
        (what analyze() calls: the text is split and each token cleaned once for both), and
        the rules' findings, which a model with rule features adds (the engine has them)."""
        decision = self.decision_doc(doc)
        if findings and self.uses_rule_findings:
            decision = self._with_rules(decision, self.rule_totals(findings, doc.text))
        return self._proba(decision)

    def decision_doc(self, doc: Doc) -> tuple[float, ...]:
        """decision_words of the doc's model words (no rule features). When the doc was
        tokenized with this model's token_infos and no step across tokens applies, the
        per-word sums are already there, one column each, in word order: the same additions
        in the same order."""
        if doc.model_source is not self.token_infos or doc.model_short:
            return self.decision_words(finish_words(list(doc.model_words)))
        words = doc.model_words
        if not words:
            return self.intercepts
        counts, *columns = doc.model_columns
        count = sum(counts)
        totals = [sum(column) for column in columns]
        if self.config.word_bigrams and len(words) > 1:
            # Bigram entries come after the words' in decision_words: the sums go on from
            # the words' totals (sum's start), adding the same numbers in the same order.
            pairs = list(map(self._cache.__getitem__, itertools.pairwise(words)))
            if pairs:
                pair_counts, *pair_columns = zip(*pairs, strict=True)
                count = sum(pair_counts, count)
                totals = [sum(p, t) for p, t in zip(pair_columns, totals, strict=True)]
        scale = self.config.scale(int(count))
        return tuple(b + t * scale for b, t in zip(self.intercepts, totals, strict=True))

    def _proba(self, decision: tuple[float, ...]) -> dict[str, float]:
        return {label: _sigmoid(z) for label, z in zip(self.labels, decision, strict=True)}

    def predict(self, text: str, findings: Sequence[Finding] | None = None) -> dict[str, float]:
        """Only the labels whose probability reaches their threshold, with that probability."""
        return {
            label: p
            for label, p in self.predict_proba(text, findings).items()
            if p >= self.thresholds.get(label, 0.5)
        }

    def save(self, path: str | Path) -> Path:
        """Write JSON with the weights as compressed little-endian arrays of non-zero entries."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(json.dumps(self._to_dict(), ensure_ascii=False, indent=1), "utf-8")
        os.replace(tmp, path)  # atomic: a running server never reads half a model
        return path

    def _to_dict(self) -> dict[str, Any]:
        # Version 2 when nothing of version 3 is used, so that older code still reads it.
        newer = self.config.rule_features or bool(self.rules_alone)
        extra = (
            {
                "rules_alone": dict(sorted(self.rules_alone.items())),
                "rule_labels": list(self.rule_labels),
            }
            if newer
            else {}
        )
        return {
            "format": FORMAT,
            "version": FORMAT_VERSION if newer else 2,
            "labels": list(self.labels),
            "thresholds": {k: float(v) for k, v in self.thresholds.items()},
            "intercepts": [float(b) for b in self.intercepts],
            "config": self.config.to_dict(),
            "metadata": self.metadata,
            **extra,
            "weights": {
                label: _encode_sparse(w) for label, w in zip(self.labels, self.weights, strict=True)
            },
        }

    @classmethod
    def load(cls, path: str | Path) -> TextModel:
        """Read a model written by save(); raises ValueError when the file is not one."""
        try:
            data = json.loads(Path(path).read_text("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ValueError(f"{path}: not a Suar text model ({exc})") from exc
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ValueError(f"{path}: not a Suar text model")
        version = data.get("version")
        if version not in READABLE_VERSIONS:
            readable = " or ".join(str(v) for v in sorted(READABLE_VERSIONS))
            raise ValueError(
                f"{path}: model format version {version} is not {readable}; "
                "train it again with `suar safety train`"
            )
        config = FeatureConfig.from_dict(data["config"])
        if version == 2 and config.rule_features:
            raise ValueError(f"{path}: a version 2 model cannot have rule features")
        labels = tuple(str(label) for label in data["labels"])
        return cls(
            labels=labels,
            thresholds={str(k): float(v) for k, v in data["thresholds"].items()},
            intercepts=tuple(float(b) for b in data["intercepts"]),
            weights=tuple(_decode_sparse(data["weights"][lb], config.n_buckets) for lb in labels),
            config=config,
            metadata=dict(data.get("metadata", {})),
            rules_alone={str(k): int(v) for k, v in data.get("rules_alone", {}).items()},
            rule_labels=tuple(str(lb) for lb in data.get("rule_labels", ())),
        )


def _encode_sparse(weights: array) -> str:
    indices = array("I", (i for i, w in enumerate(weights) if w != 0.0))
    values = array("f", (weights[i] for i in indices))
    if indices.itemsize != 4:  # "I" is 4 bytes on every platform we run on; check anyway
        raise RuntimeError("unsigned int is not 32-bit here")
    blob = _little(indices).tobytes() + _little(values).tobytes()
    return base64.b64encode(zlib.compress(blob, 9)).decode("ascii")


def _decode_sparse(encoded: str, n_buckets: int) -> array:
    blob = zlib.decompress(base64.b64decode(encoded))
    half = len(blob) // 2
    indices, values = array("I"), array("f")
    indices.frombytes(blob[:half])
    values.frombytes(blob[half:])
    indices, values = _little(indices), _little(values)
    dense = array("f", bytes(4 * n_buckets))
    for i, v in zip(indices, values, strict=True):
        if i >= n_buckets:
            raise ValueError("weight index outside the model's buckets")
        dense[i] = v
    return dense


def _little(values: array) -> array:
    # Files are little-endian whatever machine wrote them; byteswap is its own inverse.
    if sys.byteorder == "big":
        values = array(values.typecode, values)
        values.byteswap()
    return values


def train(
    rows: Iterable[tuple[str, str]],
    *,
    config: FeatureConfig | None = None,
    c: float | None = None,
    threshold_folds: int = 5,
    draws: int | None = None,
    recall_labels: Sequence[str] = ("crisis",),
    source: str = "",
) -> TextModel:
    """Fit one logistic regression per non-neutral label; needs scikit-learn (training only).

    `c` is liblinear's inverse regularisation (None: pick from training.C_GRID by inner
    cross-validation, three times slower). For each C, plain features and NB-scaled ones
    (training.NB_CHOICES) are both tried. Thresholds come from `threshold_folds` out-of-fold
    predictions on the rows themselves, the folds drawn `draws` times (None:
    training.THRESHOLD_DRAWS) and pooled: best F1, or for `recall_labels` the most recall
    at precision >= training.RECALL_MIN_PRECISION.
    """
    from suar.safety import training  # keeps scikit-learn out of `import suar.safety`

    return training.fit(
        rows,
        config=config or FeatureConfig(),
        c=c,
        threshold_folds=threshold_folds,
        draws=training.THRESHOLD_DRAWS if draws is None else draws,
        recall_labels=tuple(recall_labels),
        source=source,
    )


def data_dir(override: str | Path | None = None) -> Path:
    """Suar's data dir: the argument, else $SUAR_DATA_DIR, else ~/.local/share/suar."""
    if override is not None:
        return Path(override)
    env = os.environ.get("SUAR_DATA_DIR")
    return Path(env) if env else Path.home() / ".local" / "share" / "suar"


def active_model_path(data_dir_override: str | Path | None = None) -> Path | None:
    """The file load_active() would read: the data-dir model, else the shipped one, else None."""
    trained = data_dir(data_dir_override) / "safety" / MODEL_FILENAME
    if trained.is_file():
        return trained
    shipped = PACKAGE_DATA_DIR / MODEL_FILENAME
    return shipped if shipped.is_file() else None


_loaded: dict[tuple[str, int, int], TextModel] = {}


def load_active(data_dir: str | Path | None = None) -> TextModel | None:
    """The model in the data dir if present, else the shipped default, else None; cached.

    The cache key includes the file's mtime and size, so `suar safety train` takes effect in a
    running process without a restart.
    """
    path = active_model_path(data_dir)
    if path is None:
        return None
    stat = path.stat()
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    model = _loaded.get(key)
    if model is None:
        model = TextModel.load(path)
        _loaded.clear()
        _loaded[key] = model
    return model
