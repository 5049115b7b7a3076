"""指标库 Indicator explorer: every table indicator and prose figure, filtered and searched, with one item's detail."""

from datetime import date

import streamlit as st

from lishi_metrics import ui
from lishi_metrics.charts import builders as charts
from lishi_metrics.text import fmt
from lishi_metrics.text.i18n import t
from lishi_metrics.views import economy as ecv
from lishi_metrics.views import explorer, wording

CHART_HEIGHT = 400

# The plan filter below is this page's plan switch (plan= in the URL; empty lists every plan).
lang = ui.page_setup("page_explorer", plan_chooser=False)
st.title(t("page_explorer", lang))
st.caption(ui.view(wording.own_text, "ex_intro", ui.plan_id(), lang))

with ui.guard(lang):
    _, rows, checks = ui.view(explorer.catalog_from_data)

# URL → widgets (seeded once per session; later runs keep what the user chose), with notices for bad values.
plans = ui.plans_catalogue()
plan_ids = plans["plan_id"].astype(str).tolist()
filters, notices = explorer.parse_filters(st.query_params, plans, default_plan=ui.plan_id())
chosen_id, id_notices = explorer.parse_id(st.query_params, rows["id"])
first_page, page_notices = explorer.parse_page(st.query_params, explorer.apply_filters(rows, filters), chosen_id)
for key in explorer.PARAM_KEYS:
    ui.seed(f"ex_{key}", getattr(filters, key))
ui.seed("ex_id", chosen_id)
ui.seed("ex_page", first_page)
# Set from Python on every run so the browser redraws each chosen option in the current language (a keyed select
# box whose labels alone change keeps showing the old language's label).
for _key in (*explorer.PARAM_KEYS, "id"):
    st.session_state[f"ex_{_key}"] = st.session_state[f"ex_{_key}"]
ui.show_notices(notices + id_notices + page_notices)

cols = st.columns([1, 1, 1.5, 1, 1.2, 2])
with cols[0]:
    st.selectbox(t("ex_kind", lang), ["", *explorer.KINDS], format_func=lambda v: explorer.kind_label(v, lang),
                 key="ex_kind")
with cols[1]:
    st.selectbox(t("ex_plan", lang), ["", *plan_ids], key="ex_plan",
                 format_func=lambda v: explorer.plan_label(v, lang, plans))
with cols[2]:
    st.selectbox(t("ex_category", lang), ["", *explorer.CATEGORY_SLUGS.values()],
                 format_func=lambda v: explorer.category_label(v, lang), key="ex_cat")
with cols[3]:
    st.selectbox(t("ex_attribute", lang), ["", *explorer.ATTRIBUTES],
                 format_func=lambda v: explorer.attribute_choice_label(v, lang), key="ex_attr")
with cols[4]:
    st.selectbox(t("ex_topic", lang), ["", *explorer.TOPICS], format_func=lambda v: explorer.topic_label(v, lang),
                 key="ex_topic")
with cols[5]:
    st.text_input(t("ex_search", lang), key="ex_q", max_chars=explorer.MAX_QUERY,
                  placeholder=t("ex_search_placeholder", lang))

current = explorer.Filters(**{key: str(st.session_state.get(f"ex_{key}") or "").strip() for key in explorer.PARAM_KEYS})
shown = explorer.apply_filters(rows, current)
pages = explorer.page_count(len(shown))
st.session_state["ex_page"] = explorer.clamp_page(st.session_state.get("ex_page"), len(shown))  # filters narrowed
count_col, page_col = st.columns([4, 1], vertical_alignment="bottom")
with page_col:
    if pages > 1:
        st.number_input(t("ex_page", lang), min_value=1, max_value=pages, step=1, key="ex_page")
with count_col:
    st.caption(t("ex_count", lang, total=len(rows), shown=len(shown)))
    st.caption(explorer.page_caption(len(shown), st.session_state["ex_page"], lang))
on_page = explorer.page_rows(shown, st.session_state["ex_page"])


def _picked() -> None:
    """A click on a table row chooses that item for the detail below."""
    picked = ui.picked_rows("ex_table")
    visible = st.session_state.get("_ex_visible", [])
    if picked and picked[0] < len(visible):
        st.session_state["ex_id"] = visible[picked[0]]


