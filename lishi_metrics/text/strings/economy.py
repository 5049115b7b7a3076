"""Strings of the 经济运行 page (prefix eco_) and its page title."""

STRINGS: dict[str, tuple[str, str]] = {
    "page_economy": ("经济运行", "Economy this year"),
    "eco_intro": (
        "统计月报的累计值和累计增速对照当年目标：是否“时间过半、任务过半”，其余各期需增长多少才能完成全年目标。",
        "The monthly and quarterly year-to-date figures of the statistics bureau's monthly reports against this "
        "year's targets: on pace or not, "
        "and what growth the remaining periods need to reach the year's target.",
    ),
    "eco_year": ("年份", "Year"),
    "eco_report_title": ("{when}经济运行分析", "The economy in {when}"),
    "eco_report_table": ("主要指标完成情况", "Main indicators against the year's targets"),
    "eco_plan_link": ("经济运行：{name} {period} {growth}（全年目标 {target}），详见“经济运行”页。",
                      "This year: {name} {period} {growth} (target {target}); see the Economy page."),
    "eco_plan_link_no_target": ("经济运行：{name} {period} {growth}，详见“经济运行”页。",
                                "This year: {name} {period} {growth}; see the Economy page."),
    "param_word_as_of": ("截至期别（as_of）", "period (as_of)"),
    "param_word_year": ("年份（year）", "year (year)"),
    "eco_as_of": ("截至", "As of"),
    "eco_latest": ("最新一期", "Latest period"),
    "eco_empty": (
        "{year}年尚未导入经济运行数据。生成模板：`python -m lishi_metrics periods template --year {year} "
        "--output 经济运行.xlsx`，填写 targets（全年目标）和 periods（各期累计值、累计增速，含上年同期）两张表，"
        "再导入：`python -m lishi_metrics periods import 经济运行.xlsx --by 姓名`（在服务器上由管理员执行）。",
        "No year-to-date figures imported for {year}. Write the template with `python -m lishi_metrics periods "
        "template --year {year} --output economy.xlsx`, fill its sheets targets (the year's targets) and periods "
        "(year-to-date levels and growth, last year's too), then import it on the server (admin): "
        "`python -m lishi_metrics periods import economy.xlsx --by NAME`.",
    ),
    "eco_no_targets": (
        "{year}年尚未导入全年目标：在模板的 targets 表填写 target_growth 或 target_value 后重新导入。",
        "No targets imported for {year}: fill target_growth or target_value in the template's targets sheet "
        "and import it again.",
    ),
    "eco_col_indicator": ("指标", "Indicator"),
    "eco_col_period": ("期别", "Period"),
    "eco_col_value": ("累计值（累计增速）", "Year to date (growth)"),
    "eco_col_target": ("全年目标（差距）", "Year's target (gap)"),
    "eco_missing": ("未导入数据和目标的指标：{names}。在模板中填写后导入即可显示。",
                    "Indicators with neither figures nor a target imported: {names}. Fill them in the template "
                    "and import it to show them."),
    "eco_col_progress": ("完成进度/时间进度", "Done / time elapsed"),
    "eco_col_needed": ("其余各期需增长", "Rest of year needs"),
    "eco_col_status": ("状态", "Status"),
    "eco_period_month": ("1—{n}月", "Jan–{m}"),
    "eco_period_month_1": ("1月", "January"),
    "eco_period_quarter_1": ("一季度", "Q1"),
    "eco_period_quarter_2": ("上半年", "H1"),
    "eco_period_quarter_3": ("前三季度", "Q1–Q3"),
    "eco_period_quarter_4": ("全年", "Full year"),
    "eco_reason_no_weights": ("缺上年同期或全年数，无法计算", "Last year's levels missing"),
    "eco_reason_year_complete": ("全年已结束", "Year complete"),
    "eco_reason_reached": ("已完成全年目标", "Target already reached"),
    "eco_reason_no_target": ("无全年目标", "No target"),
    "eco_reason_no_ytd": ("未导入累计数", "No figure imported"),
    "eco_not_imported": ("未导入", "Not imported"),
    "eco_chart_title": ("{name}：累计增速", "{name}: year-to-date growth"),
    "eco_chart_x_month": ("月份（1月起累计）", "Months since January"),
    "eco_chart_x_quarter": ("季度（累计）", "Quarters (cumulative)"),
    "eco_chart_y": ("累计增速（%）", "YTD growth (%)"),
    "eco_chart_year": ("{year}年", "{year}"),
    "eco_chart_target": ("全年目标 {value}", "Target {value}"),
    "eco_chart_none": ("{name}：尚无累计增速", "{name}: no year-to-date growth yet"),
    "eco_summary": (
        "截至{period}，{n}项有目标的指标中{on}项基本符合预期或快于预期，{behind}项滞后。",
        "As of {period}, {on} of {n} indicators with a target are broadly on track or ahead, {behind} lagging.",
    ),
    "eco_method": (
        "其余各期需增长 =（全年目标增速 × 上年全年数 − 累计增速 × 上年同期累计数）÷（上年全年数 − 上年同期累计数），"
        "以上年数据加权；状态按全年目标增速判断（与规划评估同一规则：差距在目标的10%、至少0.1个百分点以内为基本符合预期）。",
        "Rest of year needs = (target growth × last year's total − YTD growth × last year's same-period level) ÷ "
        "(last year's total − last year's same-period level), weighted by last year's levels; the status compares "
        "YTD growth with the target by the plan evaluation's rule (within 10% of the target, at least 0.1 "
        "point: broadly on track).",
    ),
    "eco_provenance": (
        "用户导入的统计月报累计数与全年目标（数据维护 → 存储版本）；指标定义见 data/source/periodic_indicators.csv。",
        "The year-to-date figures and targets imported by users (store versions on the data page); "
        "indicator definitions in data/source/periodic_indicators.csv.",
    ),
}
