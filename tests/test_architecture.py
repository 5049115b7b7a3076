"""The package's layers import in one direction only (docs/architecture.md), and only ui imports Streamlit."""

from __future__ import annotations

import ast
import re
import sys
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


# --- pages/ -------------------------------------------------------------------------------------

PAGES_DIR = PKG.parent / "pages"
PAGE_FILES = sorted(PAGES_DIR.glob("*.py"))
# What a page may import of the package (docs/architecture.md, last row of the table): the Streamlit module,
# page models, text and chart builders, plus config and errors like every layer.
PAGE_ALLOWED = ("lishi_metrics.ui", "lishi_metrics.views", "lishi_metrics.text", "lishi_metrics.charts",
                "lishi_metrics.config", "lishi_metrics.errors")


def _page_imports(path: Path) -> list[tuple[int, str, str]]:
    """(line, full module name, local name) for every name a page file imports."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            module = str(node.module)
            for a in node.names:
                # from lishi_metrics.views import x -> lishi_metrics.views.x; from lishi_metrics.text.i18n import t
                # -> lishi_metrics.text.i18n
                package = module.split(".")[0] == "lishi_metrics" and module.count(".") <= 1
                out.append((node.lineno, f"{module}.{a.name}" if package else module, a.asname or a.name))
        elif isinstance(node, ast.Import):
            out += [(node.lineno, a.name, a.asname or a.name.split(".")[0]) for a in node.names]
    return out


def _page_import_problems(files: list[Path]) -> list[str]:
    bad = []
    for path in files:
        for line, name, _ in _page_imports(path):
            top = name.split(".")[0]
            if top == "lishi_metrics":
                if not any(name == a or name.startswith(a + ".") for a in PAGE_ALLOWED):
                    bad.append(f"{path.name}:{line}: a page imports {name}")
            elif top not in {"streamlit", "__future__"} and top not in sys.stdlib_module_names:
                bad.append(f"{path.name}:{line}: a page imports {name} (only streamlit and the standard library)")
    return bad


def _alias_problems(files: list[Path]) -> list[str]:
    """A local name that stands for different modules of the package in different pages, or a module
    imported under different names (e.g. `ev` the ecology model in one page and the explorer in another)."""
    by_alias: dict[str, set[str]] = {}
    by_module: dict[str, set[str]] = {}
    for path in files:
        for _, name, local in _page_imports(path):
            if name.startswith("lishi_metrics."):
                by_alias.setdefault(local, set()).add(name)
                by_module.setdefault(name, set()).add(local)
    return ([f"alias {a} means {sorted(m)}" for a, m in by_alias.items() if len(m) > 1]
            + [f"{m} is imported as {sorted(a)}" for m, a in by_module.items() if len(a) > 1])


def test_pages_import_only_ui_views_text_charts_and_streamlit():
    assert PAGE_FILES
    assert not _page_import_problems(PAGE_FILES)


def test_an_alias_means_the_same_module_in_every_page():
    assert not _alias_problems(PAGE_FILES)


def test_the_page_checks_can_fail(tmp_path):
    """A page importing the store or pandas, and two pages giving `ev` different meanings, are reported."""
    one = tmp_path / "one.py"
    one.write_text("import pandas as pd\nfrom lishi_metrics.actuals import store\nfrom lishi_metrics.views import ecology as ev\n")
    two = tmp_path / "two.py"
    two.write_text("from lishi_metrics.views import explorer as ev\nfrom lishi_metrics.views import ecology as eco\n")
    assert _page_import_problems([one]) == ["one.py:1: a page imports pandas (only streamlit and the standard library)",
                                            "one.py:2: a page imports lishi_metrics.actuals.store"]
    problems = _alias_problems([one, two])
    assert "alias ev means ['lishi_metrics.views.ecology', 'lishi_metrics.views.explorer']" in problems
    assert "lishi_metrics.views.ecology is imported as ['eco', 'ev']" in problems


# --- page models ------------------------------------------------------------------------------------

SHARED_VIEWS = {"_common", "sectors", "state", "registry", "tiles"}  # what page models may share (docs/architecture.md)


def _from_imports(path: Path) -> list[tuple[int, str]]:
    """Like _imports, but `from lishi_metrics.views import x` gives lishi_metrics.views.x."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module == "lishi_metrics.views":
            out += [(node.lineno, f"lishi_metrics.views.{a.name}") for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("lishi_metrics.views."):
            out.append((node.lineno, node.module))
    return out


def _page_model(path: Path) -> str:
    """The page model a file belongs to: its own name, or its package's (views/scenario/metrics.py → scenario)."""
    return path.parent.name if path.parent.parent == PKG / "views" else path.stem


def _page_model_problems(paths: list[Path]) -> list[str]:
    bad = []
    for path in paths:
        for line, name in _from_imports(path):
            target = name.split(".")[2]
            if target not in SHARED_VIEWS | {_page_model(path)}:
                bad.append(f"{path.name}:{line}: a page model imports the page model {target}")
    return bad


def test_page_models_do_not_import_each_other():
    views = sorted((PKG / "views").rglob("*.py"))
    assert len(views) > 8 and PKG / "views" / "scenario" / "metrics.py" in views
    assert not _page_model_problems(views)


def test_the_page_model_check_can_fail(tmp_path):
    fake = tmp_path / "ecology.py"
    fake.write_text("from lishi_metrics.views import industries as iv\nfrom lishi_metrics.views import sectors, state\n"
                    "from lishi_metrics.views._common import status_label\nfrom lishi_metrics.views.overview import build\n")
    assert _page_model_problems([fake]) == ["ecology.py:1: a page model imports the page model industries",
                                            "ecology.py:4: a page model imports the page model overview"]
    # A module of the scenario package may import its siblings, not another page model.
    inner = PKG / "views" / "scenario" / "metrics.py"
    assert _page_model(inner) == "scenario"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PKG)))
