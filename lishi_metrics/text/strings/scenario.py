"""Strings of the scenario page (情景模拟): model explanation, controls, metrics, tables, joint targets, comparison."""

STRINGS: dict[str, tuple[str, str]] = {
    "sim_title": ("情景模拟：{gdp}如何达到{year}年目标", "Scenario simulator: how GDP reaches the {year} target"),
    "sim_joint_no_share": (
        "所选规划没有“工业增加值占 GDP 比重”指标（role 为 industry_share 的行），无法进行产业结构联合测算。",
        "The selected plan has no industry-share row (an indicator with role industry_share), so the joint "
        "GDP and industry-structure view is not available.",
    ),
    "sim_subtitle": (
        "调整增长假设，即时查看{gdp}路径、能否及何时达到目标、剩余年份需要多快增长，以及达标的可能性。",
        "Change the growth assumptions and see the GDP path at once: whether and when the target is reached, "
        "what growth the remaining years need, and how likely it is.",
    ),
    # Model explanation
    "sim_model_title": ("先看口径：名义增长 = 实际增长 × 价格变化", "First, the basis: nominal = real × prices"),
    "sim_model_body": (
        "**名义（现价）{gdp}每年 = 上年 ×（1 + 实际增速）×（1 + 价格涨幅）。**"
        "规划的年均增长 **{real}** 是可比价的**实际**增速，而 {base_year}年的 **{base}** 和 {target_year}年的 "
        "**{target}** 是现价的**名义**总量。从 {base} 到 {target} 需要名义年均增长 **{nominal}**；"
        "{real} 的实际增长只有在价格每年上涨约 **{price}** 时才能达到 {target}"
        "（价格不变时，{target_year}年只有 {real_only}）。"
        "本页默认价格涨幅就是这一规划隐含值，由上述数字计算得出，并非另行设定。",
        "**Nominal (current-price) GDP each year = previous year × (1 + real growth) × (1 + price change).** "
        "The plan's **{real}** a year is **real** growth at comparable prices, while **{base}** in {base_year} and "
        "**{target}** in {target_year} are **nominal** totals at current prices. Going from {base} to {target} takes "
        "**{nominal}** a year nominal; {real} real growth reaches {target} only if prices rise about **{price}** a "
        "year (with flat prices {target_year} ends at {real_only}). The page's default price change is this "
        "plan-implied rate, computed from those numbers, not typed in.",
    ),
    "sim_start_base": (
        "起点：{year}年 {value}（规划基数），模拟 {span} 年。",
        "Start: {year}, {value} (the plan's base); simulating {span}.",
    ),
    "sim_start_actual": (
        "起点：{year}年实际值 {value}（已导入），只模拟其后的 {span} 年；图中圆点为实际值。",
        "Start: the {year} actual, {value} (imported); only the remaining years {span} are simulated; "
        "the chart shows actuals as points.",
    ),
    "sim_target_actual": (
        "{year}年实际值已导入：{value}，{verdict}。",
        "The {year} actual has been imported: {value}, {verdict}.",
    ),
    "sim_realised": ("已导入年份的增长：{lines}。", "Growth in the imported years: {lines}."),
    "sim_met": ("已达到目标", "target met"),
    "sim_not_met": ("未达到目标", "target not met"),
    # Controls
    "sim_controls": ("假设", "Assumptions"),
    "sim_presets": ("预设情景", "Presets"),
    "sim_preset_plan": ("规划基准", "Plan baseline"),
    "sim_preset_trend13": ("{prev}趋势", "{prev} trend"),
    # Appended to sim_model_body when the plan names a predecessor whose GDP growth is known.
    "sim_model_trend": ("作为参照，{prev}时期实际年均增长 {trend}。", " For reference, the {prev} period achieved {trend} a "
                        "year real."),
    "sim_preset_optimistic": ("乐观", "Optimistic"),
    "sim_preset_cautious": ("谨慎", "Cautious"),
    "sim_preset_on_target": ("恰好达标", "Exactly on target"),
    "sim_preset_year_target": ("按年度目标", "This year's target"),
    "sim_preset_year_target_note": (
        "按年度目标：{targets}（经济运行数据中导入的年度目标），其余年份按规划实际增长每年 {real}；价格 {price}。",
        "This year's target: {targets} (the year targets imported with the monthly figures), the plan's real "
        "growth of {real} a year in the other years; prices {price}.",
    ),
    "sim_year_rate": ("{year}年增长 {rate}", "{rate} in {year}"),
    "sim_year_rate_sep": ("、", ", "),
    "sim_preset_plan_note": (
        "规划基准：实际增长每年 {real}，价格 {price}。",
        "Plan baseline: real growth {real} a year, prices {price}.",
    ),
    "sim_preset_trend13_note": (
        "{prev}趋势：延续{prev}实际年均增长 {real}，价格 {price}。",
        "{prev} trend: the {prev} outcome of {real} real a year continues, prices {price}.",
    ),
    "sim_preset_optimistic_note": (
        "乐观：实际增长每年 {real}，价格 {price}。",
        "Optimistic: real growth {real} a year, prices {price}.",
    ),
    "sim_preset_cautious_note": (
        "谨慎：实际增长每年 {real}，价格 {price}。",
        "Cautious: real growth {real} a year, prices {price}.",
    ),
    "sim_preset_on_target_note": (
        "恰好达标：价格不变（{price}）时恰好达到目标所需的不变年增速 {real}。",
        "Exactly on target: the constant rate, {real} a year, that lands on the target with flat prices ({price}).",
    ),
    "sim_preset_custom": ("自定义假设（未对应任何预设）。", "Custom assumptions (no preset)."),
    "sim_price_implied_short": ("按规划隐含 {price}", "plan-implied {price}"),
    "sim_growth_header": ("实际增速（可比价，%/年）", "Real growth (comparable prices, % a year)"),
    "sim_same_g": ("各年相同", "Same for all years"),
    "sim_g_all": ("每年实际增速", "Real growth every year"),
    "sim_g_year": ("{year}年", "{year}"),
    "sim_g_year_actual": ("{year}年（已有实际值）", "{year} (actual known)"),
    "sim_price_header": ("价格涨幅（GDP 平减指数，%/年）", "Price change (GDP deflator, % a year)"),
    "sim_p_implied": (
        "采用规划隐含价格涨幅（年均 {price}）",
        "Use the plan-implied price change ({price} a year)",
    ),
    "sim_p_implied_help": (
        "使规划的实际增速恰好达到名义目标的价格涨幅：(1+名义)÷(1+实际)−1，由规划数字计算。",
        "The price change that makes the plan's real growth land exactly on the nominal target: "
        "(1+nominal)÷(1+real)−1, computed from the plan's numbers.",
    ),
    "sim_same_p": ("各年价格涨幅相同", "Same price change for all years"),
    "sim_p_all": ("每年价格涨幅", "Price change every year"),
    "sim_horizon": ("展望至", "Extend to"),
    "sim_lr": ("{year}年后长期实际增速（%/年）", "Long-run real growth after {year} (% a year)"),
    "sim_lr_help": (
        "{year}年以后按此实际增速延伸，价格涨幅沿用{year}年的假设。",
        "After {year} the path grows at this real rate; the price change stays at the {year} assumption.",
    ),
    "sim_uncertainty": ("不确定性（蒙特卡洛模拟）", "Uncertainty (Monte Carlo)"),
    "sim_sigma": ("波动（实际增速标准差，个百分点）", "Volatility (std. dev. of real growth, pp)"),
    "sim_sigma_help": (
        "每年实际增速 = 假设值 + 波动 × 标准正态随机数，各年独立。波动为 0 时与确定性路径相同。",
        "Each year's real growth = the assumption + volatility × a standard normal draw, independent across "
        "years. With volatility 0 the result equals the deterministic path.",
    ),
    "sim_n": ("模拟次数", "Number of simulations"),
    "sim_seed": ("随机种子（相同种子结果可重现）", "Random seed (same seed, same result)"),
    # Metrics
    "sim_m_gdp": ("{year}年{gdp}", "GDP {year}"),
    "sim_m_gdp_help": ("现价（名义），目标 {target}。", "At current prices (nominal); target {target}."),
    "sim_m_gap": ("距{year}年目标（{target}）", "Gap to the {year} target ({target})"),
    "sim_m_gap_help": (
        "情景值减目标值：负数为差距，正数为超出；下方为占目标的百分比。",
        "Scenario minus target: negative is a shortfall, positive is ahead; below, as a share of the target.",
    ),
    "sim_m_crossing": ("何时达到 {target}", "When {target} is reached"),
    "sim_reached_in": ("{year}年达到", "reached in {year}"),
    "sim_reached_late": ("{year}年才达到", "only in {year}"),
    "sim_not_reached": ("{year}年前未达到", "not by {year}"),
    "sim_m_prob": ("{year}年达标概率", "Chance of reaching the target by {year}"),
    "sim_m_prob_help": (
        "蒙特卡洛模拟中达到目标的路径所占比例（波动 {sigma} 个百分点，{n} 次，种子 {seed}）。",
        "Share of Monte Carlo paths that reach the target (volatility {sigma} pp, {n} paths, seed {seed}).",
    ),
    "sim_m_cumulative": ("{span} 累计增长（名义）", "Growth {span} (nominal)"),
    "sim_real_delta": ("实际 {value}", "real {value}"),
    "sim_m_cumulative_help": (
        "名义为现价总量的增长，实际为各年实际增速的复合。",
        "Nominal is the growth of the current-price total; real compounds the yearly real growth.",
    ),
    "sim_m_horizon_help": (
        "{year}年后按长期实际增速 {lr} 延伸。",
        "Extended after {year} at the long-run real growth of {lr}.",
    ),
    "sim_from_year": ("所需增速的起算年份", "Required growth counted from"),
    "sim_from_year_help": (
        "从所选年份的{gdp}（实际值或本情景值）出发，以不变年增速在目标年恰好达到目标。",
        "From the GDP of the chosen year (actual or this scenario's), the constant yearly growth that lands "
        "exactly on the target in the target year.",
    ),
    "sim_m_required": ("{span} 年均所需（名义）", "Needed a year {span} (nominal)"),
    "sim_m_required_help": (
        "从 {year}年的 {value} 到 {target}。实际增速按本情景这些年份的平均价格涨幅 {price} 折算。",
        "From {value} in {year} to {target}. Real growth deflates by this scenario's average price change over "
        "those years, {price}.",
    ),
    "sim_doubling": (
        "**外部参照（非本规划目标）：** 按国家对2035年远景目标的通常解读，经济总量到2035年比{base_year}年翻一番，"
        "需年均实际增长 {rate}。本情景 {span} 年均实际增长 {avg}，{verdict}。",
        "**Benchmark from outside this plan:** the national reading of the 2035 goal, doubling GDP from "
        "{base_year} to 2035, takes {rate} a year real. This scenario averages {avg} a year real over {span}: "
        "{verdict}.",
    ),
    "sim_doubling_only": (
        "**外部参照（非本规划目标）：** 按国家对2035年远景目标的通常解读，经济总量到2035年比{base_year}年翻一番，"
        "需年均实际增长 {rate}。展望至2035年即可与本情景比较。",
        "**Benchmark from outside this plan:** the national reading of the 2035 goal, doubling GDP from "
        "{base_year} to 2035, takes {rate} a year real. Extend the path to 2035 to compare this scenario with it.",
    ),
    "sim_doubling_above": ("不低于这一参照", "at or above that benchmark"),
    "sim_doubling_below": ("低于这一参照", "below that benchmark"),
    # Chart
    "sim_chart_title": ("{gdp}路径 {span}（亿元，现价）：{status}", "GDP path {span} (CNY bn, current prices): {status}"),
    "sim_chart_reached": ("{year}年达到目标", "target reached in {year}"),
    "sim_chart_late": (
        "{target_year}年差 {gap}，{year}年才达到",
        "{gap} short in {target_year}, reached only in {year}",
    ),
    "sim_chart_short": ("{year}年差 {gap}", "{gap} short in {year}"),
    "sim_axis_gdp": ("亿元", "CNY bn"),
    "sim_series": ("本情景", "This scenario"),
    "sim_series_plan": ("规划路径（年均 {rate}）", "Plan path ({rate} a year)"),
    "sim_target_text": ("{year}年目标 {value}", "{year} target: {value}"),
    "sim_band_outer": ("90% 区间（5%—95%）", "90% range (5–95%)"),
    "sim_band_inner": ("50% 区间（25%—75%）", "50% range (25–75%)"),
    "sim_band": ("模拟区间", "Simulated range"),
    "sim_low": ("下限", "Low"),
    "sim_high": ("上限", "High"),
    "sim_fan_note": (
        "阴影为蒙特卡洛模拟的 90% 和 50% 区间（波动 {sigma} 个百分点，{n} 次，种子 {seed}）。",
        "Shaded: the 90% and 50% ranges of the Monte Carlo paths (volatility {sigma} pp, {n} paths, seed {seed}).",
    ),
    "sim_fan_off": ("波动为 0：模拟结果与确定性路径相同，不画区间。", "Volatility 0: the simulation equals the path; no range drawn."),
    # Tabs
    "sim_tab_table": ("逐年明细与导出", "Year by year and export"),
    "sim_tab_joint": ("联合目标：总量与工业比重", "Joint targets: GDP and industry share"),
    "sim_tab_compare": ("情景比较", "Compare scenarios"),
    # Year table
    "sim_col_kind": ("类型", "Kind"),
    "sim_kind_base": ("基数", "Base"),
    "sim_kind_actual": ("实际", "Actual"),
    "sim_kind_scenario": ("情景", "Scenario"),
    "sim_kind_extension": ("延伸", "Extension"),
    "sim_col_real": ("实际增速", "Real growth"),
    "sim_col_price": ("价格涨幅", "Price change"),
    "sim_col_nominal": ("名义增速", "Nominal growth"),
    "sim_col_gdp": ("{gdp}（亿元）", "GDP (CNY bn)"),
    "sim_col_plan": ("规划路径（亿元）", "Plan path (CNY bn)"),
    "sim_col_gap": ("与规划路径之差（亿元）", "Gap to plan path (CNY bn)"),
    "sim_table_note": (
        "规划路径：从{base_year}年基数按名义年均 {rate} 匀速增长到目标。实际值年份只知道名义增速。",
        "Plan path: constant nominal growth of {rate} a year from the {base_year} base to the target. For actual "
        "years only the nominal growth is known.",
    ),
    # Export
    "sim_export": ("导出本情景（假设与逐年表）", "Export this scenario (assumptions and yearly table)"),
    "sim_xcol_real": ("实际增速（%）", "Real growth (%)"),
    "sim_xcol_price": ("价格涨幅（%）", "Price change (%)"),
    "sim_xcol_nominal": ("名义增速（%）", "Nominal growth (%)"),
    "sim_xcol_gdp": ("{gdp}（亿元）", "GDP (CNY bn)"),
    "sim_xcol_plan": ("规划路径（亿元）", "Plan path (CNY bn)"),
    "sim_xcol_gap": ("与规划路径之差（亿元）", "Gap to plan path (CNY bn)"),
    "sim_x_param": ("参数", "Parameter"),
    "sim_x_price_implied": ("规划隐含", "plan-implied"),
    "sim_x_price_custom": ("自定义", "custom"),
    "sim_x_horizon": ("展望至", "Extended to"),
    "sim_x_lr": ("长期实际增速", "Long-run real growth"),
    "sim_x_sigma": ("波动（个百分点）", "Volatility (pp)"),
    "sim_x_n": ("模拟次数", "Simulations"),
    "sim_x_seed": ("随机种子", "Seed"),
    "sim_x_gap": ("距目标", "Gap to target"),
    "sim_x_gap_pct": ("距目标（占目标比例）", "Gap to target (share of the target)"),
    "sim_x_start_year": ("起点（{year}年）", "Start ({year})"),
    "sim_x_target_year": ("目标（{year}年）", "Target ({year})"),
    "sim_x_real_year": ("实际增速（{year}年）", "Real growth ({year})"),
    "sim_x_price_year": ("价格涨幅（{year}年，{note}）", "Price change ({year}, {note})"),
    "sim_x_unit_amount": ("亿元", "CNY bn"),
    "sim_x_unit_pp": ("个百分点", "pp"),
    "sim_x_link": ("链接参数", "Link"),
    "sim_x_note": (
        "情景模拟结果，非统计数据；名义 = 实际 × 价格。",
        "Scenario results, not statistics; nominal = real × prices.",
    ),
    # Joint targets
    "sim_joint_intro": (
        "规划还要求工业增加值占 GDP 比重从{base_year}年的 {share0} 提高到{target_year}年的 {share1}。"
        "分别设定工业与其余部分的名义增速，同时查看总量和比重是否都达标（从{base_year}年基数起算）。",
        "The plan also wants industrial value added at {share1} of GDP in {target_year} ({share0} in "
        "{base_year}). Set nominal growth for industry and for the rest separately and see whether both targets "
        "are met (from the {base_year} base).",
    ),
    "sim_joint_reveal": (
        "**两个目标合在一起意味着：** 工业增加值从约 {i0} 增至约 {i1}，名义年均增长约 **{ig}**；"
        "其余部分从约 {o0} 增至约 {o1}，只需年均约 **{og}**（总量年均 {gg}）。",
        "**Together the two targets mean:** industrial value added from about {i0} to about {i1}, nearly "
        "**{ig}** a year nominal, while the rest of the economy goes from about {o0} to {o1} and needs only "
        "about **{og}** a year (GDP overall {gg}).",
    ),
    "sim_joint_industry_g": ("工业增加值名义增速（%/年）", "Industry, nominal growth (% a year)"),
    "sim_joint_other_g": ("其余部分名义增速（%/年）", "Rest of the economy, nominal growth (% a year)"),
    "sim_joint_reset": ("恢复为同时达标所需增速", "Reset to the rates both targets need"),
    "sim_joint_share": ("{year}年工业增加值占比", "Industry share {year}"),
    "sim_joint_both": ("两个目标", "Both targets"),
    "sim_joint_both_yes": ("均达到", "both met"),
    "sim_joint_both_no": ("未能同时达到", "not both met"),
    "sim_joint_col_industry": ("工业增加值（亿元）", "Industry (CNY bn)"),
    "sim_joint_col_other": ("其余部分（亿元）", "Rest (CNY bn)"),
    "sim_joint_col_share": ("工业占比", "Industry share"),
    "sim_joint_col_industry_short": ("工业增加值", "Industry"),
    "sim_joint_col_other_short": ("其余部分", "Rest of the economy"),
    "sim_joint_chart_title": (
        "工业增加值与其余部分（亿元，现价）",
        "Industrial value added and the rest of the economy (CNY bn, current prices)",
    ),
    "sim_joint_part": ("组成", "Part"),
    "sim_joint_equal_note": (
        "若两部分增速相同，工业占比保持 {share0} 不变。",
        "If both parts grow at the same rate, the industry share stays at {share0}.",
    ),
    # Comparison
    "sim_cmp_intro": (
        "保存当前情景（最多 {max} 个），与当前假设并排比较。保存的情景只保留在本次浏览会话中。",
        "Save the current scenario (up to {max}) and compare them side by side with the current assumptions. "
        "Saved scenarios last for this browser session only.",
    ),
    "sim_cmp_name": ("情景名称", "Scenario name"),
    "sim_cmp_default_name": ("情景 {n}", "Scenario {n}"),
    "sim_cmp_save": ("保存当前情景", "Save current scenario"),
    "sim_cmp_full": ("已保存 {max} 个情景，请先删除一个。", "{max} scenarios saved: remove one first."),
    "sim_cmp_remove": ("删除“{name}”", "Remove “{name}”"),
    "sim_cmp_current": ("当前（未保存）", "Current (unsaved)"),
    "sim_cmp_empty": ("尚未保存情景。", "No scenario saved yet."),
    "sim_cmp_chart_title": ("情景比较：{gdp}路径（亿元，现价）", "Scenarios compared: GDP path (CNY bn, current prices)"),
    "sim_cmp_item": ("项目", "Item"),
    "sim_cmp_real": ("实际增速", "Real growth"),
    "sim_cmp_price": ("价格涨幅", "Price change"),
    "sim_cmp_gdp": ("目标年{gdp}", "GDP in the target year"),
    "sim_cmp_gap": ("距目标", "Gap to target"),
    "sim_cmp_crossing": ("达到目标年份", "Year the target is reached"),
    "sim_cmp_not_reached": ("未达到", "not reached"),
    "sim_cmp_prob": ("达标概率", "Chance of reaching the target"),
    "sim_cmp_implied": ("规划隐含", "plan-implied"),
    "sim_cmp_link": ("链接参数", "Link"),
    "sim_provenance": (
        "专栏2（地区生产总值：2020年基数、2025年目标、年均增长；工业增加值占 GDP 比重）；"
        "专栏1（“十三五”地区生产总值实际年均增长）；第一章第五节（2035年远景目标）；已导入的年度实际值",
        "Table 2 (GDP 2020 base, 2025 target and growth a year; industrial value added as a share of GDP); "
        "Table 1 (13th-plan GDP growth achieved); ch. 1, sec. 5 (vision 2035); "
        "imported yearly actuals",
    ),
    "sim_x_title": ("{region}{gdp}情景 {span}", "GDP scenario {span}: {region}"),
    "sim_x_sheet_years": ("逐年表", "Yearly table"),
    "sim_x_sheet_assumptions": ("假设与结果", "Assumptions"),
    "sim_x_note_label": ("说明", "Note"),
    "sim_provenance_plan": ("{plan}：{table}（经济总量的基期值、目标值和年均增长）；已导入的年度实际值",
                            "{plan}: {table} (the GDP base, target and growth a year); imported yearly actuals"),
}
