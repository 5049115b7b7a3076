"""The final-evaluation model (终期评估) that the Word report, the deck and the workbook are all written from.

Statuses come from lishi_metrics.model.status (the rule the pages use), counts in the prose are computed
from the rows, and nothing is estimated: an indicator without an actual for the target year awaits evaluation.
Any plan can be evaluated: its years, targets and names come from the plan's own rows; without a GDP level
(no GDP row, or one printing only a rate or text) the 经济总量 section says what is missing. The key projects come from the 14th plan's document only; for another plan the report says so.

Length (about 580 lines): one model for three documents; its sections follow the report's own order
(plan-evaluation.md), and splitting them would scatter the one status rule they share.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from lishi_metrics import config
from lishi_metrics.data import export
from lishi_metrics.data.catalog import localized
from lishi_metrics.data.plans import gdp_gap, is_document_plan, role_id
from lishi_metrics.errors import DataError
from lishi_metrics.model import growth, progress, rowwise
from lishi_metrics.model import status as st
from lishi_metrics.text import fmt
from lishi_metrics.text.i18n import t
from lishi_metrics.views import screen as sv
from lishi_metrics.views import state
from lishi_metrics.views._common import (
    RealGrowth,
    attribute_label,
    gdp_gap_lines,
    gdp_word,
    growth_text,
    needed_text,
    pct_decimals,
    real_growth,
    verdict_line,
)

BINDING = "约束性"
PROJECT_EXAMPLES = 3
# Some 专栏 rows are whole paragraphs: an example shows its first whole sentences up to about this length (the
# first sentence whole however long), never a sentence cut off.
EXAMPLE_CHARS = {"zh": 60, "en": 160}
_SENTENCE_END = re.compile(r"(?<=[。；！？])|(?<=[.;!?])\s+")


def whole_sentences(text: str, limit: int) -> str:
    """The first sentences of `text` whose length stays within `limit` (at least the first one), whole."""
    if len(text) <= limit:
        return text
    sentences = [s for s in _SENTENCE_END.split(text) if s and s.strip()]
    out = sentences[0].strip()
    for sentence in sentences[1:]:
        joined = out + ("" if out.endswith(("。", "；", "！", "？")) else " ") + sentence.strip()
        if len(joined) > limit:
            break
        out = joined
    return out


def _text(value: object) -> str | None:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    text = str(value).strip()
    return None if text in ("", "—", "nan") else text


def _year(value: object) -> int | None:
    number = fmt.to_float(value)
    return None if number is None else int(number)


@dataclass(frozen=True)
class Row:
    """One indicator of the evaluation table: display texts plus the raw numbers and status code behind them."""

    indicator_id: str
    seq: str
    name: str
    unit: str
    attribute: str
    binding: bool
    base: str
    target: str
    latest: str
    stated_growth: str
    actual_growth: str
    code: str
    final: bool
    status_text: str
    colour: str
    reason: str
    latest_value: float | None
    latest_year: int | None
    target_value: float | None
    direction: str
    # The current-price growth of a money level whose planned rate is real (GDP), labelled nominal; '' elsewhere.
    nominal_growth: str = ""

    @property
    def met(self) -> bool:
        return self.final and self.code in (st.MET, st.EXCEEDED)

    @property
    def missed(self) -> bool:
        return self.final and self.code == st.MISSED

    @property
    def pending(self) -> bool:
        return not (self.met or self.missed)


@dataclass(frozen=True)
class Counts:
    n: int
    met: int
    exceeded: int
    missed: int
    pending: int

    @classmethod
    def of(cls, rows: list[Row]) -> Counts:
        return cls(n=len(rows), met=sum(r.met for r in rows), exceeded=sum(r.met and r.code == st.EXCEEDED for r in rows),
                   missed=sum(r.missed for r in rows), pending=sum(r.pending for r in rows))


@dataclass(frozen=True)
class Project:
    sector: str
    tables: str
    count: int
    examples: str


@dataclass
class Evaluation:
    """Everything the three documents show, display-ready in one language."""

    lang: str
    plan_id: str
    plan_name: str
    region: str
    title: str
    target_year: int
    data_year: int | None
    store_version: int
    generated: date
    rows: list[Row]
    counts: Counts
    binding_counts: Counts
    anticipatory_counts: Counts
    overall: list[str]
    gdp_chart: sv.ChartSpec | None  # None for a plan without a GDP level (gdp_text says what is missing)
    gdp_text: list[str]
    projects: list[Project]
    project_total: int
    sources: list[str]
    not_evaluated: list[str]
    notes: list[str] = field(default_factory=list)
    table_intro: str = ""
    gdp_caption: str = ""
    source_note: str | None = None  # where the numbers come from (export.source_note of the plan)
    plan_label: str = ""  # the short name: “十四五”规划（2021—2025年）
    # Set for a plan other than the 14th: what the report leaves out because it comes from the 14th plan's
    # document (key projects, the big screen's sector, ecology, livelihood and review panels), and why.
    projects_unavailable: str = ""
    panels_unavailable: str = ""

    @property
    def has_projects(self) -> bool:
        return not self.projects_unavailable

    @property
    def has_actuals(self) -> bool:
        return self.data_year is not None

    def header_lines(self) -> list[str]:
        """The title block below the title: plan, region, 数据截至, generation date."""
        lang = self.lang
        data = (t("rp_data_as_of", lang, year=self.data_year, version=self.store_version) if self.has_actuals
                else t("rp_data_none", lang))
        day = t("rp_date", lang, year=self.generated.year, month=self.generated.month, day=self.generated.day,
                iso=self.generated.isoformat())
        return [t("rp_plan", lang, plan=self.plan_name), t("rp_region", lang, region=self.region), data,
                t("rp_generated", lang, date=day)]

    def table(self, nominal_column: bool = True) -> pd.DataFrame:
        """The indicator table as a frame with the document's column headers (the nominal growth column only
        when a row has one: it is never set beside a real rate without its label)."""
        lang = self.lang
        nominal = {t("rp_col_nominal_growth", lang): [r.nominal_growth for r in self.rows]} if any(
            r.nominal_growth for r in self.rows) and nominal_column else {}
        return pd.DataFrame({
            t("rp_col_seq", lang): [r.seq for r in self.rows],
            t("rp_col_indicator", lang): [r.name for r in self.rows],
            t("rp_col_unit", lang): [r.unit for r in self.rows],
            t("rp_col_attribute", lang): [r.attribute for r in self.rows],
            t("rp_col_base", lang): [r.base for r in self.rows],
            t("rp_col_target", lang): [r.target for r in self.rows],
            t("rp_col_latest", lang): [r.latest for r in self.rows],
            t("rp_col_stated", lang): [r.stated_growth for r in self.rows],
            t("rp_col_actual_growth", lang): [r.actual_growth for r in self.rows],
            **nominal,
            t("rp_col_status", lang): [r.status_text for r in self.rows],
        })


# --- rows ---------------------------------------------------------------------------------------

def judgements(table: pd.DataFrame) -> dict[str, st.Judgement]:
    """Each indicator's status as the pages compute it: progress.progress_table, i.e. model.status.judge on the
    latest actual and the plan path (one computation, so the report cannot disagree with the overview)."""
    prog = progress.progress_table(table)
    out = {}
    for r in rowwise.rows(prog):
        year = _year(r.latest_year) if fmt.to_float(r.latest_value) is not None else None
        reason = r.status_reason if isinstance(r.status_reason, str) else None
        latest = year if r.status in st.JUDGED or reason == st.NO_BASE else None
        out[r.indicator_id] = st.Judgement(str(r.status), latest, bool(r.status_final),
                                           r.status_rule if isinstance(r.status_rule, str) else None, reason=reason)
    return out


def _cell(value: object, text: object, unit: str | None, lang: str, precision: int | None = None) -> str:
    """A value for a table with a unit column: the bare number in Chinese, with the English unit in English
    (255 亿元 reads "CNY 25.5 bn", so the unit must travel with the number), at the indicator's display
    precision like every page."""
    if lang == "zh":
        shown = fmt.value_text_display(value, text, None, lang, precision=precision)
    else:
        shown = fmt.value_text_display(value, text, unit, lang, precision=precision)
    return "—" if shown == fmt.no_data(lang) else shown


def _with_year(value: str, year: int | None, lang: str) -> str:
    if value == "—" or year is None:
        return value
    return t("rp_value_year", lang, value=value, year=year)


def _unit(r, lang: str) -> str:
    unit = _text(r.unit_zh) or ""
    if lang == "zh" or not unit:
        return unit
    # The English cells carry their unit, sometimes rescaled (255 亿元 → CNY 25.5 bn, 2.83 万吨 → 28,300 t):
    # the column names the unit as the cells print it.
    sample = fmt.fmt_value(123, unit, lang)
    return " ".join(re.sub(r"[\d,.]+", " ", sample).split()) or unit


def _actual_growth(r, lang: str, real: RealGrowth | None = None) -> str:
    """The yearly change from the base to the latest actual, in the plan's terms (% a year, or pp for shares).

    For a current-price level whose planned rate is real (GDP), the compounded growth at comparable prices, or
    why it cannot be evaluated: never the growth of the current-price levels (that is `nominal_growth`)."""
    if real is not None:
        return "—" if real.empty else real.real_text(lang)
    base, latest, b_year, l_year = (fmt.to_float(r.base_value), fmt.to_float(r.latest_value),
                                    _year(r.base_year), _year(r.latest_year))
    if None in (base, latest, b_year, l_year) or l_year <= b_year or r.value_type == "rate":
        return "—"
    change = growth.needed_change(base, latest, l_year - b_year, r.value_type, r.direction)
    if change.mode == "pp" and fmt.to_float(r.growth_pct) is not None and base > 0 and latest > 0:
        # Like for like with the printed compound rate of a share, its change in percentage points beside it.
        pct = growth.cagr(base, latest, l_year - b_year) * 100.0
        return t("rp_growth_with_pp", lang, rate=f"{fmt.signed(pct, pct_decimals(pct))}%",
                 pp=needed_text(change.mode, change.per_year, r.unit_zh, lang, short=True,
                                precision=fmt.precision_of(r)))
    # a count's change is its whole change over the years since the base (needed_text), as on the pages
    return needed_text(change.mode, change.per_year, r.unit_zh, lang, short=True, precision=fmt.precision_of(r),
                       value_type=r.value_type, years=l_year - b_year, unit_en=getattr(r, "unit_en", None))


def _stated_growth(r, lang: str, real: bool = False) -> str:
    """The planned yearly growth as printed: a compound rate in % (the plan prints one even for shares: 城镇化率
    73.47 → 75 is 0.41 % a year, printed 0.4), marked as at comparable prices where it is a real rate of a
    current-price level (GDP)."""
    printed = _text(r.growth_text)
    if printed is None:
        return "—"
    if fmt.to_float(r.growth_pct) is None:
        return fmt.value_text_display(None, printed, None, lang)
    shown = growth_text(r.growth_pct, lang, sign=True)
    return t("growth_basis_real", lang, rate=shown) if real else shown


def _status_text(j: st.Judgement, lang: str) -> str:
    if j.final or j.code not in st.TRACK:
        return st.evaluation_word(j.code, lang)
    return t("rp_path_status", lang, word=st.word(j.code, lang), year=j.year)


def _reason(r, j: st.Judgement, target_year: int, lang: str) -> str:
    """Why a row awaits evaluation ('' for a judged row)."""
    if j.final:
        return ""
    if j.reason == st.INCOMPLETE:
        return t("rp_reason_incomplete", lang)
    if j.code == st.GROWTH_ONLY:
        return t("rp_reason_growth", lang)
    if j.code == st.NO_TARGET:
        return t("rp_reason_no_target", lang)
    if j.reason == st.TEXT_TARGET:
        return t("rp_reason_text", lang, target=fmt.value_text_display(None, r.target_text, r.unit_zh, lang))
    if j.reason == st.NO_BASE and j.year is not None:
        return t("rp_reason_no_base", lang)
    if j.year is not None:
        return t("rp_reason_earlier", lang, latest=j.year, year=target_year)
    return t("rp_reason_no_actual", lang, year=target_year)


def evaluation_rows(table: pd.DataFrame, lang: str, actuals: pd.DataFrame | None = None) -> list[Row]:
    """One Row per indicator of data.indicator_table(plan): binding first, each group in the plan's order.

    Args:
        actuals: the imported actuals (data.imported_actuals), whose rows of growth at comparable prices give the
            realised real growth of GDP and value added.
    """
    loc = localized(table, lang)
    verdicts = judgements(table)
    order = sorted(range(len(loc)), key=lambda i: (loc["attribute"].iloc[i] != BINDING, i))
    rows = []
    for r in rowwise.rows(loc.iloc[order]):
        j = verdicts[r.indicator_id]
        target_year = _year(r.target_year)
        latest = fmt.to_float(r.latest_value)
        real = real_growth(r, actuals)
        rows.append(Row(
            indicator_id=r.indicator_id,
            seq=_text(r.seq) or "",
            name=str(r.name),
            unit=_unit(r, lang),
            attribute=attribute_label(r.attribute, lang),
            binding=r.attribute == BINDING,
            base=_with_year(_cell(r.base_value, r.base_text, r.unit_zh, lang, fmt.precision_of(r)), _year(r.base_year),
                            lang),
            target=_with_year(_cell(r.target_value, r.target_text, r.unit_zh, lang, fmt.precision_of(r)), target_year,
                              lang),
            latest=_with_year(_cell(latest, None, r.unit_zh, lang, fmt.precision_of(r)), _year(r.latest_year), lang)
            if latest is not None
            else "—",
            stated_growth=_stated_growth(r, lang, real is not None),
            actual_growth=_actual_growth(r, lang, real),
            nominal_growth=real.nominal_text(lang) if real is not None else "",
            code=j.code,
            final=j.final,
            status_text=_status_text(j, lang),
            colour=st.colour(j.code),
            reason=_reason(r, j, target_year or 0, lang) or verdict_line(r, lang),
            latest_value=latest,
            latest_year=_year(r.latest_year),
            target_value=fmt.to_float(r.target_value),
            direction=str(r.direction),
        ))
    return rows


# --- prose --------------------------------------------------------------------------------------

def overall_paragraphs(rows: list[Row], target_year: int, lang: str) -> list[str]:
    """总体情况: the counts, binding first; every number computed from `rows`."""
    binding = [r for r in rows if r.binding]
    other = [r for r in rows if not r.binding]
    out = [t("rp_overall_total", lang, n=len(rows), binding=len(binding), anticipatory=len(other))]
    if not any(r.latest_value is not None for r in rows):
        out.append(t("rp_overall_no_actuals", lang, n=len(rows), year=target_year))
        return out
    for key, group in (("rp_group_binding", binding), ("rp_group_anticipatory", other)):
        c = Counts.of(group)
        out.append(t("rp_overall_group", lang, group=t(key, lang), n=c.n, met=c.met, missed=c.missed, pending=c.pending))
    c = Counts.of(rows)
    out.append(t("rp_overall_all", lang, met=c.met, exceeded=c.exceeded, missed=c.missed, pending=c.pending))
    track = [r for r in rows if not r.final and r.code in st.TRACK]
    if track:
        words = t("rp_list_sep", lang).join(
            t("rp_count_word", lang, word=st.word(code, lang), n=sum(r.code == code for r in track))
            for code in st.TRACK if any(r.code == code for r in track))
        out.append(t("rp_overall_midterm", lang, n=len(track), year=target_year, words=words))
    sep = t("rp_list_sep", lang)
    missed = [r.name for r in rows if r.missed]
    if missed:
        out.append(t("rp_missed_list", lang, names=sep.join(missed)))
    behind = [r.name for r in track if r.code == st.BEHIND]
    if behind:
        out.append(t("rp_behind_list", lang, names=sep.join(behind)))
    return out


def gdp_paragraphs(table: pd.DataFrame, lang: str, plan: str = "",
                   actuals: pd.DataFrame | None = None) -> list[str]:
    """经济总量 in words: the plan's real-vs-nominal arithmetic and the growth the remaining years need; for a plan
    without a GDP level (no GDP row, or one printing a rate or text), what is missing and what a level would add.

    Args:
        table: one plan's indicator table (data.indicator_table); its GDP row is the one with role gdp.
        plan: the plan's display name, for the sentence on what is missing.
    """
    if gdp_gap(table) is not None:
        return list(gdp_gap_lines(table, plan, lang))
    g = table.set_index("indicator_id").loc[role_id(table, "gdp")]
    base, target, real = float(g["base_value"]), float(g["target_value"]), float(g["growth_pct"]) / 100.0
    b_year, t_year = int(g["base_year"]), int(g["target_year"])
    years = t_year - b_year
    nominal = growth.cagr(base, target, years)
    price = growth.implied_price_change(nominal, real)

    def money(v: float) -> str:
        return fmt.fmt_value(round(v, 1), "亿元", lang)

    def pct(v: float) -> str:
        return fmt.fmt_value(round(v * 100, 2), "%", lang)

    word = gdp_word(table, lang)
    out = [t("rp_gdp_plan", lang, gdp=word, base_year=b_year, base=money(base), target_year=t_year, target=money(target),
             nominal=pct(nominal), real=growth_text(g["growth_pct"], lang), real_only=money(base * (1 + real) ** years))]
    latest, l_year = fmt.to_float(g.get("latest_value")), _year(g.get("latest_year"))
    if latest is None or l_year is None or l_year <= b_year:
        out.append(t("rp_gdp_no_actual", lang, year=b_year, gdp=word))
    elif l_year >= t_year:
        key = "rp_gdp_final_met" if latest >= target else "rp_gdp_final_missed"
        out.append(t(key, lang, gdp=word, year=l_year, value=money(latest), target=money(target), gap=money(target - latest)))
    else:
        need = growth.cagr(latest, target, t_year - l_year)
        out.append(t("rp_gdp_needed", lang, year=l_year, value=money(latest), first=l_year + 1, target_year=t_year,
                     nominal=pct(need), price=pct(price), real=pct((1 + need) / (1 + price) - 1)))
    realised = real_growth(table[table["indicator_id"] == role_id(table, "gdp")].iloc[0], actuals)
    if realised is not None and realised.nominal_pct is not None:
        if realised.real_pct is None:
            out.append(t("rp_gdp_real_missing", lang, plan=growth_text(g["growth_pct"], lang),
                         why=realised.real_text(lang), nominal=f"{fmt.signed(realised.nominal_pct, 1)}%"))
        else:
            out.append(t("rp_gdp_real", lang, gdp=word, first=realised.first, last=realised.last,
                         real=f"{fmt.signed(realised.real_pct, 1)}%", plan=growth_text(g["growth_pct"], lang),
                         nominal=f"{fmt.signed(realised.nominal_pct, 1)}%"))
    return out


def project_summary(projects: pd.DataFrame, counts: pd.DataFrame, lang: str) -> list[Project]:
    """重点项目 per sector (专栏3–13): how many, in which tables, and the first few names."""
    out = []
    name_col = "name_en" if lang == "en" else "name_zh"
    for s in rowwise.rows(counts):
        rows = projects[projects["sector"] == s.sector]
        if rows.empty:
            continue
        refs = sorted({int(str(ref).replace("专栏", "")) for ref in rows["table_ref"]})
        limit = EXAMPLE_CHARS.get(lang, 30)
        names = [whole_sentences(str(n), limit) for n in rows[name_col].head(PROJECT_EXAMPLES)]
        examples = t("rp_list_sep", lang).join(names)
        if len(rows) > PROJECT_EXAMPLES:
            examples = t("rp_examples_more", lang, names=examples)
        out.append(Project(sector=str(s.name_en if lang == "en" else s.name_zh),
                           tables=t("rp_list_sep", lang).join(t("rp_table_ref", lang, n=n) for n in refs),
                           count=len(rows), examples=examples))
    return out


def source_lines(plan: pd.Series, document_name: str, version: int, history: list[dict], lang: str) -> list[str]:
    """数据来源: where the plan's numbers come from (the shipped document, or the imported workbook), then the
    imports of actuals.

    Args:
        plan: the plan's row of the plans catalogue (`imported`, `document`).
        document_name: the full name of the plan document the shipped plans were transcribed from.
    """
    if bool(plan.get("imported", False)):
        name = str(plan["name_en"] if lang == "en" else plan["name_zh"])
        out = [t("rp_source_plan_imported", lang, plan=name, document=_text(plan.get("document")) or "—")]
    else:
        out = [t("rp_source_plan", lang, plan=document_name)]
    if version == 0:
        out.append(t("rp_source_no_imports", lang))
        return out
    out.append(t("rp_source_imports", lang, version=version))
    for h in history:
        action = t("rp_action_rollback" if h.get("action") == "rollback" else "rp_action_import", lang)
        out.append(t("rp_source_import_line", lang, version=h.get("version", ""), time=fmt.beijing_time(h.get("time", "")),
                     action=action, file=h.get("file_name") or "—", by=h.get("by") or "—"))
    return out


def unevaluated_lines(rows: list[Row], lang: str) -> list[str]:
    """What was not evaluated and why: one line per reason, naming its indicators (by 序号 and name)."""
    groups: dict[str, list[str]] = {}
    for r in rows:
        if r.pending:
            groups.setdefault(r.reason, []).append(r.name)
    sep = t("rp_list_sep", lang)
    return [t("rp_reason_line", lang, reason=reason, n=len(names), names=sep.join(names))
            for reason, names in groups.items()]


# --- the whole evaluation ---------------------------------------------------------------------

@dataclass(frozen=True)
class Inputs:
    """What an evaluation is computed from (all from the data layer and the store)."""

    screen: sv.ScreenData
    plans: pd.DataFrame
    projects: pd.DataFrame
    store_version: int
    history: tuple
    plan_id: str = config.DOCUMENT_PLAN


def check_plan(plans: pd.DataFrame, plan_id: object) -> str:
    """`plan_id` when it names a known plan, else a DataError in English and Chinese naming the known ones."""
    known = [str(p) for p in plans["plan_id"]]
    if plan_id not in known:
        shown = str(plan_id)[:40]
        raise DataError(f"unknown plan {shown!r}: known plans are {', '.join(known)} (python -m lishi_metrics plan "
                        f"list) / 未知规划“{shown}”：已知规划为 {'、'.join(known)}")
    return str(plan_id)


def load_inputs(plan_id: str = config.DOCUMENT_PLAN) -> Inputs:
    """Read everything once from the data layer and the store.

    Raises:
        DataError: the plan is unknown.
    """
    from lishi_metrics.actuals import store
    from lishi_metrics.data import db as data

    catalogue = data.plans_catalogue()
    plan_id = check_plan(catalogue, plan_id)
    screen = sv.load_data(plan_id)
    # The key projects belong to the 14th plan's document: another plan gets none (and the report says so).
    projects = data.projects() if is_document_plan(plan_id) else data.projects().iloc[0:0]
    directory = config.store_dir()
    return Inputs(screen=screen, plans=catalogue, projects=projects, store_version=store.current_version(directory),
                  history=tuple(store.history(directory)), plan_id=plan_id)


def table_intro(rows: list[Row], table: pd.DataFrame, target_year: int, lang: str) -> str:
    """The sentence above the indicator table, naming the plan's table (专栏2 for the 14th plan) when all its
    rows come from one numbered table, else the plan's main-indicator table."""
    refs = {str(r) for r in table.get("table_ref", pd.Series(dtype=str)).dropna()}
    number = re.fullmatch(r"专栏(\d+)", next(iter(refs))) if len(refs) == 1 else None
    where = (t("rp_table_numbered", lang, n=number.group(1)) if number else t("rp_table_main", lang))
    return t("rp_table_intro", lang, n=len(rows), year=target_year, table=where)


