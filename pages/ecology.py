"""绿色生态 Ecology: air, water, forest, energy and carbon of both plans, 13th-plan results, 专栏10 projects."""

import streamlit as st

from lishi_metrics import ui
from lishi_metrics.text.i18n import t
from lishi_metrics.views import ecology, sectors

lang = ui.page_setup("page_ecology")
plan_id = ui.plan_id()
ui.sector_page_of_other_plan(plan_id, "ecology", "page_ecology", lang)  # another plan: its own rows
st.title(t("page_ecology", lang))
st.caption(t("ec_intro", lang))

plan_url, plan_notices = sectors.parse_plan(st.query_params.get(sectors.TABLE_PARAM))
theme_url, theme_notices = ecology.parse_theme(st.query_params.get("theme"))
ui.seed("ec_plan", plan_url)
ui.seed("ec_theme", theme_url)
ui.show_notices(plan_notices + theme_notices)

with ui.guard(lang):
    page = ui.view(ecology.build_page, lang)

c1, c2 = st.columns([2, 3])
plan = c1.segmented_control(t("in_plan_toggle", lang), sectors.PLAN_CHOICES, key="ec_plan", required=True,
                            format_func=lambda p: t(f"in_plan_choice_{p}", lang))
theme = c2.segmented_control(t("ec_theme_label", lang), ecology.THEME_CHOICES, key="ec_theme", required=True,
                             format_func=lambda k: t(f"ec_theme_{k}", lang))
ui.set_query_params({sectors.TABLE_PARAM: sectors.url_value(plan, sectors.PLAN_ALL),
                      "theme": sectors.url_value(theme, ecology.THEME_ALL)})

ui.tile_row(page.tiles, lang, "ec")

for th in ecology.themes_shown(theme):
    st.header(t(f"ec_theme_{th}", lang))
    st.caption(t(f"ec_theme_caption_{th}", lang))
    table = page.tables[(th, plan)]
    if table is None:
        st.caption(t("ec_none_for_plan", lang))
    else:
        ui.table(table, lang, f"ec-{th}")
    if th == "air":
        left, right = st.columns(2)
        with left:
            ui.altair(page.shares_spec)
        with right:
            ui.altair(page.heating_spec)
        right.caption(t("ec_heating_total", lang, n=page.heating_total))
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

st.header(t("ec_projects_heading", lang, n=len(page.projects)))
ui.table(page.projects, lang, "ec-projects")

ui.provenance(lang, t("ec_provenance", lang))
