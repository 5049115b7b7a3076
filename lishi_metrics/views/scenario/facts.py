"""Plan facts from the data: what the scenario reads from a plan's tables (PlanFacts), found by role."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import pandas as pd

from lishi_metrics.model import scenario
from lishi_metrics.model.growth import cagr
from lishi_metrics.text import fmt
from lishi_metrics.views._common import GDP_WORDS, RealGrowth, gdp_words, real_growth
from lishi_metrics.views.scenario.constants import ScenarioDataError


@dataclass(frozen=True)
class PlanFacts:
    """The plan's numbers the scenario builds on (values 亿元, rates and shares as fractions).

    actuals: imported yearly GDP actuals after the base year, sorted by year.
    """

    base_year: int
    base_gdp: float
    target_year: int
    target_gdp: float
    plan_real: float
    trend_real: float
    share0: float | None
    share1: float | None
    actuals: tuple[tuple[int, float], ...] = ()
    gdp_id: str = ""  # the plan's GDP row (role gdp); '' for hand-made facts
    trend_known: bool = True  # False: the previous plan's achieved growth is unknown, trend = plan growth
    previous_names: tuple[str, str] = ("", "")  # the predecessor's short name (zh, en): the trend preset's words
    plan_id: str = ""  # the plan these facts are of ('' for hand-made tables): links in exports name it
    # Imported growth at comparable prices (the GDP row's companion row), (year, fraction on the year before):
    # the real growth of actual years, which current-price levels alone cannot give.
    real_actuals: tuple[tuple[int, float], ...] = ()
    # The realised growth up to the latest actual: real (the compounded growth at comparable prices) beside the
    # nominal growth of the current-price levels (views._common.real_growth); None without the GDP row's terms.
    realised: RealGrowth | None = None
    gdp_names: tuple[str, str] = GDP_WORDS  # what the plan calls its GDP (zh, en): its GDP row's own name
    region_names: tuple[str, str] = ("", "")  # the plan's region (zh, en), for titles of exported files
    # The year's GDP growth targets imported with the 经济运行 figures (year, fraction; e.g. the 政府工作报告's
    # +6 % for 2026): the year_target preset starts the path from them (issue 26.6).
    year_targets: tuple[tuple[int, float], ...] = ()

    def gdp(self, lang: str) -> str:
        """The plan's own word for its GDP in `lang` (「国内生产总值」 for a national plan)."""
        return self.gdp_names[1 if lang == "en" else 0]

    def region(self, lang: str) -> str:
        return self.region_names[1 if lang == "en" else 0]

    @property
    def simulated_year_targets(self) -> dict[int, float]:
        """The year targets that fall on a simulated year (year → fraction): what the year_target preset sets."""
        sim = set(self.sim_years)
        return {year: rate for year, rate in self.year_targets if year in sim}

    @property
    def has_share(self) -> bool:
        """True when the plan has an industry-share row with base and target (the joint view needs it)."""
        return self.share0 is not None and self.share1 is not None

    @property
    def years(self) -> int:
        return self.target_year - self.base_year

    @property
    def plan_years(self) -> list[int]:
        """2021 … 2025: the years the URL's g and p describe."""
        return list(range(self.base_year + 1, self.target_year + 1))

    @property
    def plan_nominal(self) -> float:
        """Constant nominal growth from base to target (154.7 → 255: 10.51 % a year)."""
        return cagr(self.base_gdp, self.target_gdp, self.years)

    @property
    def implied_price(self) -> float:
        """Price change that lets the plan's real growth reach the nominal target (≈ 0.65 % a year)."""
        return scenario.plan_implied_price(self.base_gdp, self.target_gdp, self.years, self.plan_real)

    @property
    def real_only_gdp(self) -> float:
        """Target-year GDP from the plan's real growth with prices flat (154.7 × 1.098⁵ = 246.9)."""
        return self.base_gdp * (1.0 + self.plan_real) ** self.years

    @property
    def start(self) -> tuple[int, float]:
        """Where the simulation starts: the latest actual before the target year, else the base."""
        before = [(y, v) for y, v in self.actuals if y < self.target_year]
        return before[-1] if before else (self.base_year, self.base_gdp)

    @property
    def start_year(self) -> int:
        return self.start[0]

    @property
    def start_gdp(self) -> float:
        return self.start[1]

    @property
    def from_actual(self) -> bool:
        return self.start_year > self.base_year

    @property
    def sim_years(self) -> list[int]:
        return list(range(self.start_year + 1, self.target_year + 1))

    @property
    def first_sim_index(self) -> int:
        """Index into plan_years (and g, p) of the first simulated year."""
        return self.start_year - self.base_year

    @property
    def required_from_years(self) -> list[int]:
        """Years "what growth is needed" can count from: the base year, earlier actuals, then the starting
        year up to the year before the target (the years of the scenario's frame before the target)."""
        history = [y for y in (self.base_year, *(y for y, _ in self.actuals)) if y < self.start_year]
        return history + list(range(self.start_year, self.target_year))

    @property
    def target_actual(self) -> float | None:
        """The imported actual of the target year itself, if any."""
        return next((v for y, v in self.actuals if y == self.target_year), None)


