"""Command-line surfaces of the safety engine: `suar check` and `suar safety train|info`."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any, NoReturn

from suar.safety.report import Context, Finding, Report, Severity

EXIT_OK, EXIT_BLOCKING, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """Bad arguments or unreadable input: reported on one line, exit code 2."""


class _Parser(argparse.ArgumentParser):
    # argparse prints the whole usage block and exits; one line is easier to act on.
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see {self.prog} --help)")


def _fail(prog: str, message: str) -> int:
    print(f"{prog}: error: {message}", file=sys.stderr)
    return EXIT_USAGE


def _parse(parser: argparse.ArgumentParser, argv: list[str]) -> argparse.Namespace | int:
    try:
        return parser.parse_args(argv)
    except UsageError as exc:
        return _fail(parser.prog, str(exc))
    except SystemExit as exc:  # --help
        return int(exc.code or 0)


# ---- suar check ---------------------------------------------------------------------------


def _check_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="suar check", description="Check a text with Suar's safety engine.")
    parser.add_argument("file", metavar="FILE", help="a UTF-8 text file, or - for standard input")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--lang", choices=("id", "en", "mixed"), help="skip language detection")
    parser.add_argument(
        "--context",
        choices=[str(c) for c in Context],
        default=str(Context.POST),
        help="where the text comes from (default: post)",
    )
    return parser


def read_text(name: str, stdin: IO[bytes] | None = None) -> str:
    """The file's (or stdin's) text; UsageError with the byte offset for invalid UTF-8."""
    try:
        raw = (stdin or sys.stdin.buffer).read() if name == "-" else Path(name).read_bytes()
    except FileNotFoundError as exc:
        raise UsageError(f"{name}: no such file") from exc
    except IsADirectoryError as exc:
        raise UsageError(f"{name}: is a directory") from exc
    except OSError as exc:
        raise UsageError(f"{name}: {exc.strerror or exc}") from exc
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        label = "standard input" if name == "-" else name
        raise UsageError(f"{label}: invalid UTF-8 at byte {exc.start}") from exc


def check_main(argv: list[str]) -> int:
    """`suar check FILE|-`: exit 1 when a finding blocks publication, 2 on bad input."""
    parser = _check_parser()
    args = _parse(parser, argv)
    if isinstance(args, int):
        return args
    try:
        text = read_text(args.file)
    except UsageError as exc:
        return _fail(parser.prog, str(exc))
    from suar.safety import analyze

    report = analyze(text, lang=args.lang, context=Context(args.context))
    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(format_report(report, text, source="stdin" if args.file == "-" else args.file))
    return EXIT_BLOCKING if report.blocking else EXIT_OK


def _line_col(text: str, offset: int) -> str:
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return f"{line}:{col}"


def _snippet(text: str, finding: Finding, limit: int = 60) -> str:
    quoted = text[finding.start : finding.end].replace("\n", " ")
    return quoted if len(quoted) <= limit else quoted[: limit - 1] + "…"


def format_report(report: Report, text: str, *, source: str) -> str:
    """The human report: a summary line, then each finding with its advice."""
    verdict = "BLOCKING: needs a person's attention" if report.blocking else "ok to publish"
    lines = [
        f"{source}: {len(report.findings)} finding(s), {verdict}",
        f"  language: {report.language}",
    ]
    if report.readability is not None:
        r = report.readability
        lines.append(
            f"  readability: {r.score:.0f}/100 ({r.level_id} / {r.level_en}), "
            f"{r.words} words, {r.words_per_sentence:.1f} words/sentence"
        )
    if report.model_scores:
        scores = ", ".join(f"{k} {v:.2f}" for k, v in sorted(report.model_scores.items()))
        lines.append(f"  model: {scores}")
    for finding in sorted(report.findings, key=lambda f: (-f.severity, f.start)):
        lines.extend(_format_finding(finding, text))
    return "\n".join(lines)


def _format_finding(finding: Finding, text: str) -> list[str]:
    span = f"{_line_col(text, finding.start)}-{_line_col(text, finding.end)}"
    out = [
        "",
        f"  [{finding.severity.name.lower()}] {finding.category} ({finding.rule}) at {span}: "
        f'"{_snippet(text, finding)}"',
        f"    id: {finding.explanation_id}",
        f"    en: {finding.explanation_en}",
    ]
    if finding.suggestion:
        out.append(f"    suggestion: {finding.suggestion}")
    return out


# ---- suar safety train | info -------------------------------------------------------------


def _safety_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="suar safety", description="Manage the safety engine's trained model.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    train = sub.add_parser("train", help="train the model from a text,label CSV")
    train.add_argument("data", metavar="DATA.csv", help="CSV with a header: text,label")
    train.add_argument("--out", metavar="PATH", help="where to save (default: the data dir)")
    train.add_argument("--folds", type=int, default=5, help="cross-validation folds (0: skip)")
    train.add_argument(
        "--draws",
        type=int,
        default=5,
        help="times the inner folds that choose C and the thresholds are drawn (1: fastest)",
    )
    train.add_argument(
        "--no-rule-features",
        action="store_true",
        help="learn from the text alone, not from the rules' findings too (the shipped model)",
    )
    sub.add_parser("info", help="show which model is active and how it was trained")
    return parser


def safety_main(argv: list[str]) -> int:
    """`suar safety train DATA.csv [--out PATH] [--folds K] [--draws N] [--no-rule-features]`
    and `suar safety info`."""
    parser = _safety_parser()
    args = _parse(parser, argv)
    if isinstance(args, int):
        return args
    if args.command == "info":
        return _info()
    return _train(args, prog=f"{parser.prog} train")


def _train(args: argparse.Namespace, *, prog: str) -> int:
    from suar.safety import model as text_model
    from suar.safety import training

    if args.folds == 1 or args.folds < 0:
        return _fail(prog, "--folds must be 0 (skip) or at least 2")
    if args.draws < 1:
        return _fail(prog, "--draws must be at least 1")
    try:
        rows = training.read_rows(args.data)
        counts = Counter(training.normalise_label(label) for _, label in rows)
        print(f"{args.data}: {len(rows)} rows")
        for label, n in sorted(counts.items()):
            print(f"  {label:<16} {n:>7}")
        config = text_model.FeatureConfig(rule_features=not args.no_rule_features)
        if args.folds:
            results = training.cross_validate(
                rows, folds=args.folds, config=config, draws=args.draws, progress=_progress()
            )
            _print_cv(results, args.folds)
        print("fitting the model on every row...", file=sys.stderr, flush=True)
        model = text_model.train(rows, config=config, draws=args.draws, source=Path(args.data).name)
    except ValueError as exc:  # DataError included: it names the file and line
        return _fail(prog, str(exc))
    out = (
        Path(args.out) if args.out else text_model.data_dir() / "safety" / text_model.MODEL_FILENAME
    )
    try:
        model.save(out)
    except OSError as exc:
        return _fail(prog, f"{out}: {exc.strerror or exc}")
    thresholds = ", ".join(f"{k} {v:.2f}" for k, v in model.thresholds.items())
    print(f"thresholds: {thresholds}")
    print(f"model saved to {out}")
    return EXIT_OK


def _progress() -> Callable[[int, int], None]:
    """Per cross-validation fold, on stderr (stdout keeps the results): each fold is a whole
    training run, tens of seconds on a few thousand rows."""
    started = time.monotonic()

    def report(done: int, k: int) -> None:
        elapsed = time.monotonic() - started
        print(f"  fold {done}/{k} done ({elapsed:.0f} s)", file=sys.stderr, flush=True)

    return report


def _print_cv(results: dict[str, Any], folds: int) -> None:
    print(f"cross-validation ({folds} folds, mean per fold):")
    print(f"  {'label':<16} {'precision':>9} {'recall':>7} {'F1':>6}")
    for label, s in results.items():
        print(f"  {label:<16} {s.precision:>9.3f} {s.recall:>7.3f} {s.f1:>6.3f}")


def _info() -> int:
    from suar.safety import model as text_model

    path = text_model.active_model_path()
    if path is None:
        print("no trained model: the engine uses its rules only")
        return EXIT_OK
    model = text_model.load_active()
    assert model is not None  # the path exists, so the load either works or raises
    shipped = path.parent == text_model.PACKAGE_DATA_DIR
    print(f"active model: {path} ({'shipped default' if shipped else 'trained in the data dir'})")
    meta = model.metadata
    print(f"  trained at: {meta.get('trained_at', '?')}")
    print(f"  rows: {meta.get('n_rows', '?')}  source: {meta.get('source') or '?'}")
    counts = ", ".join(f"{k} {v}" for k, v in meta.get("label_counts", {}).items())
    print(f"  label counts: {counts}")
    for label in model.labels:
        line = f"  {label}: threshold {model.thresholds.get(label, 0.5):.3f}"
        if label in meta.get("c", {}):
            # Models trained before NB scaling have no "nb_alpha": their features were plain.
            nb_alpha = meta.get("nb_alpha", {}).get(label)
            scaling = (
                "plain features" if nb_alpha is None else f"NB-scaled features (alpha {nb_alpha:g})"
            )
            line += f", C {meta['c'][label]:g}, {scaling}"
        if label in model.rule_labels:
            alone = model.rules_alone.get(label)
            # BLOCK findings always stand (the engine caps a file's value there).
            stands = (
                "every rule finding stands"
                if alone is None or alone <= 1
                else f"rule findings stand from {Severity(min(alone, Severity.BLOCK)).name}"
            )
            line += f", learns from the rules' findings ({stands})"
        print(line)
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    """`python -m suar.safety.cli check|safety ...`, for use before `suar` is installed."""
    args = sys.argv[1:] if argv is None else argv
    commands = {"check": check_main, "safety": safety_main}
    if not args or args[0] not in commands:
        return _fail("suar.safety.cli", "expected a command: check FILE | safety train|info")
    return commands[args[0]](args[1:])


if __name__ == "__main__":
    sys.exit(main())
