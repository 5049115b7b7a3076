"""Display logic of the indicator explorer: one catalogue of table indicators and prose figures, filters and
search, URL state, downloads and the detail of one item. No Streamlit here; tests check the data.
Length (about 760 lines): one page model; the catalogue (tables and prose figures in one list) and the
detail share its row shapes and labels.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from lishi_metrics.data.plans import DOCUMENT_PLAN, previous_plan
from lishi_metrics.model import growth, progress, rowwise, status
from lishi_metrics.text import fmt
from lishi_metrics.text.i18n import t
from lishi_metrics.views import state, wording
from lishi_metrics.views._common import (
    CURRENCY_UNITS,
    arithmetic_verdict,
    attribute_label,
    cumulative_text,
    growth_text,
    has_verdict,
    pct_text,
    real_growth,
    row_needed_text,
    status_markdown,
    verdict_line,
)

KINDS = ("indicator", "figure")
ATTRIBUTES = {"anticipatory": "预期性", "binding": "约束性"}
# URL slug of each category of both plans (the slugs of the cat_<slug> keys in texts/common.py).
CATEGORY_SLUGS = {
    "经济发展": "economic_development", "创新驱动": "innovation", "“六新”突破与产业升级": "six_new",
    "绿色生态": "green_ecology", "人的全面发展": "human_development", "安全保障": "security",
    "民生福祉": "wellbeing", "生态文明": "ecological_civilisation", "廉洁安全": "integrity_safety",
}
TOPICS = ("industry", "innovation", "ecology", "livelihood", "agriculture", "urban", "reform", "opening", "governance")
MAX_QUERY = 100
PARAM_KEYS = ("kind", "plan", "cat", "attr", "topic", "q")
# plan=all lists every plan; without plan= the page opens on the plan the other pages show (issue 25.6)
ALL_PLANS = state.ALL_PLANS
PAGE_SIZE = 15  # rows a page of the table: all of them visible at 1366×768, no scrolling inside the grid

PERCENT_UNITS = ("%",)


def _text(value: object) -> str | None:
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    text = str(value)
    return text if text.strip() else None


def _year(value: object) -> int | None:
    number = fmt.to_float(value)
    return None if number is None else int(number)


def normalize(text: object) -> str:
    """Search form of a text: NFKC (full-width → ASCII), case-folded, without whitespace."""
    return "".join(unicodedata.normalize("NFKC", str(text)).casefold().split())


# --- the catalogue -----------------------------------------------------------------------------

def _range_text(value: object, value_max: object) -> str | None:
    low, high = fmt.to_float(value), fmt.to_float(value_max)
    if low is None or high is None:
        return None
    return f"{fmt.format_number(low, grouping=False)}-{fmt.format_number(high, grouping=False)}"


def catalog_rows(tables: Mapping[str, pd.DataFrame], figures: pd.DataFrame,
                 figure_plans: tuple[str, str | None] | None = None) -> pd.DataFrame:
    """Every table indicator (data.indicator_table of each plan) and every prose figure (data.text_figures) as one
    frame with common columns; the change needed per year and the status come from progress.progress_table.

    Columns: id, kind ('indicator'/'figure'), plan_id, source_ref, seq, category_zh/en, cat (slug), topic,
    sector, attribute, attr (slug), name_zh/en, unit_zh/en, value_type, direction, role, base_year/value/text,
    target_year/value/text, growth_pct/text/cumulative, actual_year/value/text, needed_mode, needed_per_year,
    already_met, path_value, status (progress.progress_table), outcome (专栏1 verdict, progress.scoreboard),
    figure_kind, quote, note, haystack (normalised search text).
    A prose achievement belongs to the 13th plan (it reports 2016–2020), a prose target to the 14th:
    figure_plans = (plan of the targets, plan of the achievements), by default the document plan and the
    other plan of `tables`.
    """
    if figure_plans is None:
        figure_plans = (DOCUMENT_PLAN, next((p for p in tables if p != DOCUMENT_PLAN), None))
    parts = []
    for plan_id in tables:
        table = tables.get(plan_id)
        if table is None or table.empty:
            continue
        prog = progress.progress_table(table)
        # A finished plan's table prints each row's outcome (the 13th plan's 专栏1): those rows are judged on it.
        is13 = prog["actual_text"].notna() if "actual_text" in prog.columns else pd.Series(False, index=prog.index)
        outcome = progress.scoreboard(table)["status"].where(is13.to_numpy(), None) if "actual_value" in table else None
        rows = pd.DataFrame({
            "id": prog["indicator_id"], "kind": "indicator", "plan_id": prog["plan_id"],
            "source_ref": prog["table_ref"], "seq": prog["seq"], "category_zh": prog["category_zh"],
            "category_en": prog["category_en"], "cat": prog["category_zh"].map(CATEGORY_SLUGS),
            "topic": None, "sector": None, "attribute": prog["attribute"],
            "attr": prog["attribute"].map({v: k for k, v in ATTRIBUTES.items()}),
            "name_zh": prog["name_zh"], "name_en": prog["name_en"], "unit_zh": prog["unit_zh"],
            "unit_en": prog["unit_en"], "value_type": prog["value_type"], "direction": prog["direction"],
            "role": prog["role"] if "role" in prog.columns else None,
            "base_year": prog["base_year"], "base_value": prog["base_value"], "base_text": prog["base_text"],
            "target_year": prog["target_year"], "target_value": prog["target_value"],
            "target_text": prog["target_text"], "growth_pct": prog["growth_pct"], "growth_text": prog["growth_text"],
            "growth_cumulative": prog["growth_cumulative"].fillna(False).astype(bool),
            # 专栏1 prints the 2020 actual; for the current plan the latest imported actual (if any).
            "actual_year": prog["target_year"].where(is13, prog["latest_year"]),
            "actual_value": prog["actual_value"].where(is13, prog["latest_value"]),
            "actual_text": prog["actual_text"].where(is13, None),
            "needed_mode": prog["needed_mode"], "needed_per_year": prog["needed_per_year"],
            "already_met": prog["already_met"], "path_value": prog["path_value"], "status": prog["status"],
            "outcome": outcome, "figure_kind": None, "quote": None, "note": prog["note"],
            "note_en": prog["note_en"] if "note_en" in prog.columns else None,
            "decimals": prog["decimals"] if "decimals" in prog else None,
            # A verdict recorded on a text target (评估结论): shown with the status in the detail.
            **{c: prog[c] if c in prog else None for c in ("verdict", "verdict_note", "verdict_by", "verdict_time")},
        })
        parts.append(rows)
    if figures is not None and not figures.empty:
        f = figures
        target = f["kind"] == "target"
        ranges = [_range_text(v, m) for v, m in zip(f["value"], f["value_max"])]
        value_text = [r if r else _text(v) for r, v in zip(ranges, f["value"])]
        value = pd.to_numeric(f["value"], errors="coerce").where([r is None for r in ranges])
        year = pd.to_numeric(f["year"], errors="coerce")
        parts.append(pd.DataFrame({
            "id": f["figure_id"], "kind": "figure", "plan_id": target.map({True: figure_plans[0], False: figure_plans[1]}),
            "source_ref": f["chapter_ref"], "seq": None, "category_zh": None, "category_en": None, "cat": None,
            "topic": f["topic"], "sector": f["sector"], "attribute": None, "attr": None,
            "name_zh": f["subject_zh"], "name_en": f["subject_en"], "unit_zh": f["unit_zh"], "unit_en": f["unit_en"],
            "value_type": None, "direction": None, "role": None, "base_year": None, "base_value": None, "base_text": None,
            "target_year": year.where(target), "target_value": value.where(target),
            "target_text": pd.Series(value_text, index=f.index).where(target),
            "growth_pct": None, "growth_text": None, "growth_cumulative": False,
            "actual_year": year.where(~target), "actual_value": value.where(~target),
            "actual_text": pd.Series(value_text, index=f.index).where(~target),
            "needed_mode": None, "needed_per_year": None, "already_met": False, "path_value": None,
            "status": None, "outcome": None, "figure_kind": f["kind"], "quote": f["quote"], "note": None, "note_en": None,
            "decimals": None,
        }))
    if not parts:
        return pd.DataFrame(columns=["id", "kind", "plan_id", "haystack"])
    rows = pd.concat([p.astype(object) for p in parts], ignore_index=True)
    rows = rows.astype(object).where(rows.notna(), None)
    rows["haystack"] = [_haystack(r) for r in rowwise.rows(rows)]
    return rows


def _haystack(r) -> str:
    words = [r.id, r.name_zh, r.name_en, r.category_zh, r.category_en, r.unit_zh, r.unit_en, r.source_ref,
             r.quote, r.note, r.note_en, r.target_text, r.actual_text, r.base_text]
    if r.topic:
        words += [t(f"ex_topic_{r.topic}", "zh"), t(f"ex_topic_{r.topic}", "en")]
    if r.attribute:
        words += [r.attribute, attribute_label(r.attribute, "en")]
    return "\n".join(normalize(w) for w in words if _text(w))


# --- filters and URL state ---------------------------------------------------------------------

@dataclass(frozen=True)
class Filters:
    """The explorer's filters; '' means no filter."""

    kind: str = ""
    plan: str = ""
    cat: str = ""
    attr: str = ""
    topic: str = ""
    q: str = ""

    def active(self) -> dict[str, str]:
        return {k: getattr(self, k) for k in PARAM_KEYS if getattr(self, k)}