def _role_row(table: pd.DataFrame | None, role: str) -> pd.Series | None:
    """The plan's row with this role (indicators.role; `lishi_metrics check` and the plan import allow at most
    one a plan), or None: a table without the role, or without a role column, has none."""
    if table is None or table.empty or "indicator_id" not in table.columns or "role" not in table.columns:
        return None
    rows = table.loc[table["role"] == role]
    return None if rows.empty else rows.iloc[0]


def _row(table: pd.DataFrame, indicator_id: str) -> pd.Series:
    rows = table.loc[table["indicator_id"] == indicator_id] if "indicator_id" in table.columns else table.iloc[0:0]
    if rows.empty:
        raise ScenarioDataError(
            f"The plan tables have no row {indicator_id}; run `python -m lishi_metrics build` to rebuild them."
        )
    return rows.iloc[0]


def _number(row: pd.Series, column: str) -> float:
    value = fmt.to_float(row.get(column))
    if value is None:
        raise ScenarioDataError(
            f"{row.get('indicator_id')} has no number in {column}; check data/source and rebuild "
            "(`python -m lishi_metrics build`)."
        )
    return value


def _with_latest(gdp: pd.Series, actual_points: tuple[tuple[int, float], ...]) -> pd.Series:
    """The GDP row with its latest actual taken from the actual points the scenario uses (when any)."""
    if not actual_points:
        return gdp
    row = gdp.copy()
    row["latest_year"], row["latest_value"] = actual_points[-1]
    return row


def plan_facts(plan: pd.DataFrame, previous: pd.DataFrame | None = None,
               actuals: pd.DataFrame | None = None) -> PlanFacts:
    """Read base, target, growth and industry share from the indicator tables (data.indicator_table).

    Args:
        plan: the indicator table of the plan shown (any plan with a `gdp` role row).
        previous: the previous plan's table (its `gdp` row's achieved growth is the trend preset), or None.
        actuals: imported actuals (data.imported_actuals), any indicators; GDP rows after the base
            year are used. Without it, the GDP row's latest_year/latest_value is used.

    Raises:
        ScenarioDataError: the plan has no GDP row, or a needed number is missing or not positive.
    """
    gdp = _role_row(plan, "gdp")
    if gdp is None:
        plan_id = str(plan["plan_id"].iloc[0]) if plan is not None and "plan_id" in plan and len(plan) else "?"
        raise ScenarioDataError(
            f"Plan {plan_id} has no GDP row (an indicator with role 'gdp'): the scenario needs the plan's GDP base and "
            f"target. Give the GDP row the role gdp in the plan workbook and import it again. / "
            f"规划 {plan_id} 没有地区生产总值指标（role 为 gdp 的行）：请在规划工作簿中为该行填写 role=gdp 后重新导入。"
        )
    gdp_id = str(gdp["indicator_id"])
    share = _role_row(plan, "industry_share")
    previous_gdp = _role_row(previous, "gdp")
    base_year, target_year = int(_number(gdp, "base_year")), int(_number(gdp, "target_year"))
    base, target = _number(gdp, "base_value"), _number(gdp, "target_value")
    if not (base > 0 and target > 0 and target_year > base_year):
        raise ScenarioDataError(f"{gdp_id}: base {base} ({base_year}) and target {target} ({target_year}) are unusable.")
    points: dict[int, float] = {}
    if actuals is not None and not actuals.empty:
        rows = actuals
        if "indicator_id" in rows.columns:
            rows = rows.loc[rows["indicator_id"] == gdp_id]
        for year, value in zip(rows["year"], rows["value"]):
            number = fmt.to_float(value)
            if fmt.to_float(year) is not None and number is not None and number > 0:
                points[int(year)] = number
    else:
        year, value = fmt.to_float(gdp.get("latest_year")), fmt.to_float(gdp.get("latest_value"))
        if year is not None and value is not None and value > 0:
            points[int(year)] = value
    actual_points = tuple(sorted((y, v) for y, v in points.items() if y > base_year))
    real_points: dict[int, float] = {}
    if actuals is not None and not actuals.empty and "indicator_id" in actuals.columns:
        from lishi_metrics.actuals.template import comparable_id

        rows = actuals.loc[actuals["indicator_id"] == comparable_id(gdp_id)]
        for year, value in zip(rows["year"], rows["value"]):
            number = fmt.to_float(value)
            if fmt.to_float(year) is not None and number is not None and int(year) > base_year:
                real_points[int(year)] = number / 100.0
    plan_real = _number(gdp, "growth_pct") / 100.0
    trend = fmt.to_float(previous_gdp.get("actual_growth_pct")) if previous_gdp is not None else None
    share0 = fmt.to_float(share.get("base_value")) if share is not None else None
    share1 = fmt.to_float(share.get("target_value")) if share is not None else None
    return PlanFacts(
        base_year=base_year,
        base_gdp=base,
        target_year=target_year,
        target_gdp=target,
        plan_real=plan_real,
        trend_real=trend / 100.0 if trend is not None else plan_real,
        share0=share0 / 100.0 if share0 is not None and share1 is not None else None,
        share1=share1 / 100.0 if share0 is not None and share1 is not None else None,
        actuals=actual_points,
        real_actuals=tuple(sorted(real_points.items())),
        realised=real_growth(_with_latest(gdp, actual_points), actuals),
        gdp_id=gdp_id,
        trend_known=trend is not None,
        gdp_names=gdp_words(plan),
    )


