"""The year-to-date arithmetic (model.periods): needed growth, time progress, statuses, period labels."""

from __future__ import annotations

import pandas as pd
import pytest

from lishi_metrics.model import periods as pm
from lishi_metrics.model import status

GDP_2025 = {"2025-Q1": 40.0, "2025-Q2": 90.0, "2025-Q3": 145.0, "2025-Q4": 210.0}
GDP_2026 = {"2026-Q1": (42.4, 6.0), "2026-Q2": (94.5, 5.0), "2026-Q3": (152.25, 5.0)}


@pytest.mark.parametrize(
    ("target", "ytd", "ytd_last", "year_last", "expected"),
    [
        (6.0, 5.0, 145.0, 210.0, 8.2),   # GDP: Q4 needs +8.2 % (535 / 65 = 8.23)
        (6.0, 5.0, 80.0, 100.0, 10.0),   # retail sales: Nov–Dec need +10.0 %
        (6.0, 6.0, 40.0, 210.0, 6.0),    # on the target so far: the rest needs the target
        (6.0, 9.0, 90.0, 210.0, 3.75),   # ahead: the rest needs less
        (-2.0, -5.0, 80.0, 100.0, 10.0),  # a falling target is weighed alike
    ],
)
def test_needed_rest_growth_by_hand(target, ytd, ytd_last, year_last, expected):
    got = pm.needed_rest_growth(target, ytd, ytd_last, year_last)
    assert got.reason is None
    assert got.growth == pytest.approx(expected, abs=0.05)


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        ((6.0, 5.0, None, 210.0), pm.NO_WEIGHTS),
        ((6.0, 5.0, 145.0, None), pm.NO_WEIGHTS),
        ((6.0, 5.0, 145.0, 0.0), pm.NO_WEIGHTS),
        ((None, 5.0, 145.0, 210.0), pm.NO_TARGET),
        ((6.0, None, 145.0, 210.0), pm.NO_YTD),
        ((6.0, 5.0, 210.0, 210.0), pm.YEAR_COMPLETE),
        # already reached: 95 of last year's 100 grew 20 %, 114 > the 106 the year needs; the rest could be zero
        ((6.0, 20.0, 95.0, 100.0), pm.REACHED),
    ],
)
def test_needed_rest_growth_is_empty_with_its_reason(args, reason):
    got = pm.needed_rest_growth(*args)
    assert got.growth is None and got.reason == reason


def test_needed_growth_for_a_level_target():
    # target 120 this year; 100 so far against 80 of last year's 100: the last 20 must become 20 → +0 %
    assert pm.needed_rest_growth_for_level(120.0, 100.0, 80.0, 100.0).growth == pytest.approx(0.0)
    assert pm.needed_rest_growth_for_level(130.0, 100.0, 80.0, 100.0).growth == pytest.approx(50.0)
    assert pm.needed_rest_growth_for_level(90.0, 100.0, 80.0, 100.0).reason == pm.REACHED
    assert pm.needed_rest_growth_for_level(130.0, 100.0, None, 100.0).reason == pm.NO_WEIGHTS


@pytest.mark.parametrize(
    ("value", "target", "expected"),
    [(50.0, 200.0, 0.25), (150.0, 200.0, 0.75), (210.0, 200.0, 1.05), (None, 200.0, None), (50.0, None, None),
     (50.0, 0.0, None)],
)
def test_time_progress_of_a_level_target(value, target, expected):
    got = pm.time_progress(value, target)
    assert got == (pytest.approx(expected) if expected is not None else None)


@pytest.mark.parametrize(
    ("label", "year", "freq", "n", "elapsed", "final"),
    [("2026-Q3", 2026, "quarter", 3, 0.75, False), ("2026-10", 2026, "month", 10, 10 / 12, False),
     ("2026-12", 2026, "month", 12, 1.0, True), ("2025-Q4", 2025, "quarter", 4, 1.0, True),
     (" 2026-q1 ", 2026, "quarter", 1, 0.25, False)],
)
def test_parse_period(label, year, freq, n, elapsed, final):
    p = pm.parse_period(label)
    assert (p.year, p.frequency, p.n, p.final) == (year, freq, n, final)
    assert p.elapsed == pytest.approx(elapsed)


@pytest.mark.parametrize("bad", ["2026-13", "2026-00", "2026-Q5", "2026", "26-03", "", None, 2026, "2026/03"])
def test_parse_period_rejects(bad):
    with pytest.raises(pm.PeriodError):
        pm.parse_period(bad)