_QUOTES = "“”\"「」『』‘’'"


def plan_aliases(plans: pd.DataFrame | None) -> dict[str, str]:
    """The plan filter's accepted spellings → plan id, from the plans catalogue (every plan, shipped and
    imported): each id, and each short name (「“十四五”」, 「十四五」 without its quotes, "14th plan") that one plan
    alone has (a district's and the nation's “十四五” are told apart by id only)."""
    if plans is None or plans.empty or "plan_id" not in plans.columns:
        return {}
    ids = [str(p) for p in plans["plan_id"]]
    spellings: dict[str, set[str]] = {}
    for column in ("short_name_zh", "short_name_en"):
        if column not in plans.columns:
            continue
        for plan, short in zip(ids, plans[column]):
            text = _text(short)
            if text is None:
                continue
            for spelling in {text.strip(), text.strip().strip(_QUOTES).strip()}:
                if spelling:
                    spellings.setdefault(spelling.casefold(), set()).add(plan)
    aliases = {s: next(iter(owners)) for s, owners in spellings.items() if len(owners) == 1}
    return {**{a: p for a, p in aliases.items() if a not in ids}, **{p: p for p in ids}}


def _choices(param: str, plans: pd.DataFrame | None = None) -> dict[str, str]:
    """Accepted spellings (as typed in a link) → canonical value, per parameter."""
    if param == "kind":
        return {k: k for k in KINDS}
    if param == "plan":
        return plan_aliases(plans)
    if param == "cat":
        return {**{s: s for s in CATEGORY_SLUGS.values()}, **CATEGORY_SLUGS}
    if param == "attr":
        return {**{a: a for a in ATTRIBUTES}, **{zh: a for a, zh in ATTRIBUTES.items()}}
    if param == "topic":
        return {tp: tp for tp in TOPICS}
    raise KeyError(param)


