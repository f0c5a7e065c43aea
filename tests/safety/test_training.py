"""Training helpers: reading `text,label` files and choosing thresholds from held-out scores."""

from __future__ import annotations

from pathlib import Path

import pytest

from suar.safety.training import (
    DataError,
    _best_threshold,
    _recall_threshold,
    cross_validate,
    read_rows,
    scores,
)


def test_read_rows_skips_comments_and_keeps_true_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "data.csv"
    path.write_text(
        '# licence: CC0\nlabel,text,note\nok,"halo, apa kabar",x\nharassment,"dua\nbaris",y\n'
        "ok,,z\n",
        "utf-8",
    )
    with pytest.raises(DataError) as error:
        read_rows(path)
    assert error.value.line == 6  # the quoted field spans lines 4-5
    path.write_text('# c\ntext,label\n"halo, apa kabar",ok\n"dua\nbaris",harassment\n', "utf-8")
    assert read_rows(path) == [("halo, apa kabar", "ok"), ("dua\nbaris", "harassment")]


def test_read_rows_keeps_rows_that_start_with_a_hashtag(tmp_path: Path) -> None:
    path = tmp_path / "data.csv"
    path.write_text(
        "# licence: CC0\n#\ntext,label\n#semangat pagi semua,ok\n"
        '"dua\n# baris ini bagian dari teks",ok\n#\tjuga komentar\n"kata ""kutip"" ok",ok\n',
        "utf-8",
    )
    assert read_rows(path) == [
        ("#semangat pagi semua", "ok"),
        ("dua\n# baris ini bagian dari teks", "ok"),
        ('kata "kutip" ok', "ok"),
    ]


def test_read_rows_reports_invalid_utf8_with_its_offset(tmp_path: Path) -> None:
    path = tmp_path / "data.csv"
    path.write_bytes(b"text,label\nhal\xffo,ok\n")
    with pytest.raises(DataError, match=r"data.csv: invalid UTF-8 at byte 14"):
        read_rows(path)


def test_read_rows_needs_data_after_the_header(tmp_path: Path) -> None:
    path = tmp_path / "data.csv"
    path.write_text("text,label\n", "utf-8")
    with pytest.raises(DataError, match="no data rows"):
        read_rows(path)


def test_best_threshold_maximises_f1() -> None:
    truth = [True, True, False, True, False, False]
    probs = [0.9, 0.8, 0.7, 0.6, 0.2, 0.1]
    threshold = _best_threshold(truth, probs, 1.0)
    assert 0.2 < threshold < 0.6
    assert scores(truth, [p >= threshold for p in probs]).f1 == pytest.approx(6 / 7)


def test_recall_threshold_keeps_precision_above_the_floor() -> None:
    truth = [True, True, False, True, False, True, False, False]
    probs = [0.95, 0.9, 0.85, 0.8, 0.7, 0.6, 0.5, 0.1]
    threshold = _recall_threshold(truth, probs, 0.75)
    predicted = [p >= threshold for p in probs]
    result = scores(truth, predicted)
    assert result.precision >= 0.75
    assert result.recall == pytest.approx(0.75)  # 0.6 would add recall but drop precision to 0.67


def test_cross_validate_reports_each_label() -> None:
    rows = [(f"kamu goblok {i}", "harassment") for i in range(10)]
    rows += [(f"kamu baik {i}", "ok") for i in range(10)]
    results = cross_validate(rows, folds=2)
    assert set(results) == {"harassment"}
    assert results["harassment"].f1 > 0.8
    assert results["harassment"].support == 10
