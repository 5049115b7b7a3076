"""One requirement, one text (issue 25.4): a target's yearly requirement reads the same on the overview (tile and
category table), the explorer (detail), the sector pages (indicator table) and the wall (tile), because each
calls views._common.row_needed_text. Counts of things are whole: a count that has to change by units (0 → 1
laboratory) reads as its whole change over the plan's years, never "+0.2 个 a year"."""

from __future__ import annotations

import pytest

from lishi_metrics.data import db as data
from lishi_metrics.model import progress
from lishi_metrics.text.i18n import t
from lishi_metrics.views import _common
from lishi_metrics.views import explorer as ev
from lishi_metrics.views import industries as iv
from lishi_metrics.views import overview as ov
from lishi_metrics.views import screen as sv

LABS = "fyp14_key_labs_centres"  # 0 → 1 (2020 → 2025), 个, "laboratories or centres"
URBAN = "fyp14_urbanization_rate"  # 73.47 → 75 %: +0.31 个百分点 a year


def renderings(indicator_id: str, lang: str) -> dict[str, str]:
    """The requirement of one indicator as each surface prints it."""
    t14 = data.indicator_table("fyp14")
    prog = progress.progress_table(t14)
    name = t14.loc[t14["indicator_id"] == indicator_id, "name_zh" if lang == "zh" else "name_en"].iloc[0]
    out = {}
    for group in ov.progress_grid(prog, lang):
        table = group.table
        hit = table[table.astype(str).apply(lambda col: col.str.contains(name, regex=False)).any(axis=1)]
        if len(hit):
            out["overview table"] = hit[t("ov_col_needed", lang)].iloc[0]
    row = next(prog[prog["indicator_id"] == indicator_id].itertuples())
    out["overview tile"] = dict(ov.tile(row, lang).lines)[t("ov_needed", lang)]
    rows = ev.catalog_rows({"fyp14": t14}, None)
    detail = ev.indicator_detail(next(rows[rows["id"] == indicator_id].itertuples()), lang)
    out["explorer detail"] = dict(detail.metrics)[t("ex_needed", lang)]
    shown = iv.indicator_display(iv.indicator_rows(t14, (indicator_id,)), lang)
    out["sector table"] = shown[t("needed_per_year", lang)].iloc[0]
    (wall,) = sv.indicator_tiles(t14, (indicator_id,), lang)
    out["wall tile"] = wall.status_text
    return out


@pytest.mark.parametrize(("indicator_id", "lang", "expected"), [
    (LABS, "zh", "5年共 +1 个"),
    (LABS, "en", "+1 laboratory or centre over 5 years"),
    (URBAN, "zh", "+0.31 个百分点"),
    (URBAN, "en", "+0.31 pp"),
])
def test_one_requirement_reads_alike_on_every_surface(indicator_id, lang, expected):
    found = renderings(indicator_id, lang)
    assert set(found) >= {"overview tile", "explorer detail", "sector table", "wall tile"}, found
    for where, text in found.items():
        assert expected in text, (where, text, found)
    assert not any("0.2" in text for text in found.values()), found


@pytest.mark.parametrize(("per_year", "years", "lang", "short", "expected"), [
    (0.2, 5, "zh", False, "5年共 +1 个"),
    (0.2, 5, "zh", True, "5年共 +1 个"),  # the period is part of the figure, in a "per year" column too
    (0.2, 5, "en", True, "+1 laboratory over 5 years"),
    (0.6, 5, "en", False, "+3 laboratories over 5 years"),
    (-0.4, 5, "zh", False, "5年共 \u22122 个"),
    (0.2, 1, "zh", False, "年均 +0.2 个"),  # one year: the yearly change is the whole change
])
def test_a_count_reads_as_its_whole_change_over_the_plan(per_year, years, lang, short, expected):
    assert _common.needed_text("abs", per_year, "个", lang, short=short, value_type="count", years=years,
                               unit_en="laboratories") == expected


def test_a_level_keeps_its_yearly_pace():
    assert _common.needed_text("abs", 0.2, "亿元", "zh", value_type="level", years=5) == "年均 +0.2 亿元"
