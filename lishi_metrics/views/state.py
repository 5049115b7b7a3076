"""URL query parameters ↔ typed, validated values; never raises, reports what it changed."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

# Message keys for i18n; each Notice carries one.
CLAMPED = "notice.clamped"  # out of range, replaced by the nearest bound
NOT_A_NUMBER = "notice.not_a_number"
NOT_FINITE = "notice.not_finite"  # nan, inf
NOT_AN_INTEGER = "notice.not_an_integer"
UNKNOWN_CHOICE = "notice.unknown_choice"
TOO_LONG = "notice.too_long"  # the whole value is too long to be meant
TOO_MANY_VALUES = "notice.too_many_values"  # extra list items dropped
TEXT_TRUNCATED = "notice.text_truncated"
CONTROL_CHARS = "notice.control_chars_removed"
UNKNOWN_PARAM = "notice.unknown_param"  # a name the page does not use: removed from the address
MORE_UNKNOWN = "notice.more_unknown_params"  # how many more such names were removed (value is the count)
REPEATED_PARAM = "notice.repeated_param"  # a name given more than once (g=1&g=2): the last value kept, once
MESSAGE_KEYS = (
    CLAMPED,
    NOT_A_NUMBER,
    NOT_FINITE,
    NOT_AN_INTEGER,
    UNKNOWN_CHOICE,
    TOO_LONG,
    TOO_MANY_VALUES,
    TEXT_TRUNCATED,
    CONTROL_CHARS,
    UNKNOWN_PARAM,
    MORE_UNKNOWN,
)

RAW_SHOWN = 40  # characters of the offending input kept in a notice
MAX_NUMBER_LEN = 40
MAX_LIST_LEN = 200
# Plain decimal or scientific notation; no underscores, hex or words (nan/inf are handled apart).
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
_NON_FINITE = re.compile(r"[+-]?(?:nan|inf|infinity)", re.IGNORECASE)


@dataclass(frozen=True)
class Notice:
    """One thing the parser changed: which parameter, the input (plain text), why, and how.

    kind: 'clamped' (kept, moved into range or cut short), 'ignored' (replaced by the default),
    'unknown' (a parameter the page does not use, removed) or 'repeated' (given more than once: the last value
    kept, the others removed from the address). value: the value used instead, as text ('' when not useful).
    """

    param: str
    raw: str
    message_key: str
    kind: str
    value: str = ""


def _clean(text: str) -> str:
    """Drop control, format, surrogate and unassigned characters (Unicode category C*)."""
    return "".join(ch for ch in text if not unicodedata.category(ch).startswith("C"))


def _shown(raw: object) -> str:
    return _clean(str(raw)[: RAW_SHOWN * 4])[:RAW_SHOWN]


def _last(raw: object) -> str | None:
    """The raw value as text: None when absent; the last item when it arrives as a list."""
    if isinstance(raw, (list, tuple)):
        raw = raw[-1] if raw else None
    if raw is None:
        return None
    return raw if isinstance(raw, str) else str(raw)


def _notice(param: str, raw: object, key: str, kind: str, value: object = "") -> Notice:
    return Notice(param, _shown(raw), key, kind, "" if value is None else str(value))


def _to_float(text: str) -> tuple[float | None, str | None]:
    """(number, None) or (None, message key) for one already-stripped item."""
    if len(text) > MAX_NUMBER_LEN:
        return None, TOO_LONG
    # NFKC turns full-width digits (９.８), as typed on Chinese keyboards, into ASCII.
    text = unicodedata.normalize("NFKC", text).replace("\u2212", "-").strip()
    if _NON_FINITE.fullmatch(text):
        return None, NOT_FINITE
    if not _NUMBER.fullmatch(text):
        return None, NOT_A_NUMBER
    value = float(text)
    return (value, None) if math.isfinite(value) else (None, NOT_FINITE)


def _clamp(value: float, lo: float | None, hi: float | None) -> float:
    if lo is not None and value < lo:
        return lo
    if hi is not None and value > hi:
        return hi
    return value


def parse_float(
    raw: object, default: float, lo: float | None = None, hi: float | None = None, param: str = ""
) -> tuple[float, list[Notice]]:
    """A float within [lo, hi]; absent or empty gives the default silently."""
    text = _last(raw)
    if text is None or not text.strip():
        return default, []
    value, problem = _to_float(text)
    if problem:
        return default, [_notice(param, text, problem, "ignored", default)]
    clamped = _clamp(value, lo, hi)
    if clamped != value:
        return clamped, [_notice(param, text, CLAMPED, "clamped", clamped)]
    return value, []


def parse_int(
    raw: object, default: int, lo: int | None = None, hi: int | None = None, param: str = ""
) -> tuple[int, list[Notice]]:
    """An integer within [lo, hi]; '1e4' and '10000.0' count, '12.5' is ignored."""
    text = _last(raw)
    if text is None or not text.strip():
        return default, []
    value, problem = _to_float(text)
    if problem is None and value != int(value):
        problem = NOT_AN_INTEGER
    if problem:
        return default, [_notice(param, text, problem, "ignored", default)]
    clamped = int(_clamp(value, lo, hi))
    if clamped != value:
        return clamped, [_notice(param, text, CLAMPED, "clamped", clamped)]
    return clamped, []


def parse_choice(raw: object, choices: Sequence, default, param: str = ""):
    """One of `choices` (compared as text, case-insensitive), returned as the choice itself."""
    text = _last(raw)
    if text is None or not text.strip():
        return default, []
    key = unicodedata.normalize("NFKC", text).strip().casefold()
    for choice in choices:
        if str(choice).casefold() == key:
            return choice, []
    return default, [_notice(param, text, UNKNOWN_CHOICE, "ignored", default)]


def parse_float_list(
    raw: object,
    n: int,
    default_list: Sequence[float],
    lo: float | None = None,
    hi: float | None = None,
    param: str = "",
) -> tuple[list[float], list[Notice]]:
    """n floats from 'a,b,c': one value fills every year, fewer are padded with the last.

    Extra values are dropped, junk or nan/inf items take that year's default, and
    out-of-range items are clamped; each with a notice.
    """
    n = max(int(n), 0)
    defaults = [float(v) for v in default_list][:n] or [0.0]
    defaults += [defaults[-1]] * (n - len(defaults))
    text = _last(raw)
    if text is None or not text.strip() or n == 0:
        return defaults[:n], []
    if len(text) > MAX_LIST_LEN:
        return defaults, [_notice(param, text, TOO_LONG, "ignored")]
    items = unicodedata.normalize("NFKC", text).split(",")
    notices = []
    if len(items) > n:
        notices.append(_notice(param, text, TOO_MANY_VALUES, "ignored", ",".join(items[n:])))
        items = items[:n]
    values = []
    for i, item in enumerate(items):
        value, problem = _to_float(item) if item.strip() else (None, NOT_A_NUMBER)
        if problem:
            notices.append(_notice(param, item, problem, "ignored", defaults[i]))
            value = defaults[i]
        else:
            clamped = _clamp(value, lo, hi)
            if clamped != value:
                notices.append(_notice(param, item, CLAMPED, "clamped", clamped))
            value = clamped
        values.append(value)
    values += [values[-1]] * (n - len(values))
    return values, notices


def parse_text(raw: object, max_len: int = 100, param: str = "") -> tuple[str, list[Notice]]:
    """Plain text without control characters, at most `max_len` characters."""
    text = _last(raw)
    if text is None:
        return "", []
    notices = []
    clean = _clean(text)
    if clean != text:
        notices.append(_notice(param, text, CONTROL_CHARS, "ignored"))
    if len(clean) > max_len:
        clean = clean[:max_len]
        notices.append(_notice(param, text, TEXT_TRUNCATED, "clamped", clean))
    return clean, notices


def _short(value: float) -> str:
    text = repr(round(float(value), 4) + 0.0)  # + 0.0 turns -0.0 into 0.0
    return text.removesuffix(".0")


def format_float_list(values: Sequence[float], each: bool = False) -> str:
    """Shortest URL form: '9.8' when every value is equal, else '9.8,9.8,7.3'; with `each`, always one value
    per item ('9.8,9.8,9.8': the per-year controls are shown even though the values are equal)."""
    parts = [_short(v) for v in values]
    return parts[0] if parts and len(set(parts)) == 1 and not each else ",".join(parts)


def _items(raw: object) -> int:
    """How many comma-separated items a raw list value holds (0 when absent or empty)."""
    text = _last(raw)
    if text is None or not text.strip() or len(text) > MAX_LIST_LEN:
        return 0
    return unicodedata.normalize("NFKC", text[: MAX_LIST_LEN + 1]).count(",") + 1


PLAN_PARAM = "plan"


def parse_plan(raw: object, plans, today, fallback: str | None = None) -> tuple[str, list[Notice]]:
    """The plan a page shows: `plan=ID` when ID is a known plan, else `fallback` (the session's choice) when it
    is known, else the default plan for `today` (lishi_metrics.data.plans.default_plan).

    Args:
        raw: the URL value (None when absent; a list counts by its last item).
        plans: the plans catalogue (plan_id, start_year, end_year).
        today: the date the default is resolved for (a date; injected in tests).
        fallback: a plan chosen earlier in the session.
    """
    from lishi_metrics.data.plans import DOCUMENT_PLAN, default_plan

    known = [str(p) for p in plans["plan_id"]] if plans is not None and len(plans) else []
    default = fallback if fallback in known else (default_plan(plans, today) or DOCUMENT_PLAN)
    text = _last(raw)
    if text is None or not text.strip():
        return default, []
    key = unicodedata.normalize("NFKC", text).strip()
    for plan_id in known:
        if plan_id.casefold() == key.casefold():
            return plan_id, []
    return default, [_notice(PLAN_PARAM, text, UNKNOWN_CHOICE, "ignored", default)]


def plan_label(plans, plan_id: str, lang: str) -> str:
    """A plan's name for choosers and headings: the shipped ones by their short names, imported ones by their
    own name and period."""
    from lishi_metrics.text.i18n import STRINGS, t

    rows = plans.loc[plans["plan_id"] == plan_id] if plans is not None and len(plans) else None
    r = rows.iloc[0] if rows is not None and not rows.empty else None
    sfx = "en" if lang == "en" else "zh"
    short = _cell(r, f"short_name_{sfx}") if r is not None else None
    if short and "short_name_zh" in plans:
        # Two plans of one short name (a district's and the nation's “十四五”) are told apart by their region.
        same = plans[(plans["plan_id"] != plan_id) & (plans["short_name_zh"] == _cell(r, "short_name_zh"))]
        if not same.empty:
            return t("plan_period_region", lang, region=_cell(r, f"region_{sfx}") or "", short=short,
                     start=int(r["start_year"]), end=int(r["end_year"]))
    if f"plan_{plan_id}" in STRINGS:
        return t(f"plan_{plan_id}", lang)
    if r is None:
        return plan_id
    name = r.get("name_en" if lang == "en" else "name_zh") or r.get("name_zh") or plan_id
    return t("plan_period", lang, name=name, start=int(r["start_year"]), end=int(r["end_year"]))


def _cell(row, column: str) -> str | None:
    """A text cell of a plans row, None when empty or absent."""
    value = row.get(column) if row is not None else None
    return str(value) if isinstance(value, str) and value.strip() else None


# The scenario page's URL contract (issue 4); links must keep working. The number of yearly values in g and
# p, their defaults and the horizons come from the plan shown (views.scenario.PlanFacts), not from constants.
# g and p with more than one value (even equal ones, 'g=8,8,8,8,8') open the per-year sliders; one value
# ('g=8') opens "same for all years" (issue 14.8). from, ind, rest and tab are left out while at their defaults.
G_RANGE = (-10.0, 25.0)
P_RANGE = (-10.0, 20.0)
SIGMA_DEFAULT, SIGMA_RANGE = 1.0, (0.0, 20.0)
N_DEFAULT, N_RANGE = 10_000, (100, 200_000)
SEED_DEFAULT, SEED_RANGE = 2021, (0, 2**31 - 1)
HORIZON_STEPS = (0, 5, 10)  # the plan's target year, then five and ten years on (2025, 2030, 2035 for fyp14)
LR_DEFAULT, LR_RANGE = 5.0, (0.0, 15.0)
JOINT_RANGE = (-10.0, 40.0)  # the joint-target sliders: nominal growth of industry and of the rest, % a year
SCENARIO_TABS = ("table", "joint", "compare")  # the page's tabs, as tab= names them; the first is the default
LANGS = ("zh", "en")
SCENARIO_PARAMS = ("g", "p", "sigma", "n", "seed", "horizon", "lr", "from", "ind", "rest", "tab")


def horizons(target_year: int) -> tuple[int, ...]:
    """The scenario's horizons for a plan ending in `target_year`."""
    return tuple(int(target_year) + step for step in HORIZON_STEPS)


@dataclass(frozen=True)
class ScenarioParams:
    """The scenario page's state, in URL units: growth and price in percent a year.

    p None means "use the plan-implied price change". g_each / p_each: the per-year sliders are shown (the
    "same for all years" toggle is off) even if every year has the same value. from_year: the first year of
    "what growth is needed" (None: the scenario's starting year). ind, rest: the joint-target sliders,
    nominal growth in % a year (None: the plan's joint requirement). tab: the open tab (SCENARIO_TABS).
    Build the defaults for a plan with default_params.
    """

    g: tuple[float, ...]
    p: tuple[float, ...] | None = None
    sigma: float = SIGMA_DEFAULT
    n: int = N_DEFAULT
    seed: int = SEED_DEFAULT
    horizon: int = 0
    lr: float = LR_DEFAULT
    lang: str = LANGS[0]
    g_each: bool = False
    p_each: bool = False
    from_year: int | None = None
    ind: float | None = None
    rest: float | None = None
    tab: str = SCENARIO_TABS[0]

    @property
    def real_growth(self) -> list[float]:
        """Real growth per simulated year as fractions."""
        return [v / 100.0 for v in self.g]

    @property
    def price_change(self) -> list[float] | None:
        """Price change per simulated year as fractions, or None for the implied one."""
        return None if self.p is None else [v / 100.0 for v in self.p]


def default_params(facts) -> ScenarioParams:
    """The plan preset for a plan (`facts`: views.scenario.PlanFacts): its real growth every year, the implied
    price, the target year as horizon."""
    return ScenarioParams(g=(round(facts.plan_real * 100.0, 10),) * facts.years, horizon=int(facts.target_year))


def parse_scenario_params(params: Mapping[str, object] | None, facts) -> tuple[ScenarioParams, list[Notice]]:
    """ScenarioParams from query parameters (a value may be a list: the last counts) for the plan of `facts`
    (views.scenario.PlanFacts: years, plan_real, implied_price, target_year, required_from_years)."""
    defaults = default_params(facts)
    sim_years = facts.years
    choices = horizons(facts.target_year)
    getter = getattr(params, "get", None)  # a dict, st.query_params or anything with .get

    def get(key: str) -> object:
        try:
            return getter(key) if callable(getter) else None
        except Exception:  # a broken mapping must not break the page
            return None

    notices: list[Notice] = []

    def take(result):
        value, found = result
        notices.extend(found)
        return value

    def optional_float(key: str, lo: float, hi: float) -> float | None:
        """A number, or None (the default) when absent or unusable."""
        value, found = parse_float(get(key), math.nan, lo, hi, param=key)
        notices.extend(Notice(n.param, n.raw, n.message_key, n.kind) if n.kind == "ignored" else n for n in found)
        return None if math.isnan(value) else value

    g = take(parse_float_list(get("g"), sim_years, defaults.g, *G_RANGE, param="g"))
    p = None
    p_raw = _last(get("p"))
    if p_raw is not None and p_raw.strip():
        # A junk year in p falls back to the plan-implied price, as p=None does.
        implied = [facts.implied_price * 100.0] * sim_years
        p_values, p_notices = parse_float_list(p_raw, sim_years, implied, *P_RANGE, param="p")
        notices.extend(p_notices)
        # Every year fell back (all junk): keep "implied" rather than its rounded numbers.
        p = None if p_values == implied else tuple(p_values)
    params_out = ScenarioParams(
        g=tuple(g),
        p=p,
        sigma=take(parse_float(get("sigma"), SIGMA_DEFAULT, *SIGMA_RANGE, param="sigma")),
        n=take(parse_int(get("n"), N_DEFAULT, *N_RANGE, param="n")),
        seed=take(parse_int(get("seed"), SEED_DEFAULT, *SEED_RANGE, param="seed")),
        horizon=take(parse_choice(get("horizon"), choices, choices[0], param="horizon")),
        lr=take(parse_float(get("lr"), LR_DEFAULT, *LR_RANGE, param="lr")),
        lang=take(parse_choice(get("lang"), LANGS, LANGS[0], param="lang")),
        g_each=_items(get("g")) > 1,
        p_each=p is not None and _items(p_raw) > 1,
        from_year=take(parse_choice(get("from"), tuple(facts.required_from_years), None, param="from")),
        ind=optional_float("ind", *JOINT_RANGE),
        rest=optional_float("rest", *JOINT_RANGE),
        tab=take(parse_choice(get("tab"), SCENARIO_TABS, SCENARIO_TABS[0], param="tab")),
    )
    return params_out, notices


def to_params(state: ScenarioParams) -> dict[str, str]:
    """The URL form of a ScenarioParams (p left out when it is the implied price; from, ind, rest and tab
    when at their defaults)."""
    out = {"g": format_float_list(state.g, state.g_each)}
    if state.p is not None:
        out["p"] = format_float_list(state.p, state.p_each)
    out.update(
        sigma=_short(state.sigma),
        n=str(state.n),
        seed=str(state.seed),
        horizon=str(state.horizon),
        lr=_short(state.lr),
        lang=state.lang,
    )
    if state.from_year is not None:
        out["from"] = str(state.from_year)
    if state.ind is not None:
        out["ind"] = _short(state.ind)
    if state.rest is not None:
        out["rest"] = _short(state.rest)
    if state.tab != SCENARIO_TABS[0]:
        out["tab"] = state.tab
    return out


# --- which parameters each page uses ------------------------------------------------------------------
# Every page reads lang= and plan= (ui.page_setup); these are its own. A parameter not listed for a page is
# unknown there: it gets a notice and is removed from the address (issue 14.8), so a shared link never
# carries a name that does nothing. Keyed by the page's URL path (views.registry.PAGES); the names are the
# ones the pages' parsers read (tests/test_url_params.py checks each page against this list).
COMMON_PARAMS = ("lang", PLAN_PARAM)
# A page with its own plan filter (the explorer, page_setup(plan_chooser=False)) reads plan=all as every plan.
ALL_PLANS = "all"
PAGE_PARAMS: dict[str, tuple[str, ...]] = {
    "overview": (),
    "industries": ("sector",),
    "ecology": ("table", "theme"),
    "livelihood": ("table", "topic"),
    "explorer": ("kind", "plan", "cat", "attr", "topic", "q", "id", "page"),
    "scenario": SCENARIO_PARAMS,
    "screen": ("rotate", "panel", "sidebar"),
    "economy": ("year", "as_of"),
    "data": (),
}
MAX_UNKNOWN_NOTICES = 5  # one line per unknown name up to this many, then one line with the count of the rest


def known_params(page: str) -> frozenset[str]:
    """The parameter names `page` (a URL path such as 'scenario') uses, the common ones included."""
    return frozenset((*COMMON_PARAMS, *PAGE_PARAMS.get(page, ())))


def unknown_params(params: Mapping[str, object] | None, page: str) -> tuple[list[str], list[Notice]]:
    """The names in `params` that `page` does not use, and a notice for each (the raw value shown).

    Returns (names to remove from the address, notices); at most MAX_UNKNOWN_NOTICES notices name a
    parameter, one more counts the rest. Never raises.
    """
    try:
        names = [str(k) for k in (params or {})]
    except Exception:  # noqa: BLE001 - a broken mapping must not break the page
        return [], []
    known = known_params(page)
    unknown = [name for name in names if name not in known]
    getter = getattr(params, "get", None)
    notices = []
    for name in unknown[:MAX_UNKNOWN_NOTICES]:
        try:
            raw = _last(getter(name)) if callable(getter) else None
        except Exception:  # noqa: BLE001
            raw = None
        notices.append(Notice(_shown(name), _shown(raw or ""), UNKNOWN_PARAM, "unknown"))
    if len(unknown) > MAX_UNKNOWN_NOTICES:
        notices.append(Notice("", "", MORE_UNKNOWN, "unknown", str(len(unknown) - MAX_UNKNOWN_NOTICES)))
    return unknown, notices


def repeated_params(values: Mapping[str, list[str]]) -> tuple[dict[str, str], list[Notice]]:
    """Parameters given more than once ({name: every value}): {name: the value kept (the last, as Streamlit's
    query_params.get reads it)} and a notice for each, showing the values dropped. Never raises."""
    keep, notices = {}, []
    for name, all_values in values.items():
        if len(all_values) > 1:
            keep[name] = str(all_values[-1])
            dropped = ", ".join(str(v) for v in all_values[:-1])
            notices.append(Notice(_shown(name), _shown(dropped), REPEATED_PARAM, "repeated", _shown(keep[name])))
    return keep, notices[:MAX_UNKNOWN_NOTICES]


def param_words(param: str, lang: str) -> str:
    """A URL parameter as a reader knows it: 实际增速（g） / real growth (g); the bare name when unknown."""
    from lishi_metrics.text.i18n import STRINGS, t

    key = f"param_word_{param}"
    return t(key, lang) if key in STRINGS else param


def notice_message(notice: Notice, lang: str) -> str:
    """A notice as one plain-text sentence in words (param_words), without the raw value, which each page
    adds in its own way (ui.show_notices as escaped Markdown, the big screen as plain text)."""
    from lishi_metrics.text.i18n import t

    if notice.message_key == MORE_UNKNOWN:
        return t("param_unknown_more", lang, n=notice.value)
    key = {"clamped": "param_clamped", "unknown": "param_unknown", "repeated": "param_repeated"}.get(
        notice.kind, "param_ignored")
    return t(key, lang, param=param_words(notice.param, lang), value=notice.value)

