"""Strings shared by every page: app title, languages, attributes, statuses, categories, page titles."""

STRINGS: dict[str, tuple[str, str]] = {
    # App and languages
    "app_title": ("离石区“十四五”规划监测", "Lishi District 14th Five-Year Plan Monitor"),
    "app_title_plan": ("{region}{short}规划监测", "{region} {short} monitor"),
    "language": ("语言", "Language"),
    # Language names are autonyms: each is shown in its own language.
    "lang_zh": ("中文", "中文"),
    "lang_en": ("English", "English"),
    "no_data": ("暂无数据", "no data"),
    # Table and chart fields
    "indicator": ("指标", "Indicator"),
    "category": ("类别", "Category"),
    "plan": ("规划", "Plan"),
    "year": ("年份", "Year"),
    "value": ("数值", "Value"),
    "unit": ("单位", "Unit"),
    "note": ("备注", "Note"),
    "progress": ("进度", "Progress"),
    "progress_of_target": ("目标完成程度", "Share of target reached"),
    # Attributes (属性) of plan indicators
    "attribute": ("属性", "Attribute"),
    "attr_anticipatory": ("预期性", "Anticipatory"),
    "attr_binding": ("约束性", "Binding"),
    # Real versus nominal growth of a current-price level (views._common.RealGrowth)
    "growth_real_value": ("{rate}（可比价，{first}—{last}年）", "{rate} (comparable prices, {first}–{last})"),
    "growth_nominal_value": ("{rate}（现价/名义）", "{rate} (current prices, nominal)"),
    "growth_real_missing": ("无法评价：仅有现价总量，缺少按可比价格计算的增速", "Not evaluable: current-price levels "
                            "alone, no growth at comparable prices"),
    "growth_real_gap": ("无法评价：缺少{years}年按可比价格计算的增速", "Not evaluable: no growth at comparable prices "
                        "for {years}"),
    "growth_basis_real": ("{rate}（可比价）", "{rate} (comparable prices)"),
    "growth_real_label": ("实际年均增长", "Real growth a year"),
    "growth_nominal_label": ("现价年均增长", "Current-price growth a year"),
    "growth_so_far_label": ("年均增长", "Growth a year"),
    "growth_real_short": ("可比价 {rate}", "{rate} real"),
    "growth_nominal_short": ("现价/名义 {rate}", "{rate} nominal"),
    "growth_real_missing_short": ("可比价 无法评价", "real not evaluable"),
    # Direction
    "direction": ("方向", "Direction"),
    "dir_up": ("越高越好", "higher is better"),
    "dir_down": ("越低越好", "lower is better"),
    "dir_none": ("不分高低", "no preferred direction"),
    # Status: the words themselves live in lishi_metrics.model.status (one vocabulary)
    "status": ("状态", "Status"),
    # Provenance
    "source": ("来源", "Source"),
    "provenance": ("数据出处", "Provenance"),
    # Categories of both plans (专栏1 and 专栏2), keyed cat_<slug>
    "cat_economic_development": ("经济发展", "Economic development"),
    "cat_innovation": ("创新驱动", "Innovation-driven development"),
    "cat_six_new": ("“六新”突破与产业升级", "“Six new” breakthroughs and industrial upgrading"),
    "cat_green_ecology": ("绿色生态", "Green ecology"),
    "cat_human_development": ("人的全面发展", "All-round human development"),
    "cat_security": ("安全保障", "Security"),
    "cat_wellbeing": ("民生福祉", "People's wellbeing"),
    "cat_ecological_civilisation": ("生态文明", "Ecological civilisation"),
    "cat_integrity_safety": ("廉洁安全", "Integrity and safety"),
    # Years and series
    "actual_year": ("{year}年实际", "{year} actual"),
    "target_year": ("{year}年目标", "{year} target"),
    "needed_per_year": ("年均所需", "Needed per year"),
    # a count's requirement: its whole change over the plan's years (views._common.needed_text)
    "needed_count_total": ("{years}年共 {change}", "{change} over {years} years"),
    "series_plan_path": ("规划路径", "Plan path"),
    "series_actual": ("实际", "Actual"),
    "series_base": ("基数", "Base"),
    "series_target": ("目标", "Target"),
    # Page titles
    "page_overview": ("总览", "Overview"),
    "page_industries": ("三新五大", "Industries"),
    # the industries page under another plan (三新五大 is this district's 14th plan's own slogan)
    "page_industries_plan": ("产业与创新", "Industry and innovation"),
    "page_ecology": ("绿色生态", "Ecology"),
    "page_livelihood": ("民生福祉", "Livelihood"),
    "page_explorer": ("指标库", "Indicator explorer"),
    "page_scenario": ("情景模拟", "Scenario simulator"),
    "page_screen": ("大屏", "Big screen"),
    "page_data": ("数据维护", "Data maintenance"),
    # About the data
    # URL parameter notices
    "param_ignored": ("已忽略无效参数 {param}", "Ignored invalid parameter {param}"),
    "param_clamped": (
        "参数 {param} 超出范围，已调整为 {value}",
        "Parameter {param} was out of range and was set to {value}",
    ),
    "param_unknown": ("已忽略本页不使用的参数 {param}，已从地址中移除", "Ignored parameter {param}, which this page does not use; removed from the address"),
    "param_repeated": ("参数 {param} 出现多次，已只保留最后一个值 {value}，其余已从地址中移除",
                       "Parameter {param} was given more than once; only its last value, {value}, is kept and the "
                       "others were removed from the address"),
    "param_unknown_more": ("另有 {n} 个本页不使用的参数已忽略并移除", "{n} more parameters this page does not use were ignored and removed"),
    # What a URL parameter means, for notices: words a reader knows, with the short name they see in the link.
    "param_word_g": ("实际增速（g）", "real growth (g)"),
    "param_word_p": ("价格涨幅（p）", "price change (p)"),
    "param_word_sigma": ("波动（sigma）", "volatility (sigma)"),
    "param_word_n": ("模拟次数（n）", "number of simulations (n)"),
    "param_word_seed": ("随机种子（seed）", "random seed (seed)"),
    "param_word_horizon": ("展望年份（horizon）", "horizon (horizon)"),
    "param_word_lr": ("长期实际增速（lr）", "long-run real growth (lr)"),
    "param_word_lang": ("语言（lang）", "language (lang)"),
    "param_word_plan": ("规划（plan）", "plan (plan)"),
    "param_word_id": ("指标（id）", "indicator (id)"),
    "param_word_q": ("搜索词（q）", "search text (q)"),
    "param_word_panel": ("大屏画面（panel）", "big-screen panel (panel)"),
    "param_word_rotate": ("轮播秒数（rotate）", "seconds per panel (rotate)"),
    "param_word_topic": ("领域（topic）", "topic (topic)"),
    "param_word_theme": ("主题（theme）", "theme (theme)"),
    "param_word_sector": ("产业（sector）", "industry (sector)"),
    "param_word_table": ("规划指标表（table）", "plan table (table)"),
    "param_word_kind": ("类型（kind）", "type (kind)"),
    "param_word_cat": ("类别（cat）", "category (cat)"),
    "param_word_attr": ("属性（attr）", "attribute (attr)"),
    "param_word_sidebar": ("侧边栏（sidebar）", "sidebar (sidebar)"),
    "param_word_from": ("所需增速的起算年份（from）", "required growth counted from (from)"),
    "param_word_ind": ("联合目标的工业名义增速（ind）", "joint targets: industry growth (ind)"),
    "param_word_rest": ("联合目标的其余部分名义增速（rest）", "joint targets: growth of the rest (rest)"),
    "param_word_tab": ("打开的标签页（tab）", "open tab (tab)"),
    "not_applicable": ("不适用", "not applicable"),
    "plan_fyp13": ("“十三五”规划（2016—2020年）", "13th Five-Year Plan (2016–2020)"),
    "plan_fyp14": ("“十四五”规划（2021—2025年）", "14th Five-Year Plan (2021–2025)"),
    # A plan without a GDP level (issue 21.5): what is missing, and what a GDP level row would add.
    "gdp_gap_no_row": (
        "{plan}没有标为经济总量的指标（role 为 gdp 的行），所以这里没有经济总量的路径。",
        "{plan} has no row marked as its GDP (role gdp), so there is no path of the size of the economy here.",
    ),
    "gdp_gap_no_level": (
        "{plan}的“{name}”只给出{printed}，没有基期和目标年的总量值，所以这里没有经济总量的路径。",
        "{plan} prints “{name}” only as {printed}, with no base-year and target-year level, so there is no "
        "path of the size of the economy here.",
    ),
    "gdp_gap_printed_rate": ("年均增速 {rate}", "a yearly growth rate of {rate}"),
    "gdp_gap_printed_text": ("文字目标“{text}”", "the text target “{text}”"),
    "gdp_gap_printed_none": ("增速或文字", "a rate or text"),
    "gdp_gap_would_add": (
        "若规划工作簿中有一行 role 为 gdp、填写了基期值和目标值（如 亿元）的经济总量指标，情景模拟、大屏的经济总量图"
        "和报告的“经济总量”一节就会据此给出路径、所需增速和达标判断；其余指标的进度和评估不受影响。",
        "A row with role gdp that gives a base value and a target value (a level, e.g. in 亿元) in the plan "
        "workbook would give the scenario simulator, the wall's GDP chart and the reports' “size of the "
        "economy” section their path, required growth and verdict; every other indicator's progress and "
        "evaluation is unaffected.",
    ),
    # Words for any plan (views.state.own_text): its main table and who publishes its actuals, when its row
    # does not name them.
    "plan_main_table": ("主要指标表", "the main-indicator table"),
    # A recorded verdict on a text target (评估结论), wherever its status shows (views._common.verdict_line).
    "verdict_line": ("评估结论：{status}（{by}，{day}）", "Verdict: {status} ({by}, {day})"),
    "verdict_line_note": ("评估结论：{status}（{by}，{day}）：{note}", "Verdict: {status} ({by}, {day}): {note}"),
    "plan_stats_source": ("统计部门", "the statistics office"),
}
