"""Strings of the overview page (总览): headline tiles, progress grid, 13th-plan scoreboard, vision, arithmetic."""

STRINGS: dict[str, tuple[str, str]] = {
    "ov_subtitle": (
        "{plan}主要指标：{base_year}年实际、{target_year}年目标与每年所需变化",
        "{plan} main indicators: {base_year} actual, {target_year} target and the change needed each year",
    ),
    "ov_no_actuals": (
        "尚未导入年度实际数据：下面只显示规划本身（{base_year}年基数与{target_year}年目标），不评价进度（状态显示为“○ 待评估”）。导入后，每项指标显示最新实际值及其相对规划路径的状态。",
        "No yearly actuals have been imported yet: the page shows the plan itself ({base_year} base and {target_year} target) and "
        "does not judge progress (status “○ Awaiting evaluation”). Once actuals are imported, each indicator shows its latest actual and its status "
        "against the plan path.",
    ),
    "ov_actuals_loaded": (
        "已导入实际数据：{count} 项指标，最新年份 {year}年。状态按规划路径（基数到目标的匀速路径）判断。",
        "Imported actuals: {count} indicators, latest year {year}. Status is judged against the plan path "
        "(an even path from base to target).",
    ),
    # Headline tiles
    "ov_headline": ("主要指标", "Headline indicators"),
    "ov_base_label": ("{year}年", "{year}"),
    "ov_target_label": ("{year}年目标", "{year} target"),
    "ov_target_growth_label": ("规划年均增长", "Planned growth per year"),
    "ov_needed": ("年均所需", "Needed per year"),
    "ov_stated": ("规划年均增长", "Stated growth per year"),
    "ov_latest": ("{year}年实际", "{year} actual"),
    "ov_path": ("规划路径 {year}年：{value}", "plan path {year}: {value}"),
    "ov_already_met": ("已达到目标", "target already reached"),
    "ov_growth_is_target": ("目标即年均增速", "the target is the growth rate"),
    "ov_growth_target": ("年均增长 {value}", "growth {value} a year"),
    # Progress grid
    "ov_tab_grid": ("全部指标（{n}项）", "All indicators ({n})"),
    "ov_tab_scoreboard": ("上一规划完成情况", "Previous plan: results"),
    "ov_tab_vision": ("远景与目标", "Vision and goals"),
    "ov_tab_arith": ("规划数字核对", "Plan arithmetic"),
    "ov_grid": ("全部 {n} 项指标（按规划{k}大类）", "All {n} indicators by the plan's {k} categories"),
    "ov_grid_count": ("{n} 项", "{n} indicators"),
    "ov_col_indicator": ("指标", "Indicator"),
    "ov_col_base": ("{year}年", "{year}"),
    "ov_col_target": ("{year}年目标", "{year} target"),
    "ov_col_needed": ("年均所需", "Needed per year"),
    "ov_col_latest": ("最新实际", "Latest actual"),
    "ov_col_status": ("状态", "Status"),
    # Scoreboard
    # The previous plan's words: {plan} its short name (「“十三五”」), {table} its table (「专栏1」), {year} its years.
    "ov_scoreboard": ("{plan}规划目标完成情况（{table}）", "{plan}: targets and results ({table})"),
    "ov_scoreboard_plan": ("上一规划目标完成情况：{plan}", "The previous plan's targets and results: {plan}"),
    "ov_scoreboard_summary": (
        "{total} 项指标中：超额完成 {exceeded} 项，已完成 {met} 项，未完成 {missed} 项，待评估 {pending} 项"
        "（无实际值或结果为文字），无可比目标 {other} 项。",
        "Of {total} indicators: {exceeded} exceeded, {met} met, {missed} not met, {pending} awaiting evaluation "
        "(no actual, or a result in words), {other} without a comparable target.",
    ),
    "ov_scoreboard_chart_title": (
        "{plan}：{year}年实际相对规划目标（方向已校正，右侧为更好）",
        "{plan}: {year} actual against the target (direction-adjusted, right is better)",
    ),
    "ov_scoreboard_x": ("{year}年实际 ÷ 目标（越低越好的指标取倒数）", "{year} actual ÷ target (inverted where lower is better)"),
    "ov_scoreboard_table": ("全部{table}指标", "All {table} indicators"),
    "ov_scoreboard_table_plan": ("上一规划的全部指标", "All indicators of the previous plan"),
    "ov_col_base_year": ("{year}年", "{year}"),
    "ov_col_target_year": ("{year}年目标", "{year} target"),
    "ov_col_actual_year": ("{year}年实际", "{year} actual"),
    "ov_col_result": ("结果", "Result"),
    # Vision and goals
    "ov_vision": ("2035年远景目标", "Vision for 2035"),
    "ov_goals": ("“十四五”时期主要目标（原文）", "Main goals of the 14th-plan period (plan text)"),
    # Plan arithmetic
    "ov_arith": ("规划数字核对", "Checking the plan's arithmetic"),
    "ov_arith_intro": (
        "规划同时印出起止数值和年均增速。按复利由起止数值推算年均增速，与印出的增速比较（差距在 0.15 个百分点以内视为取整误差）。",
        "The plan prints both the start and end values and a yearly growth rate. The compound rate implied by the "
        "two values is compared with the printed rate (a gap within 0.15 percentage points counts as rounding).",
    ),
    "ov_arith_gdp": (
        "{gdp}从 {base}（{base_year}年）到 {target}（{target_year}年），按现价推算年均增长 {implied}；"
        "规划印出的 {stated} 是按可比价计算的实际增速。两者之差意味着价格年均上涨约 {price}"
        "（(1+{implied})÷(1+{stated})−1）。名义增速 = 实际增速与价格上涨的复合。",
        "GDP from {base} ({base_year}) to {target} ({target_year}) implies {implied} a year at current prices "
        "(nominal); the printed {stated} is real growth at comparable prices. The gap means prices rising about "
        "{price} a year ((1+{implied})÷(1+{stated})−1). Nominal growth compounds real growth and price change.",
    ),
    "ov_arith_col_path": ("起止", "From → to"),
    "ov_arith_col_stated": ("印出的年均增长", "Printed rate per year"),
    "ov_arith_col_implied": ("起止值推算（复利）", "Implied by the values (compound)"),
    "ov_arith_col_gap": ("差", "Gap"),
    "ov_arith_col_verdict": ("核对", "Check"),
    "ov_arith_agrees": ("✓ 一致（取整误差内）", "✓ agrees (within rounding)"),
    "ov_arith_price": ("≈ 名义与实际之差：价格年均 {price}", "≈ nominal vs real: prices {price} a year"),
    "ov_arith_differs": ("✗ 不一致", "✗ does not agree"),
    "ov_arith_unreconciled": (
        "✗ 印出的增速与起止值对不上（差额若算作价格，需年均 {price}，不合常理）：起止值的统计口径可能已调整，或所印为名义增速",
        "✗ the printed rate cannot be reconciled with the values (read as prices, the gap would be {price} a year, "
        "not plausible): the statistics were probably rebased, or the printed rate is nominal",
    ),
    "ov_arith_previous": ("{plan}（{table}）的同样核对", "The same check for the {plan} ({table})"),
    "ov_arith_which_plan": ("规划", "plan"),
    "ov_arith_which_outcome": ("实际", "outcome"),
    "ov_arith_col_which": ("口径", "Basis"),
    "ov_provenance": (
        "专栏1（“十三五”主要指标实现情况）；专栏2（“十四五”主要指标）；第一章第五节（2035年远景目标、“十四五”主要目标）",
        "Table 1 (13th-plan indicators); Table 2 (14th-plan indicators); ch. 1, sec. 5 (vision 2035 and the "
        "14th-plan goals)",
    ),
    "ov_provenance_plan": ("{plan}：{table}", "{plan}: {table}"),
}
