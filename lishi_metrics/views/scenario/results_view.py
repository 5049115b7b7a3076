"""One scenario's results, as the page shows them (Results)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from lishi_metrics.views import state
from lishi_metrics.views.scenario.chart_frames import chart_frame, chart_labels, fan_caption, fan_frame
from lishi_metrics.views.scenario.facts import PlanFacts
from lishi_metrics.views.scenario.formatting import chart_target
from lishi_metrics.views.scenario.frame import Scenario, build_scenario
from lishi_metrics.views.scenario.metrics import (
    Card,
    Outcome,
    cumulative_card,
    doubling_text,
    from_years,
    headline_cards,
    horizon_card,
    outcome,
)
from lishi_metrics.views.scenario.tables import year_columns


@dataclass(frozen=True)
class Results:
    """Everything the page's answer shows for one plan, parameter set and language, built once.

    Every viewer who sets the same parameters (a preset, a shared link, a room following the presenter) gets
    the same object from ui.scenario_results, which caches it: a slider move then costs drawing, not
    simulating, formatting and building the chart again (issue 11). Never changed after it is built.
    """

    sc: Scenario
    out: Outcome
    prob: float | None
    cards: tuple[Card, ...]
    labels: Mapping[str, str]
    chart: dict  # Vega-Lite spec of the path chart (with the Monte Carlo fan when sigma > 0)
    fan_caption: str
    from_years: tuple[int, ...]
    cumulative: Card
    horizon: Card | None
    doubling: str
    table: object  # the year table as a pyarrow.Table (st.dataframe sends Arrow; converted once)


def results(facts: PlanFacts, params: state.ScenarioParams, quantiles: pd.DataFrame | None, prob: float | None,
            lang: str, sc: Scenario | None = None) -> Results:
    """The page's answer for `params` from the scenario and its Monte Carlo summary (quantiles, prob); `sc` is
    build_scenario(facts, params) when the caller has it already (it needed it for the Monte Carlo inputs)."""
    import pyarrow as pa

    from lishi_metrics.charts import builders as charts

    sc = sc if sc is not None else build_scenario(facts, params)
    out = outcome(sc)
    labels = chart_labels(sc, out, lang)
    fan = fan_frame(quantiles, params.sigma, lang)
    chart = charts.gdp_scenario_spec(chart_frame(sc, labels, lang=lang), chart_target(facts, lang),
                                     facts.target_year, labels, fan=fan)
    return Results(
        sc=sc, out=out, prob=prob, cards=tuple(headline_cards(sc, out, prob, lang)), labels=labels, chart=chart,
        fan_caption=fan_caption(params, fan is not None, lang), from_years=tuple(from_years(sc)),
        cumulative=cumulative_card(sc, out, lang), horizon=horizon_card(sc, lang),
        doubling=doubling_text(sc, out, lang),
        table=pa.table({name: pa.array(texts, pa.string()) for name, texts in year_columns(sc, lang).items()}),
    )