st.session_state["_ex_visible"] = on_page["id"].tolist()
if shown.empty:
    st.warning(t("ex_empty", lang))
else:
    position = explorer.position(on_page, st.session_state.get("ex_id") or "")
    st.dataframe(explorer.display_table(on_page, lang, ui.plans_catalogue()), hide_index=True, width="stretch",
                 height=explorer.table_height(len(on_page)), key="ex_table",
                 **ui.single_row_picking(_picked, position),
                 column_config={t("ex_col_name", lang): st.column_config.TextColumn(width="medium"),
                                t("ex_col_source", lang): st.column_config.TextColumn(help=t("ex_col_source_help", lang))})
    st.caption(t("ex_download", lang))
    ui.download_buttons(explorer.export_table(shown, lang), "lishi_indicators", lang,
                        notes=explorer.filter_notes(current, lang, len(rows), len(shown)), key="ex",
                        title=explorer.export_title(lang, len(shown)))

ui.report_download("xlsx", lang)

@st.fragment
def detail_section() -> None:
    """One item's detail. A fragment: choosing another item in its select box reruns this, not the filters
    and the table (a click on a table row, the filters and the language still rerun the page)."""
    st.subheader(t("ex_detail", lang))
    labels = explorer.item_labels(rows, lang, ui.plans_catalogue())
    choice = st.selectbox(t("ex_choose", lang), explorer.choice_options(shown, st.session_state.get("ex_id") or ""),
                          key="ex_id", format_func=lambda v: labels.get(v, v) if v else t("ex_choose_none", lang))
    ui.set_query_params(explorer.to_params(current, choice or "", st.session_state.get("ex_page") or 1))

    if not choice:
        st.caption(t("ex_choose_hint", lang))
    else:
        if choice not in set(shown["id"]):
            st.caption(t("ex_selected_hidden", lang))
        with ui.guard(lang):
            item = explorer.detail(rows, choice, lang, observations=ui.dataset("observations", indicator_id=choice),
                             actuals=ui.dataset("imported_actuals"),
                             arith=checks, sectors=ui.dataset("sectors"))
        st.markdown(f"#### {fmt.md_escape(item.title)}")
        st.caption(fmt.md_escape(item.subtitle))
        left, right = st.columns([2, 3], gap="large")
        with left:
            st.table(explorer.metrics_table(item, lang), hide_index=True, hide_header=True)
            if item.status_markdown:
                st.markdown(item.status_markdown)
            if item.kind == "indicator":
                st.markdown(f"**{t('ex_arith', lang)}**")
                for line in item.arithmetic:
                    st.markdown(fmt.md_escape(line))
                if item.arithmetic_note:
                    st.caption(item.arithmetic_note)
        with right:
            if item.chart is not None:
                spec = item.chart
                build = charts.share_path_chart if spec.percent else charts.indicator_path_chart
                ui.altair(build(spec.frame, spec.target_year, spec.target_value, spec.title, spec.y_title, spec.labels,
                                height=CHART_HEIGHT))
                st.caption(item.chart_note)
                with ui.guard(lang):  # the year's latest year-to-date figure of the row (GDP: 2026年前三季度 +5.0%)
                    economy_link = ui.view(ecv.plan_link, explorer.item_role(rows, choice), lang, date.today().year)
                if economy_link:
                    st.caption(fmt.md_escape(economy_link))
            elif item.no_chart:
                st.info(item.no_chart)
            if item.quote:
                st.markdown(f"**{t('ex_source', lang)}**")
                st.caption(fmt.md_escape(item.source_title))
                st.markdown(f"> {fmt.md_escape(item.quote)}")
        if item.source_table is not None:
            st.markdown(f"**{t('ex_source', lang)}**")
            st.caption(fmt.md_escape(item.source_title))
            st.table(item.source_table, hide_index=True)
        if item.note:
            st.caption(fmt.md_escape(item.note))
        st.caption(fmt.md_escape(explorer.facts_line(item.facts, lang)))


detail_section()
ui.provenance(lang, ui.view(wording.own_text, "ex_provenance", ui.plan_id(), lang))
