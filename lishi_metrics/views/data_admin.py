"""The data maintenance page's logic without Streamlit: admin login, upload checks, preview, history, downloads.

Length (about 600 lines): one page model for the one admin page; its sections (sign-in, actuals import, plan
import, verdicts, the 经济运行 workbook, the store's state and rollback) share the store status and the bilingual
error texts, and the page stays thin only if they all live here.
"""

from __future__ import annotations

import io
import math
import os
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from lishi_metrics.actuals import auth, fileio, store
from lishi_metrics.actuals import upload as actuals_import
from lishi_metrics.data import export
from lishi_metrics.errors import ImportRejected, Problem, StoreError
from lishi_metrics.model import rowwise
from lishi_metrics.model import status as status_words
from lishi_metrics.text import fmt
from lishi_metrics.text.i18n import t

# --------------------------------------------------------------------------------------- admin gate

# The gate's state (throttle, pending delay, lockout, token salt) is one auth.AdminGate per server process,
# held by ui.admin_gate(); this module only words its answers.


def admin_password() -> str | None:
    """The configured admin password (env LISHI_ADMIN_PASSWORD, else .streamlit/secrets.toml), or None.

    Raises:
        LishiError: secrets.toml exists but cannot be read, or the password is too short.
    """
    return auth.configured_password(os.environ, auth.SECRETS_PATH)


def login_message(result: auth.LoginResult, lang: str) -> str:
    """What the page says after an attempt that did not unlock it."""
    seconds = max(1, math.ceil(result.retry_after))
    if result.outcome == "empty":
        return t("da_password_empty", lang)
    if result.outcome == "wrong-unlock":
        return t("da_password_wrong", lang)
    if result.outcome == "wait":
        return t("da_password_wait", lang, seconds=seconds)
    if result.outcome == "locked":
        return t("da_password_locked", lang, minutes=max(1, math.ceil(result.retry_after / 60)))
    return t("da_password_wrong", lang)


# --------------------------------------------------------------------------------------- store status

@dataclass(frozen=True)
class StoreStatus:
    """What the page shows about the store: current version, the values served, the history (oldest first),
    and what a full check found (store.health)."""

    version: int
    actuals: pd.DataFrame
    history: list[dict]
    health: store.integrity.Health | None = None

    @property
    def n_values(self) -> int:
        return len(self.actuals)

    @property
    def n_indicators(self) -> int:
        return int(self.actuals["indicator_id"].nunique()) if len(self.actuals) else 0

    @property
    def last_entry(self) -> dict | None:
        return self.history[-1] if self.history else None


def store_status(store_dir: str | os.PathLike[str]) -> StoreStatus:
    """Read the store once for the page.

    Raises:
        StoreError: the store cannot be read or is damaged.
    """
    state = store.health(store_dir)
    return StoreStatus(state.current, store.version_actuals(store_dir, state.served), list(state.entries), state)


def store_error_text(exc: Exception, lang: str) -> str:
    """A StoreError as the page shows it, in the page's language: what is wrong and what to do, never a server
    path, file name or command (those are in the log and the command line's message)."""
    code = getattr(exc, "code", "generic")
    params = {k: fmt.md_escape(v) for k, v in getattr(exc, "params", {}).items()}
    text = t(f"st_err_{code}", lang, **params)
    return t("st_err_generic", lang) if text == f"st_err_{code}" else text


def _since_text(iso: str) -> str:
    return format_time(iso) or "?"


def banner_text(state: store.integrity.Health | None, lang: str) -> str | None:
    """The notice every page shows while the current version cannot be read (None when it can)."""
    if state is None or not state.degraded:
        return None
    since = min((d.since for d in state.damage if d.kind == "version" and d.version == state.current and d.since),
                default=state.since)
    served = str(state.served) if state.served else t("st_banner_none", lang)
    return t("st_banner", lang, current=state.current, since=_since_text(since), served=served)


def damage_lines(state: store.integrity.Health | None, lang: str) -> list[str]:
    """One line per damaged part of the store, for the admin section (versions by number, no paths)."""
    if state is None:
        return []
    lines = []
    for d in state.damage:
        what = t(f"st_damage_kind_{d.kind}", lang, version=d.version)
        lines.append(t("st_damage_line", lang, what=what, reason=t(f"st_damage_reason_{d.reason}", lang),
                       since=_since_text(d.since)))
    return lines


