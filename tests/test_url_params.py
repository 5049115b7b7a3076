"""Which URL parameters each page uses (state.PAGE_PARAMS): unknown ones get a notice in words and leave the
address, known ones stay (issue 14.8)."""

from __future__ import annotations

import pytest

from lishi_metrics.views import explorer as xv
from lishi_metrics.views import registry, state
from lishi_metrics.views import scenario as sv
from lishi_metrics.views import screen as scv

from conftest import app_test, texts

# Per page: valid values of its own parameters (they must stay in the address) and what then shows.
OWN = {
    "overview": {},
    "industries": {"sector": "new_energy"},
    "ecology": {"table": "fyp13", "theme": "air"},
    "livelihood": {"table": "fyp13", "topic": "income"},
    "explorer": {"kind": "indicator", "q": "GDP"},
    "scenario": {"g": "8", "horizon": "2030"},
    "screen": {"rotate": "0", "panel": "2"},
    "economy": {"year": "2026"},
    "data": {},
}


class Recording(dict):
    """A query mapping that remembers every name a parser asks for."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.asked: set[str] = set()

    def get(self, key, default=None):
        self.asked.add(key)
        return super().get(key, default)


def test_every_page_of_the_registry_has_its_parameters_listed():
    assert set(state.PAGE_PARAMS) == {spec.url_path for spec in registry.PAGES} == set(OWN)
    for page, own in OWN.items():
        assert set(own) <= state.known_params(page), page


def test_the_lists_hold_every_name_the_parsers_read_and_the_pages_write():
    facts = sv.facts_from_data("fyp14")
    asked = Recording()
    state.parse_scenario_params(asked, facts)
    assert asked.asked - {"lang"} <= set(state.PAGE_PARAMS["scenario"])
    full = state.ScenarioParams(g=(5.0, 6.0, 7.0, 8.0, 9.0), p=(1.0,) * 5, p_each=True, from_year=2022, ind=12.0,
                                rest=7.0, tab="joint", horizon=2035)
    assert set(sv.url_params(full)) <= state.known_params("scenario")
    asked = Recording()
    xv.parse_filters(asked)
    xv.parse_id(asked, [])
    assert asked.asked <= state.known_params("explorer")
    assert set(xv.to_params(xv.Filters(kind="indicator", q="x"), "id1")) <= state.known_params("explorer")
    asked = Recording()
    scv.parse_params(asked)
    assert asked.asked <= state.known_params("screen")


def test_unknown_params_are_listed_with_a_notice_and_a_count_beyond_five():
    query = {"lang": "en", "g": "8", **{f"x{i}": str(i) for i in range(8)}}
    names, notices = state.unknown_params(query, "scenario")
    assert names == [f"x{i}" for i in range(8)]
    assert [(n.param, n.raw, n.kind) for n in notices[:5]] == [(f"x{i}", str(i), "unknown") for i in range(5)]
    assert notices[5].message_key == state.MORE_UNKNOWN and notices[5].value == "3"
    assert state.notice_message(notices[5], "zh") == "另有 3 个本页不使用的参数已忽略并移除"
    assert state.unknown_params({"sector": "x", "lang": "zh", "plan": "fyp14"}, "industries") == ([], [])
    assert state.unknown_params(None, "overview") == ([], [])


def _run(page: str, params: dict):
    at = app_test(f"pages/{page}.py", params)
    at.run()
    assert not at.exception, at.exception
    return at


def _notices(at) -> list[str]:
    return [str(e.value) for e in (*at.caption, *at.text) if str(e.value).startswith("⚠")]


@pytest.mark.parametrize("page", list(OWN))
def test_an_unknown_parameter_gets_a_notice_and_leaves_the_address(page):
    """indicator= on the explorer (issue 14.8) and on every other page: named in the notice, removed from the
    address; the page's own parameters, lang and plan stay."""
    at = _run(page, {"lang": "en", "plan": "fyp14", **OWN[page], "indicator": "gdp2025"})
    notices = _notices(at)
    assert any("Ignored parameter indicator, which this page does not use" in n and "“gdp2025”" in n
               for n in notices), notices
    assert "indicator" not in at.query_params
    kept = {key: at.query_params[key] for key in ("lang", "plan", *OWN[page])}
    assert kept == {"lang": "en", "plan": "fyp14", **OWN[page]}


@pytest.mark.parametrize(("page", "foreign"), [("explorer", "sector"), ("industries", "g"), ("scenario", "q")])
def test_another_pages_parameter_is_unknown_here_and_named_in_words(page, foreign):
    at = _run(page, {"lang": "zh", foreign: "1"})
    words = state.param_words(foreign, "zh")
    assert words != foreign
    assert any(f"已忽略本页不使用的参数 {words}" in n for n in _notices(at)), _notices(at)
    assert foreign not in at.query_params


def test_an_unknown_name_from_the_url_stays_plain_text():
    at = _run("overview", {"[x](http://evil.example)": "**y**"})
    notices = [c for c in at.caption if "⚠" in str(c.value)]
    assert len(notices) == 1
    body = str(notices[0].value)
    # fmt.md_escape, the one escaper: brackets escaped (no link), the bare URL broken (no autolink), no bold.
    assert "\\[x\\](http\u200b\\://evil.example)" in body and "\\*\\*y\\*\\*" in body
    assert list(at.query_params) == ["lang"]
    assert "总览" in texts(at)
