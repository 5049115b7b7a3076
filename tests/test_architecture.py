"""The package's layers import in one direction only (docs/architecture.md), and only ui imports Streamlit."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parent.parent / "lishi_metrics"

BASE = {"config", "errors"}
# layer -> the layers it may import (besides itself). Keep in step with docs/architecture.md.
ALLOWED: dict[str, set[str]] = {
    "config": set(),
    "errors": set(),
    "actuals": BASE,
    "data": BASE | {"actuals"},
    "model": BASE,
    "text": BASE | {"model", "data"},
    "charts": BASE | {"model", "text"},
    "views": BASE | {"model", "charts", "text", "data", "actuals"},
    "reports": BASE | {"views", "model", "charts", "text", "data", "actuals"},
    "cli": BASE | {"views", "model", "charts", "text", "data", "actuals", "reports"},
    "launcher": BASE | {"ui"},  # ui.warm_up, started in a thread (never imported at module level)
    "ui": BASE | {"views", "model", "charts", "text", "data", "actuals", "reports", "launcher"},
    "__main__": {"cli"},
    "__init__": set(),
}
STREAMLIT_MODULES = {"ui", "launcher"}


def _layer(path: Path) -> str:
    rel = path.relative_to(PKG).parts
    return rel[0] if len(rel) > 1 else path.stem


def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, imported top-level name) for every import in the file, package-relative names as lishi_metrics.X."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                raise AssertionError(f"{path}:{node.lineno}: use absolute imports (from lishi_metrics.x import y)")
            if node.module == "lishi_metrics":
                out += [(node.lineno, f"lishi_metrics.{a.name}") for a in node.names]
            elif node.module:
                out.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names]
    return out


MODULES = sorted(PKG.rglob("*.py"))


def test_every_layer_is_known():
    assert {_layer(p) for p in MODULES} <= set(ALLOWED)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PKG)))
def test_imports_point_down_the_layers(path):
    layer = _layer(path)
    bad = []
    for line, name in _imports(path):
        parts = name.split(".")
        if parts[0] == "lishi_metrics" and len(parts) > 1:
            target = parts[1]
            if target != layer and target not in ALLOWED[layer]:
                bad.append(f"line {line}: {layer} imports {target}")
        if parts[0] == "streamlit" and layer not in STREAMLIT_MODULES:
            bad.append(f"line {line}: only ui imports streamlit")
    assert not bad, bad


def test_a_forbidden_import_is_caught(tmp_path, monkeypatch):
    """The checker itself can fail: a model module importing views is reported."""
    fake = PKG / "model" / "growth.py"
    src = "from lishi_metrics.views import overview\n"
    tree_file = tmp_path / "growth.py"
    tree_file.write_text(src)
    monkeypatch.setattr(Path, "read_text", lambda self, encoding=None: src if self == fake else Path.read_bytes(self).decode())
    with pytest.raises(AssertionError, match="model imports views"):
        test_imports_point_down_the_layers(fake)