def _get(params: object, key: str) -> object:
    getter = getattr(params, "get", None)
    try:
        return getter(key) if callable(getter) else None
    except Exception:  # noqa: BLE001 - a broken mapping must not break the page
        return None


def parse_filters(params: object, plans: pd.DataFrame | None = None,
                  default_plan: str = "") -> tuple[Filters, list[state.Notice]]:
    """Filters from URL query parameters; unknown values are dropped with a notice, never an exception.

    plans: the plans catalogue (every plan, shipped and imported: plan= takes an id or a short name; read from
    the data layer when not given). default_plan: the plan filter when the link has no plan= (the plan the
    other pages show); plan=all lists every plan."""
    if plans is None:
        from lishi_metrics.data import db as data

        plans = data.plans_catalogue()
    notices: list[state.Notice] = []
    values = {}
    for key in PARAM_KEYS[:-1]:
        mapping = _choices(key, plans)
        if key == "plan":
            mapping[ALL_PLANS] = ""
        choice, found = state.parse_choice(_get(params, key), list(mapping), None, param=key)
        notices += found
        values[key] = mapping[choice] if choice is not None else (default_plan if key == "plan" else "")
    q, found = state.parse_text(_get(params, "q"), MAX_QUERY, param="q")
    notices += found
    values["q"] = q.strip()
    return Filters(**values), notices


def parse_id(params: object, known_ids: set[str] | list[str]) -> tuple[str, list[state.Notice]]:
    """The selected item from `id`; an unknown id is dropped with a notice."""
    known = set(known_ids)
    choice, notices = state.parse_choice(_get(params, "id"), sorted(known), "", param="id")
    return (choice or ""), notices


def to_params(filters: Filters, selected: str = "", page: int = 1) -> dict[str, str]:
    """URL form of the view ('' removes a parameter): every plan is plan=all, the first page no page=."""
    out = {k: getattr(filters, k) for k in PARAM_KEYS}
    out["plan"] = filters.plan or ALL_PLANS
    out["id"] = selected or ""
    out["page"] = str(page) if page > 1 else ""
    return out


def page_count(n_rows: int, size: int = PAGE_SIZE) -> int:
    """Pages of the table (one, even when nothing matches)."""
    return max(1, math.ceil(n_rows / size))


def clamp_page(page: object, n_rows: int, size: int = PAGE_SIZE) -> int:
    """A page number within the pages there are (filters that narrow the rows leave a page past the end)."""
    try:
        number = int(page)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        number = 1
    return min(max(1, number), page_count(n_rows, size))


def parse_page(params: object, rows: pd.DataFrame, item_id: str = "",
               size: int = PAGE_SIZE) -> tuple[int, list[state.Notice]]:
    """The table's page from `page` (clamped to the pages there are, with a notice); without it, the page that
    holds the chosen item of a shared link, else the first."""
    at = position(rows, item_id) if item_id else None
    default = at // size + 1 if at is not None else 1
    return state.parse_int(_get(params, "page"), default, 1, page_count(len(rows), size), param="page")


def page_rows(rows: pd.DataFrame, page: int, size: int = PAGE_SIZE) -> pd.DataFrame:
    """The rows of one page (1-based; a page past the end gives the last)."""
    page = clamp_page(page, len(rows), size)
    return rows.iloc[(page - 1) * size:page * size]


def page_caption(n_rows: int, page: int, lang: str, size: int = PAGE_SIZE) -> str:
    """「第 16–30 项，共 52 项 · 第 2/4 页」: the rows on screen, of how many, and the page."""
    pages, page = page_count(n_rows, size), clamp_page(page, n_rows, size)
    first, last = (page - 1) * size + 1, min(page * size, n_rows)
    return t("ex_page_caption", lang, first=min(first, n_rows), last=last, shown=n_rows, page=page, pages=pages)


def search_mask(rows: pd.DataFrame, query: str) -> pd.Series:
    """Rows whose text contains every whitespace-separated term of `query` (plain substring, any language)."""
    terms = [normalize(term) for term in str(query or "").split()]
    terms = [term for term in terms if term]
    mask = pd.Series(True, index=rows.index)
    for term in terms:
        mask &= rows["haystack"].map(lambda h, term=term: term in h)
    return mask


