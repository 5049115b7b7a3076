"""绿色生态 Ecology: air, water, forest, energy and carbon of the plan shown and its predecessor, the prose's results
and the projects where the plan has them."""

import streamlit as st

from lishi_metrics import ui
from lishi_metrics.text import fmt
from lishi_metrics.text.i18n import t
from lishi_metrics.views import ecology, sectors

lang = ui.page_setup("page_ecology")
plan_id = ui.plan_id()
st.title(t("page_ecology", lang))

with ui.guard(lang):
    page = ui.view(ecology.build_page, lang, plan_id)
st.caption(page.intro)

plan_url, plan_notices = sectors.parse_plan(st.query_params.get(sectors.TABLE_PARAM), page.plans.choices)
theme_url, theme_notices = ecology.parse_theme(st.query_params.get("theme"), page.themes)
ui.seed("ec_plan", plan_url)
ui.seed("ec_theme", theme_url)
ui.show_notices(plan_notices + theme_notices)

c1, c2 = st.columns([2, 3])
if page.plans.shown:
    plan = c1.segmented_control(t("in_plan_toggle", lang), page.plans.choices, key="ec_plan", required=True,
                                format_func=lambda p: fmt.md_escape(page.plans.labels[p]))
else:  # no predecessor: the plan's own rows are all there is
    plan = sectors.PLAN_ALL
theme = c2.segmented_control(t("ec_theme_label", lang), ("all", *page.themes), key="ec_theme", required=True,
                             format_func=lambda k: t(f"ec_theme_{k}", lang))
ui.set_query_params({sectors.TABLE_PARAM: sectors.url_value(plan, sectors.PLAN_ALL),
                      "theme": sectors.url_value(theme, ecology.THEME_ALL)})

ui.tile_row(page.tiles, lang, "ec")

for th in ecology.themes_shown(theme, page.themes):
    st.header(t(f"ec_theme_{th}", lang))
    if page.captions.get(th):
        st.caption(page.captions[th])
    table = page.tables[(th, plan)]
    if table is None:
        st.caption(t("ec_none_for_plan", lang))
    else:
        ui.table(table, lang, f"ec-{th}")
    if th == "air":
        if page.heating_spec is not None:
            left, right = st.columns(2)
            with left:
                ui.altair(page.shares_spec)
            with right:
                ui.altair(page.heating_spec)
            right.caption(t("ec_heating_total", lang, n=page.heating_total))
        else:
            ui.altair(page.shares_spec)
    if th == "forest" and page.forest_spec is not None:
        ui.altair(page.forest_spec)
    if th in page.achievements:
        st.markdown(f"**{t('ec_achievements_heading', lang)}**")
        ui.table(page.achievements[th], lang, f"ec-achievements-{th}")

st.header(t("ec_city_task_heading", lang))
st.caption(t("ec_city_task_caption", lang))
if page.tasks[plan] is None:
    st.caption(t("ec_none_for_plan", lang))
else:
    ui.table(page.tasks[plan], lang, "ec-tasks")

st.header(page.projects_heading)
if page.projects_note:
    st.caption(page.projects_note)
else:
    ui.table(page.projects, lang, "ec-projects")

ui.provenance(lang, page.provenance)
