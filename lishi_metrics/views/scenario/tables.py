"""The scenario's display tables, the assumptions frame and its CSV/XLSX exports."""

from __future__ import annotations

import pandas as pd

from lishi_metrics.data import export
from lishi_metrics.text import fmt
from lishi_metrics.text.i18n import t
from lishi_metrics.views.scenario.controls import query_string
from lishi_metrics.views.scenario.formatting import _amount_cell, amount_scale, pct, span_text
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
        t("sim_col_gdp", lang, gdp=sc.facts.gdp(lang)): [_amount_cell(v, lang) for v in col["gdp"]],
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
        t("sim_xcol_gdp", lang, gdp=sc.facts.gdp(lang)): (df["gdp"] * amount_scale(lang)).round(5),
        t("sim_xcol_plan", lang): (df["plan_path"] * amount_scale(lang)).round(5),
        t("sim_xcol_gap", lang): (df["gap"] * amount_scale(lang)).round(5),
    })


_PCT_FORMAT = "0.00"
# Amounts as the page shows them: 亿元 with one decimal in Chinese, CNY bn with two in English (1 亿元 = CNY 0.1 bn);
# the whole file keeps that one scale.
_AMOUNT_FORMAT = {"zh": "0.0", "en": "0.00"}


def _amount_unit(lang: str) -> str:
    return t("sim_x_unit_amount", lang)


def assumptions_frame(sc: Scenario, prob: float | None, lang: str) -> pd.DataFrame:
    """The scenario's assumptions and headline results, one per row: parameter, value (a number wherever it is
    one, amounts in the file's one scale: 亿元 / CNY bn), unit."""
    f, p = sc.facts, sc.params
    out = outcome(sc)
    k = f.first_sim_index
    scale = amount_scale(lang)
    amount, percent, points = _amount_unit(lang), "%", t("sim_x_unit_pp", lang)
    price_note = t("sim_x_price_implied", lang) if sc.price_implied else t("sim_x_price_custom", lang)
    rows: list[tuple[str, object, str]] = [
        (t("sim_x_start_year", lang, year=f.start_year), f.start_gdp * scale, amount),
        (t("sim_x_target_year", lang, year=f.target_year), f.target_gdp * scale, amount),
    ]
    rows += [(t("sim_x_real_year", lang, year=y), round(v * 100.0, 9), percent) for y, v in zip(f.plan_years[k:], sc.real[k:])]
    rows += [(t("sim_x_price_year", lang, year=y, note=price_note), round(v * 100.0, 9), percent)
             for y, v in zip(f.plan_years[k:], sc.price[k:])]
    rows += [
        (t("sim_x_horizon", lang), p.horizon, ""),
        (t("sim_x_lr", lang), p.lr if p.horizon > f.target_year else t("not_applicable", lang),
         percent if p.horizon > f.target_year else ""),
        (t("sim_x_sigma", lang), p.sigma, points),
        (t("sim_x_n", lang), p.n, ""),
        (t("sim_x_seed", lang), p.seed, ""),
        (t("sim_m_gdp", lang, year=f.target_year, gdp=f.gdp(lang)), out.gdp * scale, amount),
        (t("sim_x_gap", lang), out.gap * scale, amount),
        (t("sim_x_gap_pct", lang), out.gap_fraction * 100.0, percent),
        (t("sim_m_prob", lang, year=f.target_year), prob * 100.0 if prob is not None else fmt.no_data(lang),
         percent if prob is not None else ""),
        (t("sim_x_link", lang), "/scenario?" + query_string(p, f.plan_id), ""),
    ]
    return pd.DataFrame(rows, columns=[t("sim_x_param", lang), t("value", lang), t("unit", lang)])


def _assumption_formats(frame: pd.DataFrame, lang: str) -> list[str | None]:
    """Each row's number format: amounts as the page shows them, percentages with two decimals, counts whole."""
    amount = _amount_unit(lang)
    out: list[str | None] = []
    for value, unit in zip(frame.iloc[:, 1], frame.iloc[:, 2], strict=True):
        if isinstance(value, str):
            out.append(None)
        elif unit == amount:
            out.append(_AMOUNT_FORMAT["en" if lang == "en" else "zh"])
        elif unit in ("%", t("sim_x_unit_pp", lang)):
            out.append(_PCT_FORMAT)
        else:
            out.append("0")
    return out


def export_title(sc: Scenario, lang: str) -> str:
    years = sc.frame["year"]
    return t("sim_x_title", lang, span=span_text(int(years.iloc[0]), int(years.iloc[-1]), lang),
             gdp=sc.facts.gdp(lang), region=sc.facts.region(lang)).rstrip(": ")


def export_csv(sc: Scenario, prob: float | None, lang: str) -> bytes:
    """The yearly table, starting with its header row (pd.read_csv and Excel read it as it is): numbers in percent
    and in the file's one amount scale (亿元 / CNY bn) named in the headers. The title, the source, the link and
    the assumptions are in the workbook."""
    return export.csv_bytes(export_table(sc, lang))


def export_xlsx(sc: Scenario, prob: float | None, lang: str) -> bytes:
    """A workbook: the yearly table, the assumptions, and the 'about' sheet, all in `lang`."""
    notes = {t("sim_x_note_label", lang): t("sim_x_note", lang), t("sim_x_link", lang): "/scenario?" + query_string(sc.params, sc.facts.plan_id)}
    sheets = {t("sim_x_sheet_years", lang): export_table(sc, lang),
              t("sim_x_sheet_assumptions", lang): assumptions_frame(sc, prob, lang)}
    amount = _AMOUNT_FORMAT["en" if lang == "en" else "zh"]
    formats: dict[str, dict[str, object]] = {
        t("sim_x_sheet_years", lang): {
            **{t(k, lang): _PCT_FORMAT for k in ("sim_xcol_real", "sim_xcol_price", "sim_xcol_nominal")},
            **{t(k, lang, gdp=sc.facts.gdp(lang)): amount for k in ("sim_xcol_gdp", "sim_xcol_plan", "sim_xcol_gap")},
            t("year", lang): "0",
        },
        t("sim_x_sheet_assumptions", lang): {t("value", lang): _assumption_formats(sheets[
            t("sim_x_sheet_assumptions", lang)], lang)},
    }
    return export.xlsx_bytes(sheets, notes, lang, export_title(sc, lang), formats=formats)