def write_error_text(exc: Exception, lang: str) -> str:
    """Why a store write (import, rollback, plan import or removal) failed, as the page shows it: a StoreError
    says what is wrong with the store and how to fix it; any other error of the package is the input's."""
    if isinstance(exc, StoreError):
        return store_error_text(exc, lang)
    return t("da_input_error", lang, error=exc)


# --------------------------------------------------------------------------------------- history

# The one conversion of a stored timestamp to Beijing time lives in text.fmt (the reports print it too).
format_time = fmt.beijing_time


def short_checksum(sha256: object, length: int = 12) -> str:
    """The first `length` hex digits of a checksum ('' when there is none)."""
    return str(sha256)[:length] if sha256 else ""


def action_text(entry: dict, lang: str) -> str:
    """'导入' / 'Import', or '回滚 3 → 1' / 'Rollback 3 → 1' (from version 3 back to version 1)."""
    if entry.get("action") == "rollback":
        return t("da_action_rollback", lang, old=entry.get("previous_version", "?"), new=entry.get("rolled_back_to"))
    if entry.get("action") in ("plan_import", "plan_remove"):
        return t(f"da_action_{entry['action']}", lang, plan=str(entry.get("plan_id") or "?"))
    if entry.get("action") == "verdict":
        code = str(entry.get("verdict") or "")
        word = status_words.word(code, lang) if code in store.VERDICT_CODES else t("da_verdict_withdrawn", lang)
        return t("da_action_verdict", lang, indicator=store.printable(entry.get("indicator_id"), 80), verdict=word)
    return t("da_action_import", lang)


def _count(value: object) -> int:
    try:
        return int(value or 0)
    except (TypeError, ValueError):
        return 0


def _cell(value: object) -> str:
    """Free text from the history as a table cell: no control characters, and text a spreadsheet would run as
    a formula prefixed with ' (the table's CSV download, open to every viewer, carries these cells as shown)."""
    return str(fileio.neutralise(store.printable(value or "")))


def history_table(entries: list[dict], lang: str) -> pd.DataFrame:
    """The history as the page shows it: newest first, localised headers, shortened checksum."""
    rows = [
        {
            t("da_col_version", lang): _count(e.get("version")),
            t("da_col_time", lang): format_time(e.get("time")),
            t("da_col_by", lang): _cell(e.get("by")),
            t("da_col_action", lang): action_text(e, lang),
            t("da_col_file", lang): _cell(e.get("file_name")),
            t("da_col_checksum", lang): short_checksum(e.get("sha256")),
            t("da_col_added", lang): _count(e.get("added")),
            t("da_col_changed", lang): _count(e.get("changed")),
            t("da_col_unchanged", lang): _count(e.get("unchanged")),
            t("da_col_removed", lang): _count(e.get("removed")),
        }
        for e in reversed(entries)
    ]
    columns = ["da_col_version", "da_col_time", "da_col_by", "da_col_action", "da_col_file", "da_col_checksum",
               "da_col_added", "da_col_changed", "da_col_unchanged", "da_col_removed"]
    return pd.DataFrame(rows, columns=[t(c, lang) for c in columns])


# --------------------------------------------------------------------------------------- rollback

def rollback_choices(entries: list[dict], current: int, readable: tuple[int, ...] | None = None) -> list[int]:
    """Versions a rollback may go to: every imported version that reads (all imported ones when `readable` is
    None) and 0, except the current one; newest first."""
    imported = {_count(e.get("version")) for e in entries if e.get("action") in store.VERSION_ACTIONS}
    if readable is not None:
        imported &= set(readable)
    return sorted((imported | {0}) - {current}, reverse=True)


def version_label(version: int, entries: list[dict], lang: str) -> str:
    """'版本 2 · 2026-03-01 09:30 · 张三 · actuals.csv' (the import that created it), or the label of version 0."""
    if version == 0:
        return t("da_version_label_zero", lang)
    entry = next((e for e in entries if e.get("action") in store.VERSION_ACTIONS
                  and _count(e.get("version")) == version), {})
    return t("da_version_label", lang, version=version, time=format_time(entry.get("time")),
             by=store.printable(entry.get("by")) or "?",
             file=store.printable(entry.get("file_name") or entry.get("plan_id")) or "?")


# --------------------------------------------------------------------------------------- upload check

MAX_UPLOAD_MB = actuals_import.MAX_BYTES // (1024 * 1024)  # the same as server.maxUploadSize

