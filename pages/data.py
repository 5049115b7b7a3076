"""数据维护 Data maintenance: store version, history and downloads for all; import and rollback for the admin."""

from __future__ import annotations

import uuid
from datetime import date

import streamlit as st

from lishi_metrics import config, ui
from lishi_metrics.errors import ImportRejected, LishiError, Problem, StoreError
from lishi_metrics.text.i18n import t
from lishi_metrics.views import data_admin as dav
from lishi_metrics.views import wording

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def show_status(status: dav.StoreStatus, lang: str) -> None:
    st.subheader(t("da_status", lang))
    c1, c2, c3, c4 = st.columns(4)
    c1.metric(t("da_current_version", lang), t("da_version_zero", lang) if status.version == 0 else status.version)
    c2.metric(t("da_values_count", lang), status.n_values)
    c3.metric(t("da_indicators_count", lang), status.n_indicators)
    last = status.last_entry
    # Who made it is in the history table (plain cells): free text never goes into markdown such as a tooltip.
    c4.metric(t("da_last_change", lang), dav.format_time(last.get("time")) if last else t("da_never", lang))


def show_downloads(indicators, status: dav.StoreStatus | None, lang: str) -> None:
    st.subheader(t("da_downloads", lang))
    st.caption(t("da_downloads_help", lang))
    template = dav.template_frame(indicators)
    c1, c2, c3, c4 = st.columns(4)
    c1.download_button(t("da_template_csv", lang), dav.csv_bytes(template), file_name="lishi_actuals_template.csv",
                       mime="text/csv", key="da_dl_template_csv", icon=":material/download:")
    c2.download_button(t("da_template_xlsx", lang), dav.xlsx_bytes(template, indicators),
                       file_name="lishi_actuals_template.xlsx",
                       mime=XLSX_MIME, key="da_dl_template_xlsx", icon=":material/download:")
    if status is None or status.n_values == 0:
        c3.caption(t("da_no_actuals", lang))
        return
    actuals = dav.actuals_frame(status.actuals, indicators)
    name = f"lishi_actuals_v{status.version}"
    c3.download_button(t("da_actuals_csv", lang), dav.csv_bytes(actuals), file_name=f"{name}.csv", mime="text/csv",
                       key="da_dl_actuals_csv", icon=":material/download:")
    c4.download_button(t("da_actuals_xlsx", lang), dav.xlsx_bytes(actuals, indicators), file_name=f"{name}.xlsx",
                       mime=XLSX_MIME, key="da_dl_actuals_xlsx", icon=":material/download:")


def show_plans(plan_id: str, lang: str) -> None:
    """Every plan, and the plan workbooks (the empty template, the selected plan filled in) to download."""
    st.subheader(t("da_plans", lang))
    st.caption(t("da_plans_help", lang))
    catalogue = ui.plans_catalogue()
    labels = {str(p): ui.plan_name(str(p), lang) for p in catalogue["plan_id"]}
    st.dataframe(dav.plans_table(catalogue, labels, lang), hide_index=True, width="stretch")
    c1, c2 = st.columns(2)
    ui.download(c1, t("da_plan_template", lang), "da_dl_plan_template", (lang,), dav.plan_template_bytes, lang,
                file_name="lishi_plan_template.xlsx", mime=XLSX_MIME)
    table = ui.indicator_table(plan_id)
    ui.download(c2, t("da_plan_export", lang), "da_dl_plan_export", (plan_id, lang),
                lambda: dav.plan_export_bytes(catalogue, plan_id, table), lang, file_name=f"lishi_plan_{plan_id}.xlsx",
                mime=XLSX_MIME)


