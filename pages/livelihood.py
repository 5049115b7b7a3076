"""民生福祉 Livelihood: jobs, income, education, health, care, social security, rural roads and sport of the plan shown
and its predecessor."""

import streamlit as st

from lishi_metrics import ui
from lishi_metrics.text import fmt
from lishi_metrics.text.i18n import t
from lishi_metrics.views import livelihood as lv
from lishi_metrics.views import sectors

lang = ui.page_setup("page_livelihood")
plan_id = ui.plan_id()
st.title(t("page_livelihood", lang))

with ui.guard(lang):
    page = ui.view(lv.build_page, lang, plan_id)
st.caption(page.intro)

plan_url, plan_notices = sectors.parse_plan(st.query_params.get(sectors.TABLE_PARAM), page.plans.choices)
topic_url, topic_notices = lv.parse_topic(st.query_params.get("topic"), page.topics)
ui.seed("lv_plan", plan_url)
ui.seed("lv_topic", topic_url)
ui.show_notices(plan_notices + topic_notices)

c1, c2 = st.columns([2, 5])
if page.plans.shown:
    plan = c1.segmented_control(t("in_plan_toggle", lang), page.plans.choices, key="lv_plan", required=True,
                                format_func=lambda p: fmt.md_escape(page.plans.labels[p]))
else:  # no predecessor: the plan's own rows are all there is
    plan = sectors.PLAN_ALL
topic = c2.pills(t("lv_topic_label", lang), (lv.TOPIC_ALL, *page.topics), key="lv_topic", required=True,
                 format_func=lambda k: t(f"lv_topic_{k}", lang))
ui.set_query_params({sectors.TABLE_PARAM: sectors.url_value(plan, sectors.PLAN_ALL),
                      "topic": sectors.url_value(topic, lv.TOPIC_ALL)})

ui.tile_row(page.tiles, lang, "lv")
ui.altair(page.shares_spec)

for tp in lv.topics_shown(topic, page.topics):
    st.header(t(f"lv_topic_{tp}", lang))
    if page.captions.get(tp):
        st.caption(page.captions[tp])
    table = page.tables[(tp, plan)]
    if table is not None:
        ui.table(table, lang, f"lv-{tp}")
    elif page.tables[(tp, sectors.PLAN_ALL)] is not None or not lv.has_more(page, tp):
        st.caption(t("lv_no_indicators", lang))  # rows, not of this table; or nothing at all for the plan
    if tp == "income" and page.income_spec is not None:
        if page.income_text:
            st.markdown(page.income_text)
        left, right = st.columns([4, 3])  # the income table's cells whole need 362 px at 1366 (2/5 was 354 px)
        with left:
            ui.altair(page.income_spec)
        with right:  # a table from 641 px up, cards below (its cells whole need 362 px; a phone has 328)
            ui.table(page.income_table, lang, "lv-income-table")
    elif tp == "education" and page.kindergartens:
        for col, (label, value) in zip(st.columns([1, 1, 1, 2]), page.kindergartens, strict=False):
            col.metric(label, value, border=True)
        st.caption(page.kindergarten_text)
    elif tp == "health" and page.life_spec is not None:
        ui.altair(page.life_spec)
    elif tp == "care":
        ui.tile_row(page.care_tiles, lang, "lv-care")
    elif tp == "roads" and page.roads_spec is not None:
        left, right = st.columns([3, 2])
        with left:
            ui.altair(page.roads_spec)
        right.metric(t("lv_roads_metric", lang), page.roads_total, border=True,
                     help=t("lv_roads_total", lang, total=page.roads_total))
    if tp in page.figures:
        st.markdown(f"**{t('lv_figures_heading', lang)}**")
        ui.table(page.figures[tp], lang, f"lv-figures-{tp}")
    if tp in page.projects:
        projects = page.projects[tp]
        source = sectors.table_text(lv.TOPIC_PROJECTS[tp], lang)
        st.markdown(f"**{t('lv_projects_heading', lang, table=source, n=len(projects))}**")
        ui.table(projects, lang, f"lv-projects-{tp}")

ui.provenance(lang, page.provenance)
