"""Strings of the 三新五大 industries page and of the table helpers the sector pages share (prefix in_)."""

STRINGS: dict[str, tuple[str, str]] = {
    # Shared by the sector pages (industries_view helpers)
    "in_plan_choice_all": ("两个规划", "Both plans"),
    "in_plan_toggle": ("规划", "Plan"),
    "in_no_document_content": (
        "{plan}的数据只有主要指标表：没有规划正文的数字、重点项目和点名企业。",
        "The {plan}'s data hold its main table only: no plan-text figures, key projects or named enterprises.",
    ),
    "in_col_start": ("起点", "Start"),
    "in_col_target": ("目标", "Target"),
    "in_col_growth": ("规划增速（按原表）", "Growth as printed"),
    "in_col_actual": ("实际 / 最新实际", "Actual / latest actual"),
    "in_col_subject": ("内容", "What"),
    "in_col_kind": ("类型", "Kind"),
    "in_col_quote": ("规划原文", "Plan text (Chinese original)"),
    "in_col_table": ("专栏", "Table"),
    "in_col_group": ("类别", "Group"),
    "in_col_project": ("项目", "Project"),
    "in_col_enterprise": ("企业", "Enterprise"),
    "in_kind_target": ("目标", "Target"),
    "in_kind_achievement": ("“十三五”成就", "13th-plan result"),
    "in_no_actual_yet": ("暂无数据（尚未导入）", "no data (none imported yet)"),
    "in_not_applicable": ("不适用（规划期已结束）", "n/a (plan period over)"),
    "in_already_met_suffix": ("（已达到）", " (already met)"),
    "in_year_not_stated": ("未注明", "not stated"),
    "in_series": ("系列", "Series"),
    "in_series_base_year": ("{year}年基数", "{year} base"),
    "in_series_previous_target": ("{plan}目标（{year}年）", "{plan} target ({year})"),
    "in_series_base": ("2020年实际（基数）", "2020 actual (base)"),
    "in_change": ("变化", "Change"),
    "in_tile_help": ("起点 {start}；目标 {target}", "Start {start}; target {target}"),
    "in_tile_target": ("{year}目标：{target}", "{year} target: {target}"),
    "in_table_note": (
        "“起点”“目标”“规划增速”按规划原表（专栏1该栏为“累计或年均增长”）；“所需年均变化”：占比和比率按个百分点、总量按复合增长率计算；"
        "导入年度实际值后显示最新实际和进度状态（快于预期／基本符合预期／滞后，按规划路径判断）。",
        "Start, target and growth as printed in the plan (table 1's growth column is “cumulative or yearly”). Change needed per year: percentage points for shares and "
        "rates, compound % for levels. Once yearly actuals are imported, the latest actual and its status "
        "against the plan path (ahead of expectations / broadly on track / lagging) appear.",
    ),
    # Industries page
    "in_intro": (
        "“三新”（新能源、新材料、新装备）、“五大”（大数据、大文旅、大农特、大健康、大商贸）产业及传统产业、"
        "未来产业：规划正文的量化目标、专栏重点项目和点名的企业；产业结构与创新指标。",
        "The “three new” (new energy, new materials, new equipment) and “five big” (big data, culture and "
        "tourism, specialty agriculture, health, commerce) sectors plus traditional and future industries: "
        "the plan's quantitative targets, its key projects and the enterprises it names; industrial "
        "structure and innovation indicators.",
    ),
    "in_intro_plan": (
        "{plan}中属于产业与创新的指标（{table}，按规划表的类别归入本页）。",
        "The industry and innovation indicators of the {plan} ({table}, placed here by the table's categories).",
    ),
    "in_table_note_plan": (
        "“起点”“目标”“规划增速”按规划原表；“所需年均变化”：占比和比率按个百分点、总量按复合增长率计算；"
        "导入年度实际值后显示最新实际和进度状态（快于预期／基本符合预期／滞后，按规划路径判断）。",
        "Start, target and growth as printed in the plan. Change needed per year: percentage points for shares and "
        "rates, compound % for levels. Once yearly actuals are imported, the latest actual and its status "
        "against the plan path (ahead of expectations / broadly on track / lagging) appear.",
    ),
    "in_structure_caption_plan": ("{plan}的产业结构指标（{table}）。", "Structure indicators of the {plan} ({table})."),
    "in_innovation_caption_plan": ("{plan}的创新指标（{table}）。", "Innovation indicators of the {plan} ({table})."),
    "in_group_plan_heading": ("按规划类别归入的产业与创新指标", "Industry and innovation indicators by the plan's categories"),
    "in_group_plan_caption": (
        "规划表中类别含“创新”“产业”或“六新”的指标。",
        "Rows of the plan's table whose category names innovation, industry or the “six new”.",
    ),
    "in_nothing_for_plan": ("{plan}没有此类指标。", "The {plan} has no such indicator."),
    "in_shares_chart_title_plan": ("{plan}产业结构占比：基数 → 目标", "Structure shares of the {plan}: base → target"),
    "in_path_chart_title_plan": ("{plan}：按不变增速的路径", "The {plan}: constant-growth path"),
    "in_provenance_plan": ("{plan}：{table}", "{plan}: {table}"),
    "in_sector_label": ("选择产业", "Sector"),
    "in_all_sectors": ("全部产业", "All sectors"),
    "in_group_three_new": ("“三新”产业", "“Three new” sectors"),
    "in_group_five_big": ("“五大”产业", "“Five big” sectors"),
    "in_group_other": ("传统与未来产业", "Traditional and future industries"),
    "in_overview_heading": ("重点项目分布", "Key projects by sector"),
    "in_chart_projects_title": (
        "各产业重点项目数量（“十四五”规划专栏3、4、5、7）",
        "Key projects per sector (14th plan, tables 3, 4, 5 and 7)",
    ),
    "in_chart_projects_x": ("产业", "Sector"),
    "in_chart_projects_y": ("重点项目（个）", "Key projects"),
    "in_projects_total": ("十个产业共列重点项目 {n} 个", "{n} key projects across the ten sectors"),
    "in_sector_counts": (
        "量化目标 **{figures}** 项 · 重点项目 **{projects}** 个 · 点名企业 **{enterprises}** 家",
        "Quantitative figures **{figures}** · key projects **{projects}** · enterprises named **{enterprises}**",
    ),
    "in_group_totals_heading": ("按产业类别", "By sector group"),
    "in_sector_caption": ("{group} · 规划{chapter}", "{group} · plan {chapter}"),
    "in_figures_heading": ("规划正文中的量化目标", "Quantitative figures in the plan text"),
    "in_enterprises_heading": ("规划点名的企业", "Enterprises named in the plan"),
    "in_quotes_heading": ("规划原文（量化目标与企业的出处句子）", "Plan text (the sentences behind the figures and enterprises)"),
    "in_projects_heading": ("重点项目：{n} 个（{tables}）", "Key projects: {n} ({tables})"),
    "in_no_figures": ("规划正文未给出该产业的量化目标。", "The plan text gives no quantitative target for this sector."),
    "in_no_projects": ("规划专栏未列出该产业的重点项目。", "The plan's tables list no key project for this sector."),
    "in_no_enterprises": ("规划正文未点名该产业的企业。", "The plan text names no enterprise for this sector."),
    "in_structure_heading": ("产业结构", "Industrial structure"),
    "in_structure_caption": (
        "专栏2“‘六新’突破与产业升级”等指标：规上工业企业倍增、工业和制造业比重、高技术制造业、数字经济。",
        "Table 2 indicators on “six new” breakthroughs and upgrading: doubling the enterprises above "
        "designated size, industry and manufacturing shares, high-tech manufacturing, digital economy.",
    ),
    "in_path_heading": ("规上工业企业倍增路径", "Doubling the industrial enterprises above designated size"),
    "in_path_chart_title": (
        "规上工业企业数量 2020—2025年：按不变增速的倍增路径",
        "Industrial enterprises above designated size, 2020–2025: constant-growth doubling path",
    ),
    "in_path_y": ("企业数（户）", "Enterprises"),
    "in_col_path_value": ("规划路径值（户）", "Plan path (enterprises)"),
    "in_enterprise_growth": (
        "{base} 户 → {target} 户，为 {year} 年的 {multiple} 倍，折合年均增长 {implied}%（规划表列 {stated}%）。",
        "{base} → {target} enterprises, {multiple} times the {year} number: {implied}% a year "
        "(the plan prints {stated}%).",
    ),
    "in_shares_chart_title": (
        "产业结构占比：2020年实际 → 2025年目标",
        "Structure shares: 2020 actual → 2025 target",
    ),
    "in_shares_x": ("占比（%）", "Share (%)"),
    "in_start_year": ("{year}年实际", "{year} actual"),
    "in_end_year": ("{year}年目标", "{year} target"),
    "in_industry_wide_heading": ("全区工业目标与“十三五”基础", "District-wide industry targets and the 13th-plan base"),
    "in_innovation_heading": ("创新驱动", "Innovation"),
    "in_innovation_caption": (
        "专栏2创新指标（研发投入、实验室、高价值专利、5G）和规划正文的创新目标（创新平台、新型研发机构、高新技术企业、人才）。",
        "Table 2 innovation indicators (R&D, laboratories, high-value patents, 5G) and the innovation targets "
        "of the plan text (platforms, new R&D institutions, high-tech enterprises, talent).",
    ),
    "in_provenance": (
        "专栏2（产业结构与创新指标）；专栏3、专栏4、专栏5、专栏7（重点项目）；"
        "第一章第一节（“十三五”成就）、第二章（创新）、第三章第一至五节（产业目标与点名企业）",
        "Table 2 (structure and innovation indicators); tables 3, 4, 5 and 7 (key projects); "
        "chapter 1 section 1 (13th-plan results), chapter 2 (innovation), chapter 3 sections 1–5 "
        "(sector targets and the enterprises named)",
    ),
}