def apply_filters(rows: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The rows that pass every active filter (a filter a row has no value for excludes it)."""
    mask = pd.Series(True, index=rows.index)
    for key, column in (("kind", "kind"), ("plan", "plan_id"), ("cat", "cat"), ("attr", "attr"),
                        ("topic", "topic")):
        value = getattr(filters, key)
        if value:
            mask &= rows[column] == value
    if filters.q:
        mask &= search_mask(rows, filters.q)
    return rows[mask]


def choice_options(rows: pd.DataFrame, chosen: str = "") -> list[str]:
    """Options of the detail chooser: none, then the shown rows; a chosen item outside the filters stays listed."""
    options = ["", *rows["id"]]
    if chosen and chosen not in options:
        options.insert(1, chosen)
    return options


def table_height(n_rows: int, row_px: int = 35, max_rows: int = PAGE_SIZE) -> int:
    """Pixel height of the results table: every row when few match (no empty rows), else `max_rows` and a scroll."""
    return (min(max(n_rows, 1), max_rows) + 1) * row_px + 3


def position(rows: pd.DataFrame, item_id: str) -> int | None:
    """Row number of `item_id` in `rows` (the table's pre-selected row of a shared link), or None."""
    ids = list(rows["id"])
    return ids.index(item_id) if item_id in ids else None


def filter_notes(filters: Filters, lang: str, total: int, shown: int) -> dict[str, str]:
    """Notes for the XLSX 'about' sheet: the active filters (URL form) and the row counts."""
    active = filters.active()
    text = "; ".join(f"{k}={v}" for k, v in active.items()) if active else t("ex_filters_none", lang)
    return {t("ex_filters_note", lang): text, t("ex_rows_note", lang): t("ex_count", lang, total=total, shown=shown)}


# --- option labels -----------------------------------------------------------------------------

def kind_label(kind: str, lang: str) -> str:
    return t(f"ex_kind_{kind}", lang) if kind else t("ex_all", lang)


def plan_label(plan: str, lang: str, plans: pd.DataFrame | None = None) -> str:
    """A plan by its short name from the plans table (“十四五”, "14th plan"; with its region when another plan
    has the same short name; a plan without one by its name and period): wording.plan_short_label.

    Args:
        plans: the plans catalogue (data.plans()); read from the data layer when not given, so a caller
            labelling many rows passes it in once (plan_labels).
    """
    if not plan:
        return t("ex_all", lang)
    if plans is None:
        from lishi_metrics.data import db as data

        plans = data.plans()
    return wording.plan_short_label(plans, plan, lang)


def plan_labels(plan_ids, lang: str, plans: pd.DataFrame | None = None) -> dict[str, str]:
    """plan_label of each distinct plan id, reading the plans catalogue at most once."""
    ids = {str(p) for p in plan_ids if p is not None and p == p}
    if plans is None and ids:
        from lishi_metrics.data import db as data

        plans = data.plans()
    return {p: plan_label(p, lang, plans) for p in ids}


def category_label(slug: str, lang: str) -> str:
    return t(f"cat_{slug}", lang) if slug else t("ex_all", lang)


def attribute_choice_label(attr: str, lang: str) -> str:
    return t(f"attr_{'binding' if attr == 'binding' else 'anticipatory'}", lang) if attr else t("ex_all", lang)


def topic_label(topic: str, lang: str) -> str:
    return t(f"ex_topic_{topic}", lang) if topic else t("ex_all", lang)


def item_label(row, lang: str, plans: pd.DataFrame | None = None, *, plan_text: str | None = None) -> str:
    """One line naming an item in the chooser: 「地区生产总值（GDP） · 专栏2 · “十四五”」; a prose figure gets
    its year, so two figures of one sentence (2015 and 2020 GDP) read apart. `plans`: see plan_label;
    `plan_text`: the item's plan_label when the caller has it already (item_labels)."""
    name = _text(row.name_en if lang == "en" else row.name_zh) or _text(row.name_zh) or row.id
    year = _year(row.target_year if row.figure_kind == "target" else row.actual_year) if row.kind == "figure" else None
    if year is not None:
        name = f"{name}（{year}年）" if lang == "zh" else f"{name} ({year})"
    plan_text = plan_label(row.plan_id, lang, plans) if plan_text is None else plan_text
    return f"{name} · {fmt.source_ref(row.source_ref, lang)} · {plan_text}"


def item_labels(rows: pd.DataFrame, lang: str, plans: pd.DataFrame | None = None) -> dict[str, str]:
    """item_label of every row by id, each plan's label looked up once (plan_labels), not once per row: the
    chooser labels every item of the catalogue on every run of the page (a lookup in the plans table per row
    was most of a warm page run)."""
    labels = plan_labels(rows["plan_id"], lang, plans)
    return {r.id: item_label(r, lang, plans, plan_text=labels.get(str(r.plan_id)) or plan_label(r.plan_id, lang, plans))
            for r in rowwise.rows(rows)}


# --- the table ---------------------------------------------------------------------------------

def _with_year(value_text: str, year: object, lang: str) -> str:
    y = _year(year)
    if y is None or value_text == fmt.no_data(lang):
        return value_text
    return t("ex_value_year", lang, value=value_text, year=y)


def _growth_cell(r, lang: str) -> str:
    printed = _text(r.growth_text)
    if printed in (None, "—"):
        return fmt.no_data(lang)
    if r.growth_cumulative and fmt.to_float(r.growth_pct) is not None:
        return t("ex_cumulative", lang, value=cumulative_text(r.growth_pct, r.value_type, r.unit_zh, lang))
    return fmt.value_text_display(r.growth_pct, printed.strip("[]"), "%", lang)


def display_table(rows: pd.DataFrame, lang: str, plans: pd.DataFrame | None = None) -> pd.DataFrame:
    """The filtered catalogue for the page: translated columns, values formatted with units and years."""
    labels = plan_labels(rows["plan_id"], lang, plans)
    out = []
    for r in rowwise.rows(rows):
        group = category_label(r.cat, lang) if r.kind == "indicator" else topic_label(r.topic or "", lang)
        # the indicator's name first: on a phone the grid shows one or two columns before it scrolls (issue 25.2)
        out.append({
            t("ex_col_name", lang): _text(r.name_en if lang == "en" else r.name_zh) or "",
            t("ex_col_kind", lang): kind_label(r.kind, lang),
            t("ex_col_plan", lang): labels.get(str(r.plan_id)) or plan_label(r.plan_id, lang, plans),
            t("ex_col_source", lang): fmt.source_ref(r.source_ref, lang),
            t("ex_col_group", lang): group if (r.cat or r.topic) else "",
            t("ex_col_base", lang): _with_year(fmt.value_text_display(r.base_value, r.base_text, r.unit_zh, lang, r.unit_en, precision=fmt.precision_of(r)),
                                               r.base_year, lang) if r.kind == "indicator" else "",
            t("ex_col_target", lang): _with_year(
                fmt.value_text_display(r.target_value, r.target_text, r.unit_zh, lang, r.unit_en, precision=fmt.precision_of(r)), r.target_year, lang)
            if (r.kind == "indicator" or r.figure_kind == "target") else "",
            t("ex_col_growth", lang): _growth_cell(r, lang) if r.kind == "indicator" else "",
            t("ex_col_actual", lang): _with_year(
                fmt.value_text_display(r.actual_value, r.actual_text, r.unit_zh, lang, r.unit_en, precision=fmt.precision_of(r)), r.actual_year, lang)
            if (r.kind == "indicator" or r.figure_kind == "achievement") else "",
            t("ex_col_attribute", lang): attribute_label(r.attribute, lang) if r.attribute else "",
            t("ex_col_id", lang): r.id,
        })
    if not out:
        return pd.DataFrame(columns=[t(k, lang) for k in (
            "ex_col_name", "ex_col_kind", "ex_col_plan", "ex_col_source", "ex_col_group", "ex_col_base",
            "ex_col_target", "ex_col_growth", "ex_col_actual", "ex_col_attribute", "ex_col_id")])
    return pd.DataFrame(out)


EXPORT_COLUMNS = ("id", "kind", "plan_id", "source_ref", "seq", "category_zh", "category_en", "topic", "sector",
                  "attribute", "name_zh", "name_en", "unit_zh", "unit_en", "base_year", "base_value", "base_text",
                  "target_year", "target_value", "target_text", "growth_pct", "growth_text", "growth_cumulative",
                  "actual_year", "actual_value", "actual_text", "figure_kind", "quote", "note")
_NUMERIC = ("base_year", "base_value", "target_year", "target_value", "growth_pct", "actual_year", "actual_value")


def export_table(rows: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """The filtered rows for download: names and units in both languages, numbers as numbers (years as whole
    numbers), headers in `lang` (ex_x_<column>)."""
    out = rows.loc[:, list(EXPORT_COLUMNS)].copy()
    for col in _NUMERIC:
        out[col] = pd.to_numeric(out[col], errors="coerce")
    for col in ("base_year", "target_year", "actual_year"):
        out[col] = out[col].astype("Int64")
    return out.reset_index(drop=True).rename(columns={c: t(f"ex_x_{c}", lang) for c in EXPORT_COLUMNS})


def export_title(lang: str, shown: int) -> str:
    """The title line of the download."""
    return t("ex_x_title", lang, n=shown)


# --- detail ------------------------------------------------------------------------------------

@dataclass
class ChartSpec:
    """What the page passes to charts.indicator_path_chart / share_path_chart."""

    frame: pd.DataFrame
    target_year: int | None
    target_value: float | None
    title: str
    y_title: str
    labels: dict[str, str]
    percent: bool


@dataclass
class Detail:
    """Everything the detail panel shows, display-ready."""

    id: str
    kind: str
    title: str
    subtitle: str
    metrics: list[tuple[str, str]] = field(default_factory=list)
    status_markdown: str = ""
    chart: ChartSpec | None = None
    chart_note: str = ""
    no_chart: str = ""
    arithmetic: list[str] = field(default_factory=list)
    arithmetic_note: str = ""
    source_title: str = ""
    source_table: pd.DataFrame | None = None
    quote: str = ""
    note: str = ""
    facts: list[tuple[str, str]] = field(default_factory=list)


def chart_labels(lang: str, y_title: str) -> dict[str, str]:
    return {"year": t("year", lang), "value": y_title, "series": t("ex_series", lang),
            "plan": t("series_plan_path", lang), "actual": t("series_actual", lang),
            "base": t("series_base", lang), "target": t("series_target", lang)}


def path_chart(row, actuals: pd.DataFrame | None, lang: str) -> tuple[ChartSpec | None, str]:
    """The base → target chart with the constant-growth path and actual points, or (None, why not)."""
    base, target = fmt.to_float(row.base_value), fmt.to_float(row.target_value)
    base_year, target_year = _year(row.base_year), _year(row.target_year)
    if base is None or base_year is None:
        why = "ex_why_text" if _text(row.base_text) not in (None, "—") else "ex_why_no_base"
        return None, t("ex_no_chart", lang, why=t(why, lang))
    if target is None or target_year is None:
        why = "ex_why_text" if _text(row.target_text) not in (None, "—") else "ex_why_no_target"
        return None, t("ex_no_chart", lang, why=t(why, lang))
    unit = _text(row.unit_en if lang == "en" else row.unit_zh) or ""
    y_title = unit or t("value", lang)
    labels = chart_labels(lang, y_title)
    colon = "：" if lang == "zh" else ": "
    labels["target_text"] = f"{labels['target']} {fmt.fmt_year(target_year, lang)}{colon}{fmt.fmt_value(target, row.unit_zh, lang, unit_en=row.unit_en)}"
    points = growth.constant_growth_path(base_year, base, target_year, target, row.value_type or "level")
    frames = [pd.DataFrame({"year": [y for y, _ in points], "value": [v for _, v in points], "series": labels["plan"]}),
              pd.DataFrame({"year": [base_year], "value": [base], "series": [labels["base"]]})]
    actual_points = []
    if row.outcome is not None and fmt.to_float(row.actual_value) is not None:  # a finished plan's printed actual
        actual_points.append((_year(row.actual_year), fmt.to_float(row.actual_value)))
    if actuals is not None and not actuals.empty:
        mine = actuals[actuals["indicator_id"] == row.id]
        actual_points += [(int(y), float(v)) for y, v in zip(mine["year"], mine["value"]) if fmt.to_float(v) is not None]
    if actual_points:
        frames.append(pd.DataFrame({"year": [y for y, _ in actual_points], "value": [v for _, v in actual_points],
                                    "series": labels["actual"]}))
    name = _text(row.name_en if lang == "en" else row.name_zh) or row.id
    title = t("ex_chart_title", lang, name=name, base_year=base_year, target_year=target_year)
    spec = ChartSpec(pd.concat(frames, ignore_index=True), target_year, target, title, y_title, labels,
                     percent=(_text(row.unit_zh) in PERCENT_UNITS))
    geometric = (row.value_type not in growth.PERCENT_TYPES) and base > 0 and target > 0
    note = t("ex_chart_path_note", lang, how=t("ex_path_geometric" if geometric else "ex_path_linear", lang))
    return spec, note


def table_title(table_ref: str, plan_id: str, lang: str, plans: pd.DataFrame | None = None) -> str:
    """The title of the plan's table a row is printed in, from the plans table (table_title_zh, verbatim; in
    English table_title_en, saying the row below is printed in Chinese); where the plan gives none, the table's
    reference (专栏2, "Table 2").

    Args:
        plans: the plans catalogue (data.plans()), read from the data layer when not given.
    """
    if plans is None:
        from lishi_metrics.data import db as data

        plans = data.plans()
    rows = plans.loc[plans["plan_id"] == plan_id] if plans is not None and "plan_id" in plans else None
    column = "table_title_en" if lang == "en" else "table_title_zh"
    title = _text(rows.iloc[0].get(column)) if rows is not None and not rows.empty else None
    if title is None:
        return fmt.source_ref(table_ref, lang)
    return t("ex_table_title_en", lang, title=title) if lang == "en" else title


def printed_row(row, observations: pd.DataFrame | None, lang: str = "zh") -> tuple[str, pd.DataFrame | None]:
    """The 专栏 title and the indicator's row with its cells as printed (Chinese, verbatim text of each cell)."""
    table_ref = _text(row.source_ref) or ""
    title = table_title(table_ref, str(row.plan_id), lang)
    if observations is None or observations.empty:
        return title, None
    obs = observations[observations["indicator_id"] == row.id]
    obs = obs[obs["source"].astype(str).str.startswith("专栏")]

    def cell(kind: str, column: str = "value_text") -> str:
        found = obs[obs["kind"] == kind]
        text = _text(found[column].iloc[0]) if not found.empty else None
        return text if text is not None else "—"

    unit = _text(row.unit_zh)
    name = f"{row.name_zh}（{unit}）" if unit else str(row.name_zh)
    base_year, end_year = _year(row.base_year), _year(row.target_year)
    if _text(row.actual_text) is not None:  # a finished plan's table: it prints the outcome beside the target
        cells = {"序号": _text(row.seq) or "", "指标": name, f"{base_year} 年": cell("base"),
                 f"规划目标 {end_year} 年": cell("target"), "规划目标 累计或年均增长": cell("target", "growth_text"),
                 f"进展情况 {end_year} 年": cell("actual"), "进展情况 累计或年均增长": cell("actual", "growth_text"),
                 "属性": _text(row.attribute) or ""}
    else:
        cells = {"序号": _text(row.seq) or "", "指标": name, f"{base_year} 年 实际": cell("actual"),
                 f"{end_year} 年 目标": cell("target"), "年均增长 (%)": cell("target", "growth_text"),
                 "属性": _text(row.attribute) or ""}
    return title, pd.DataFrame([cells])


def arithmetic_lines(indicator_id: str, arith: pd.DataFrame | None, lang: str) -> list[str]:
    """The plan-arithmetic check of one indicator, one sentence per basis (plan target, 13th-plan outcome)."""
    if arith is None or arith.empty:
        return []
    lines = []
    for r in rowwise.rows(arith[arith["indicator_id"] == indicator_id]):
        lines.append(t(
            "ex_arith_line", lang, which=t(f"ex_arith_which_{r.which}", lang),
            base=fmt.fmt_value(r.base_value, r.unit_zh, lang), end=fmt.fmt_value(r.end_value, r.unit_zh, lang),
            base_year=r.base_year, end_year=r.end_year, stated=growth_text(r.stated_pct, lang),
            implied=pct_text(r.implied_pct, lang), gap=fmt.pp_text(r.difference_pp, lang),
            verdict=arithmetic_verdict(r, lang)))
    return lines


def plan_checks(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """progress.plan_arithmetic of every plan's indicator table, in one frame."""
    frames = [progress.plan_arithmetic(table) for table in tables.values() if table is not None]
    frames = [f for f in frames if not f.empty]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def _colon(lang: str) -> str:
    return "：" if lang == "zh" else ": "


def metrics_table(item: Detail, lang: str) -> pd.DataFrame:
    """The detail's values as a two-column table (label, value); a table never cuts a long text target short."""
    return pd.DataFrame({t("ex_col_name", lang): [label for label, _ in item.metrics],
                         t("ex_figure_value", lang): [value for _, value in item.metrics]})


def _labelled(label: str, text: object, lang: str) -> str:
    """「标签：内容」 / "Label: text"; '' when there is no text."""
    body = _text(text)
    if body is None:
        return ""
    return f"{label}：{body}" if lang == "zh" else f"{label}: {body}"


def note_text(row, lang: str) -> str:
    """The transcription remark: as written in Chinese; in English its translation (indicators.note_en) where
    the data has one, else the Chinese remark under a label that says so."""
    if _text(row.note) is None:
        return ""
    english = _text(getattr(row, "note_en", None))
    if lang == "en" and english is not None:
        return _labelled(t("ex_note_en", lang), english, lang)
    return _labelled(t("ex_note", lang), row.note, lang)


def facts_line(facts: list[tuple[str, str]], lang: str) -> str:
    """The facts of a detail on one line: 「单位：亿元 · 方向：越高越好」."""
    return " · ".join(_labelled(label, value, lang) for label, value in facts)


def _direction_label(direction: object, lang: str) -> str:
    return t(f"dir_{direction}", lang) if direction in ("up", "down", "none") else fmt.no_data(lang)


def _real_growth(row, actuals: pd.DataFrame | None):
    """views._common.real_growth of a catalogue row (its latest actual is actual_year/actual_value)."""
    from types import SimpleNamespace

    return real_growth(SimpleNamespace(
        indicator_id=row.id, value_type=row.value_type, unit_zh=row.unit_zh, name_zh=row.name_zh,
        role=getattr(row, "role", None), base_year=row.base_year, base_value=row.base_value,
        latest_year=row.actual_year, latest_value=row.actual_value), actuals)


def indicator_detail(row, lang: str, observations: pd.DataFrame | None = None,
                     actuals: pd.DataFrame | None = None, arith: pd.DataFrame | None = None) -> Detail:
    """The detail of a table indicator (one row of catalog_rows)."""
    unit = row.unit_zh
    name = _text(row.name_en if lang == "en" else row.name_zh) or row.id
    category = category_label(row.cat, lang) if row.cat else ""
    seq = f"{t('seq', lang)} {row.seq}" if _text(row.seq) else ""
    subtitle = " · ".join(p for p in (fmt.source_ref(row.source_ref, lang), seq, plan_label(row.plan_id, lang), category,
                                      attribute_label(row.attribute, lang)) if p)
    base_year, target_year = _year(row.base_year), _year(row.target_year)
    real = _real_growth(row, actuals)
    stated = _growth_cell(row, lang)
    if real is not None and not row.growth_cumulative and fmt.to_float(row.growth_pct) is not None:
        stated = t("growth_basis_real", lang, rate=stated)  # a real rate: like for like with the realised one
    metrics = [
        (t("ex_base", lang, year=base_year or ""), fmt.value_text_display(row.base_value, row.base_text, unit, lang, row.unit_en, precision=fmt.precision_of(row))),
        (t("ex_target", lang, year=target_year or ""),
         fmt.value_text_display(row.target_value, row.target_text, unit, lang, row.unit_en, precision=fmt.precision_of(row))),
        (t("ex_stated", lang), stated),
        (t("ex_needed", lang),
         row_needed_text(row, lang, short=True)),
    ]
    status_md = ""
    if row.outcome is not None:  # a finished plan's table prints its outcome (专栏1)
        metrics.append((t("ex_actual", lang, year=_year(row.actual_year) or target_year or ""),
                        fmt.value_text_display(row.actual_value, row.actual_text, unit, lang, row.unit_en, precision=fmt.precision_of(row))))
        verdict = row.outcome or status.PENDING
        status_md = f"{fmt.md_escape(t('ex_outcome', lang))}{_colon(lang)}{status_markdown(verdict, lang)}"
    elif fmt.to_float(row.actual_value) is not None:
        metrics.append((t("ex_latest", lang, year=_year(row.actual_year)), fmt.fmt_value(row.actual_value, unit, lang, unit_en=row.unit_en)))
        status_md = f"{fmt.md_escape(t('ex_status', lang))}{_colon(lang)}{status_markdown(row.status, lang)}"
        if real is not None:  # GDP-like: realised real growth (comparable prices) beside the nominal growth
            metrics += real.lines(lang)
    if not status_md and has_verdict(row):  # a text target judged by a recorded verdict, with who, when and why
        status_md = f"{fmt.md_escape(t('ex_status', lang))}{_colon(lang)}{status_markdown(row.status, lang)}"
    if status_md and has_verdict(row):
        status_md += f"  \n{fmt.md_escape(verdict_line(row, lang))}"
    chart, why = path_chart(row, actuals, lang)
    source_title, source_table = printed_row(row, observations, lang)
    facts = [(t("ex_unit", lang), _text(row.unit_en if lang == "en" else row.unit_zh) or fmt.no_data(lang)),
             (t("ex_direction", lang), _direction_label(row.direction, lang)),
             (t("ex_col_id", lang), row.id)]
    lines = arithmetic_lines(row.id, arith, lang)
    price_note = t("ex_arith_price_note", lang) if lines and _text(unit) in CURRENCY_UNITS else ""
    return Detail(
        id=row.id, kind="indicator", title=name, subtitle=subtitle, metrics=metrics, status_markdown=status_md,
        chart=chart, chart_note=why if chart is not None else "", no_chart="" if chart is not None else why,
        arithmetic=lines or [t("ex_arith_none", lang)], arithmetic_note=price_note,
        source_title=source_title, source_table=source_table, note=note_text(row, lang),
        facts=facts,
    )


def figure_detail(row, lang: str, sectors: pd.DataFrame | None = None) -> Detail:
    """The detail of a prose figure: value, year, kind, topic, sector and the verbatim quote with its chapter."""
    name = _text(row.name_en if lang == "en" else row.name_zh) or row.id
    value_text = fmt.value_text_display(
        row.target_value if row.figure_kind == "target" else row.actual_value,
        row.target_text if row.figure_kind == "target" else row.actual_text, row.unit_zh, lang, row.unit_en)
    year = _year(row.target_year if row.figure_kind == "target" else row.actual_year)
    metrics = [(t("ex_figure_value", lang), value_text),
               (t("ex_figure_year", lang), fmt.fmt_year(year, lang)),
               (t("ex_figure_kind", lang), t(f"ex_figure_{row.figure_kind}", lang)),
               (t("ex_figure_topic", lang), topic_label(row.topic or "", lang) if row.topic else fmt.no_data(lang))]
    if _text(row.sector):
        sector = row.sector
        if sectors is not None and not sectors.empty:
            match = sectors[sectors["sector"] == row.sector]
            if not match.empty:
                sector = match.iloc[0]["name_en" if lang == "en" else "name_zh"]
        metrics.append((t("ex_figure_sector", lang), str(sector)))
    subtitle = " · ".join((fmt.source_ref(row.source_ref, lang), plan_label(row.plan_id, lang), kind_label("figure", lang)))
    return Detail(
        id=row.id, kind="figure", title=name, subtitle=subtitle, metrics=metrics,
        source_title=t("ex_source_quote", lang, chapter=fmt.source_ref(row.source_ref, lang)), quote=_text(row.quote) or "",
        facts=[(t("ex_col_id", lang), row.id)],
    )


def item_role(rows: pd.DataFrame, item_id: str) -> str:
    """The plan role of an item (gdp, industry_share…; '' for none): the 经济运行 figures that feed that role are
    shown beside its yearly series (views.economy.plan_link)."""
    if "role" not in rows.columns:
        return ""
    match = rows.loc[rows["id"] == item_id, "role"]
    value = match.iloc[0] if len(match) else None
    return value if isinstance(value, str) else ""


def detail(rows: pd.DataFrame, item_id: str, lang: str, **data) -> Detail | None:
    """The detail of `item_id` (None when it is not in `rows`)."""
    match = rows[rows["id"] == item_id]
    if match.empty:
        return None
    row = next(rowwise.rows(match))
    if row.kind == "figure":
        return figure_detail(row, lang, data.get("sectors"))
    return indicator_detail(row, lang, data.get("observations"), data.get("actuals"), data.get("arith"))


def catalog_from_data():
    """(tables by plan, catalog rows, plan checks) read from the data layer; cached per data version via ui.view."""
    from lishi_metrics.data import db as data

    plans = data.plans()
    tables = {str(plan): data.indicator_table(str(plan)) for plan in plans["plan_id"]}
    figure_plans = (DOCUMENT_PLAN, previous_plan(plans, DOCUMENT_PLAN))
    return tables, catalog_rows(tables, data.text_figures(), figure_plans), plan_checks(tables)


def warm_up_models(lang: str, plan_id: str, day: str) -> list[tuple]:
    """What this page builds through ui.view for its first visitor, as (function, arguments): the warm-up
    (ui.warmup, for pages the registry marks `warm`) builds them before the server listens."""
    return [(catalog_from_data, ())]