def build(inputs: Inputs, lang: str, today: date | None = None, plan_id: str | None = None) -> Evaluation:
    """The evaluation in `lang` from `inputs` (load_inputs), dated `today`."""
    today = today or fmt.beijing_today()
    plan_id = plan_id or inputs.plan_id
    table = inputs.screen.t14
    plan = inputs.plans.set_index("plan_id").loc[plan_id]
    plan_name = str(plan["name_en"] if lang == "en" else plan["name_zh"])
    label = state.plan_label(inputs.plans, plan_id, lang)
    region = str(plan["region_en"] if lang == "en" else plan["region_zh"])
    target_year = int(plan["end_year"])
    document = is_document_plan(plan_id)
    doc_plan = inputs.plans.set_index("plan_id").loc[config.DOCUMENT_PLAN] if config.DOCUMENT_PLAN in set(
        inputs.plans["plan_id"]) else plan
    document_name = str(doc_plan["name_en"] if lang == "en" else doc_plan["name_zh"])
    document_label = state.plan_label(inputs.plans, config.DOCUMENT_PLAN, lang)
    rows = evaluation_rows(table, lang, inputs.screen.actuals)
    years = [r.latest_year for r in rows if r.latest_year is not None]
    chart = sv.gdp_path(inputs.screen, lang, width=640, height=300)  # None without a GDP level
    unevaluated = unevaluated_lines(rows, lang)
    unavailable = {} if document else {
        "projects_unavailable": t("rp_projects_unavailable", lang, document=document_label, plan=label),
        "panels_unavailable": t("rp_panels_unavailable", lang, document=document_label, plan=label),
    }
    return Evaluation(
        lang=lang, plan_id=plan_id, plan_name=plan_name, plan_label=label, region=region,
        title=t("rp_title", lang, plan=label),
        target_year=target_year, data_year=max(years) if years else None, store_version=inputs.store_version,
        generated=today, rows=rows, counts=Counts.of(rows),
        binding_counts=Counts.of([r for r in rows if r.binding]),
        anticipatory_counts=Counts.of([r for r in rows if not r.binding]),
        overall=overall_paragraphs(rows, target_year, lang),
        gdp_chart=chart, gdp_text=gdp_paragraphs(table, lang, label, inputs.screen.actuals),
        source_note=export.source_note({"plan_id": plan_id, **plan.to_dict()}, lang),
        projects=project_summary(inputs.projects, inputs.screen.project_counts, lang) if document else [],
        project_total=len(inputs.projects),
        sources=source_lines(plan, document_name, inputs.store_version, list(inputs.history), lang),
        not_evaluated=unevaluated,
        notes=[t("rp_method", lang), t("rp_next_steps", lang, year=target_year)],
        table_intro=table_intro(rows, table, target_year, lang),
        gdp_caption=t("rp_gdp_caption", lang, start=int(chart.data["year"].min()), gdp=gdp_word(table, lang)) if chart is not None else "",
        **unavailable,
    )


def build_current(lang: str, plan_id: str = config.DOCUMENT_PLAN, today: date | None = None) -> Evaluation:
    return build(load_inputs(plan_id), lang, today)
