"""`suar check` and `suar safety train|info`: output, exit codes and one-line errors."""

from __future__ import annotations

import io
import json
import re
import sys
from pathlib import Path

import pytest

from suar.safety.cli import check_main, safety_main

CLEAN = "Selamat pagi semua, semoga harinya menyenangkan. Jangan lupa sarapan ya."
BLOCKING = "Dasar g0bl0k lu, gw tau rumah lo, awas gw bunuh lo malam ini."


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SUAR_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "data"


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, "utf-8")
    return path


def feed_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


# ---- suar check ---------------------------------------------------------------------------


def test_check_clean_file_exits_zero_with_a_human_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "post.txt", CLEAN)
    assert check_main([str(path)]) == 0
    out = capsys.readouterr().out
    assert f"{path}: 0 finding(s), ok to publish" in out
    assert "language: id" in out
    assert "readability:" in out


def test_check_blocking_text_exits_one_and_quotes_the_span(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "reply.txt", BLOCKING)
    assert check_main([str(path), "--context", "reply"]) == 1
    out = capsys.readouterr().out
    assert "BLOCKING" in out
    assert "harassment" in out
    assert "[block]" in out
    assert "id: " in out and "en: " in out  # explanations in both languages
    assert '"' in out.split("[block]", 1)[1]  # the quoted snippet


