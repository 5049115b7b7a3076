"""Validate the source tables: schema and types, ids, completeness of both plan tables, units, verbatim quotes."""

from __future__ import annotations

import math
import re
from pathlib import Path

from lishi_metrics.config import DOCUMENT_PLAN, PLAN_DOCUMENT, SOURCE_DIR, TABLES
from lishi_metrics.data import placements
from lishi_metrics.data.build import printed_kinds, read_source
from lishi_metrics.data.schema import CUMULATIVE_RULES, FREQUENCIES, MEASURES, NULLABLE, PRIMARY_KEYS, ROLES
from lishi_metrics.errors import DataError
from lishi_metrics.model import printed

ENUMS = {
    ("indicators", "plan_id"): {"fyp13", "fyp14"},
    ("indicators", "table_ref"): {"专栏1", "专栏2"},
    ("indicators", "attribute"): {"预期性", "约束性"},
    ("indicators", "direction"): {"up", "down", "none"},
    ("indicators", "value_type"): {"level", "share", "rate", "count", "text"},
    ("indicators", "role"): set(ROLES),
    ("indicators", "cumulative_rule"): set(CUMULATIVE_RULES),
    ("observations", "value_kind"): set(printed.VALUE_KINDS),
    ("observations", "growth_kind"): set(printed.GROWTH_KINDS),
    ("observations", "value_op"): set(printed.OPS),
    ("observations", "growth_op"): set(printed.OPS),
    ("observations", "kind"): {"base", "target", "actual"},
    ("text_figures", "kind"): {"target", "achievement"},
    ("periodic_indicators", "frequency"): set(FREQUENCIES),
    ("periodic_indicators", "measures"): set(MEASURES),
    ("periodic_indicators", "direction"): {"up", "down"},
    ("periodic_indicators", "feeds_role"): set(ROLES),
    ("text_figures", "topic"): {
        "industry", "innovation", "ecology", "livelihood", "agriculture", "urban", "reform", "opening", "governance",
    },
}
# Words that print a bound next to a prose figure (50 家以上, 20 余支, 303 天左右, 超百亿元, 4A景区“破零”):
# a text_figures row's qualifier must be one of these keys, and its quote must contain one of the words.
QUALIFIER_MARKERS = {
    "at_least": ("以上", "不低于", "不少于", "破零"),
    "more_than": ("超", "余", "多"),
    "about": ("左右", "约"),
    "at_most": ("以内", "以下", "不超过"),
}
_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
              "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN_BIG = {"万": 10**4, "亿": 10**8}
_CN_RUN = re.compile("[" + "".join([*_CN_DIGITS, *_CN_UNITS, *_CN_BIG]) + "]+")
# Rows per plan table, as printed: 专栏2 has 34 numbered indicators; 专栏1 numbers 1–30 with sub-rows.
EXPECTED_SEQS = {"fyp14": {str(i) for i in range(1, 35)}, "fyp13": {str(i) for i in range(1, 31)}}
EXPECTED_KINDS = {"fyp14": {(2020, "actual"), (2025, "target")},
                  "fyp13": {(2015, "base"), (2020, "target"), (2020, "actual")}}


def number_forms(value: float) -> set[str]:
    """Ways a number may be printed: 16.7, 500 (not 500.0), 0.50 → 0.5."""
    if value == int(value):
        return {str(int(value))}
    return {repr(value), f"{value:g}"}


def chinese_number(token: str) -> float | None:
    """The value of a number written in Chinese numerals: 两 → 2, 十五 → 15, 百 → 100, 万 → 10000; None if not one."""
    total = section = digit = 0
    for ch in token:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        elif ch in _CN_UNITS:
            section += (digit or 1) * _CN_UNITS[ch]
            digit = 0
        elif ch in _CN_BIG:
            total = ((total + section + digit) or 1) * _CN_BIG[ch]
            section = digit = 0
        else:
            return None
    return float(total + section + digit)


def chinese_numbers(text: str) -> set[float]:
    """Numbers a text writes in Chinese numerals. Every leading part of a run counts, so 超百亿元 holds 100 (in
    亿元) as well as 10^10; 「破零」 (the first one, where there was none) holds 1."""
    found = {1.0} if "破零" in text else set()
    for run in _CN_RUN.findall(text):
        for end in range(1, len(run) + 1):
            value = chinese_number(run[:end])
            if value is not None:
                found.add(value)
    return found


def joined(document: str) -> str:
    """The document without line breaks: the transcription breaks some sentences where the printed page ends
    (与全|国同步, 与先|进制造业), so quotes are matched against the text with its line breaks removed."""
    return re.sub(r"\n+", "", document)


