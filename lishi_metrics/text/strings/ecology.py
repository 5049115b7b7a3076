"""Strings of the 绿色生态 ecology page (prefix ec_)."""

STRINGS: dict[str, tuple[str, str]] = {
    "ec_intro": (
        "两个规划的空气、水、森林、能源与碳排放指标，“十三五”生态成就，专栏10生态工程，"
        "以及目标为“完成市任务”的约束性指标（按原文显示文字目标）。",
        "Air, water, forest, energy and carbon indicators of both plans, the 13th plan's ecological results, "
        "the projects of table 10, and the binding indicators whose target is “meet the city's assigned "
        "target” (shown as the words the plan prints).",
    ),
    "ec_intro_plan": (
        "{plan}的空气、水、森林、能源与碳排放等生态指标（{table}，按规划表的类别归入本页），"
        "以及目标为文字的约束性指标（按原文显示）。",
        "Air, water, forest, energy and carbon indicators of the {plan} ({table}, placed here by the table's "
        "categories), and the binding indicators whose target is in words (shown as printed).",
    ),
    "ec_theme_label": ("主题", "Theme"),
    "ec_theme_all": ("全部", "All"),
    "ec_theme_air": ("空气", "Air"),
    "ec_theme_water": ("水", "Water"),
    "ec_theme_forest": ("森林", "Forest"),
    "ec_theme_energy": ("能源与碳", "Energy and carbon"),
    "ec_theme_pollutants": ("主要污染物", "Main pollutants"),
    "ec_theme_plan": ("按规划类别归入的生态指标", "Ecology indicators by the plan's categories"),
    "ec_theme_caption_plan": (
        "规划表中类别含“生态”“绿色”“环境”或“资源”的指标。",
        "Rows of the plan's table whose category names ecology, green, environment or resources.",
    ),
    "ec_theme_caption_air": (
        "空气质量：“十四五”优良天数比例（约束性），“十三五”PM2.5、PM10浓度。",
        "Air quality: the 14th plan's share of good-air days (binding); the 13th plan's PM2.5 and PM10.",
    ),
    "ec_theme_caption_water": (
        "水环境与用水：地表水达到或好于Ⅲ类比例，万元地区生产总值用水量，劣Ⅴ类水体比例。",
        "Water: surface water of Class III or better, water use per CNY 10,000 of GDP, water worse than Class V.",
    ),
    "ec_theme_caption_forest": (
        "森林覆盖率和蓄积量：“十三五”目标40%未完成（2020年27.76%），“十四五”目标30%。",
        "Forest cover and stock: the 13th-plan target of 40% was missed (27.76% in 2020); the 14th-plan "
        "target is 30%.",
    ),
    "ec_theme_caption_energy": (
        "能耗和碳排放强度、非化石能源比重：规划目标为“完成市任务”，按文字显示。",
        "Energy and carbon intensity, non-fossil share: the plan's target is the city-assigned task, shown "
        "in words.",
    ),
    "ec_theme_caption_pollutants": (
        "“十三五”主要污染物排放（2015年基数）；规划表未列2020年目标和实际值。",
        "Main pollutant emissions of the 13th plan (2015 base); the plan's table prints no 2020 target or actual.",
    ),
    "ec_tile_pm25": ("PM2.5 浓度（2020年）", "PM2.5 concentration (2020)"),
    "ec_tile_pm25_help": (
        "“十三五”规划专栏1：2015年48，2020年33（{change}）；2020年目标栏为“—”。",
        "13th plan, table 1: 48 in 2015, 33 in 2020 ({change}); the 2020 target cell is “—”.",
    ),
    "ec_tile_was": ("{year}：{value}", "{year}: {value}"),
    "ec_tile_air": ("空气质量优良天数（2020年）", "Days with good air (2020)"),
    "ec_tile_air_help": (
        "2020年约303天，优良率82.8%；“十四五”目标85%，年均要求为“完成市任务”。",
        "About 303 days in 2020, 82.8% of the year; 14th-plan target 85%, yearly requirement “meet the "
        "city's assigned target”.",
    ),
    "ec_tile_water": ("地表水好于Ⅲ类比例（2020年）", "Surface water Class III or better (2020)"),
    "ec_tile_water_help": ("2020年 → 2025年：{change}", "2020 → 2025: {change}"),
    "ec_tile_forest": ("森林覆盖率（2020年）", "Forest cover (2020)"),
    "ec_tile_forest_help": (
        "2020年 → 2025年：{change}；“十三五”目标40%未完成。",
        "2020 → 2025: {change}; the 13th-plan target of 40% was missed.",
    ),
    "ec_tile_water_use": ("万元GDP用水量（2020年）", "Water use per CNY 10,000 of GDP (2020)"),
    "ec_tile_water_use_help": (
        "“十三五”目标 {target}：{status}。",
        "13th-plan target {target}: {status}.",
    ),
    "ec_shares_title": (
        "“十四五”生态约束性指标：2020年实际 → 2025年目标",
        "14th-plan binding ecology indicators: 2020 actual → 2025 target",
    ),
    "ec_shares_title_plan": ("{plan}生态指标：基数 → 目标", "Ecology indicators of the {plan}: base → target"),
    "ec_shares_x": ("比例（%）", "Share (%)"),
    "ec_forest_title": (
        "森林覆盖率 2015—2025年：“十三五”目标未完成，“十四五”目标30%",
        "Forest cover 2015–2025: 13th-plan target missed, 14th-plan target 30%",
    ),
    "ec_forest_title_plan": ("森林覆盖率：{plan}的规划路径", "Forest cover: the {plan}'s path"),
    "ec_forest_y": ("森林覆盖率（%）", "Forest cover (%)"),
    "ec_heating_title": (
        "清洁取暖改造户数（“十三五”期间累计，至2020年）",
        "Households switched to clean heating (13th plan, cumulative to 2020)",
    ),
    "ec_heating_x": ("改造方式", "Measure"),
    "ec_heating_y": ("户数", "Households"),
    "ec_heating_gas": ("煤改气", "Coal to gas"),
    "ec_heating_electric": ("煤改电", "Coal to electricity"),
    "ec_heating_central": ("完善集中供热", "Central heating improved"),
    "ec_heating_total": (
        "合计 {n}；城市建成区基本实现清洁取暖全覆盖（第一章第一节）。",
        "{n} in all; clean heating covers practically the whole built-up area (ch. 1, sec. 1).",
    ),
    "ec_achievements_heading": ("“十三五”成就（规划正文）", "13th-plan results (plan text)"),
    "ec_city_task_heading": ("目标为“完成市任务”的约束性指标", "Binding indicators with the city-assigned task as target"),
    "ec_city_task_caption": (
        "这些指标的目标由市里下达，规划未写明数字：此处按原文显示文字，不编造数值，也不画进度条。",
        "The city assigns these targets and the plan prints no number for them: the words are shown as "
        "printed, with no invented number and no progress bar.",
    ),
    "ec_col_numeric_target": ("数字目标", "Numeric target"),
    "ec_col_text_target": ("文字目标（原文）", "Target in words"),
    "ec_col_how_shown": ("说明", "How shown"),
    "ec_no_numeric_target": ("规划未给出数字", "no number in the plan"),
    "ec_shown_text_only": ("仅文字目标，无法计算进度", "words only: progress cannot be computed"),
    "ec_shown_with_number": ("有数字目标，年度要求为文字", "numeric target; the yearly requirement is in words"),
    "ec_shown_result": ("{plan}结果，按原文", "{plan} result, as printed"),
    "ec_none_for_plan": ("所选规划中没有此类指标。", "The chosen plan has no such indicator."),
    "ec_projects_heading": (
        "生态保护与修复重大工程（专栏10，共{n}项）",
        "Major ecological protection and restoration projects (table 10: {n} projects)",
    ),
    "ec_projects_heading_plan": ("生态工程", "Ecology projects"),
    "ec_provenance_plan": ("{plan}：{table}", "{plan}: {table}"),
    "ec_provenance": (
        "专栏1（“十三五”生态文明指标）；专栏2（“十四五”绿色生态指标）；专栏10（生态工程）；"
        "第一章第一节（“十三五”成就）；第八章（生态立区）",
        "Table 1 (13th-plan ecological indicators); table 2 (14th-plan green ecology indicators); table 10 "
        "(ecology projects); ch. 1, sec. 1 (13th-plan results); ch. 8 (ecology)",
    ),
}
