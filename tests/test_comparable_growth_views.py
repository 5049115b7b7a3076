"""Growth at comparable prices on the pages (issue 22.1): the overview's tiles, the explorer's detail, the big
screen's tiles and the scenario's start line show the realised real growth compounded from the imported growth at
comparable prices beside the current-price (nominal) growth, and without those rates say that real growth cannot
be evaluated from current-price levels: never a nominal rate beside the plan's real one. One helper makes all of
them (views._common.real_growth and RealGrowth.lines), as it makes the reports' GDP row."""

from __future__ import annotations

import os

import pandas as pd
import pytest

from lishi_metrics.actuals import store
from lishi_metrics.data import db as data
from lishi_metrics.views import explorer, overview, screen
from lishi_metrics.views import scenario as sv
from lishi_metrics.views.tiles import markdown

LEVELS = [("fyp14_gdp", 2021, 170.0), ("fyp14_gdp", 2022, 190.0), ("fyp14_gdp", 2023, 205.0)]
RATES = [("fyp14_gdp.comparable_growth", 2021, 7.0), ("fyp14_gdp.comparable_growth", 2022, 6.0),
         ("fyp14_gdp.comparable_growth", 2023, 5.0)]
# 7, 6, 5 → (1.07 × 1.06 × 1.05)^(1/3) − 1 = 5.997 % a year; 154.7 → 205 in three years: 9.83 % a year nominal.
REAL = {"zh": ("实际年均增长", "+6.0%（可比价，2021—2023年）"), "en": ("Real growth a year", "+6.0% (comparable prices, 2021–2023)")}
NOMINAL = {"zh": ("现价年均增长", "+9.8%（现价/名义）"), "en": ("Current-price growth a year", "+9.8% (current prices, nominal)")}
MISSING = {"zh": ("实际年均增长", "无法评价：仅有现价总量，缺少按可比价格计算的增速"),
           "en": ("Real growth a year", "Not evaluable: current-price levels alone, no growth at comparable prices")}


def _import(*cells: tuple[str, int, float]) -> None:
    frame = pd.DataFrame(cells, columns=["indicator_id", "year", "value"])
    store.commit_import(os.environ["LISHI_STORE_DIR"], frame, by="测试员", file_name="a.csv", sha256="ab" * 32)
    data.reset()


def _overview_gdp(lang: str):
    page = overview.build_page(lang, "fyp14")
    return next(tile for tile in page.tiles if tile.key == "fyp14_gdp")


def _wall_gdp(lang: str):
    panel, _ = screen.panel_model(1, lang, "2026-12-06", "fyp14")
    return next(tile for tile in panel.tiles if tile.key == "fyp14_gdp")


def _explorer_gdp(lang: str):
    _, rows, _ = explorer.catalog_from_data()
    return explorer.detail(rows, "fyp14_gdp", lang, actuals=data.imported_actuals())


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_with_comparable_rates_every_page_shows_real_growth_beside_the_nominal(lang):
    _import(*LEVELS, *RATES)
    tile = _overview_gdp(lang)
    assert REAL[lang] in tile.lines and NOMINAL[lang] in tile.lines
    stated = ("规划年均增长", "9.8%（可比价）") if lang == "zh" else ("Stated growth per year", "9.8% (comparable prices)")
    assert stated in tile.lines  # the plan's rate is marked real too: like for like
    wall = _wall_gdp(lang)
    short = (("年均增长", "可比价 +6.0% · 现价/名义 +9.8%") if lang == "zh" else
             ("Growth a year", "+6.0% real · +9.8% nominal"))
    assert short in wall.lines
    assert short[1] in markdown(wall, lang).replace("\\", "")
    detail = _explorer_gdp(lang)
    assert REAL[lang] in detail.metrics and NOMINAL[lang] in detail.metrics and stated[1] in dict(detail.metrics).values()
    start = sv.start_text(sv.facts_from_data("fyp14"), lang)
    colon = "：" if lang == "zh" else ": "
    assert f"{REAL[lang][0]}{colon}{REAL[lang][1]}" in start and f"{NOMINAL[lang][0]}{colon}{NOMINAL[lang][1]}" in start


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_without_comparable_rates_every_page_says_real_growth_cannot_be_evaluated(lang):
    _import(*LEVELS)
    for lines in (_overview_gdp(lang).lines, _explorer_gdp(lang).metrics):
        assert MISSING[lang] in lines and NOMINAL[lang] in lines
        # No unlabelled growth figure: the only realised rate shown is the one marked nominal.
        assert not any(value.startswith("+6.0%") for _, value in lines if isinstance(_, str))
    wall = _wall_gdp(lang)
    short = (("年均增长", "可比价 无法评价 · 现价/名义 +9.8%") if lang == "zh" else
             ("Growth a year", "real not evaluable · +9.8% nominal"))
    assert short in wall.lines
    start = sv.start_text(sv.facts_from_data("fyp14"), lang)
    assert MISSING[lang][1] in start and NOMINAL[lang][1] in start


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_gap_in_the_rates_names_the_missing_year(lang):
    _import(*LEVELS, RATES[0], RATES[2])
    gap = ("实际年均增长", "无法评价：缺少2022年按可比价格计算的增速") if lang == "zh" else (
        "Real growth a year", "Not evaluable: no growth at comparable prices for 2022")
    assert gap in _overview_gdp(lang).lines and gap in _explorer_gdp(lang).metrics


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_before_any_import_no_realised_growth_is_shown(lang):
    data.reset()
    assert not any(label in (REAL[lang][0], NOMINAL[lang][0]) for label, _ in _overview_gdp(lang).lines)
    assert not any(label in (REAL[lang][0], NOMINAL[lang][0]) for label, _ in _explorer_gdp(lang).metrics)
    assert sv.realised_text(sv.facts_from_data("fyp14"), lang) == ""
    # A row whose growth is not a real rate of a current-price level gets no such line (urbanisation: a share).
    _import(("fyp14_urbanization_rate", 2023, 74.0))
    page = overview.build_page(lang, "fyp14")
    urban = next(tile for tile in page.tiles if tile.key == "fyp14_urbanization_rate")
    assert not any(isinstance(line, tuple) and line[0] in (REAL[lang][0], NOMINAL[lang][0]) for line in urban.lines)
