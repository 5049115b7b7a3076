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
        "2035 of Lishi District, Lüliang* (Li Zheng Fa [2021] No. 11), with its source (table 专栏 or chapter). "
        "Where the plan gives no number the dashboard says “no data”; text targets (such as “meet the city's "
        "assigned target”) are shown as printed.\n\n"
        "**Anticipatory** (预期性) indicators state the direction and goals the government expects, reached "
        "mainly through the choices of market actors; **binding** (约束性) indicators are targets the government "
        "must ensure, obligations for the departments concerned.",
    ),
    "unit_yi_note": ("1 亿元 = 10 000 万元", "1 亿元 (yi yuan) = CNY 100 million; 255 亿元 = CNY 25.5 billion"),
}
