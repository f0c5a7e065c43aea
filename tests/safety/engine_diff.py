"""Regression harness: the engine in this checkout against a reference copy, report by report.

Speed work on `suar.safety` must not change a single report. Before optimising, copy the
package somewhere (`cp -r src/suar/safety /tmp/safety-ref`); afterwards run

    .venv/bin/python tests/safety/engine_diff.py --reference /tmp/safety-ref

It loads the reference under another package name (imports rewritten in a temporary copy),
analyses a few thousand varied texts with both engines, rules alone and rules plus each
engine's own shipped model, in every context, and stops at the first report that differs
(`report.to_dict()` compared whole: findings, spans, severities, rules, scores, language,
readability, model scores). The texts: every string literal of the hand-written tests in
tests/safety/, the project's training examples, every lexicon phrase in several frames,
and generated texts (stitched fragments with disguised spellings, punctuation, quotes,
numbers, e-mail, emoji, random character soup). The new engine runs twice, the second time
in another order with warm caches, so that a cache that changes a result shows up.

`--ref-model`/`--new-model` compare with given model files (e.g. the same file for both
after a retrain, to check the rules alone); `--no-model` compares the rules only.
"""

from __future__ import annotations

import argparse
import ast
import importlib
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

REPO = Path(__file__).resolve().parents[2]
TESTS = REPO / "tests" / "safety"
REF_NAME = "_suar_safety_reference"


def load_reference(directory: Path) -> ModuleType:
    """The package at `directory` importable as REF_NAME, next to the real suar.safety."""
    tmp = Path(tempfile.mkdtemp(prefix="safety-ref-"))
    target = tmp / REF_NAME
    shutil.copytree(directory, target, ignore=shutil.ignore_patterns("__pycache__"))
    for path in target.rglob("*.py"):
        path.write_text(path.read_text("utf-8").replace("suar.safety", REF_NAME), "utf-8")
    sys.path.insert(0, str(tmp))
    return importlib.import_module(REF_NAME)


# ---- texts ------------------------------------------------------------------------------