@dataclass
class UploadCheck:
    """An upload read and validated against the current store; nothing is stored.

    Attributes:
        file_name, sha256: what the history will record.
        problems: errors (any rejects the upload).
        warnings: implausible values that need a confirmation.
        values: indicator_id, year, value to store (empty when rejected).
        preview: per value: indicator_id, name_zh, year, status, old, new.
        base_version: the store version the preview was computed against.
    """

    file_name: str
    sha256: str
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    values: pd.DataFrame = field(default_factory=pd.DataFrame)
    preview: pd.DataFrame = field(default_factory=pd.DataFrame)
    base_version: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    def can_commit(self, by: str, confirmed: bool) -> bool:
        """True when the upload is valid, has values, a name is given and any warnings are confirmed."""
        return self.ok and len(self.values) > 0 and bool(" ".join(str(by or "").split())) and (
            confirmed or not self.warnings)


def _css_string(text: str) -> str:
    """`text` as a CSS string literal: backslash, quote and line breaks escaped, so it stays one string."""
    out = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\a ").replace("\r", "")
    return f'"{out}"'


def uploader_css(lang: str) -> str:
    """Stylesheet that puts the file uploader's own texts (Streamlit writes "Drag and drop files here", "Limit 5MB
    per file • CSV, XLSX" and "Browse files" in English whatever the page's language) into the page's language:
    the English text is hidden and the translated one drawn in its place (issue 25.6)."""
    drop, limit, browse = (t(k, lang, mb=MAX_UPLOAD_MB) for k in ("da_drop_here", "da_drop_limit", "da_browse"))
    zone = '[data-testid="stFileUploaderDropzone"]'
    hide = "font-size: 0 !important; line-height: 0 !important;"
    show = "font-size: 0.875rem; line-height: 1.4; display: block;"
    return (
        f'{zone} [data-testid="stFileUploaderDropzoneInstructions"] span {{ {hide} }}\n'
        f'{zone} [data-testid="stFileUploaderDropzoneInstructions"] span::after {{ content: {_css_string(drop)}; {show} }}\n'
        f'{zone} [data-testid="stFileUploaderDropzoneInstructions"] small {{ {hide} }}\n'
        f'{zone} [data-testid="stFileUploaderDropzoneInstructions"] small::after {{ content: {_css_string(limit)};'
        f' {show} font-size: 0.75rem; }}\n'
        f'{zone} button {{ font-size: 0 !important; }}\n'
        f'{zone} button::after {{ content: {_css_string(browse)}; font-size: 0.875rem; }}\n'
    )


def check_upload(file_name: str, data: bytes, indicators: pd.DataFrame, status: StoreStatus) -> UploadCheck:
    """Read and validate an uploaded file against the plan's indicators and the current actuals."""
    name = Path(str(file_name or "")).name
    check = UploadCheck(file_name=name, sha256=actuals_import.sha256_bytes(data), base_version=status.version)
    try:
        frame = actuals_import.read_upload(name, data)
    except ImportRejected as exc:
        check.problems = exc.problems or [Problem(None, None, str(exc), str(exc))]
        return check
    result = actuals_import.validate(frame, indicators, status.actuals)
    check.problems, check.warnings = list(result.problems), list(result.warnings)
    if result.ok:
        check.values, check.preview = result.values, result.preview
    return check


def problem_table(problems: list[Problem], lang: str) -> pd.DataFrame:
    """Problems (or warnings) as a table: row, column, message in the language (English when no Chinese)."""
    with_sheet = any(getattr(p, "sheet", None) for p in problems)
    rows = [
        {
            **({t("da_col_sheet", lang): p.sheet or ""} if with_sheet else {}),
            t("da_col_row", lang): "" if p.row is None else str(p.row),
            t("da_col_column", lang): p.column or "",
            t("da_col_problem", lang): (p.message_zh or p.message) if lang == "zh" else p.message,
        }
        for p in problems
    ]
    keys = (("da_col_sheet",) if with_sheet else ()) + ("da_col_row", "da_col_column", "da_col_problem")
    return pd.DataFrame(rows, columns=[t(k, lang) for k in keys])


def preview_counts(preview: pd.DataFrame) -> dict[str, int]:
    """How many values of the upload are new, changed, unchanged."""
    status = preview["status"] if "status" in preview.columns else pd.Series([], dtype=str)
    return {k: int((status == k).sum()) for k in ("new", "changed", "unchanged")}


_STATUS_ORDER = {"changed": 0, "new": 1, "unchanged": 2}


def value_text(value: object, lang: str) -> str:
    """A stored number as typed ('170.2', '1234'); '（无）' / '(none)' when there is none."""
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return t("da_none", lang)
    if math.isnan(number):
        return t("da_none", lang)
    return store.format_value(number)