def plan_section(status: dav.StoreStatus, by: str, gen: int, lang: str) -> None:
    """Import a plan workbook (checked first, stored only without problems) or remove an imported plan."""
    uploads = st.file_uploader(t("da_plan_upload", lang), type=["xlsx", "csv"], accept_multiple_files=True,
                               key=f"da_plan_upload_{gen}", max_upload_size=dav.MAX_UPLOAD_MB)
    if uploads:
        files = {u.name: u.getvalue() for u in uploads[:2]}
        with ui.guard(lang):
            check = dav.check_plan_upload(files)
        if check.problems:
            st.error(t("da_plan_rejected", lang))
            st.dataframe(dav.problem_table(check.problems, lang), hide_index=True, width="stretch")
        else:
            if check.warnings:
                st.warning(t("da_plan_warnings", lang))
                st.dataframe(dav.problem_table(check.warnings, lang), hide_index=True, width="stretch")
            st.info(t("da_plan_ready", lang, plan=check.plan_id, n=check.n_indicators,
                      replace=t("da_plan_replaces", lang) if check.replaces else ""))
            if not by:
                st.caption(t("da_by_missing", lang))
            if st.button(t("da_plan_commit", lang), type="primary", key=f"da_plan_commit_{gen}", disabled=not by):
                try:
                    version = dav.commit_plan(config.store_dir(), check, by, files)
                except LishiError as exc:
                    st.error(dav.write_error_text(exc, lang))
                    return
                flash(t("da_plan_imported_ok", lang, plan=check.plan_id, version=version))
    st.markdown(f"**{t('da_plan_remove', lang)}**")
    catalogue = ui.plans_catalogue()
    imported = [str(p) for p, i in zip(catalogue["plan_id"], catalogue["imported"]) if bool(i)]
    if not imported:
        st.caption(t("da_plan_none_imported", lang))
        return
    c1, c2 = st.columns([3, 1], vertical_alignment="bottom")
    target = c1.selectbox(t("da_plan_remove", lang), imported, key=f"da_plan_remove_{gen}",
                          format_func=lambda p: ui.plan_name(p, lang), label_visibility="collapsed")
    if c2.button(t("da_plan_remove_button", lang), key=f"da_plan_remove_button_{gen}", disabled=not by):
        try:
            version = dav.remove_plan(config.store_dir(), target, by)
        except LishiError as exc:
            st.error(dav.write_error_text(exc, lang))
            return
        flash(t("da_plan_removed", lang, plan=target, version=version))


def checked(problems, warnings, lang: str, confirm_key: str) -> bool | None:
    """An upload's check shown the one way (actuals and 经济运行 workbooks): None when it has problems (listed,
    nothing to import); else whether it may be imported (True, or the confirmation of its listed warnings)."""
    if problems:
        st.error(t("da_rejected", lang))
        st.dataframe(dav.problem_table(problems, lang), hide_index=True, width="stretch")
        return None
    if not warnings:
        return True
    st.warning(t("da_warnings", lang))
    st.dataframe(dav.problem_table(warnings, lang), hide_index=True, width="stretch")
    return st.checkbox(t("da_confirm_warnings", lang), key=confirm_key)


def show_history(status: dav.StoreStatus, lang: str) -> None:
    st.subheader(t("da_history", lang))
    if not status.history:
        st.caption(t("da_history_empty", lang))
        return
    table = dav.history_table(status.history, lang)
    # A grid from 641 px up, cards on a phone (the grid's columns are wider than a phone)
    ui.table(table, lang, "history", grid={t("da_col_action", lang): st.column_config.TextColumn(width="medium")})


def login_form(password: str, lang: str) -> None:
    """Password form; the field is cleared on submit and its value is never shown, logged or put in the URL."""
    session_key = st.session_state.setdefault("da_session_key", uuid.uuid4().hex)
    with st.form("da_login", clear_on_submit=True, width=420):
        given = st.text_input(t("da_password", lang), type="password", key="da_password", help=t("da_login_help", lang))
        with st.expander(t("da_unlock_code", lang)):
            code = st.text_input(t("da_unlock_code", lang), type="password", key="da_unlock_code",
                                 help=t("da_unlock_code_help", lang), label_visibility="collapsed")
        submitted = st.form_submit_button(t("da_unlock", lang), icon=":material/lock_open:")
    if not submitted:
        return
    for key in ("da_password", "da_unlock_code"):
        st.session_state.pop(key, None)  # keep the attempt in server memory no longer than this run
    gate = ui.admin_gate()
    result = gate.attempt(given, password, session_key, ui.client_address(), unlock_code=code or None)
    if result.ok:
        st.session_state["da_token"] = gate.unlock_token(password)
        st.rerun()
    st.error(dav.login_message(result, lang))


def flash(message: str) -> None:
    """Show `message` after the rerun that refreshes the page; new widget keys reset the upload and the checkboxes."""
    st.session_state["da_flash"] = message
    st.session_state["da_gen"] = st.session_state.get("da_gen", 0) + 1
    st.rerun()