def test_literals() -> list[str]:
    """Every string constant in the hand-written safety tests (cases, fragments, phrases)."""
    out: list[str] = []
    for path in sorted(TESTS.glob("test_*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value:
                out.append(node.value)
    return out


def training_texts() -> list[str]:
    sys.path.insert(0, str(REPO / "src"))
    from suar.safety.training import read_rows

    data = REPO / "src" / "suar" / "safety" / "data" / "default_training.csv"
    return [text for text, _ in read_rows(data)]


def lexicon_texts() -> list[str]:
    from suar.safety import lexicon

    sets = (
        lexicon.CRISIS,
        lexicon.THREATS,
        lexicon.STIGMA,
        lexicon.SAFE_MESSAGING,
        lexicon.TRIGGERING,
        lexicon.SPAM,
    )
    frames = [
        "{}",
        "aku {}",
        "gw pengen {} banget",
        "kamu {} ya",
        "dia bilang '{}'",
        "dulu aku {}, sekarang udah pulih",
        "aku nggak {} kok",
        "I {} tonight",
        "kalau kamu {}, hubungi 119",
        "{}. besok pakai tali",
        "seorang pria {} di jembatan",
        "{} wkwk",
    ]
    texts = []
    rng = random.Random(11)
    for ps in sets:
        for p in ps.phrases:
            for v in range(3):
                words = [sorted(s)[(v * 7) % len(s)] if s else "zz" for s in p.slots]
                texts.append(rng.choice(frames).format(" ".join(words)))
    for w in sorted(lexicon.INSULTS):
        texts.append(rng.choice(["{} lo", "dasar {}", "aku {} banget", "dia {}", "{}"]).format(w))
    return texts


_LEET = {"a": "4", "e": "3", "i": "1", "o": "0", "s": "5", "t": "7"}


def disguise(text: str, rng: random.Random) -> str:
    """One random disguise people use: leetspeak, repeats, masks, spacing, case, unicode."""
    words = text.split(" ")
    if not words:
        return text
    k = rng.randrange(len(words))
    w = words[k]
    trick = rng.randrange(9)
    if trick == 0:
        w = "".join(_LEET.get(ch, ch) if rng.random() < 0.5 else ch for ch in w)
    elif trick == 1 and w:
        pos = rng.randrange(len(w))
        w = w[:pos] + w[pos] * rng.randint(2, 6) + w[pos:]
    elif trick == 2 and len(w) > 2:
        pos = rng.randrange(1, len(w) - 1)
        w = w[:pos] + "*" + w[pos + 1 :]
    elif trick == 3:
        w = rng.choice([" ", ".", "-", " . "]).join(w)
    elif trick == 4:
        w = w.upper()
    elif trick == 5:
        w = "".join(chr(ord(ch) + 0xFEE0) if "a" <= ch <= "z" else ch for ch in w)
    elif trick == 6:
        w = w + rng.choice(["nya", "mu", "ku", "2", "in", "kan"])
    elif trick == 7:
        w = rng.choice(["@", "$", "#", ""]) + w
    else:
        w = rng.choice(["di", "nge", "ke", "ter"]) + w
    words[k] = w
    return " ".join(words)


_EXTRAS = [
    "0812-3456-7890",
    "+62 812 3456 7890",
    "(021) 555 1234",
    "3174012505900003",
    "NIK: 3174015505900003",
    "budi.santoso@gmail.com",
    "Jl. Merdeka No. 10",
    "RT 03/RW 05",
    "B 1234 XYZ",
    "lahir 12-05-1990",
    "20 butir",
    "500mg",
    "https://x.com/a www.slot.xyz judi.bet",
    "aaaaaaaaaaaa",
    "wkwkwk",
    "😭😭",
    "🙂",
    "\u200b",
    "\x00\x07",
    "\ud800 lone \udfff",
    "\u0130stanbul K\u212a \u017fs",
    "'",
    '"',
    "“kutipan”",
    "(",
    ")",
    ":",
    ";",
    "…",
    "\n",
    "\t",
    "healing119.id",
    "119 ext 8",
    "@budi_s",
    "rek BCA 1234567890",
    "ok ok ok ok ok ok",
]
_SOUP = [
    *"ab c\u00e9'\u2019\u2018\".,!?;:()[]\u201c\u201d«»「」\n…_1*@$-",
    "ß",
    "ж",
    "٣",
    "ー",
    "😭",
]


def generated_texts(pieces: list[str], n: int, seed: int = 1) -> Iterator[str]:
    rng = random.Random(seed)
    for _ in range(n):
        shape = rng.random()
        if shape < 0.08:
            yield "".join(rng.choice(_SOUP) for _ in range(rng.randint(0, 60)))
            continue
        parts: list[str] = []
        length = rng.choice([40, 120, 280, 280, 280, 600])
        while sum(len(p) + 2 for p in parts) < length:
            piece = rng.choice(pieces)
            if rng.random() < 0.3:
                piece = disguise(piece, rng)
            if rng.random() < 0.15:
                piece += " " + rng.choice(_EXTRAS)
            parts.append(piece)
        sep = rng.choice([". ", ", ", " ", "\n", "! ", "; ", " - "])
        text = sep.join(parts)
        if rng.random() < 0.5:
            text = text[:length]
        yield text


def all_texts(n_generated: int) -> list[str]:
    literals = test_literals()
    training = training_texts()
    lexicon = lexicon_texts()
    pieces = [t for t in literals + training if 3 <= len(t) <= 300]
    texts = literals + training + lexicon + list(generated_texts(pieces, n_generated))
    texts += ["", " ", "a" * 5000, "b a n g s a t " * 50, "aku pengen mati. " * 100]
    return list(dict.fromkeys(texts))


# ---- comparison -------------------------------------------------------------------------

CONTEXTS = ("post", "story", "reply", "question", "comment", "news")
LANGS = (None, None, None, "id", "en", "mixed", "unknown")


def run(analyze: Callable[..., Any], text: str, k: int) -> Any:
    lang = LANGS[k % len(LANGS)]
    context = CONTEXTS[(k // 3) % len(CONTEXTS)]
    try:
        return analyze(text, lang=lang, context=context).to_dict()
    except Exception as exc:  # the same error on both sides is equal behaviour
        return ("error", type(exc).__name__, str(exc))


def compare(texts: list[str], old: Callable[..., Any], new: Callable[..., Any], label: str) -> int:
    started = time.perf_counter()
    expected = [run(old, t, k) for k, t in enumerate(texts)]
    order = list(range(len(texts)))
    for pass_no in (1, 2):
        for k in order:
            got = run(new, texts[k], k)
            if got != expected[k]:
                print(f"DIFFERENT ({label}, pass {pass_no}) for text #{k}: {texts[k]!r}")
                print(f"  lang={LANGS[k % len(LANGS)]} context={CONTEXTS[(k // 3) % 6]}")
                print(f"  reference: {expected[k]}")
                print(f"  new:       {got}")
                return 1
        random.Random(pass_no).shuffle(order)  # the second pass: other order, warm caches
    findings = sum(len(e["findings"]) for e in expected if isinstance(e, dict))
    print(
        f"identical ({label}): {len(texts)} texts x 2 passes, {findings} findings, "
        f"{time.perf_counter() - started:.1f} s"
    )
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference", type=Path, required=True, help="a copy of suar/safety")
    parser.add_argument("--ref-model", type=Path, help="model file for the reference engine")
    parser.add_argument("--new-model", type=Path, help="model file for the new engine")
    parser.add_argument("--no-model", action="store_true", help="compare the rules only")
    parser.add_argument("-n", type=int, default=4000, help="generated texts (default 4000)")
    args = parser.parse_args()
    ref = load_reference(args.reference)
    sys.path.insert(0, str(REPO / "src"))
    import suar.safety as new

    ref_model_mod = importlib.import_module(REF_NAME + ".model")
    from suar.safety import model as new_model_mod

    texts = all_texts(args.n)
    print(f"{len(texts)} distinct texts")
    status = compare(texts, ref.Engine().analyze, new.Engine().analyze, "rules only")
    if status or args.no_model:
        return status
    ref_model = ref_model_mod.TextModel.load(
        args.ref_model or args.reference / "data" / "model.json"
    )
    new_model = new_model_mod.TextModel.load(
        args.new_model or new_model_mod.PACKAGE_DATA_DIR / "model.json"
    )
    return compare(
        texts, ref.Engine(ref_model).analyze, new.Engine(new_model).analyze, "rules + model"
    )


if __name__ == "__main__":
    sys.exit(main())