def check(source_dir: Path = SOURCE_DIR, document: Path = PLAN_DOCUMENT) -> list[str]:
    """Return one readable line per problem; an empty list means the sources are valid."""
    problems: list[str] = []
    tables: dict[str, list[dict]] = {}
    for name in TABLES:
        try:
            tables[name] = read_source(name, source_dir).to_pylist()
        except DataError as exc:
            problems.append(str(exc))
    if problems:
        return problems
    doc = joined(document.read_text(encoding="utf-8"))

    for name, rows in tables.items():
        key = PRIMARY_KEYS[name]
        seen: set = set()
        for i, row in enumerate(rows, 2):
            k = tuple(row[c] for c in key)
            if k in seen:
                problems.append(f"{name}.csv row {i}: duplicate key {k}")
            seen.add(k)
            for col, val in row.items():
                if val is None and col not in NULLABLE.get(name, set()) and name in NULLABLE:
                    problems.append(f"{name}.csv row {i}: {col} is empty")
                if (name, col) in ENUMS and val is not None and val not in ENUMS[(name, col)]:
                    problems.append(f"{name}.csv row {i}: {col}={val!r} not in {sorted(ENUMS[(name, col)])}")

    plans = {r["plan_id"]: r for r in tables["plans"]}
    for pid, r in plans.items():
        prev = r["previous_plan_id"]
        if prev is not None and (prev == pid or prev not in plans):
            problems.append(f"plans.csv {pid}: previous_plan_id {prev!r} is not another plan of plans.csv")
        elif prev is not None and plans[prev]["end_year"] >= r["start_year"]:
            problems.append(f"plans.csv {pid}: previous plan {prev} ends in {plans[prev]['end_year']}, "
                            f"not before {r['start_year']}")

    units = {r["unit_zh"] for r in tables["units"]}
    sectors = {r["sector"] for r in tables["sectors"]}
    inds = {r["indicator_id"]: r for r in tables["indicators"]}
    for iid, r in inds.items():
        if r["unit_zh"] and r["unit_zh"] not in units:
            problems.append(f"indicators.csv {iid}: unit {r['unit_zh']!r} not in units.csv")
        if r["name_zh"].replace(" ", "") not in doc.replace(" ", ""):
            problems.append(f"indicators.csv {iid}: name {r['name_zh']!r} not found in the plan document")
    values_printed: dict[str, list] = {iid: [] for iid in inds}
    for o in tables["observations"]:
        if o["indicator_id"] in values_printed:
            values_printed[o["indicator_id"]].append(o["value_text"])
    for iid, r in inds.items():
        problems += [f"indicators.csv {iid}: {en}" for en, _ in precision_problems(
            r["decimals"], values_printed[iid], r["value_type"], required=True)]
    roles_seen: set[tuple[str, str]] = set()
    for iid, r in inds.items():
        if r["role"] is not None:
            if (r["plan_id"], r["role"]) in roles_seen:
                problems.append(f"indicators.csv {iid}: role {r['role']!r} is given twice in plan {r['plan_id']}")
            roles_seen.add((r["plan_id"], r["role"]))
    for plan in EXPECTED_SEQS:
        if (plan, "gdp") not in roles_seen:
            problems.append(f"indicators.csv {plan}: no row has role 'gdp' (the pages need the plan's GDP row)")
    for plan, seqs in EXPECTED_SEQS.items():
        got = {r["seq"] for r in inds.values() if r["plan_id"] == plan}
        if got != seqs:
            problems.append(f"indicators.csv {plan}: sequence numbers missing {sorted(seqs - got, key=int)}"
                            f" or extra {sorted(got - seqs)}")
    kinds: dict[str, set] = {iid: set() for iid in inds}
    for i, o in enumerate(tables["observations"], 2):
        if o["indicator_id"] not in inds:
            problems.append(f"observations.csv row {i}: unknown indicator {o['indicator_id']!r}")
            continue
        kinds[o["indicator_id"]].add((o["year"], o["kind"]))
        if o["value"] is not None and not _same_number(o["value_text"], o["value"]):
            problems.append(f"observations.csv row {i}: value {o['value']} differs from printed {o['value_text']!r}")
        grown = printed.parse(o["growth_text"], "growth")
        if o["growth_pct"] is not None and not (grown.value is not None
                                                and _same_number(repr(grown.value), o["growth_pct"])):
            problems.append(f"observations.csv row {i}: growth {o['growth_pct']} differs from {o['growth_text']!r}")
        if bool(o["growth_cumulative"]) != (grown.kind == printed.CUMULATIVE):
            problems.append(f"observations.csv row {i}: growth_cumulative {o['growth_cumulative']} but "
                            f"{o['growth_text']!r} reads as {grown.kind or 'nothing'}")
        read = printed_kinds(o["value_text"], o["growth_text"])
        for col, expected in read.items():
            if o[col] != expected:
                problems.append(f"observations.csv row {i}: {col} {o[col]!r} but the printed text reads as {expected!r}")
    for iid, got in kinds.items():
        need = EXPECTED_KINDS[inds[iid]["plan_id"]]
        if not need <= got:
            problems.append(f"observations.csv {iid}: missing cells {sorted(need - got)}")

    for i, f in enumerate(tables["text_figures"], 2):
        if f["unit_zh"] not in units:
            problems.append(f"text_figures.csv row {i}: unit {f['unit_zh']!r} not in units.csv")
        if f["sector"] is not None and f["sector"] not in sectors:
            problems.append(f"text_figures.csv row {i}: sector {f['sector']!r} not in sectors.csv")
        if f["quote"] not in doc:
            problems.append(f"text_figures.csv row {i} ({f['figure_id']}): quote not found verbatim in the plan document")
        for col in ("value", "value_max"):
            v = f[col]
            if v is not None and not any(form in f["quote"] for form in number_forms(v)) \
                    and v not in chinese_numbers(f["quote"]):
                problems.append(f"text_figures.csv row {i} ({f['figure_id']}): {col} {v:g} does not appear in its quote")
        q = f["qualifier"]
        if q is not None and q not in QUALIFIER_MARKERS:
            problems.append(f"text_figures.csv row {i} ({f['figure_id']}): qualifier={q!r} not in "
                            f"{sorted(QUALIFIER_MARKERS)}")
        elif q is not None and not any(word in f["quote"] for word in QUALIFIER_MARKERS[q]):
            problems.append(f"text_figures.csv row {i} ({f['figure_id']}): qualifier {q} but its quote has none of "
                            f"{'/'.join(QUALIFIER_MARKERS[q])}")
    for i, e in enumerate(tables["enterprises"], 2):
        if e["sector"] not in sectors:
            problems.append(f"enterprises.csv row {i}: sector {e['sector']!r} not in sectors.csv")
        if e["quote"] not in doc:
            problems.append(f"enterprises.csv row {i}: quote not found verbatim in the plan document")
    for i, s in enumerate(tables["statements"], 2):
        if s["text_zh"] not in doc:
            problems.append(f"statements.csv row {i} ({s['statement_id']}): text not found verbatim in the plan document")
    problems += placements.check(tables["placements"], inds, ROLES,
                                 {f["figure_id"]: DOCUMENT_PLAN for f in tables["text_figures"]},
                                 {p["plan_id"]: p["previous_plan_id"] for p in tables["plans"] if p["previous_plan_id"]})
    for i, p in enumerate(tables["projects"], 2):
        if p["sector"] not in sectors:
            problems.append(f"projects.csv row {i}: sector {p['sector']!r} not in sectors.csv")
    unit_en = {r["unit_zh"]: r["unit_en"] for r in tables["units"]}
    for i, p in enumerate(tables["periodic_indicators"], 2):
        if p["unit_zh"] not in units:
            problems.append(f"periodic_indicators.csv row {i}: unit {p['unit_zh']!r} not in units.csv")
        elif p["unit_en"] != unit_en[p["unit_zh"]]:
            problems.append(f"periodic_indicators.csv row {i}: unit_en {p['unit_en']!r} is not units.csv's "
                            f"{unit_en[p['unit_zh']]!r} for {p['unit_zh']}")
    orders = [p["row_order"] for p in tables["periodic_indicators"]]
    if len(set(orders)) != len(orders):
        problems.append("periodic_indicators.csv: row_order repeats a number")
    return problems