def import_section(indicators, status: dav.StoreStatus, by: str, gen: int, lang: str) -> None:
    upload = st.file_uploader(t("da_upload", lang), type=["csv", "xlsx"], key=f"da_upload_{gen}",
                              max_upload_size=dav.MAX_UPLOAD_MB, help=t("da_upload_help", lang))
    if upload is None:
        return
    with ui.guard(lang):
        every_plan = ui.all_indicators()  # rows of any known plan are accepted, each for its own years
    check = dav.check_upload(upload.name, upload.getvalue(), every_plan, status)
    confirmed = checked(check.problems, check.warnings, lang, f"da_confirm_{gen}")
    if confirmed is None:
        return
    st.markdown(f"**{t('da_preview', lang)}**")
    counts = dav.preview_counts(check.preview)
    st.caption(t("da_preview_counts", lang, **counts))
    if counts["new"] + counts["changed"] == 0:
        st.info(t("da_nothing_changes", lang))
    st.dataframe(dav.preview_table(check.preview, every_plan, lang), hide_index=True, width="stretch")

    # The preview the user looked at was computed in the previous run; commit only if the store is unchanged since.
    seen_before = st.session_state.get("da_previewed")
    st.session_state["da_previewed"] = (check.sha256, check.base_version)
    if not by:
        st.caption(t("da_by_missing", lang))
    elif not confirmed:
        st.caption(t("da_commit_needs_confirm", lang))
    clicked = st.button(t("da_commit", lang), type="primary", key=f"da_commit_{gen}", icon=":material/upload:",
                        disabled=not check.can_commit(by, confirmed))
    if not clicked:
        return
    if seen_before != (check.sha256, check.base_version):
        st.warning(t("da_store_moved", lang, version=check.base_version))
        return
    try:
        entry = dav.commit(config.store_dir(), check, by)
    except LishiError as exc:
        st.error(dav.write_error_text(exc, lang))
        return
    flash(t("da_imported", lang, **entry))


def periods_section(by: str, gen: int, lang: str) -> None:
    """经济运行 (issue 26): the year-to-date workbook, checked, confirmed and stored like the actuals."""
    st.caption(t("da_periods_help", lang))
    year = date.today().year
    ui.download(st, t("da_periods_template", lang, year=year), "da_periods_template", (year, lang),
                lambda: dav.periods_template_bytes(year), lang, file_name=f"periods_{year}.xlsx",
                icon=":material/download:", mime=XLSX_MIME)
    upload = st.file_uploader(t("da_periods_upload", lang), type=["xlsx"], key=f"da_periods_upload_{gen}",
                              max_upload_size=dav.MAX_UPLOAD_MB)
    if upload is None:
        return
    payload = upload.getvalue()
    try:
        check = dav.check_periods_upload(config.store_dir(), upload.name, payload)
    except ImportRejected as exc:
        st.error(t("da_rejected", lang))
        st.dataframe(dav.problem_table(exc.problems or [Problem(None, None, str(exc), str(exc))], lang),
                     hide_index=True, width="stretch")
        return
    except LishiError as exc:
        st.error(dav.write_error_text(exc, lang))
        return
    confirmed = checked(check.problems, check.warnings, lang, f"da_periods_confirm_{gen}")
    if confirmed is None:
        return
    st.caption(t("da_periods_counts", lang, targets=len(check.targets), periods=len(check.periods)))
    if not by:
        st.caption(t("da_by_missing", lang))
    elif not confirmed:
        st.caption(t("da_commit_needs_confirm", lang))
    if not st.button(t("da_commit", lang), type="primary", key=f"da_periods_commit_{gen}", icon=":material/upload:",
                     disabled=not (by and confirmed)):
        return
    try:
        entry = dav.commit_periods(config.store_dir(), upload.name, payload, by)
    except ImportRejected as exc:  # the store changed since the check and the workbook no longer fits it
        st.error(t("da_rejected", lang))
        st.dataframe(dav.problem_table(exc.problems or [Problem(None, None, str(exc), str(exc))], lang),
                     hide_index=True, width="stretch")
        return
    except LishiError as exc:
        st.error(dav.write_error_text(exc, lang))
        return
    flash(t("da_periods_imported", lang, **entry))


def rollback_section(status: dav.StoreStatus, by: str, gen: int, lang: str) -> None:
    st.caption(t("da_rollback_help", lang))
    choices = dav.rollback_choices(status.history, status.version,
                                   status.health.readable if status.health is not None else None)
    if not choices:
        st.info(t("da_rollback_nothing", lang))
        return
    target = st.selectbox(t("da_rollback_to", lang), choices, key=f"da_rollback_to_{gen}", width=640,
                         format_func=lambda v: dav.version_label(v, status.history, lang))
    confirmed = st.checkbox(t("da_rollback_confirm", lang, current=status.version, target=target),
                            key=f"da_rollback_confirm_{gen}")
    if not by:
        st.caption(t("da_by_missing", lang))
    clicked = st.button(t("da_rollback_button", lang), key=f"da_rollback_button_{gen}", icon=":material/history:",
                        disabled=not (confirmed and by))
    if not clicked:
        return
    try:
        dav.rollback(config.store_dir(), int(target), by)
    except LishiError as exc:
        st.error(dav.write_error_text(exc, lang))
        return
    flash(t("da_rolled_back", lang, version=target))