def _frames():
    indicators = pd.DataFrame([
        {"periodic_id": "gdp", "frequency": "quarter", "direction": "up"},
        {"periodic_id": "retail", "frequency": "month", "direction": "up"},
        {"periodic_id": "fai", "frequency": "month", "direction": "up"},
    ])
    targets = pd.DataFrame([
        {"indicator_id": "gdp", "year": 2026, "target_growth": 6.0, "target_value": None},
        {"indicator_id": "retail", "year": 2026, "target_growth": 6.0, "target_value": None},
        {"indicator_id": "fai", "year": 2026, "target_growth": 8.0, "target_value": None},
    ])
    rows = [{"indicator_id": "gdp", "period": k, "value": v, "growth": None} for k, v in GDP_2025.items()]
    rows += [{"indicator_id": "gdp", "period": k, "value": v, "growth": g} for k, (v, g) in GDP_2026.items()]
    rows += [{"indicator_id": "retail", "period": "2025-10", "value": 80.0, "growth": None},
             {"indicator_id": "retail", "period": "2025-12", "value": 100.0, "growth": None},
             {"indicator_id": "retail", "period": "2026-10", "value": 84.0, "growth": 5.0},
             {"indicator_id": "fai", "period": "2026-10", "value": None, "growth": 7.5}]
    return indicators, targets, pd.DataFrame(rows)


def test_status_table_answers_both_questions():
    t = pm.status_table(*_frames(), 2026).set_index("indicator_id")
    assert t.loc["gdp", "period"] == "2026-Q3"
    assert round(t.loc["gdp", "needed_rest_growth"], 1) == 8.2
    assert t.loc["gdp", "gap_pp"] == pytest.approx(-1.0)
    assert t.loc["gdp", "time_elapsed"] == pytest.approx(0.75)
    assert t.loc["gdp", "status"] == status.BEHIND  # 5.0 against 6.0: more than the 0.6-point band
    assert round(t.loc["retail", "needed_rest_growth"], 1) == 10.0
    # growth published, no levels: the gap is there, the needed growth is empty with the reason
    assert t.loc["fai", "needed_rest_growth"] is None or pd.isna(t.loc["fai", "needed_rest_growth"])
    assert t.loc["fai", "needed_reason"] == pm.NO_WEIGHTS
    assert t.loc["fai", "status"] == status.ON_TRACK  # 7.5 against 8.0: within 0.8


def test_status_table_as_of_an_earlier_period():
    t = pm.status_table(*_frames(), 2026, as_of=pm.parse_period("2026-Q2")).set_index("indicator_id")
    assert t.loc["gdp", "period"] == "2026-Q2"
    # (6·210 − 5·90) / 120 = 6.75
    assert t.loc["gdp", "needed_rest_growth"] == pytest.approx(6.75)
    assert t.loc["retail", "status"] == status.PENDING  # nothing by June for the monthly rows


def test_status_in_the_closing_period_is_final():
    p = pm.parse_period("2026-Q4")
    assert pm.period_status(p, "up", ytd_growth=6.1, target_growth=6.0) == status.EXCEEDED
    assert pm.period_status(p, "up", ytd_growth=5.9, target_growth=6.0) == status.MISSED  # no longer reachable
    assert pm.period_status(p, "up", ytd_value=100.0, target_value=100.0) == status.MET


def test_status_along_the_way():
    p = pm.parse_period("2026-06")
    reached = pm.Needed(None, pm.REACHED)
    assert pm.period_status(p, "up", ytd_growth=20.0, target_growth=6.0, needed=reached) == status.ACHIEVED_EARLY
    assert pm.period_status(p, "up", ytd_growth=7.0, target_growth=6.0) == status.AHEAD
    assert pm.period_status(p, "up", ytd_value=52.0, target_value=100.0) == status.ON_TRACK  # 时间过半、任务过半
    assert pm.period_status(p, "up", ytd_value=40.0, target_value=100.0) == status.BEHIND
    assert pm.period_status(p, "up", ytd_value=101.0, target_value=100.0) == status.ACHIEVED_EARLY
    assert pm.period_status(p, "up") == status.NO_TARGET
    assert pm.period_status(p, "up", target_growth=6.0) == status.PENDING


def test_growth_series_this_year_and_last():
    _, _, periods = _frames()
    periods.loc[periods["period"] == "2025-Q3", "growth"] = 4.0
    s = pm.growth_series(periods, "gdp", 2026, "quarter")
    assert s["period"].tolist() == ["2025-Q3", "2026-Q1", "2026-Q2", "2026-Q3"]
    assert s["growth"].tolist() == [4.0, 6.0, 5.0, 5.0]
