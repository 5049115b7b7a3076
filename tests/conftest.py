"""Shared fixtures: clean Streamlit caches between AppTest runs, an isolated store, the real data."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _isolated(monkeypatch, tmp_path_factory):
    """Every test gets an empty store of its own and an empty st.cache_data (it survives AppTest runs). The shared
    caches (lishi_metrics.shared_cache) are kept: they are keyed by the data version, which names the data
    directory and the store's file, so a test's own data gets entries of its own (shared_cache.clear_all
    empties them where a test needs that)."""
    store = tmp_path_factory.mktemp("store")
    monkeypatch.setenv("LISHI_STORE_DIR", str(store))
    monkeypatch.delenv("LISHI_DATA_DIR", raising=False)
    monkeypatch.delenv("LISHI_ADMIN_PASSWORD", raising=False)
    from lishi_metrics.data import db as data

    data.reset()
    try:
        import streamlit as st

        st.cache_data.clear()
    except Exception:  # noqa: BLE001 - streamlit absent is fine for pure tests
        pass
    yield
    data.reset()


def app_test(page: str | None = None, params: dict | None = None, timeout: float = 60):
    """AppTest of a page file run on its own (as `streamlit run pages/x.py` would), with URL params."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(REPO / (page or "app.py")), default_timeout=timeout)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    return at


def texts(at) -> str:
    """All visible text of an AppTest run, for assertions on what a user reads."""
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "text", "info", "warning", "error", "success"):
        parts += [str(e.value) for e in getattr(at, kind)]
    for m in at.metric:
        parts += [str(m.label), str(m.value), str(m.delta or "")]
    for card in tile_cards(at):  # as read (the Markdown blocks above are escaped)
        parts += [card["name"], card["label"], card["tag"], card["value"], *card["lines"], card["help"]]
    for df in at.dataframe:
        parts.append(df.value.to_string())
    for tbl in getattr(at, "table", []):
        parts.append(tbl.value.to_string())
    return "\n".join(parts)


_TILE_KEY = re.compile(r"-([a-z-]+-tile)-(.+)--(\w+)-(number|text)-(\w+)$")
_BADGE = re.compile(r"\s*:(\w+)-badge\[(.*)\]$")


def _unmark(text: str) -> str:
    """Markdown of one tile part as read: escapes and bold markers removed."""
    return re.sub(r"\\(.)", r"\1", text.replace("**", ""))


def tile_cards(at) -> list[dict]:
    """The tiles drawn by ui.tile in an AppTest run, in order, read back from each tile's container key and its
    one Markdown block (views.tiles.markdown): scope, key, tone, kind, tag kind, name, label, tag, value, lines
    (as read: escapes and bold removed), the block itself and its tooltip."""
    found = []

    def walk(node):
        children = getattr(node, "children", None)
        for child in (children.values() if isinstance(children, dict) else []):
            match = _TILE_KEY.search(str(getattr(getattr(child, "proto", None), "id", "") or ""))
            blocks = [c for c in getattr(child, "children", {}).values() if type(c).__name__ == "Markdown"]
            if match and blocks:
                block = blocks[0]
                head, value, *rest = block.value.split("\n\n")
                name, *second = head.split("  \n")
                label, tag = (second[0] if second else ""), ""
                badge = _BADGE.search(label)
                if badge:
                    label, tag = label[:badge.start()], badge.group(2)
                found.append({
                    "scope": match.group(1), "key": match.group(2), "tone": match.group(3), "kind": match.group(4),
                    "tag_kind": match.group(5), "name": _unmark(name), "label": _unmark(label), "tag": _unmark(tag),
                    "value": _unmark(value), "lines": [_unmark(line) for line in (rest[0].split("  \n") if rest else [])],
                    "markdown": block.value, "help": block.help or "",
                })
            walk(child)

    walk(at._tree)
    return found


os.environ.setdefault("STREAMLIT_BROWSER_GATHER_USAGE_STATS", "false")
# t() raises on a missing key under test (production falls back to the key): a typo fails loudly.
os.environ["LISHI_STRICT_TEXTS"] = "1"