def verdict_section(indicators, by: str, gen: int, lang: str) -> None:
    """Record or withdraw the verdict (评估结论) on a text target of the selected plan."""
    st.caption(t("da_verdict_help", lang))
    rows = dav.verdict_rows(indicators)
    if rows.empty:
        st.info(t("da_verdict_none", lang))
        return
    # st.table, not st.dataframe: this list stays short and reads as a document (its cells are escaped).
    st.table(dav.verdict_table(rows, lang, escaped=True), border="horizontal", hide_index=True)
    names = dict(zip(rows["indicator_id"], dav.verdict_table(rows, lang).iloc[:, 0]))
    with st.form(f"da_verdict_form_{gen}", width=640):
        iid = st.selectbox(t("da_verdict_indicator", lang), list(names), format_func=names.get,
                           key=f"da_verdict_indicator_{gen}")
        code = st.radio(t("da_verdict_status", lang), dav.VERDICT_CODES, horizontal=True,
                        format_func=lambda c: dav.verdict_label(c, lang), key=f"da_verdict_status_{gen}")
        note = st.text_input(t("da_verdict_note", lang), max_chars=300, key=f"da_verdict_note_{gen}")
        save = st.form_submit_button(t("da_verdict_save", lang), type="primary", disabled=not by)
        withdraw = st.form_submit_button(t("da_verdict_withdraw", lang), disabled=not by)
    if not by:
        st.caption(t("da_by_missing", lang))
    if not (save or withdraw):
        return
    try:
        if save:
            version = dav.record_verdict(config.store_dir(), iid, code, note, by)
        else:
            version = dav.withdraw_verdict(config.store_dir(), iid, by)
    except LishiError as exc:
        st.error(dav.write_error_text(exc, lang))
        return
    flash(t("da_verdict_saved" if save else "da_verdict_withdrawn_ok", lang, indicator=names.get(iid, iid),
            version=version))


def admin_section(indicators, status: dav.StoreStatus | None, lang: str, store_problem: str = "") -> None:
    st.subheader(t("da_admin", lang))
    try:
        password = dav.admin_password()
    except LishiError as exc:
        st.warning(t("da_password_config_error", lang, error=exc))
        return
    if password is None:
        st.info(t("da_readonly", lang))
        return
    if not ui.admin_gate().is_unlocked(st.session_state.get("da_token"), password):
        login_form(password, lang)
        return
    if status is None:  # the store cannot be read: the administrator gets the technical detail (paths)
        st.code(store_problem, language=None, wrap_lines=True)
        return
    if damage := dav.damage_lines(status.health, lang):
        st.error(t("st_damage_title", lang) + "\n\n" + "\n".join(f"- {line}" for line in damage))
        st.caption(t("st_damage_help", lang))
    c1, c2 = st.columns([4, 1], vertical_alignment="center")
    c1.success(t("da_unlocked", lang))
    if c2.button(t("da_lock", lang), key="da_lock", icon=":material/lock:"):
        st.session_state.pop("da_token", None)
        st.rerun()
    by = " ".join(st.text_input(t("da_by", lang), key="da_by", max_chars=100, width=480,
                                placeholder=t("da_by_placeholder", lang)).split())
    # The outcome of the last import or rollback, next to where it was started. Always one slot here, message
    # or not: the tabs below keep their place in the page, so the open tab stays open across the rerun.
    message = st.session_state.pop("da_flash", None)
    slot = st.empty()
    if message:
        slot.success(message, icon=":material/check_circle:")
        st.toast(message, icon=":material/check_circle:")
    gen = st.session_state.get("da_gen", 0)
    st.html(f"<style>{dav.uploader_css(lang)}</style>")  # the uploaders' own texts in the page's language
    tab_import, tab_plans, tab_periods, tab_verdicts, tab_rollback = st.tabs(
        [t("da_tab_import", lang), t("da_tab_plans", lang), t("da_tab_periods", lang), t("da_tab_verdicts", lang),
         t("da_tab_rollback", lang)], key="da_tabs")
    with tab_import:
        import_section(indicators, status, by, gen, lang)
    with tab_plans:
        plan_section(status, by, gen, lang)
    with tab_periods:
        periods_section(by, gen, lang)
    with tab_verdicts:
        verdict_section(indicators, by, gen, lang)
    with tab_rollback:
        rollback_section(status, by, gen, lang)


lang = ui.page_setup("page_data")
st.title(t("page_data", lang))
ui.show_notices()
st.caption(ui.view(wording.own_text, "da_intro", ui.plan_id(), lang))
with ui.guard(lang):
    indicators = ui.indicator_table(ui.plan_id())
store_problem = ""
try:
    status = dav.store_status(config.store_dir())
except StoreError as exc:
    st.error(dav.store_error_text(exc, lang))  # viewers: what is wrong, in their language, no paths
    status, store_problem = None, str(exc)
if status is not None:
    show_status(status, lang)
show_downloads(indicators, status, lang)
if status is not None:
    show_history(status, lang)
with ui.guard(lang):
    show_plans(ui.plan_id(), lang)
admin_section(indicators, status, lang, store_problem)
ui.provenance(lang, ui.view(wording.own_text, "da_provenance", ui.plan_id(), lang))
