"""The scenario's display tables, the assumptions frame and its CSV/XLSX exports."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from lishi_metrics.data import export
from lishi_metrics.text import fmt
from lishi_metrics.text.i18n import t
from lishi_metrics.views.scenario.controls import query_string
from lishi_metrics.views.scenario.formatting import _amount_cell, amount_scale, money, pct, signed_money, span_text
from lishi_metrics.views.scenario.frame import Scenario
from lishi_metrics.views.scenario.metrics import outcome


def _kind_label(kind: str, lang: str) -> str:
    return t(f"sim_kind_{kind}", lang)


def _rate_cell(value: float, lang: str) -> str:
    return pct(value, lang, 2) if fmt.to_float(value) is not None else fmt.no_data(lang)


def year_columns(sc: Scenario, lang: str) -> dict[str, list[str]]:
    """The year table's columns (header → display texts): real growth, price change, nominal growth, GDP,
    plan path, gap. The page shows them as Arrow (views.scenario.Results), without a pandas frame between."""
    df = sc.frame
    col = {name: df[name].tolist() for name in
           ("year", "kind", "real_growth", "price_change", "nominal_growth", "gdp", "plan_path", "gap")}
    return {
        t("year", lang): [str(int(y)) for y in col["year"]],
        t("sim_col_kind", lang): [_kind_label(k, lang) for k in col["kind"]],
        t("sim_col_real", lang): [_rate_cell(v, lang) for v in col["real_growth"]],
        t("sim_col_price", lang): [_rate_cell(v, lang) for v in col["price_change"]],
        t("sim_col_nominal", lang): [_rate_cell(v, lang) for v in col["nominal_growth"]],
        t("sim_col_gdp", lang): [_amount_cell(v, lang) for v in col["gdp"]],
        t("sim_col_plan", lang): [_amount_cell(v, lang) for v in col["plan_path"]],
        t("sim_col_gap", lang): [_amount_cell(v, lang, signed=True) for v in col["gap"]],
    }


def year_table(sc: Scenario, lang: str) -> pd.DataFrame:
    """Year-by-year display table (year_columns) as a frame."""
    return pd.DataFrame(year_columns(sc, lang))


def export_table(sc: Scenario, lang: str) -> pd.DataFrame:
    """The yearly frame for download: numbers (percent and 亿元), localised headers."""
    df = sc.frame
    return pd.DataFrame({
        t("year", lang): df["year"].astype(int),
        t("sim_col_kind", lang): [_kind_label(k, lang) for k in df["kind"]],
        t("sim_xcol_real", lang): (df["real_growth"] * 100.0).round(4),
        t("sim_xcol_price", lang): (df["price_change"] * 100.0).round(4),
        t("sim_xcol_nominal", lang): (df["nominal_growth"] * 100.0).round(4),
        t("sim_xcol_gdp", lang): (df["gdp"] * amount_scale(lang)).round(5),
        t("sim_xcol_plan", lang): (df["plan_path"] * amount_scale(lang)).round(5),
        t("sim_xcol_gap", lang): (df["gap"] * amount_scale(lang)).round(5),
    })


def assumptions_frame(sc: Scenario, prob: float | None, lang: str) -> pd.DataFrame:
    """The scenario's assumptions and headline results, one per row (parameter, value)."""
    f, p = sc.facts, sc.params
    out = outcome(sc)
    years = f.plan_years
    k = f.first_sim_index

    def rates(values: Sequence[float]) -> str:
        return ", ".join(f"{y}: {pct(v, lang)}" for y, v in zip(years[k:], values[k:]))

    price_note = t("sim_x_price_implied", lang) if sc.price_implied else t("sim_x_price_custom", lang)
    rows = [
        (t("sim_x_start", lang), f"{f.start_year}: {money(f.start_gdp, lang)}"),
        (t("sim_x_target", lang), f"{f.target_year}: {money(f.target_gdp, lang)}"),
        (t("sim_x_real", lang), rates(sc.real)),
        (t("sim_x_price", lang), f"{rates(sc.price)} ({price_note})"),
        (t("sim_x_horizon", lang), str(p.horizon)),
        (t("sim_x_lr", lang), pct(p.lr / 100.0, lang, 1) if p.horizon > f.target_year else t("not_applicable", lang)),
        (t("sim_x_sigma", lang), fmt.format_number(p.sigma)),
        (t("sim_x_n", lang), str(p.n)),
        (t("sim_x_seed", lang), str(p.seed)),
        (t("sim_m_gdp", lang, year=f.target_year), money(out.gdp, lang)),
        (t("sim_x_gap", lang), f"{signed_money(out.gap, lang, False)} ({pct(out.gap_fraction, lang, 1, sign=True)})"),
        (t("sim_m_prob", lang, year=f.target_year), pct(prob, lang, 1) if prob is not None else fmt.no_data(lang)),
        (t("sim_x_link", lang), "/scenario?" + query_string(p, f.plan_id)),
    ]
    return pd.DataFrame(rows, columns=[t("sim_x_param", lang), t("value", lang)])


def export_title(sc: Scenario, lang: str) -> str:
    years = sc.frame["year"]
    return t("sim_x_title", lang, span=span_text(int(years.iloc[0]), int(years.iloc[-1]), lang))


def export_csv(sc: Scenario, prob: float | None, lang: str) -> bytes:
    """One table per file: the yearly table under a title and a source line (the link in the title carries the
    assumptions; the workbook has them as a sheet)."""
    title = f"{export_title(sc, lang)} · /scenario?{query_string(sc.params, sc.facts.plan_id)}"
    return export.csv_bytes(export_table(sc, lang), title, export.SOURCE_NOTE[export.lang_of(lang)])


def export_xlsx(sc: Scenario, prob: float | None, lang: str) -> bytes:
    """A workbook: the yearly table, the assumptions, and the 'about' sheet, all in `lang`."""
    notes = {t("sim_x_note_label", lang): t("sim_x_note", lang), t("sim_x_link", lang): "/scenario?" + query_string(sc.params, sc.facts.plan_id)}
    sheets = {t("sim_x_sheet_years", lang): export_table(sc, lang),
              t("sim_x_sheet_assumptions", lang): assumptions_frame(sc, prob, lang)}
    return export.xlsx_bytes(sheets, notes, lang, export_title(sc, lang))
