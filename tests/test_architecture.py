"""The package's layers import in one direction only (docs/architecture.md), only ui imports Streamlit, and only
ui/_compat.py touches Streamlit's internals."""

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
    "data": BASE | {"actuals", "model"},  # model is pure: the plan-cell parser (model.printed) reads CSVs and workbooks
    "model": BASE,
    "text": BASE | {"model", "data"},
    "charts": BASE | {"model", "text"},
    "views": BASE | {"model", "charts", "text", "data", "actuals"},
    "reports": BASE | {"views", "model", "charts", "text", "data", "actuals"},
    "cli": BASE | {"views", "model", "charts", "text", "data", "actuals", "reports"},
    "shared_cache": set(),
    "launcher": BASE | {"ui"},  # ui._compat (Streamlit's pins and command line) and ui.warm_up, inside main()
    "ui": BASE | {"views", "model", "charts", "text", "data", "actuals", "reports", "shared_cache"},
    "__main__": {"cli"},
    "__init__": set(),
}
STREAMLIT_MODULES = {"ui"}  # the launcher reaches Streamlit through ui._compat


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


# --- Streamlit's internals: ui/_compat.py only ---------------------------------------------------------------

COMPAT = PKG / "ui" / "_compat.py"
PRIVATE_PACKAGES = ("runtime", "web", "elements", "proto")  # streamlit.<these> are Streamlit's internals
PRIVATE_MODULES = ("net_util", "emojis", "dataframe_util", "config", *PRIVATE_PACKAGES)


def _private_streamlit_uses(source: str) -> list[str]:
    """Where a source file reaches into Streamlit: an import of streamlit.runtime/web/elements/proto (at any
    depth) or of net_util/emojis/dataframe_util/config, or an underscore attribute of a name bound to a
    Streamlit module or object (st._x, streamlit._x)."""
    tree = ast.parse(source)
    bound = set()  # local names bound to streamlit or anything imported from it
    bad = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                parts = a.name.split(".")
                if parts[0] == "streamlit":
                    bound.add(a.asname or parts[0])
                    if len(parts) > 1 and parts[1] in PRIVATE_MODULES:
                        bad.append(f"line {node.lineno}: import {a.name}")
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "streamlit":
            parts = node.module.split(".")
            names = [a.name for a in node.names]
            bound.update(a.asname or a.name for a in node.names)
            if (len(parts) > 1 and parts[1] in PRIVATE_MODULES) or (len(parts) == 1 and set(names) & set(PRIVATE_MODULES)):
                bad.append(f"line {node.lineno}: from {node.module} import {', '.join(names)}")
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__"):
            root = node.value
            while isinstance(root, (ast.Attribute, ast.Call, ast.Subscript)):
                root = root.func if isinstance(root, ast.Call) else root.value
            if isinstance(root, ast.Name) and root.id in bound:
                bad.append(f"line {node.lineno}: {root.id}….{node.attr}")
    return bad


SOURCES = [*MODULES, *sorted((PKG.parent / "pages").glob("*.py")), PKG.parent / "app.py"]


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PKG.parent)))
def test_only_compat_touches_streamlits_internals(path):
    if path == COMPAT:
        assert _private_streamlit_uses(path.read_text(encoding="utf-8"))  # it does: the check sees it
        return
    assert not _private_streamlit_uses(path.read_text(encoding="utf-8"))


def test_the_internals_check_can_fail():
    assert _private_streamlit_uses("from streamlit.runtime.scriptrunner import get_script_run_ctx\n") == [
        "line 1: from streamlit.runtime.scriptrunner import get_script_run_ctx"]
    assert _private_streamlit_uses("from streamlit import net_util, errors\n") == [
        "line 1: from streamlit import net_util, errors"]
    assert _private_streamlit_uses("import streamlit.web.cli as cli\n") == ["line 1: import streamlit.web.cli"]
    assert _private_streamlit_uses("import streamlit as st\npage = st.Page('x')\nst.Page('x')._can_be_called = 1\n") == [
        "line 3: st…._can_be_called"]
    assert _private_streamlit_uses("import streamlit as st\nfrom streamlit.errors import StreamlitAPIException\n"
                                   "st.query_params.get('x')\n") == []


def test_only_the_ui_package_imports_streamlit():
    """The launcher and every other module reach Streamlit through lishi_metrics.ui (its internals through
    ui._compat): a plain-text scan, like the project's before-stop hook, so no import hides from the AST."""
    pattern = re.compile(r"^\s*(import streamlit|from streamlit)", re.M)
    outside = [str(p.relative_to(PKG)) for p in MODULES
               if pattern.search(p.read_text(encoding="utf-8")) and p.relative_to(PKG).parts[0] != "ui"]
    assert outside == []
    hook = re.compile(r"^\s*from streamlit(\.(runtime|web|elements|proto)[.a-z_]*)? import"
                      r"|^\s*from streamlit import (net_util|emojis|dataframe_util|config)", re.M)
    assert [str(p.relative_to(PKG)) for p in MODULES if hook.search(p.read_text(encoding="utf-8"))] == ["ui/_compat.py"]


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

SHARED_VIEWS = {"_common", "sectors", "state", "registry", "tiles", "wording"}  # what page models may share (docs/architecture.md)


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


_LENGTH = re.compile(r"Length \((?:about )?([\d,]+) lines\)")


