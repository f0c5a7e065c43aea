"""suar.safety is a plain Python library: it imports and runs without Django or its settings."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import suar.safety

PACKAGE = Path(suar.safety.__file__).parent

PROBE = """
import json, sys
import suar.safety, suar.safety.cli, suar.safety.model, suar.safety.training
report = suar.safety.analyze("gw pengen mati aja, lo goblok")
print(json.dumps({
    "django": sorted(m for m in sys.modules if m == "django" or m.startswith("django.")),
    "sklearn": any(m == "sklearn" or m.startswith("sklearn.") for m in sys.modules),
    "categories": sorted({f.category.value for f in report.findings}),
}))
"""


def test_imports_and_analyses_in_a_process_without_django_settings(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO")}
    env["SUAR_DATA_DIR"] = str(tmp_path)
    result = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, check=True
    )
    seen = json.loads(result.stdout)
    assert seen["django"] == []
    assert seen["sklearn"] is False  # training imports scikit-learn only when it trains
    assert seen["categories"] == ["crisis", "harassment"]


def test_no_module_in_the_package_names_django() -> None:
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            assert not any(n == "django" or n.startswith("django.") for n in names), path