def facts_from_data(plan_id: str) -> PlanFacts:
    """plan_facts for one plan read from the data layer: its table, its previous plan's, its GDP actuals."""
    from lishi_metrics.data import db as data
    from lishi_metrics.data.plans import previous_plan

    table = data.indicator_table(plan_id)
    if table.empty:
        raise ScenarioDataError(f"there is no plan {plan_id!r} / 没有规划 {plan_id}")
    previous = previous_plan(data.plans(), plan_id)
    facts = plan_facts(table, data.indicator_table(previous) if previous else None, data.imported_actuals())
    from lishi_metrics.data.plans import plan_row

    own = plan_row(data.plans(), plan_id)
    regions = (own.get("region_zh") or "", own.get("region_en") or "")
    names = ("", "")
    if previous:
        row = plan_row(data.plans(), previous)
        names = (row.get("short_name_zh") or row.get("name_zh") or previous,
                 row.get("short_name_en") or row.get("name_en") or previous)
    return dataclasses.replace(facts, plan_id=plan_id, previous_names=names, region_names=regions,
                               year_targets=gdp_year_targets(data.periodic_indicators(), _period_targets()))


def _period_targets() -> pd.DataFrame | None:
    """The imported year targets (经济运行), None when the store cannot give them (the pages say why elsewhere)."""
    from lishi_metrics.actuals.store import StoreError
    from lishi_metrics.data import db as data

    try:
        return data.period_tables()["period_targets"]
    except StoreError:
        return None


def gdp_year_targets(indicators: pd.DataFrame, targets: pd.DataFrame | None) -> tuple[tuple[int, float], ...]:
    """(year, growth target as a fraction) of the periodic indicators that feed the plan's GDP row (feeds_role
    gdp), from the imported year targets; sorted by year, one per year (the first periodic indicator's)."""
    if targets is None or targets.empty or indicators.empty or "feeds_role" not in indicators:
        return ()
    feeding = [str(i) for i in indicators.loc[indicators["feeds_role"] == "gdp", "periodic_id"]]
    out: dict[int, float] = {}
    for iid in feeding:
        rows = targets[(targets["indicator_id"] == iid) & targets["target_growth"].notna()]
        for year, growth in zip(rows["year"], rows["target_growth"]):
            out.setdefault(int(year), float(growth) / 100.0)
    return tuple(sorted(out.items()))


def warm_up_models(lang: str, plan_id: str, day: str) -> list[tuple]:
    """What this page builds through ui.scenario_facts (ui.view) for its first visitor, as (function, arguments): the warm-up
    (ui.warmup, for pages the registry marks `warm`) builds them before the server listens."""
    return [(facts_from_data, (plan_id,))]


def gdp_gap_markdown(plan_id: str, lang: str) -> str:
    """For a plan without a GDP level: what is missing and what a GDP level row would add, as escaped Markdown
    paragraphs; "" when the plan has a GDP level (the scenario can be built)."""
    from lishi_metrics.data import db as data
    from lishi_metrics.views._common import gdp_gap_lines
    from lishi_metrics.views.state import plan_label

    table = data.indicator_table(plan_id)
    if table.empty:
        return ""
    lines = gdp_gap_lines(table, plan_label(data.plans_catalogue(), plan_id, lang), lang)
    return "\n\n".join(fmt.md_escape(line) for line in lines)