def _length_problem(name: str, source: str) -> str | None:
    """A module over 520 lines must say why in its docstring, "Length (about N lines): …", with N within 10 %
    of its real length (a stated length that has drifted is no reason); a shorter module stating one must be
    true too."""
    lines = source.count("\n")
    stated = _LENGTH.search(ast.get_docstring(ast.parse(source)) or "")
    if stated is None:
        return f"{name}: {lines} lines and no reason in its docstring" if lines > 520 else None
    number = int(stated.group(1).replace(",", ""))
    return None if abs(number - lines) <= 0.1 * lines else f"{name}: says about {number} lines, has {lines}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PKG)))
def test_a_long_module_says_why_in_its_docstring(path):
    """Issue 16: no module over about 500 lines without a reason stated in its docstring; issue 24: the length
    it states is its length."""
    assert _length_problem(path.name, path.read_text(encoding="utf-8")) is None


def test_the_length_check_can_fail():
    body = "x = 1\n" * 600
    assert _length_problem("a.py", '"""A module."""\n' + body) == "a.py: 601 lines and no reason in its docstring"
    assert _length_problem("b.py", '"""A module.\n\nLength (about 400 lines): why."""\n' + body) == (
        "b.py: says about 400 lines, has 603")
    assert _length_problem("c.py", '"""A module.\n\nLength (about 600 lines): why."""\n' + body) is None
    assert _length_problem("d.py", '"""A module.\n\nLength (: why."""\n' + body) == "d.py: 603 lines and no reason in its docstring"


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


# --------------------------------------------------------------------------------------- data text is text (23.2)

# Streamlit elements that render their text argument as Markdown (st.table renders its cells so too).
MARKDOWN_ELEMENTS = {"markdown", "caption", "info", "warning", "error", "success", "title", "header", "subheader",
                     "toast", "expander", "tabs", "metric", "table", "write"}
# Fields of page models and rows that hold text from a data file or an import.
DATA_TEXT = {"name", "title", "group", "chapter", "note", "subtitle", "quote", "source_title", "name_zh", "name_en",
             "category_zh", "category_en", "unit_zh", "unit_en", "region_zh", "region_en", "by",
             "file_name", "subject", "projects", "figures", "enterprises", "structure", "path_table",
             "industry_wide", "innovation", "innovation_figures", "income_table", "achievements", "tasks"}
# What makes text literal: the one escaper (and its table form).
ESCAPERS = {"md_escape", "md_cells"}


def _escapes_itself(call: ast.Call) -> bool:
    """ui.table(frame, …) escapes its frame for both of its forms (st.table through fmt.md_cells, the phone's
    cards through fmt.md_cards), unless it is told the cells are Markdown already (escape=False)."""
    func = call.func
    return (isinstance(func, ast.Attribute) and func.attr == "table" and isinstance(func.value, ast.Name)
            and func.value.id == "ui"
            and not any(k.arg == "escape" and not (isinstance(k.value, ast.Constant) and k.value.value is True)
                        for k in call.keywords))


def unescaped_data_text(source: str) -> list[str]:
    """Arguments of Markdown-rendering calls that reach data text (a DATA_TEXT field, or ui.plan_name(...))
    without passing through fmt.md_escape / fmt.md_cells; 'line: expression' each."""
    found = []

    def visit(node: ast.AST, escaped: bool, call_line: int) -> None:
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in ESCAPERS or name == "len":  # len(): a number, not the text
                escaped = True
            elif name == "plan_name" and not escaped:
                found.append(f"{call_line}: {ast.unparse(node)}")
        elif isinstance(node, ast.Attribute) and node.attr in DATA_TEXT and not escaped:
            found.append(f"{call_line}: {ast.unparse(node)}")
            return
        for child in ast.iter_child_nodes(node):
            visit(child, escaped, call_line)

    for node in ast.walk(ast.parse(source)):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in MARKDOWN_ELEMENTS
                and not _escapes_itself(node)):
            for arg in [*node.args[:1], *(k.value for k in node.keywords
                                          if k.arg in ("body", "label", "help", "markdown"))]:
                visit(arg, False, node.lineno)
    return found


@pytest.mark.parametrize("path", sorted((PKG.parent / "pages").glob("*.py")), ids=lambda p: p.name)
def test_no_page_passes_data_text_to_a_markdown_element_unescaped(path):
    assert unescaped_data_text(path.read_text(encoding="utf-8")) == []


def test_the_data_text_check_can_fail():
    bad = ("st.subheader(sec.title)\nst.caption(t('x', lang, plan=ui.plan_name(p, lang)))\n"
           "st.table(sec.projects)\nst.markdown(f'**{row.name}**')\n")
    good = ("st.subheader(fmt.md_escape(sec.title))\nst.caption(t('x', lang, plan=fmt.md_escape(ui.plan_name(p, "
            "lang))))\nst.table(fmt.md_cells(sec.projects))\nui.table(sec.projects, lang, 'k')\n")
    assert len(unescaped_data_text(bad)) == 4
    # ui.table escapes its frame itself, unless told its cells are Markdown already
    assert len(unescaped_data_text("ui.table(sec.projects, lang, 'k', escape=False)\n"
                                   "st.table(sec.projects)\nother.table(sec.projects)\n")) == 3
    assert unescaped_data_text(good) == []
