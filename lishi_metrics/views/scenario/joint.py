"""Joint GDP and industry-share targets: the growth the two sectors need together, as cards, table and chart frame."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from lishi_metrics.model import scenario
from lishi_metrics.text import fmt
from lishi_metrics.text.i18n import t
from lishi_metrics.views._common import GDP_WORDS
from lishi_metrics.views.scenario.facts import PlanFacts
from lishi_metrics.views.scenario.formatting import (
    _AMOUNT_DECIMALS,
    _amount_cell,
    amount_scale,
    money,
    pct,
    signed_money,
    year_text,
)
from lishi_metrics.views.scenario.metrics import Card


@dataclass(frozen=True)
class JointView:
    frame: pd.DataFrame  # year, industry, other, gdp, industry_share
    gdp_met: bool
    share_met: bool
    requirements: scenario.JointRequirements


def joint_defaults(facts: PlanFacts) -> tuple[float, float]:
    """Industry and rest nominal growth (%) that meet both targets together (≈ 15.85 and 6.5)."""
    req = joint_requirements(facts)
    return req.industry_growth * 100.0, req.other_growth * 100.0


def joint_requirements(facts: PlanFacts) -> scenario.JointRequirements:
    return scenario.joint_requirements(facts.base_gdp, facts.target_gdp, facts.share0, facts.share1, facts.years)


def joint_view(facts: PlanFacts, industry_pct: float, other_pct: float) -> JointView:
    """GDP as industry plus the rest from the base year, each at its own constant nominal growth."""
    n = facts.years
    frame = scenario.joint_industry(
        facts.base_gdp, facts.share0, [industry_pct / 100.0] * n, [other_pct / 100.0] * n, facts.base_year
    )
    gdp_met, share_met = scenario.joint_status(frame, facts.target_gdp, facts.share1, facts.target_year)
    return JointView(frame, gdp_met, share_met, joint_requirements(facts))


def joint_intro(facts: PlanFacts, lang: str) -> str:
    return t("sim_joint_intro", lang, base_year=facts.base_year, target_year=facts.target_year,
             share0=pct(facts.share0, lang, 1), share1=pct(facts.share1, lang, 1))


def joint_equal_note(facts: PlanFacts, lang: str) -> str:
    return t("sim_joint_equal_note", lang, share0=pct(facts.share0, lang, 1))


def joint_requirement_text(facts: PlanFacts, lang: str) -> str:
    req = joint_requirements(facts)
    return t(
        "sim_joint_reveal", lang,
        base_year=facts.base_year, target_year=facts.target_year,
        share0=pct(facts.share0, lang, 1), share1=pct(facts.share1, lang, 1),
        i0=money(req.industry_start, lang), i1=money(req.industry_end, lang), ig=pct(req.industry_growth, lang),
        o0=money(req.other_start, lang), o1=money(req.other_end, lang), og=pct(req.other_growth, lang),
        gg=pct(req.gdp_growth, lang),
    )


def joint_cards(jv: JointView, facts: PlanFacts, lang: str) -> list[Card]:
    last = jv.frame.iloc[-1]
    mark = {True: t("sim_met", lang), False: t("sim_not_met", lang)}
    return [
        Card(
            t("sim_m_gdp", lang, year=facts.target_year, gdp=facts.gdp(lang)), money(float(last["gdp"]), lang),
            delta=f"{signed_money(float(last['gdp']) - facts.target_gdp, lang)} · {mark[jv.gdp_met]}",
        ),
        Card(
            t("sim_joint_share", lang, year=facts.target_year), pct(float(last["industry_share"]), lang, 1),
            delta=f"{fmt.pp_text((float(last['industry_share']) - facts.share1) * 100, lang, 1, ascii_minus=True)} · "
                  f"{mark[jv.share_met]}",
        ),
        Card(
            t("sim_joint_both", lang),
            t("sim_joint_both_yes", lang) if jv.gdp_met and jv.share_met else t("sim_joint_both_no", lang),
        ),
    ]


def joint_table(jv: JointView, lang: str, gdp: str = GDP_WORDS[0]) -> pd.DataFrame:
    """The joint view's year table; `gdp`: the plan's word for its GDP (PlanFacts.gdp)."""
    df = jv.frame
    return pd.DataFrame({
        t("year", lang): [str(int(y)) for y in df["year"]],
        t("sim_joint_col_industry", lang): [_amount_cell(v, lang) for v in df["industry"]],
        t("sim_joint_col_other", lang): [_amount_cell(v, lang) for v in df["other"]],
        t("sim_col_gdp", lang, gdp=gdp): [_amount_cell(v, lang) for v in df["gdp"]],
        t("sim_joint_col_share", lang): [pct(v, lang, 1) for v in df["industry_share"]],
    })


def joint_chart_frame(jv: JointView, lang: str) -> pd.DataFrame:
    """Long frame for charts.grouped_bar_chart: year_text, part (translated), value (亿元 / CNY bn), value_text."""
    df = jv.frame
    scale, decimals = amount_scale(lang), _AMOUNT_DECIMALS["en" if lang == "en" else "zh"]
    parts = []
    for column, key in (("industry", "sim_joint_col_industry_short"), ("other", "sim_joint_col_other_short")):
        parts.append(pd.DataFrame({
            "year_text": [year_text(int(y), lang) for y in df["year"]],
            "part": t(key, lang),
            "value": df[column].to_numpy() * scale,
            "value_text": [fmt.format_number(v * scale, decimals) for v in df[column]],
        }))
    return pd.concat(parts, ignore_index=True)


def joint_chart_labels(lang: str) -> dict[str, str]:
    return {"year_text": t("year", lang), "value": t("sim_axis_gdp", lang), "part": t("sim_joint_part", lang)}
