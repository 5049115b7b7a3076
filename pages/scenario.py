"""情景模拟 Scenario simulator: how the plan's GDP gets from its base to its target, what it takes, how likely it is."""

import streamlit as st

from lishi_metrics import ui
from lishi_metrics.charts import builders as charts
from lishi_metrics.text import linebreak
from lishi_metrics.text.i18n import t
from lishi_metrics.views import scenario as sv
from lishi_metrics.views import state, wording

lang = ui.page_setup("page_scenario")
plan_id = ui.plan_id()
ss = st.session_state

with ui.guard(lang):
    gap = ui.view(sv.gdp_gap_markdown, plan_id, lang)
if gap:  # a plan without a GDP level (national and provincial plans): say what is missing, and stop
    st.title(t("page_scenario", lang))
    st.info(gap)
    st.stop()
with ui.guard(lang):
    facts = ui.scenario_facts(plan_id)
st.title(t("sim_title", lang, year=facts.target_year, gdp=facts.gdp(lang)))
st.caption(t("sim_subtitle", lang, gdp=facts.gdp(lang)))

notices = []
if ss.get(sv.K_SEEDED) != plan_id:  # first run for this plan in this session: the URL holds the scenario
    for key in [k for k in ss if str(k).startswith("sim_") and k != sv.K_SAVED]:
        del ss[key]  # another plan's years and values must not carry over
    ss[sv.K_PARAMS], notices = state.parse_scenario_params(st.query_params, facts)
    ss[sv.K_SEEDED] = plan_id
ui.show_notices(notices)

# Folded, so that at 1366×768 the answer cards and the chart start above the fold (issue 14.2).
with st.expander(t("sim_model_title", lang)):
    st.info(sv.model_explanation(facts, lang))
st.caption(sv.start_text(facts, lang))


def _preset() -> None:
    sv.apply_preset(ss, ss.get(sv.K_PRESET), facts)


def _metric(where, card: sv.Card) -> None:
    where.metric(card.label, linebreak.keep_units(card.value), card.delta, delta_color=card.delta_color, delta_arrow=card.delta_arrow,
                 help=card.help)


def _pct(label: str, key: str, lo: float, hi: float, fmt: str = "%.1f%%", **kwargs) -> None:
    st.slider(label, lo, hi, step=0.1, key=key, format=fmt, persist_state="session", **kwargs)


