"""Tests for charts.scenario_spec.gdp_scenario_spec (pages call it as charts.gdp_scenario_spec): the same chart as
gdp_scenario_chart, built once per structure."""

from __future__ import annotations

import json

import altair as alt
import pandas as pd
import pyarrow as pa
import pytest

from lishi_metrics.charts import builders as charts
from lishi_metrics.charts import scenario_spec

LABELS = {"plan": "规划路径", "actual": "实际", "title": "T", "value": "亿元", "year": "年份",
          "band_outer": "90%", "band_inner": "50%", "target_text": "2025年目标 255 亿元"}


def frame(rate: float, actual: bool = False) -> pd.DataFrame:
    years = list(range(2020, 2026))
    parts = [
        pd.DataFrame({"year": years, "value": [154.7 * (1 + rate) ** k for k in range(6)], "scenario": "本情景"}),
        pd.DataFrame({"year": years, "value": [154.7 * (255 / 154.7) ** (k / 5) for k in range(6)],
                      "scenario": "规划路径"}),
    ]
    if actual:
        parts.append(pd.DataFrame({"year": [2020, 2021], "value": [154.7, 170.0], "scenario": "实际"}))
    return pd.concat(parts, ignore_index=True)


def fan(rate: float) -> pd.DataFrame:
    mid = [154.7 * (1 + rate) ** k for k in range(6)]
    return pd.DataFrame({"year": range(2020, 2026), "p05": [m * 0.95 for m in mid], "p25": [m * 0.98 for m in mid],
                         "p50": mid, "p75": [m * 1.02 for m in mid], "p95": [m * 1.05 for m in mid]})


def resolved(spec: dict) -> dict:
    """The spec with every layer's named dataset replaced by its rows (names differ, content must not)."""
    spec = dict(spec)
    datasets = {k: (v.to_pylist() if isinstance(v, pa.Table) else v) for k, v in spec.pop("datasets").items()}
    spec = json.loads(json.dumps({**spec, "_": datasets}))
    datasets = spec.pop("_")
    for layer in spec["layer"]:
        layer["data"] = datasets[layer["data"]["name"]]
    return spec


@pytest.fixture(autouse=True)
def _empty_cache():
    scenario_spec._SPEC_TEMPLATES.clear()
    yield
    scenario_spec._SPEC_TEMPLATES.clear()


@pytest.mark.parametrize("with_fan", [False, True])
@pytest.mark.parametrize("actual", [False, True])
def test_spec_equals_the_altair_chart_for_new_data(with_fan, actual):
    charts.gdp_scenario_spec(frame(0.08, actual), 255, 2025, LABELS, fan(0.08) if with_fan else None)  # template
    for rate in (0.05, 0.12):
        labels = {**LABELS, "title": f"rate {rate}"}
        df, bands = frame(rate, actual), fan(rate) if with_fan else None
        spec = charts.gdp_scenario_spec(df, 255, 2025, labels, bands)
        expected = charts.gdp_scenario_chart(df, 255, 2025, labels, bands).to_dict()
        assert resolved(spec) == resolved(expected)
        assert spec["title"]["text"] == f"rate {rate}"


def test_spec_is_valid_vega_lite():
    spec = charts.gdp_scenario_spec(frame(0.08), 255, 2025, LABELS, fan(0.08))
    spec = charts.gdp_scenario_spec(frame(0.07), 255, 2025, LABELS, fan(0.07))
    plain = json.loads(json.dumps({**spec, "datasets": {k: v.to_pylist() if isinstance(v, pa.Table) else v
                                                        for k, v in spec["datasets"].items()}}))
    alt.LayerChart.from_dict(plain)  # validates against the Vega-Lite schema


def test_structure_is_built_once(monkeypatch):
    calls = []
    real = charts.gdp_scenario_chart
    monkeypatch.setattr(charts, "gdp_scenario_chart", lambda *a, **k: calls.append(1) or real(*a, **k))
    for rate in (0.05, 0.06, 0.07):
        charts.gdp_scenario_spec(frame(rate), 255, 2025, LABELS, fan(rate))
    assert len(calls) == 1
    charts.gdp_scenario_spec(frame(0.05), 255, 2025, LABELS, None)  # no fan: another structure
    charts.gdp_scenario_spec(frame(0.05, actual=True), 255, 2025, LABELS, None)  # a new series
    assert len(calls) == 3


@pytest.mark.slow  # the full suite only (scripts/dev.sh check leaves it out)
def test_the_template_cache_is_bounded():
    for i in range(scenario_spec._SPEC_TEMPLATES_MAX + 5):
        charts.gdp_scenario_spec(frame(0.05), 255 + i, 2025, LABELS)
    assert len(scenario_spec._SPEC_TEMPLATES) == scenario_spec._SPEC_TEMPLATES_MAX


def test_an_unknown_layer_falls_back_to_the_full_build(monkeypatch):
    real = charts.gdp_scenario_chart

    def with_extra_layer(*args, **kwargs):
        chart = real(*args, **kwargs)
        chart.padding = chart.autosize = alt.Undefined  # top-level only: dropped to nest the chart
        return alt.layer(chart, alt.Chart(pd.DataFrame({"x": [1]})).mark_bar().encode(x="x:Q"))

    monkeypatch.setattr(charts, "gdp_scenario_chart", with_extra_layer)
    spec = charts.gdp_scenario_spec(frame(0.05), 255, 2025, LABELS)
    assert scenario_spec._SPEC_TEMPLATES == {}
    assert all(isinstance(v, list) for v in spec["datasets"].values())


def test_the_builders_module_serves_the_fast_spec_and_the_theme():
    """Pages call charts.gdp_scenario_spec and read the palette from the builders: the split keeps both."""
    from lishi_metrics.charts import theme

    assert charts.gdp_scenario_spec is scenario_spec.gdp_scenario_spec
    assert charts.PALETTE is theme.PALETTE and charts.palette("dark") is theme.PALETTE_DARK
