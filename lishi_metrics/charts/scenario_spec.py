"""The scenario simulator's chart as a Vega-Lite dict, fast enough for a slider rerun: the layered Altair chart
is built once per structure (a small cache, guarded by one lock) and later calls only put in new data."""

from __future__ import annotations

import copy
import threading
from collections.abc import Mapping

import pandas as pd

from lishi_metrics.charts.theme import label as _label

_SPEC_TEMPLATES: dict[tuple, tuple[dict, dict[str, str]]] = {}
_SPEC_TEMPLATES_MAX = 32
_SPEC_LOCK = threading.Lock()


def _scenario_parts(df_long: pd.DataFrame, fan: pd.DataFrame | None, labels: Mapping[str, str] | None) -> dict:
    """The tables gdp_scenario_chart draws, by role: 'bands' (fan), 'plan' (dashed) and 'other' (lines).

    Arrow tables built from NumPy columns: a handful of small pandas filters on string columns cost
    more than the whole simulation, and Streamlit ships datasets as Arrow anyway.
    """
    import numpy as np
    import pyarrow as pa

    year = pd.to_numeric(df_long["year"], errors="coerce").to_numpy(dtype=float)
    value = pd.to_numeric(df_long["value"], errors="coerce").to_numpy(dtype=float)
    names = np.array([str(v) for v in df_long["scenario"]], dtype=object)
    keep = ~(np.isnan(year) | np.isnan(value))
    is_plan = names == _label(labels, "plan")

    def table(mask):
        rows = mask & keep
        years = year[rows]
        whole = np.all(years == np.round(years))
        return pa.table({"year": years.astype(np.int64) if whole else years, "value": value[rows],
                         "scenario": pa.array(names[rows].tolist(), pa.string())})

    parts = {"plan": table(is_plan), "other": table(~is_plan)}
    if fan is not None and not fan.empty:
        outer, inner = _label(labels, "band_outer"), _label(labels, "band_inner")
        fan_year = fan["year"].to_numpy()
        n = len(fan_year)
        parts["bands"] = pa.table({
            "year": np.concatenate([fan_year, fan_year]),
            "low": np.concatenate([fan["p05"].to_numpy(dtype=float), fan["p25"].to_numpy(dtype=float)]),
            "high": np.concatenate([fan["p95"].to_numpy(dtype=float), fan["p75"].to_numpy(dtype=float)]),
            "band": pa.array([outer] * n + [inner] * n, pa.string()),
        })
    return parts


def _layer_role(layer: Mapping) -> str | None:
    """Which part a gdp_scenario_chart layer draws: by its mark (None for an unknown layer)."""
    mark = layer.get("mark", {})
    kind = mark.get("type") if isinstance(mark, Mapping) else mark
    if kind == "area":
        return "bands"
    if kind == "line":
        return "plan" if "strokeDash" in mark else "other"
    if kind in ("rule", "point", "text"):
        return "target"
    return None


def gdp_scenario_spec(
    df_long: pd.DataFrame,
    target: float | None,
    target_year: int,
    labels: Mapping[str, str] | None = None,
    fan: pd.DataFrame | None = None,
    theme: str = "light",
    *,
    height: int = 360,
    scale: float = 1.0,
) -> dict:
    """`gdp_scenario_chart` as a Vega-Lite dict for `st.vega_lite_chart`, fast enough for a slider rerun.

    Building and validating the layered Altair chart is most of a rerun's budget (docs/benchmarks.md). Its
    structure depends only on the labels, the series present, the target and whether there is a fan,
    so it is built with Altair once per structure (kept in a small cache) and later calls only put the
    new data in its datasets, as Arrow tables (Streamlit sends datasets as Arrow). Same arguments and
    look as gdp_scenario_chart; a layer it does not recognise makes it fall back to a full build.
    """
    from lishi_metrics.charts.builders import gdp_scenario_chart  # builders re-exports this module

    parts = _scenario_parts(df_long, fan, labels)
    plan = _label(labels, "plan")
    series = tuple(dict.fromkeys(parts["plan"]["scenario"].to_pylist() + parts["other"]["scenario"].to_pylist()))
    label_items = tuple(sorted((k, str(v)) for k, v in (labels or {}).items() if k != "title"))
    key = (series, plan, label_items, "bands" in parts, target, int(target_year), theme, height, scale)
    lock = _SPEC_LOCK
    with lock:
        cached = _SPEC_TEMPLATES.get(key)
    if cached is None:
        chart = gdp_scenario_chart(df_long, target, target_year, labels, fan, theme, height=height, scale=scale)
        spec = chart.to_dict()
        roles: dict[str, str] = {}
        for layer in spec.get("layer", []):
            role, name = _layer_role(layer), layer.get("data", {}).get("name")
            if role is None or name is None or roles.get(name, role) != role:
                return spec  # not the structure this function knows: the full build is right as it is
            roles[name] = role
        cached = (spec, roles)
        with lock:
            if len(_SPEC_TEMPLATES) >= _SPEC_TEMPLATES_MAX:
                _SPEC_TEMPLATES.pop(next(iter(_SPEC_TEMPLATES)))
            _SPEC_TEMPLATES[key] = cached
    template, roles = cached
    spec = {k: v for k, v in template.items() if k not in ("datasets", "title")}
    spec["title"] = copy.deepcopy(template.get("title"))
    if isinstance(spec["title"], dict):
        from lishi_metrics.charts.builders import title_lines

        spec["title"]["text"] = title_lines(_label(labels, "title"))
    spec["datasets"] = {
        name: (template["datasets"][name] if role == "target" else parts[role])
        for name, role in roles.items()
    }
    return spec
