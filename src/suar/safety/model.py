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

FORMAT = "suar-textmodel"
# 2: words come from the rule engine's tokenizer (apostrophes join a word: "don't").
FORMAT_VERSION = 2
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

    def scale(self, count: int) -> float:
        return 1.0 / math.sqrt(max(count, self.min_count, 1))

    def to_dict(self) -> dict[str, Any]:
        return {
            "n_buckets": self.n_buckets,
            "char_min": self.char_min,
            "char_max": self.char_max,
            "word_bigrams": self.word_bigrams,
            "min_count": self.min_count,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FeatureConfig:
        return cls(
            n_buckets=int(data["n_buckets"]),
            char_min=int(data["char_min"]),
            char_max=int(data["char_max"]),
            word_bigrams=bool(data["word_bigrams"]),
            min_count=int(data["min_count"]),
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
            entry = (
                float(len(buckets)),
                *[sum(map(w.__getitem__, used), 0.0) for w in self.weights],
            )
        if len(self._cache) >= _CACHE_LIMIT:
            self._cache.clear()
        self._cache[key] = entry
        return entry

    def decision(self, text: str) -> tuple[float, ...]:
        """Raw linear scores per label (before the sigmoid)."""
        return self.decision_words(tokens(text))

    def decision_words(self, words: Sequence[str]) -> tuple[float, ...]:
        """Raw linear scores of model words (clean_tokens)."""
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

    def predict_proba(self, text: str) -> dict[str, float]:
        """Probability per label, in [0, 1]."""
        return self._proba(self.decision(text))

    def predict_proba_tokens(self, raw_tokens: Sequence[str]) -> dict[str, float]:
        """The same from the engine's tokens of the text."""
        return self._proba(self.decision_words(clean_tokens(raw_tokens)))

    def predict_proba_doc(self, doc: Doc) -> dict[str, float]:
        """The same from a tokenised text, whose tokens already carry their model words
        (what analyze() calls: the text is split and each token cleaned once for both)."""
        return self._proba(self.decision_doc(doc))

    def decision_doc(self, doc: Doc) -> tuple[float, ...]:
        """decision_words of the doc's model words. When the doc was tokenized with this
        model's token_infos and no step across tokens applies, the per-word sums are already
        there, one column each, in word order: the same additions in the same order."""
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

    def predict(self, text: str) -> dict[str, float]:
        """Only the labels whose probability reaches their threshold, with that probability."""
        return {
            label: p
            for label, p in self.predict_proba(text).items()
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
        return {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "labels": list(self.labels),
            "thresholds": {k: float(v) for k, v in self.thresholds.items()},
            "intercepts": [float(b) for b in self.intercepts],
            "config": self.config.to_dict(),
            "metadata": self.metadata,
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
        if data.get("version") != FORMAT_VERSION:
            raise ValueError(
                f"{path}: model format version {data.get('version')} is not {FORMAT_VERSION}; "
                "train it again with `suar safety train`"
            )
        config = FeatureConfig.from_dict(data["config"])
        labels = tuple(str(label) for label in data["labels"])
        return cls(
            labels=labels,
            thresholds={str(k): float(v) for k, v in data["thresholds"].items()},
            intercepts=tuple(float(b) for b in data["intercepts"]),
            weights=tuple(_decode_sparse(data["weights"][lb], config.n_buckets) for lb in labels),
            config=config,
            metadata=dict(data.get("metadata", {})),
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
    recall_labels: Sequence[str] = ("crisis",),
    source: str = "",
) -> TextModel:
    """Fit one logistic regression per non-neutral label; needs scikit-learn (training only).

    `c` is liblinear's inverse regularisation (None: pick from training.C_GRID by inner
    cross-validation, three times slower). Thresholds come from `threshold_folds` out-of-fold
    predictions on the rows themselves: best F1, or for `recall_labels` the most recall at
    precision >= training.RECALL_MIN_PRECISION.
    """
    from suar.safety import training  # keeps scikit-learn out of `import suar.safety`

    return training.fit(
        rows,
        config=config or FeatureConfig(),
        c=c,
        threshold_folds=threshold_folds,
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
