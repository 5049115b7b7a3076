"""Tests for lishi_metrics.text.i18n and the texts registry."""

import functools
import importlib
import sys
from pathlib import Path

import pytest

from lishi_metrics.text import i18n
from lishi_metrics.text.i18n import LANGS, STRINGS, TextsError, load_registry, normalize_lang, placeholders, t

REPO = Path(__file__).resolve().parent.parent


def test_langs():
    assert LANGS == ("zh", "en")


@pytest.mark.parametrize(
    ("raw", "lang"),
    [
        ("zh", "zh"), ("en", "en"), ("EN", "en"), ("en-US", "en"), ("en_GB", "en"), ("zh-CN", "zh"),
        ("zh_Hans", "zh"), ("English", "en"), ("中文", "zh"), (["en"], "en"), ([], "zh"), (None, "zh"),
        ("", "zh"), ("fr", "zh"), ("<script>", "zh"), (3, "zh"),
    ],
)
def test_normalize_lang(raw, lang):
    assert normalize_lang(raw) == lang


def test_every_string_has_zh_and_en():
    for key, (zh, en) in STRINGS.items():
        assert zh.strip(), f"{key} has no Chinese"
        assert en.strip(), f"{key} has no English"


def test_every_template_formats_with_the_union_of_its_placeholders():
    # zh and en may use different fields (e.g. a month number vs a month name); callers pass both.
    for key, (zh, en) in STRINGS.items():
        fields = {name: "X" for name in placeholders(zh) | placeholders(en)}
        for lang in LANGS:
            text = t(key, lang, **fields)
            assert "{" not in text.replace("{{", ""), (key, lang, text)


def test_no_key_is_defined_twice_across_texts_modules():
    # load_registry raises on duplicates; reloading the real package must succeed.
    registry, owners = load_registry(importlib.import_module("lishi_metrics.text.strings"))
    assert set(registry) == set(owners) == set(STRINGS)


def test_duplicate_keys_raise(tmp_path, monkeypatch):
    package = tmp_path / "dup_texts"
    package.mkdir()
    (package / "__init__.py").write_text('"""Test package."""\n', encoding="utf-8")
    (package / "a.py").write_text('STRINGS = {"hello": ("你好", "Hello")}\n', encoding="utf-8")
    (package / "b.py").write_text('STRINGS = {"hello": ("您好", "Hi")}\n', encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    try:
        with pytest.raises(TextsError, match="hello.*dup_texts.a.*dup_texts.b"):
            load_registry(importlib.import_module("dup_texts"))
    finally:
        for name in [n for n in sys.modules if n.startswith("dup_texts")]:
            del sys.modules[name]


def test_malformed_module_raises(tmp_path, monkeypatch):
    package = tmp_path / "bad_texts"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "a.py").write_text('STRINGS = {"hello": "你好"}\n', encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    try:
        with pytest.raises(TextsError, match="pair"):
            load_registry(importlib.import_module("bad_texts"))
    finally:
        for name in [n for n in sys.modules if n.startswith("bad_texts")]:
            del sys.modules[name]


def test_owners_point_at_the_defining_module():
    assert i18n.OWNERS["app_title"] == "lishi_metrics.text.strings.common"


@pytest.mark.parametrize(
    ("key", "zh", "en"),
    [
        ("app_title", "离石区“十四五”规划监测", "Lishi District 14th Five-Year Plan Monitor"),
        ("no_data", "暂无数据", "no data"),
        ("attr_anticipatory", "预期性", "Anticipatory"),
        ("attr_binding", "约束性", "Binding"),
        ("cat_six_new", "“六新”突破与产业升级", "“Six new” breakthroughs and industrial upgrading"),
        ("cat_ecological_civilisation", "生态文明", "Ecological civilisation"),
        ("page_overview", "总览", "Overview"),
        ("page_industries", "三新五大", "Industries"),
        ("page_explorer", "指标库", "Indicator explorer"),
        ("page_screen", "大屏", "Big screen"),
        ("ov_col_actual_year", "2020年实际", "2020 actual"),
    ],
)
def test_common_strings(key, zh, en):
    assert t(key, "zh", year=2020) == zh
    assert t(key, "en", year=2020) == en


def test_t_formats_keyword_arguments():
    assert t("param_ignored", "zh", param="panel") == "已忽略无效参数 panel"
    assert t("param_ignored", "en", param="panel") == "Ignored invalid parameter panel"
    assert t("sc_target_label", "zh", year=2025, value=255) == "2025年目标 255"


def test_t_leaves_unfilled_placeholders_and_ignores_extra_arguments():
    assert t("param_clamped", "en", param="rotate") == "Parameter rotate was out of range and was set to {value}"
    assert t("no_data", "en", unused=1) == "no data"


def test_missing_key_raises_under_test_and_returns_the_key_in_production(monkeypatch):
    with pytest.raises(KeyError, match="no_such_key"):
        t("no_such_key", "zh")
    monkeypatch.delenv("LISHI_STRICT_TEXTS")
    assert t("no_such_key", "zh") == "no_such_key"
    assert t("no_such_key", "en", x=1) == "no_such_key"


# --- every key used exists, and every key defined is used ---------------------------------------------

def _sources():
    import ast

    for path in [*sorted((REPO / "lishi_metrics").rglob("*.py")), *sorted((REPO / "pages").glob("*.py")),
                 REPO / "app.py"]:
        if path.exists() and "strings" not in path.parts:
            yield path, ast.parse(path.read_text(encoding="utf-8"))


@functools.cache
def _usage():
    """(keys passed literally to t(), every other string literal, prefixes of f-string keys); read once for the
    two tests below."""
    import ast

    called, literals, prefixes = set(), set(), set()
    for _, tree in _sources():
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                literals.add(node.value)
            elif isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
                prefixes.add(str(node.values[0].value))
            if (isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) == "t"
                    and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                called.add(node.args[0].value)
    return called, literals, prefixes


def test_every_key_passed_to_t_exists_in_both_languages():
    called, _, _ = _usage()
    missing = sorted(k for k in called if k not in STRINGS)
    assert not missing, missing
    assert all(all(STRINGS[k]) for k in called)


def test_no_key_goes_unused():
    _, literals, prefixes = _usage()
    prefixes = {p for p in prefixes if len(p) >= 3}
    # f"{key}_help" with key = "ec_tile_water" elsewhere: a literal id followed by a suffix counts as used
    stems = {s + "_" for s in literals if "_" in s and len(s) >= 6}
    unused = sorted(k for k in STRINGS if k not in literals and not any(k.startswith(p) for p in prefixes | stems))
    assert not unused, unused


def test_t_normalizes_the_language():
    assert t("no_data", "en-US") == "no data"
    assert t("no_data", None) == "暂无数据"


def test_category_strings_match_the_indicators_table():
    import csv
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "data" / "source" / "indicators.csv"
    if not path.exists():
        pytest.skip("indicators.csv not present")
    with path.open(encoding="utf-8", newline="") as fh:
        pairs = {(row["category_zh"], row["category_en"]) for row in csv.DictReader(fh)}
    known = {STRINGS[key] for key in STRINGS if key.startswith("cat_")}
    assert pairs <= known
