"""Words that follow the plan shown (issue 21.3): the dashboard's title and the lines naming a plan's tables."""

from __future__ import annotations

from lishi_metrics.views.state import _cell, plan_label


def own_text(key: str, plan_id: str, lang: str) -> str:
    """Text `key` for the plan of the shipped document (it names that document's tables and chapters); for any
    other plan `key_plan`, filled from the plan's own row: {plan} (its name), {table} (its main table's title),
    {source} (who publishes its actuals), {region}. Data text is Markdown-escaped (captions render Markdown)."""
    from lishi_metrics.data import db as data
    from lishi_metrics.data.plans import is_document_plan, plan_row
    from lishi_metrics.text import fmt
    from lishi_metrics.text.i18n import t

    if is_document_plan(plan_id):
        return t(key, lang)
    plans = data.plans_catalogue()
    row = plan_row(plans, plan_id)
    sfx = "en" if lang == "en" else "zh"
    return t(f"{key}_plan", lang, plan=fmt.md_escape(plan_label(plans, plan_id, lang)),
             table=fmt.md_escape(row.get(f"table_title_{sfx}") or t("plan_main_table", lang)),
             source=fmt.md_escape(row.get(f"stats_source_{sfx}") or t("plan_stats_source", lang)),
             region=fmt.md_escape(row.get(f"region_{sfx}") or ""))


def app_title(plans, plan_id: str, lang: str) -> str:
    """The dashboard's title for the plan shown: 「离石区“十四五”规划监测」 for the document's plan; for another plan
    its own region and short name (「全国“十五五”规划监测」), or its name and period when it has no short name.
    Plans sharing a short name are told apart by their region."""
    from lishi_metrics.data.plans import is_document_plan, plan_row
    from lishi_metrics.text.i18n import t

    if is_document_plan(plan_id):
        return t("app_title", lang)
    row = plan_row(plans, plan_id)
    sfx = "en" if lang == "en" else "zh"
    short, region = row.get(f"short_name_{sfx}"), row.get(f"region_{sfx}")
    if not short:
        return t("app_title_plan", lang, region="", short=plan_label(plans, plan_id, lang)).strip()
    return t("app_title_plan", lang, region=region or "", short=short).strip()


def sidebar_texts(plan_id: str, lang: str) -> tuple[str, str]:
    """The sidebar's title and its note on where the data come from, for the plan shown (cached by ui.view)."""
    from lishi_metrics.data import db as data

    return app_title(data.plans_catalogue(), plan_id, lang), own_text("about_data_body", plan_id, lang)


def plan_short_label(plans, plan_id: str, lang: str) -> str:
    """A plan's short name for a filter or a table's plan column (「“十四五”」 / "14th plan", from the plans
    table's short_name_zh / short_name_en); with its region when another plan has the same short name
    (「全国“十四五”」); a plan without a short name by plan_label."""
    from lishi_metrics.text.i18n import t

    rows = plans.loc[plans["plan_id"] == plan_id] if plans is not None and len(plans) else None
    r = rows.iloc[0] if rows is not None and not rows.empty else None
    sfx = "en" if lang == "en" else "zh"
    short = _cell(r, f"short_name_{sfx}") if r is not None else None
    if not short:
        return plan_label(plans, plan_id, lang)
    same = plans[(plans["plan_id"] != plan_id) & (plans["short_name_zh"] == _cell(r, "short_name_zh"))]
    if not same.empty and _cell(r, f"region_{sfx}"):
        return t("plan_short_region", lang, region=_cell(r, f"region_{sfx}"), short=short)
    return short