def precision_problems(decimals: int | None, printed_texts: list, value_type: str | None,
                       required: bool = False) -> list[tuple[str, str]]:
    """What is wrong with an indicator's display precision (indicators.decimals), as (English, Chinese): not a
    whole number of decimals from 0 to printed.MAX_DECIMALS, decimals on a count of things, or fewer decimals than
    a printed value cell has (the pages would drop digits the plan prints). Shared by this check and the plan
    workbook's."""
    top = printed.MAX_DECIMALS
    if decimals is None:
        return [("decimals is empty (the decimals its figures are shown with)", "decimals（显示的小数位数）未填写")] \
            if required else []
    if not 0 <= decimals <= top:
        return [(f"decimals {decimals} is not between 0 and {top}", f"decimals {decimals} 不在 0 至 {top} 之间")]
    if value_type == "count" and decimals != 0:
        return [(f"decimals {decimals} on a count of things (value_type count is shown in whole numbers: 0)",
                 f"decimals {decimals}：个数（value_type 为 count）只显示整数，应为 0")]
    most = max((d for d in map(printed.decimals, printed_texts) if d is not None), default=0)
    if decimals < most:
        return [(f"decimals {decimals} drops digits the plan prints (a printed value has {most} decimals)",
                 f"decimals {decimals} 少于规划原文的小数位数（原文数值有 {most} 位小数）")]
    return []


def _same_number(text: str | None, value: float) -> bool:
    try:
        return math.isclose(float(text), value, rel_tol=0, abs_tol=1e-12)
    except (TypeError, ValueError):
        return False


__all__ = ["QUALIFIER_MARKERS", "check", "chinese_number", "chinese_numbers", "joined", "number_forms",
           "precision_problems"]
