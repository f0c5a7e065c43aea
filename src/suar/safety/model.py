"""The trainable layer: a hashed character/word n-gram linear model, fast for one short text."""

from __future__ import annotations

import base64
import itertools
import json
import math
import os
import re
import sys
import unicodedata
import zlib
from array import array
from collections.abc import Iterable, Sequence
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
    char_min: int = 2
    char_max: int = 5
    word_bigrams: bool = True
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


def word_features(word: str, config: FeatureConfig) -> list[int]:
    """Buckets of one word: the word itself and its character n-grams with edge markers."""
    n = config.n_buckets
    out = [_hash("w:" + word, n)]
    padded = f" {word} "
    length = len(padded)
    for size in range(config.char_min, config.char_max + 1):
        for i in range(length - size + 1):
            out.append(_hash("c:" + padded[i : i + size], n))
    return out


def bigram_feature(first: str, second: str, config: FeatureConfig) -> int:
    return _hash(f"b:{first} {second}", config.n_buckets)


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


# Large enough to hold the word and bigram keys of a busy stream (a bigram-heavy workload has
# well over 100,000 distinct keys); a smaller memo kept being cleared and refilled.
_CACHE_LIMIT = 400_000


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
    _cache: dict[str | tuple[str, str], tuple[float, ...]] = field(
        default_factory=dict, repr=False, compare=False
    )

    def _sums(self, key: str | tuple[str, str]) -> tuple[float, ...]:
        """(feature count, weight sum per label) of one word, or of a (first, second) bigram."""
        config = self.config
        if isinstance(key, tuple):
            # One bucket: "b:first second" is the bigram feature's text (see bigram_feature).
            b = bigram_feature(key[0], key[1], config)
            entry = (1.0, *(0 + w[b] for w in self.weights))  # 0 + x: what sum([x]) gives
        else:
            buckets = word_features(key, config)
            entry = (float(len(buckets)), *(sum(w[b] for b in buckets) for w in self.weights))
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
        cache = self._cache
        bigrams = self.config.word_bigrams and len(words) > 1
        try:
            # Every key cached (the usual case once warm): lookups at C speed, no Python loop.
            entries = list(map(cache.__getitem__, words))
            if bigrams:
                entries += map(cache.__getitem__, itertools.pairwise(words))
        except KeyError:
            get = cache.get
            sums = self._sums
            entries = [get(w) or sums(w) for w in words]
            if bigrams:
                entries += [get(p) or sums(p) for p in itertools.pairwise(words)]
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
        return self._proba(self.decision_words(finish_words(list(doc.model_words))))

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