@st.fragment
def scenario_body() -> None:
    """Controls, results and tabs. A fragment: moving a slider reruns this, not the sidebar, title and
    explanation; the language switch (sidebar) still reruns the page."""
    for key, value in sv.controls_from_params(ss[sv.K_PARAMS], facts).items():
        ui.seed(key, value)  # widgets not drawn last run lost their keys: they come back from the last state
    ss[sv.K_PRESET] = sv.matching_preset(sv.params_from_controls(ss, facts, lang), facts)

    left, right = st.columns([1, 2.5], gap="large")
    with left, st.container(border=True):
        st.subheader(t("sim_controls", lang))
        st.pills(t("sim_presets", lang), sv.preset_keys(facts), key=sv.K_PRESET, on_change=_preset,
                 format_func=lambda k: sv.preset_label(k, facts, lang))
        st.caption(sv.preset_caption(ss[sv.K_PRESET], facts, lang))

        st.markdown(f"**{t('sim_growth_header', lang)}**")
        st.toggle(t("sim_same_g", lang), key=sv.K_SAME_G, on_change=sv.same_changed, args=(ss, facts, "g"),
                  persist_state="session")
        if ss[sv.K_SAME_G]:
            _pct(t("sim_g_all", lang), sv.K_G_ALL, *state.G_RANGE)
        else:
            for year in facts.plan_years:
                label, known = sv.year_control(facts, year, lang)
                _pct(label, sv.k_g(year), *state.G_RANGE, disabled=known)

        st.markdown(f"**{t('sim_price_header', lang)}**")
        st.toggle(t("sim_p_implied", lang, price=sv.pct(facts.implied_price, lang)), key=sv.K_P_IMPLIED,
                  on_change=sv.implied_changed, args=(ss, facts), help=t("sim_p_implied_help", lang),
                  persist_state="session")
        if not ss[sv.K_P_IMPLIED]:
            st.toggle(t("sim_same_p", lang), key=sv.K_SAME_P, on_change=sv.same_changed, args=(ss, facts, "p"),
                      persist_state="session")
            if ss[sv.K_SAME_P]:
                _pct(t("sim_p_all", lang), sv.K_P_ALL, *state.P_RANGE, fmt="%.2f%%")
            else:
                for year in facts.plan_years:
                    label, known = sv.year_control(facts, year, lang)
                    _pct(label, sv.k_p(year), *state.P_RANGE, fmt="%.2f%%", disabled=known)

        st.segmented_control(t("sim_horizon", lang), state.horizons(facts.target_year), key=sv.K_HORIZON, required=True,
                             persist_state="session")
        _pct(t("sim_lr", lang, year=facts.target_year), sv.K_LR, *state.LR_RANGE,
             disabled=not sv.extends(facts, ss[sv.K_HORIZON]), help=t("sim_lr_help", lang, year=facts.target_year))
        with st.expander(t("sim_uncertainty", lang)):
            _pct(t("sim_sigma", lang), sv.K_SIGMA, *state.SIGMA_RANGE, fmt="%.1f", help=t("sim_sigma_help", lang))
            st.number_input(t("sim_n", lang), *state.N_RANGE, step=sv.N_CHOICES_STEP, key=sv.K_N,
                            persist_state="session")
            st.number_input(t("sim_seed", lang), *state.SEED_RANGE, step=1, key=sv.K_SEED, persist_state="session")

    params = sv.params_from_controls(ss, facts, lang)
    ss[sv.K_PARAMS] = params
    ui.set_query_params(sv.url_params(params))

    with ui.guard(lang):
        res = ui.scenario_results(plan_id, sv.results_params(params), lang)
    sc, prob, labels = sv.with_view(res.sc, params), res.prob, res.labels

    with right:
        for col, card in zip(st.columns(4), res.cards):
            _metric(col, card)
        st.vega_lite_chart(ui.ready_spec(res.chart), width="stretch")
        st.caption(res.fan_caption)
        years = list(res.from_years)
        ss[sv.K_FROM_YEAR] = sv.from_year_choice(ss.get(sv.K_FROM_YEAR), years, facts)
        c1, c2, c3, c4 = st.columns(4)
        with c1:
            from_year = st.selectbox(t("sim_from_year", lang), years, key=sv.K_FROM_YEAR, help=t("sim_from_year_help", lang, gdp=facts.gdp(lang)),
                                    format_func=lambda y: sv.year_text(y, lang))
        extra = [sv.required_card(sc, from_year, lang), res.cumulative, res.horizon]
        for col, card in zip((c2, c3, c4), extra):
            if card is not None:
                _metric(col, card)
        st.markdown(res.doubling)

    labels_of_tabs = sv.tab_labels(lang)
    ss[sv.K_TAB] = labels_of_tabs[state.SCENARIO_TABS.index(params.tab)]  # the URL's tab, in this language
    tab_table, tab_joint, tab_compare = st.tabs(labels_of_tabs, key=sv.K_TAB, on_change="rerun")
    with tab_table:
        if tab_table.open:
            st.dataframe(res.table, hide_index=True, width="stretch")
            st.caption(sv.table_note(facts, lang))
            st.markdown(f"**{t('sim_export', lang)}**")
            downloads = st.container(horizontal=True)
            ui.download(downloads, t("download_csv", lang), "sim_dl_csv", (lang,), lambda: sv.export_csv(sc, prob, lang),
                        lang, file_name="lishi_gdp_scenario.csv", mime="text/csv")
            ui.download(downloads, t("download_xlsx", lang), "sim_dl_xlsx", (lang,),
                        lambda: sv.export_xlsx(sc, prob, lang), lang, file_name="lishi_gdp_scenario.xlsx",
                        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")

    with tab_joint:
        if tab_joint.open and not facts.has_share:
            st.info(t("sim_joint_no_share", lang))
        elif tab_joint.open:
            default_ind, default_oth = sv.joint_defaults(facts)
            st.markdown(sv.joint_intro(facts, lang))
            st.info(sv.joint_requirement_text(facts, lang))
            j1, j2 = st.columns(2)
            with j1:
                _pct(t("sim_joint_industry_g", lang), sv.K_IND_G, *state.JOINT_RANGE, fmt="%.2f%%")
            with j2:
                _pct(t("sim_joint_other_g", lang), sv.K_OTH_G, *state.JOINT_RANGE, fmt="%.2f%%")
            # Below the sliders, not beside them: a third column cut the label at 1366 px (wider than its box).
            st.button(t("sim_joint_reset", lang), on_click=ss.update,
                      args=({sv.K_IND_G: default_ind, sv.K_OTH_G: default_oth},))
            jv = sv.joint_view(facts, ss[sv.K_IND_G], ss[sv.K_OTH_G])
            for col, card in zip(st.columns(3), sv.joint_cards(jv, facts, lang)):
                _metric(col, card)
            st.caption(sv.joint_equal_note(facts, lang))
            g1, g2 = st.columns([1, 1])
            with g1:
                st.altair_chart(
                    charts.grouped_bar_chart(sv.joint_chart_frame(jv, lang), "year_text", "value", "part",
                                             t("sim_joint_chart_title", lang), sv.joint_chart_labels(lang),
                                             text="value_text"),
                    width="stretch",
                )
            g2.dataframe(sv.joint_table(jv, lang, facts.gdp(lang)), hide_index=True, width="stretch")

    with tab_compare:
        if tab_compare.open:
            saved = ss.setdefault(sv.K_SAVED, [])
            current = sv.bundle(sc, prob, t("sim_cmp_current", lang), lang)
            reserved = sv.reserved_names(labels) | {current["name"]}
            st.caption(t("sim_cmp_intro", lang, max=sv.MAX_SAVED))
            ui.seed(sv.K_SAVE_NAME, sv.default_name(saved, lang))
            n1, n2 = st.columns([3, 1], vertical_alignment="bottom")
            n1.text_input(t("sim_cmp_name", lang), key=sv.K_SAVE_NAME, max_chars=30)

            def _save(new: dict) -> None:
                ss[sv.K_SAVED] = sv.add_saved(ss.get(sv.K_SAVED, []), {**new, "name": ss[sv.K_SAVE_NAME]}, reserved)
                ss[sv.K_SAVE_NAME] = sv.default_name(ss[sv.K_SAVED], lang)

            full = sv.is_full(saved)
            n2.button(t("sim_cmp_save", lang), on_click=_save, args=(current,), disabled=full, key="sim_cmp_save",
                      type="primary")
            if full:
                st.caption(t("sim_cmp_full", lang, max=sv.MAX_SAVED))
            if not saved:
                st.caption(t("sim_cmp_empty", lang))
            for col, item in zip(st.columns(sv.MAX_SAVED), saved):
                col.button(t("sim_cmp_remove", lang, name=item["name"]), key=f"sim_rm_{item['name']}",
                           on_click=lambda name=item["name"]: ss.update({sv.K_SAVED: sv.remove_saved(ss[sv.K_SAVED], name)}))
            bundles = [current, *saved]
            cmp_labels = {**labels, "title": t("sim_cmp_chart_title", lang, gdp=facts.gdp(lang))}
            st.vega_lite_chart(
                charts.gdp_scenario_spec(sv.compare_chart_frame(bundles, facts, labels, lang),
                                         sv.chart_target(facts, lang), facts.target_year, cmp_labels),
                width="stretch",
            )
            st.dataframe(sv.compare_table(bundles, lang, facts.gdp(lang)), hide_index=True, width="stretch")


scenario_body()
ui.provenance(lang, ui.view(wording.own_text, "sim_provenance", plan_id, lang))