def preview_table(preview: pd.DataFrame, indicators: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The preview as the page shows it: changed first, then new, then unchanged; old → new as typed."""
    names = _names(indicators, lang)
    ordered = preview.assign(_order=preview["status"].map(_STATUS_ORDER).fillna(9)) if len(preview) else preview
    if len(preview):
        ordered = ordered.sort_values(["_order"], kind="stable")
    rows = [
        {
            t("da_col_indicator_id", lang): r.indicator_id,
            t("da_col_indicator", lang): names.get(r.indicator_id, (r.name_zh, ""))[0] or r.name_zh,
            t("da_col_unit", lang): names.get(r.indicator_id, ("", ""))[1],
            t("da_col_year", lang): str(int(r.year)),
            t("da_col_status", lang): t(f"da_status_{r.status}", lang),
            t("da_col_old", lang): value_text(r.old, lang),
            t("da_col_new", lang): value_text(r.new, lang),
        }
        for r in rowwise.rows(ordered, index=False)
    ]
    columns = ["da_col_indicator_id", "da_col_indicator", "da_col_unit", "da_col_year", "da_col_status",
               "da_col_old", "da_col_new"]
    return pd.DataFrame(rows, columns=[t(c, lang) for c in columns])


def _names(indicators: pd.DataFrame, lang: str) -> dict[str, tuple[str, str]]:
    suffix = "en" if lang == "en" else "zh"
    out = {}
    for rec in indicators.to_dict("records"):
        name = rec.get(f"name_{suffix}") or rec.get("name_zh") or ""
        unit = rec.get(f"unit_{suffix}") or rec.get("unit_zh") or ""
        out[str(rec["indicator_id"])] = ("" if _isna(name) else str(name), "" if _isna(unit) else str(unit))
    return out


def _isna(x: object) -> bool:
    try:
        return bool(pd.isna(x))
    except (TypeError, ValueError):
        return False


def commit(store_dir: str | os.PathLike[str], check: UploadCheck, by: str) -> dict:
    """Store a checked upload as a new version; return its history entry (version, added, changed …).

    Raises:
        StoreError: the store cannot be written; DataError: no name or no values.
    """
    version = store.commit_import(store_dir, check.values, by=by, file_name=check.file_name, sha256=check.sha256)
    entries = store.history(store_dir)
    entry = next((e for e in reversed(entries) if e.get("action") == "import" and e.get("version") == version), {})
    return {"version": version, **{k: _count(entry.get(k)) for k in ("added", "changed", "unchanged")}}


def rollback(store_dir: str | os.PathLike[str], version: int, by: str) -> None:
    """Make an earlier version (0 = no imported data) current again, recorded in the history.

    Raises:
        StoreError: the store cannot be written; UnknownVersion: no such version, or it is current.
    """
    store.rollback(store_dir, int(version), by=by)


# --------------------------------------------------------------------------------------- verdicts (评估结论)

VERDICT_CODES = store.VERDICT_CODES


def verdict_label(code: str, lang: str) -> str:
    """「✓ 已完成」 / "✗ Not met": a verdict as the pages show its status (model.status)."""
    return status_words.label(code, lang)


def verdict_rows(indicators: pd.DataFrame) -> pd.DataFrame:
    """The plan's rows whose target is text (data.indicator_table rows), each with any verdict recorded on it."""
    from lishi_metrics.model import printed

    keep = [status_words.target_rule(r.target_kind, r.growth_kind, r.target_value, r.target_text, r.growth_pct,
                                     r.growth_text)[0] == printed.TEXT for r in rowwise.rows(indicators)]
    return indicators.loc[keep].reset_index(drop=True)


def verdict_table(rows: pd.DataFrame, lang: str, escaped: bool = False) -> pd.DataFrame:
    """The text targets for the admin: indicator, target as printed, verdict, by whom, when, note.

    escaped: every cell Markdown-escaped (fmt.md_escape), for st.table, which renders Markdown.
    """
    def text(v: object) -> str:
        return store.printable(v, 300) if isinstance(v, str) else ""

    name = "name_en" if lang == "en" else "name_zh"
    rs = list(rowwise.rows(rows))
    out = pd.DataFrame({
        t("da_verdict_col_indicator", lang): [text(getattr(r, name)) or text(r.name_zh) for r in rs],
        t("da_verdict_col_target", lang): [fmt.value_text_display(None, r.target_text if isinstance(r.target_text, str)
                                                                  and r.target_text.strip() not in ("", "—")
                                                                  else r.growth_text, None, lang)
                                           for r in rs],
        t("da_verdict_col_verdict", lang): [status_words.label(r.verdict, lang) if r.verdict in VERDICT_CODES
                                            else status_words.label(status_words.PENDING, lang)
                                            for r in rs],
        t("da_verdict_col_by", lang): [text(r.verdict_by) for r in rs],
        t("da_verdict_col_time", lang): [format_time(r.verdict_time) if isinstance(r.verdict_time, str) else ""
                                         for r in rs],
        t("da_verdict_col_note", lang): [text(r.verdict_note) for r in rs],
    })
    return out.map(fmt.md_escape) if escaped else out


def record_verdict(store_dir: str | os.PathLike[str], indicator_id: str, verdict: str, note: str, by: str) -> int:
    """Record a verdict on a text target as a new store version (data.verdicts.record); returns the version."""
    from lishi_metrics.data import verdicts

    return verdicts.record(store_dir, indicator_id, verdict, note, by)


def withdraw_verdict(store_dir: str | os.PathLike[str], indicator_id: str, by: str) -> int:
    """Withdraw the verdict on a text target (it awaits evaluation again); returns the new version."""
    from lishi_metrics.data import verdicts

    return verdicts.withdraw(store_dir, indicator_id, by)


# --------------------------------------------------------------------------------------- downloads

def actuals_frame(actuals: pd.DataFrame, indicators: pd.DataFrame) -> pd.DataFrame:
    """The current actuals in the template's layout (one row per indicator, one column per year), re-importable."""
    frame = actuals_import.template_frame(indicators)
    if len(actuals):
        cells = {(str(r.indicator_id), int(r.year)): _plain_number(r.value)
                 for r in rowwise.rows(actuals, index=False) if not _isna(r.value)}
        for year in actuals_import.period_years(indicators):
            # object columns: ints stay '1234' in CSV (not '1234.0') and every value is a number cell in XLSX
            frame[str(year)] = pd.Series([cells.get((i, year), "") for i in frame["indicator_id"]], dtype=object)
    return frame


def _plain_number(value: object) -> int | float:
    number = float(value)  # type: ignore[arg-type]
    return int(number) if number.is_integer() and abs(number) < 1e15 else number


def template_frame(indicators: pd.DataFrame) -> pd.DataFrame:
    """The empty import template for the plan period (as `python -m lishi_metrics template` writes it)."""
    return actuals_import.template_frame(indicators)


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """CSV with a BOM (Excel on Chinese Windows then reads it as UTF-8), as write_template writes it: the one
    CSV writer of the data layer."""
    return export.csv_bytes(frame)


def xlsx_bytes(frame: pd.DataFrame, indicators: pd.DataFrame | None = None) -> bytes:
    """The workbook write_template would write (sheet 'actuals' with validation, instructions), in memory."""
    buf = io.BytesIO()
    actuals_import.write_xlsx(buf, frame, indicators)  # openpyxl saves to a file object as well as to a path
    return buf.getvalue()


# --------------------------------------------------------------------------------------- plans


def plans_table(catalogue: pd.DataFrame, labels: dict[str, str], lang: str) -> pd.DataFrame:
    """Every plan for the data page: id, name, period, base year, indicators, shipped or imported."""
    return pd.DataFrame({
        t("da_plan_col_id", lang): catalogue["plan_id"].astype(str).tolist(),
        t("da_plan_col_name", lang): [labels.get(str(p), str(p)) for p in catalogue["plan_id"]],
        t("da_plan_col_period", lang): [f"{int(a)}–{int(b)}" for a, b in zip(catalogue["start_year"], catalogue["end_year"])],
        t("da_plan_col_base", lang): [str(int(y)) for y in catalogue["base_year"]],
        t("da_plan_col_indicators", lang): [int(n) for n in catalogue["n_indicators"]],
        t("da_plan_col_origin", lang): [t("da_plan_imported" if bool(i) else "da_plan_shipped", lang)
                                        for i in catalogue["imported"]],
    })


def plan_template_bytes() -> bytes:
    """The empty plan-definition workbook (as `python -m lishi_metrics plan template` writes it)."""
    from lishi_metrics.data import plan_workbook as pw

    return pw.workbook_bytes(pw.template_frames())


def plan_export_bytes(catalogue: pd.DataFrame, plan_id: str, table: pd.DataFrame) -> bytes:
    """A plan as a filled workbook (as `plan export --plan ID` writes it)."""
    from lishi_metrics.data import plan_workbook as pw

    return pw.workbook_bytes(pw.plan_frames(catalogue[catalogue["plan_id"] == plan_id].iloc[0], table))


def check_plan_upload(files: dict[str, bytes]):
    """Read and check a plan workbook (one .xlsx, or plan.csv and indicators.csv); nothing is stored."""
    from lishi_metrics.data import plan_workbook as pw

    total = sum(len(b) for b in files.values())
    if total > actuals_import.MAX_BYTES * 2:
        check = pw.PlanCheck()
        check.problems = [Problem(None, None, f"the files are {total / 1048576:.1f} MB together: too large",
                                  f"文件合计 {total / 1048576:.1f} MB，过大")]
        return check
    check = pw.check_upload(files)
    if check.ok:
        check.warnings = [*check.warnings, *plan_arithmetic_warnings(check)]
    return check


def plan_arithmetic_warnings(check) -> list[Problem]:
    """The plan-arithmetic check (printed yearly growth against the growth its base and target imply) on a checked
    plan workbook, as the overview and explorer run it on a stored plan: one warning per row that does not agree,
    in both languages, on the row's growth_text cell. A warning, never an error: a GDP row printing real growth
    beside nominal values differs by the price change, as the 14th plan's does."""
    from lishi_metrics.data import plan_workbook as pw
    from lishi_metrics.model import progress
    from lishi_metrics.views._common import arithmetic_verdict, growth_text, pct_text

    arith = progress.plan_arithmetic(pw.indicator_frame(check.tables))
    if arith.empty:
        return []
    out = []
    for r in rowwise.rows(arith[~arith["agrees"].astype(bool)]):
        words = {}
        for lang in ("zh", "en"):
            words[lang] = t(
                "da_plan_arith", lang, name=r.name_en if lang == "en" else r.name_zh,
                base=fmt.fmt_value(r.base_value, r.unit_zh, lang), end=fmt.fmt_value(r.end_value, r.unit_zh, lang),
                base_year=r.base_year, end_year=r.end_year, stated=growth_text(r.stated_pct, lang),
                implied=pct_text(r.implied_pct, lang), gap=fmt.pp_text(r.difference_pp, lang),
                verdict=arithmetic_verdict(r, lang))
        out.append(Problem(check.sheet_rows.get(r.indicator_id), "growth_text", words["en"], words["zh"],
                           sheet=pw.INDICATOR_SHEET))
    return out


def commit_plan(store_dir: str | Path, check, by: str, files: dict[str, bytes]) -> int:
    """Store a checked plan workbook as a new version; returns the version number."""
    from lishi_metrics.data import plan_workbook as pw

    digest = actuals_import.sha256_bytes(b"".join(files[n] for n in sorted(files)))
    return pw.commit(check, store_dir, by, ",".join(sorted(files))[:200], digest)


def check_periods_upload(store_dir: str | Path, file_name: str, data: bytes):
    """Read and check an uploaded 经济运行 workbook against the stored year-to-date figures (nothing is stored).
    Returns data.period_workbook.PeriodCheck, or raises ImportRejected when the file cannot be read at all."""
    from lishi_metrics.data import db
    from lishi_metrics.data import period_workbook as wb

    return wb.check_upload(file_name, data, db.periodic_indicators(), store.current_period_tables(store_dir))


def periods_template_bytes(year: int) -> bytes:
    """The 经济运行 workbook to fill for `year` (the CLI's `periods template`)."""
    from lishi_metrics.data import db
    from lishi_metrics.data import period_workbook as wb

    return wb.workbook_bytes(wb.template_frames(db.periodic_indicators(), year))


def commit_periods(store_dir: str | Path, file_name: str, data: bytes, by: str) -> dict:
    """Store a checked 经济运行 workbook (data.period_workbook.commit: checked again under the lock); returns its
    history entry's counts (version, added, changed, unchanged)."""
    from lishi_metrics.data import db
    from lishi_metrics.data import period_workbook as wb

    version = wb.commit(store_dir, file_name, data, db.periodic_indicators(), by)
    entry = next((e for e in reversed(store.history(store_dir)) if e.get("version") == version), {})
    return {"version": version, **{k: _count(entry.get(k)) for k in ("added", "changed", "unchanged")}}


def remove_plan(store_dir: str | Path, plan_id: str, by: str) -> int:
    """Remove an imported plan (a new version without it)."""
    from lishi_metrics.data import plan_workbook as pw

    return pw.remove(store_dir, plan_id, by)
