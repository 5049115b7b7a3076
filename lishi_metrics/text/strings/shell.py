"""Strings of the app shell and shared UI helpers (sidebar, errors, downloads)."""

STRINGS: dict[str, tuple[str, str]] = {
    "seq": ("序号", "No."),
    "data_error": ("数据错误", "Data problem"),
    "download_csv": ("下载 CSV", "Download CSV"),
    "download_xlsx": ("下载 Excel (XLSX)", "Download Excel (XLSX)"),
    "about_data_title": ("关于数据", "About the data"),
    "about_data_body": (
        "全部数字摘自《吕梁市离石区国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要》"
        "（离政发〔2021〕11号），每个数字注明出处（专栏或章节）。规划未给出数字的，显示为“暂无数据”；"
        "文字目标（如“完成市任务”）按原文显示。\n\n"
        "**预期性**指标是政府期望的发展方向和目标，主要依靠市场主体的自主行为实现；"
        "**约束性**指标是政府必须确保实现的目标，是对有关部门提出的工作要求。",
        "Every number is taken from the *Outline of the 14th Five-Year Plan and Long-Range Objectives through "
        "2035 of Lishi District, Lüliang* (Li Zheng Fa [2021] No. 11), with its source (the plan's table or chapter). "
        "Where the plan gives no number the dashboard says “no data”; text targets (such as “meet the city's "
        "assigned target”) are shown as printed.\n\n"
        "**Anticipatory** indicators state the direction and goals the government expects, reached "
        "mainly through the choices of market actors; **binding** indicators are targets the government "
        "must ensure, obligations for the departments concerned.",
    ),
    "about_data_body_plan": (
        "{plan}的数字取自其主要指标表（{table}），由规划工作簿导入，每行注明出处。规划未给出数字的，显示为“暂无数据”；"
        "文字目标按原文显示。\n\n"
        "**预期性**指标是政府期望的发展方向和目标，主要依靠市场主体的自主行为实现；"
        "**约束性**指标是政府必须确保实现的目标，是对有关部门提出的工作要求。",
        "The numbers of the {plan} come from its main-indicator table ({table}), imported from a plan workbook, "
        "each row with its source. Where the plan gives no number the dashboard says “no data”; text targets are "
        "shown as printed.\n\n"
        "**Anticipatory** indicators state the direction and goals the government expects, reached "
        "mainly through the choices of market actors; **binding** indicators are targets the government "
        "must ensure, obligations for the departments concerned.",
    ),
    "unit_yi_note": ("1 亿元 = 10 000 万元", "The plan counts money in 亿元 (yi yuan, CNY 100 million): its 255 亿元 is shown as CNY 25.5 bn"),
    "plan_switch": ("规划", "Plan"),
    "plan_switch_help": (
        "选择要查看的规划；链接中的 plan= 参数会记住所选规划，可直接分享。",
        "Choose the plan to show; the link's plan= parameter keeps the choice, so it can be shared.",
    ),
    "plan_period": ("{name}（{start}—{end}年）", "{name} ({start}–{end})"),
    "plan_short_region": ("{region}{short}", "{region}: {short}"),
    "plan_period_region": ("{region}{short}规划（{start}—{end}年）", "{region}: {short} ({start}–{end})"),
    "plan_document_only": (
        "本页内容（产业、项目、规划正文中的数字与表述）摘自随系统提供的规划纲要正文，不适用于{plan}，因此本页不显示内容。"
        "请打开总览、指标查询、大屏和情景模拟页面查看所选规划的指标。",
        "This page's content (sectors, projects, figures and statements of the plan text) comes from the plan "
        "text the dashboard ships with and does not apply to the {plan}, so this page shows nothing for it. Open "
        "the overview, explorer, big screen or scenario pages for the selected plan's indicators.",
    ),
    "plan_none_on_page": ("{plan}没有属于本页的指标。", "The {plan} has no indicator that belongs on this page."),
}