def test_check_reads_stdin(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    feed_stdin(monkeypatch, BLOCKING.encode())
    assert check_main(["-"]) == 1
    assert capsys.readouterr().out.startswith("stdin: ")


def test_check_json_parses_and_matches_the_exit_code(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    feed_stdin(monkeypatch, b"Aku pengen mati aja, udah nggak kuat.")
    code = check_main(["-", "--json", "--lang", "id"])
    report = json.loads(capsys.readouterr().out)
    assert report["language"] == "id"
    assert any(f["category"] == "crisis" for f in report["findings"])
    assert code == (1 if report["blocking"] else 0)
    for finding in report["findings"]:
        assert {"severity", "start", "end", "rule", "explanation_id", "explanation_en"} <= set(
            finding
        )


def test_check_missing_file_is_one_line_exit_two(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert check_main([str(tmp_path / "nope.txt")]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.strip().count("\n") == 0
    assert "nope.txt: no such file" in captured.err


def test_check_invalid_utf8_names_the_byte_offset(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "bad.txt", b"halo \xff dunia")
    assert check_main([str(path)]) == 2
    err = capsys.readouterr().err
    assert err.strip() == f"suar check: error: {path}: invalid UTF-8 at byte 5"


def test_check_invalid_utf8_on_stdin(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    feed_stdin(monkeypatch, b"\xc3\x28")
    assert check_main(["-"]) == 2
    assert "standard input: invalid UTF-8 at byte 0" in capsys.readouterr().err


def test_check_bad_option_is_one_line_exit_two(capsys: pytest.CaptureFixture[str]) -> None:
    assert check_main(["-", "--context", "tweet"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0
    assert err.startswith("suar check: error:")


def test_check_empty_and_emoji_only_texts_are_valid(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert check_main([str(write(tmp_path, "empty.txt", ""))]) == 0
    assert check_main([str(write(tmp_path, "emoji.txt", "🙂🙏✨"))]) == 0
    assert "0 finding(s)" in capsys.readouterr().out


# ---- suar safety train / info -------------------------------------------------------------


def training_csv(tmp_path: Path) -> Path:
    lines = ["text,label"]
    for i in range(12):
        lines.append(f"dasar goblok nomor {i},harassment")
        lines.append(f'"kamu tolol, pergi sana {i}",harassment')
        lines.append(f"selamat pagi teman {i},ok")
        lines.append(f"makasih banyak ya kak {i},ok")
    return write(tmp_path, "data.csv", "\n".join(lines) + "\n")


def test_train_prints_counts_metrics_and_saves_to_the_data_dir(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert safety_main(["train", str(training_csv(tmp_path)), "--folds", "3"]) == 0
    captured = capsys.readouterr()
    out = captured.out
    # Progress goes to stderr, one line per fold, so stdout stays the results alone.
    assert [line.split(" done")[0] for line in captured.err.splitlines()[:3]] == [
        "  fold 1/3",
        "  fold 2/3",
        "  fold 3/3",
    ]
    assert "fitting the model on every row" in captured.err and "fold 1/3" not in out
    assert "48 rows" in out
    assert "harassment" in out and "24" in out
    assert "cross-validation (3 folds" in out
    assert "precision" in out and "recall" in out and "F1" in out
    saved = data_dir / "safety" / "model.json"
    assert f"model saved to {saved}" in out
    assert saved.is_file()


def test_train_out_option_and_info(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_path = tmp_path / "models" / "mine.json"
    assert (
        safety_main(["train", str(training_csv(tmp_path)), "--out", str(out_path), "--folds", "0"])
        == 0
    )
    assert out_path.is_file()
    assert "cross-validation" not in capsys.readouterr().out
    assert safety_main(["info"]) == 0
    assert "shipped default" in capsys.readouterr().out


def test_train_uses_rule_features_unless_told_not_to(tmp_path: Path) -> None:
    import json

    stacked, plain = tmp_path / "stacked.json", tmp_path / "plain.json"
    csv_path = str(training_csv(tmp_path))
    assert safety_main(["train", csv_path, "--out", str(stacked), "--folds", "0"]) == 0
    args = ["train", csv_path, "--out", str(plain), "--folds", "0", "--no-rule-features"]
    assert safety_main(args) == 0
    stacked_data = json.loads(stacked.read_text("utf-8"))
    plain_data = json.loads(plain.read_text("utf-8"))
    assert stacked_data["version"] == 3 and stacked_data["config"]["rule_features"] is True
    assert stacked_data["rule_labels"] == ["harassment"]
    assert "harassment" in stacked_data["rules_alone"]
    # Without: the version 2 file of before (the shipped model is built so).
    assert plain_data["version"] == 2 and "rule_features" not in plain_data["config"]


def test_info_says_which_labels_learn_from_the_rules(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    safety_main(["train", str(training_csv(tmp_path)), "--folds", "0"])
    capsys.readouterr()
    assert safety_main(["info"]) == 0
    out = capsys.readouterr().out
    assert "harassment: threshold" in out and "learns from the rules' findings (" in out


def test_info_shows_the_data_dir_model_once_trained(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    safety_main(["train", str(training_csv(tmp_path)), "--folds", "0"])
    capsys.readouterr()
    assert safety_main(["info"]) == 0
    out = capsys.readouterr().out
    assert "trained in the data dir" in out
    assert "rows: 48" in out
    assert "harassment: threshold" in out
    assert re.search(r"harassment: threshold [\d.]+, C \d+, (plain|NB-scaled) features", out)


def test_info_names_the_chosen_scaling(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from suar.safety import training

    monkeypatch.setattr(training, "NB_CHOICES", (1.0,))
    safety_main(["train", str(training_csv(tmp_path)), "--folds", "0"])
    capsys.readouterr()
    assert safety_main(["info"]) == 0
    assert "NB-scaled features (alpha 1)" in capsys.readouterr().out


def test_train_bad_row_names_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "bad.csv", "text,label\nhalo,ok\n,harassment\n")
    assert safety_main(["train", str(path)]) == 2
    assert capsys.readouterr().err.strip() == (f"suar safety train: error: {path}:3: empty text")


def test_train_missing_column_names_the_header_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "cols.csv", "# a comment\ntweet,label\nhalo,ok\n")
    assert safety_main(["train", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{path}:2: missing column 'text'" in err


def test_train_short_row_and_missing_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "short.csv", "text,label\nhalo,ok\njust text\n")
    assert safety_main(["train", str(path)]) == 2
    assert f"{path}:3: expected at least 2 fields" in capsys.readouterr().err
    assert safety_main(["train", str(tmp_path / "missing.csv")]) == 2
    assert "missing.csv: No such file or directory" in capsys.readouterr().err


def test_train_with_only_neutral_labels_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "ok.csv", "text,label\nhalo,ok\nhai,ok\n")
    assert safety_main(["train", str(path), "--folds", "0"]) == 2
    assert "nothing to learn" in capsys.readouterr().err


def test_safety_without_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert safety_main([]) == 2
    assert capsys.readouterr().err.startswith("suar safety: error:")


def test_train_draws_option_is_recorded_and_checked(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv_path = str(training_csv(tmp_path))
    assert safety_main(["train", csv_path, "--folds", "0", "--draws", "2"]) == 0
    saved = json.loads((data_dir / "safety" / "model.json").read_text("utf-8"))
    assert saved["metadata"]["threshold_draws"] == 2
    capsys.readouterr()
    assert safety_main(["train", csv_path, "--draws", "0"]) == 2
    assert capsys.readouterr().err.strip() == "suar safety train: error: --draws must be at least 1"
