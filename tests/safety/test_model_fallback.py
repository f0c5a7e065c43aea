"""A model file that cannot be read never stops the checks: the rules run alone, with a warning."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from suar.safety import Category, _DefaultEngine


@pytest.mark.parametrize(
    "content",
    [
        "not json at all {",
        json.dumps({"format": "something-else"}),
        json.dumps({"format": "suar-textmodel", "version": 1, "labels": []}),
    ],
)
def test_unreadable_model_falls_back_to_the_rules(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    content: str,
) -> None:
    (tmp_path / "safety").mkdir()
    (tmp_path / "safety" / "model.json").write_text(content, "utf-8")
    monkeypatch.setenv("SUAR_DATA_DIR", str(tmp_path))

    with caplog.at_level(logging.WARNING, logger="suar.safety"):
        report = _DefaultEngine().analyze("lo goblok, aku pengen mati aja")

    assert report.has(Category.CRISIS) and report.has(Category.HARASSMENT)
    assert report.model_scores == {}
    assert "safety model not loaded" in caplog.text


def test_an_old_format_names_the_fix(tmp_path: Path) -> None:
    from suar.safety.model import TextModel

    path = tmp_path / "model.json"
    path.write_text(json.dumps({"format": "suar-textmodel", "version": 1}), "utf-8")
    with pytest.raises(ValueError, match="suar safety train"):
        TextModel.load(path)