def test_a_long_module_says_why_in_its_docstring(path):
    """Issue 16: no module over about 500 lines without a reason stated in its docstring ("Length (…): …")."""
    lines = path.read_text(encoding="utf-8").count("\n")
    if lines > 520:
        doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
        assert "Length (" in doc, f"{path.name}: {lines} lines and no reason in its docstring"


# --- English unit words: one source (the data's unit_en through text.fmt), no page-local tables ----------

_EN_UNIT_TABLE = re.compile(r"EN_UNIT", re.IGNORECASE)


def _en_unit_tables(source: str) -> list[str]:
    """Names bound at any level of a module that look like an English unit table (*EN_UNITS*, *en_units*)."""
    names = []
    for node in ast.walk(ast.parse(source)):
        targets = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, (ast.AnnAssign, ast.AugAssign)):
            targets = [node.target]
        elif isinstance(node, ast.arg):
            names += [node.arg] if _EN_UNIT_TABLE.search(node.arg) else []
        for target in targets:
            for n in ast.walk(target):
                if isinstance(n, ast.Name) and _EN_UNIT_TABLE.search(n.id):
                    names.append(n.id)
    return names


def test_no_page_model_keeps_its_own_english_units():
    """English unit words come from the rows' unit_en (indicators.csv, text_figures.csv) and units.csv via
    fmt.fmt_value; a views/ module with its own table (EN_UNITS, _BARE_EN_UNITS, en_units=...) duplicates them."""
    found = {p.name: names for p in sorted((PKG / "views").glob("*.py"))
             if (names := _en_unit_tables(p.read_text(encoding="utf-8")))}
    assert found == {}


def test_the_english_unit_check_can_fail():
    assert _en_unit_tables('EN_UNITS = {"x": "households"}\n') == ["EN_UNITS"]
    assert _en_unit_tables('_BARE_EN_UNITS = {"个"}\n') == ["_BARE_EN_UNITS"]
    assert _en_unit_tables("def f(rows, en_units=None):\n    pass\n") == ["en_units"]
    assert _en_unit_tables("unit_en = row.unit_en\n") == []
