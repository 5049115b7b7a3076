"""Strings of the data maintenance page (数据维护): store status, history, downloads, admin gate, import, rollback."""

STRINGS: dict[str, tuple[str, str]] = {
    "da_intro": (
        "在这里导入区统计局公布的年度实际数据（2021—2025年）。每次导入生成一个新版本，旧版本全部保留，可随时回滚；"
        "导入后各页面即显示最新实际值及其相对规划的进度。",
        "Import the yearly actuals (2021–2025) published by the district statistics bureau here. Every import "
        "creates a new version, earlier versions are kept and can be restored at any time; once imported, every "
        "page shows the latest actuals and the progress against the plan.",
    ),
    # Status
    "da_status": ("当前数据", "Current data"),
    "da_current_version": ("当前版本", "Current version"),
    "da_version_zero": ("0（尚无导入数据）", "0 (no imported data)"),
    "da_values_count": ("已导入数值", "Imported values"),
    "da_indicators_count": ("涉及指标", "Indicators covered"),
    "da_last_change": ("最近一次变更", "Last change"),
    "da_never": ("从未导入", "never"),
    # Downloads
    "da_downloads": ("模板与数据下载", "Template and data downloads"),
    "da_downloads_help": (
        "模板每行一个所选规划的指标，每个年份一列；在年份列中填写数值（无数值请留空），保存为 CSV 或 XLSX 后导入。"
        "“当前实际值”与模板格式相同，可修改后重新导入。",
        "The template has one row per indicator of the selected plan and one column per year; fill in the year cells "
        "(leave a cell empty when there is no value), save as CSV or XLSX and import it. “Current actuals” has the "
        "template's layout, so it can be edited and imported again.",
    ),
    "da_template_csv": ("下载模板（CSV）", "Template (CSV)"),
    "da_template_xlsx": ("下载模板（XLSX）", "Template (XLSX)"),
    "da_actuals_csv": ("下载当前实际值（CSV）", "Current actuals (CSV)"),
    "da_actuals_xlsx": ("下载当前实际值（XLSX）", "Current actuals (XLSX)"),
    "da_no_actuals": ("尚无导入的实际值可供下载。", "There are no imported actuals to download yet."),
    # History
    "da_history": ("版本历史", "Version history"),
    "da_history_empty": ("尚无导入记录。", "Nothing has been imported yet."),
    "da_col_version": ("版本", "Version"),
    "da_col_time": ("时间（北京时间）", "Time (Beijing, UTC+8)"),
    "da_col_by": ("操作人", "By"),
    "da_col_action": ("操作", "Action"),
    "da_col_file": ("文件", "File"),
    "da_col_checksum": ("校验和（SHA-256）", "Checksum (SHA-256)"),
    "da_col_added": ("新增", "Added"),
    "da_col_changed": ("修改", "Changed"),
    "da_col_unchanged": ("未变", "Unchanged"),
    "da_col_removed": ("移除", "Removed"),
    "da_action_import": ("导入", "Import"),
    "da_action_rollback": ("回滚 {old} → {new}", "Rollback {old} → {new}"),
    # Admin gate
    "da_admin": ("导入与回滚", "Import and rollback"),
    "da_readonly": (
        "本页目前为只读：尚未设置管理员密码。要启用导入和回滚，请设置环境变量 LISHI_ADMIN_PASSWORD，"
        "或在 .streamlit/secrets.toml 中加入一行 admin_password = \"…\"，然后重启应用。",
        "This page is read-only: no admin password is configured. To enable import and rollback, set the "
        "environment variable LISHI_ADMIN_PASSWORD or add the line admin_password = \"…\" to "
        ".streamlit/secrets.toml, then restart the app.",
    ),
    "da_password_config_error": (
        "无法读取管理员密码配置，本页暂为只读：{error}",
        "The admin password configuration cannot be read, so the page is read-only: {error}",
    ),
    "da_login_help": ("导入和回滚需要管理员密码。", "Import and rollback need the admin password."),
    "da_password": ("管理员密码", "Admin password"),
    "da_unlock": ("解锁", "Unlock"),
    "da_password_empty": ("请输入密码。", "Enter the password."),
    "da_password_wrong": (
        "密码错误。多次输入错误后，每次尝试都会被延迟。",
        "Wrong password. After repeated failures every attempt is delayed.",
    ),
    "da_password_wait": (
        "尝试过于频繁：请 {seconds} 秒后再试（本次输入未被检查）。",
        "Too many attempts: try again in {seconds} s (this attempt was not checked).",
    ),
    "da_password_locked": (
        "密码错误次数过多，登录已暂时锁定：请约 {minutes} 分钟后再试，或联系系统管理员。",
        "Too many wrong passwords: login is locked for about {minutes} min; try later or ask the administrator.",
    ),
    "da_unlocked": ("已解锁：可以导入和回滚。", "Unlocked: you can import and roll back."),
    "da_lock": ("锁定", "Lock"),
    "da_by": ("您的姓名（记入版本历史）", "Your name (recorded in the history)"),
    "da_by_placeholder": ("如：区统计局 张三", "e.g. Zhang San, statistics bureau"),
    "da_by_missing": ("请先填写您的姓名。", "Enter your name first."),
    # Import
    "da_tab_import": ("导入实际值", "Import actuals"),
    "da_tab_rollback": ("回滚", "Roll back"),
    "da_drop_here": ("将文件拖放到此处", "Drag and drop the file here"),
    "da_drop_limit": ("每个文件最大 {mb} MB · CSV、XLSX", "At most {mb} MB per file · CSV, XLSX"),
    "da_browse": ("选择文件", "Choose a file"),
    "da_upload": ("选择填好的模板（CSV 或 XLSX，最大 5 MB）", "Choose the filled-in template (CSV or XLSX, at most 5 MB)"),
    "da_upload_help": (
        "只检查，不保存：检查通过并预览后，点击“确认导入”才会生成新版本。",
        "Checking stores nothing: a new version is created only when you press “Commit import” after the preview.",
    ),
    "da_rejected": (
        "文件未通过检查，未作任何更改。请按下表修改后重新上传：",
        "The file was rejected and nothing was changed. Fix the problems below and upload it again:",
    ),
    "da_col_row": ("行", "Row"),
    "da_col_column": ("列", "Column"),
    "da_col_problem": ("问题", "Problem"),
    "da_warnings": (
        "以下数值看起来不太合理，请核对。确认无误后勾选下面的确认框再导入：",
        "These values look implausible; please check them. Tick the confirmation below to import them anyway:",
    ),
    "da_confirm_warnings": ("我已核对以上数值，确认无误", "I have checked these values and they are correct"),
    "da_preview": ("导入预览", "Preview"),
    "da_preview_counts": (
        "新增 {new} 个数值，修改 {changed} 个，未变 {unchanged} 个。",
        "Values: {new} new, {changed} changed, {unchanged} unchanged.",
    ),
    "da_nothing_changes": (
        "文件中的数值与当前版本完全相同；仍可导入（将生成一个内容相同的新版本）。",
        "Every value equals the current version; importing still creates a new version with the same content.",
    ),
    "da_col_indicator_id": ("指标代码", "Indicator ID"),
    "da_col_indicator": ("指标", "Indicator"),
    "da_col_unit": ("单位", "Unit"),
    "da_col_year": ("年份", "Year"),
    "da_col_status": ("变化", "Change"),
    "da_col_old": ("原值", "Old value"),
    "da_col_new": ("新值", "New value"),
    "da_status_new": ("新增", "new"),
    "da_status_changed": ("修改", "changed"),
    "da_status_unchanged": ("未变", "unchanged"),
    "da_none": ("（无）", "(none)"),
    "da_commit": ("确认导入", "Commit import"),
    "da_commit_needs_confirm": (
        "请先勾选上面的确认框。",
        "Tick the confirmation above first.",
    ),
    "da_store_moved": (
        "在您预览之后，其他人更新了数据（当前版本 {version}）。上面的预览已按最新数据重新计算，请核对后再次点击“确认导入”。",
        "Someone changed the data after your preview (now version {version}). The preview above has been "
        "recomputed; check it and press “Commit import” again.",
    ),
    "da_imported": (
        "已导入，生成版本 {version}：新增 {added}，修改 {changed}，未变 {unchanged}。各页面已改用新数据。",
        "Imported as version {version}: {added} added, {changed} changed, {unchanged} unchanged. "
        "Every page now uses the new data.",
    ),
    # Rollback
    "da_rollback_help": (
        "回滚把选定的版本重新设为当前版本；不删除任何版本，回滚本身也记入历史，之后还可以再回到其他版本。",
        "A rollback makes the chosen version current again; no version is deleted, the rollback is recorded in "
        "the history, and you can move to another version later.",
    ),
    "da_rollback_to": ("回滚到版本", "Roll back to version"),
    "da_rollback_nothing": (
        "还没有可以回滚到的其他版本。",
        "There is no other version to roll back to yet.",
    ),
    "da_version_label": ("版本 {version} · {time} · {by} · {file}", "Version {version} · {time} · {by} · {file}"),
    "da_version_label_zero": ("版本 0 · 无导入数据", "Version 0 · no imported data"),
    "da_rollback_confirm": (
        "确认回滚：当前版本 {current} 将由版本 {target} 取代",
        "Confirm: version {target} replaces the current version {current}",
    ),
    "da_rollback_button": ("回滚", "Roll back"),
    "da_rolled_back": ("已回滚：当前版本为 {version}。", "Rolled back: version {version} is current."),
    # Errors
    "da_unlock_code": ("一次性解锁码（被锁定时）", "One-time unlock code (when locked out)"),
    "da_unlock_code_help": (
        "登录被锁定时，服务器管理员可在命令行签发一次性解锁码（admin unlock），凭此码可检查一次密码。",
        "While sign-in is locked out, the server's administrator can issue a one-time code on the command line "
        "(admin unlock); with it, one password attempt is checked.",
    ),
    "da_input_error": ("无法导入：{error}", "Cannot import: {error}"),
    "da_provenance": (
        "规划纲要专栏2（模板中的指标）；区统计局年度数据（实际值，按上方版本历史导入）",
        "plan outline, Table 2 (the template's indicators); statistics bureau yearly data (actuals, imported as "
        "listed in the version history above)",
    ),
    "da_action_plan_import": ("导入规划 {plan}", "Plan {plan} imported"),
    "da_action_plan_remove": ("删除规划 {plan}", "Plan {plan} removed"),
    "da_col_sheet": ("工作表", "Sheet"),
    "da_plans": ("规划", "Plans"),
    "da_plans_help": (
        "下表列出系统中的全部规划（系统自带的和已导入的）；新的规划可用规划工作簿导入，导入后所有页面可通过侧栏或链接中的 "
        "plan= 参数切换。下载空白工作簿或任一规划的已填工作簿作为起点。",
        "The table lists every plan (shipped and imported); a new plan is loaded from a plan workbook, after "
        "which every page can show it (sidebar, or plan= in the link). Download the empty workbook, or any plan "
        "as a filled one, to start from.",
    ),
    "da_plan_col_id": ("代码", "ID"),
    "da_plan_col_name": ("名称", "Name"),
    "da_plan_col_period": ("规划期", "Period"),
    "da_plan_col_base": ("基期", "Base year"),
    "da_plan_col_indicators": ("指标数", "Indicators"),
    "da_plan_col_origin": ("来源", "Origin"),
    "da_plan_shipped": ("系统自带", "shipped"),
    "da_plan_imported": ("导入", "imported"),
    "da_plan_template": ("下载规划工作簿模板", "Plan workbook template"),
    "da_plan_export": ("下载所选规划（工作簿）", "Selected plan as a workbook"),
    "da_tab_plans": ("导入规划", "Import a plan"),
    "da_tab_verdicts": ("评估结论", "Verdicts"),
    # 经济运行 (issue 26): the year-to-date workbook, imported like the actuals
    "da_tab_periods": ("经济运行数据", "Economy figures"),
    "da_periods_help": (
        "统计月报的累计值、累计增速和当年目标：下载模板，填写 targets 和 periods 两张表（上年各期也请填写），上传检查后确认导入。"
        "每次导入是一个新版本，可在“回滚”中撤回；“经济运行”页和大屏据此显示。",
        "The monthly bulletin's year-to-date levels and growth, and the year's targets: download the template, fill "
        "its targets and periods sheets (last year's periods too), upload it to check, then commit. Each import is a "
        "new version, which Roll back can undo; the Economy page and the big screen show it."),
    "da_periods_template": ("下载{year}年经济运行模板", "Economy template for {year}"),
    "da_periods_upload": ("上传经济运行工作簿（.xlsx）", "Upload the economy workbook (.xlsx)"),
    "da_periods_counts": ("检查通过：目标 {targets} 行，累计数 {periods} 行。",
                          "Checked: {targets} target rows, {periods} period rows."),
    "da_periods_imported": ("已导入经济运行数据，生成版本 {version}：新增 {added}，修改 {changed}，未变 {unchanged}。",
                            "Economy figures imported as version {version}: {added} added, {changed} changed, "
                            "{unchanged} unchanged."),
    "da_verdict_help": (
        "规划目标为文字表述（如“完成市任务”）的指标，在录入评估结论前显示“待评估”。录入后，总览、指标查询、大屏和评估报告都按该结论显示。"
        "每次录入或撤销都是一个新版本，可在“回滚”中撤回。",
        "Indicators whose target is in words (e.g. “meet the city's assigned target”) await evaluation until a verdict "
        "is recorded here; the overview, the explorer, the big screen and the reports then show it. Each verdict or "
        "withdrawal is a new version, which Roll back can undo."),
    "da_verdict_none": ("本规划没有文字表述的目标。", "This plan has no target in words."),
    "da_verdict_indicator": ("指标", "Indicator"),
    "da_verdict_status": ("评估结论", "Verdict"),
    "da_verdict_note": ("说明（依据，最多 300 字）", "Note (what it rests on, at most 300 characters)"),
    "da_verdict_save": ("录入评估结论", "Record the verdict"),
    "da_verdict_withdraw": ("撤销评估结论", "Withdraw the verdict"),
    "da_verdict_saved": ("已录入 {indicator} 的评估结论（版本 {version}）", "Verdict on {indicator} recorded (version {version})"),
    "da_verdict_withdrawn_ok": ("已撤销 {indicator} 的评估结论（版本 {version}）",
                                "Verdict on {indicator} withdrawn (version {version})"),
    "da_verdict_withdrawn": ("撤销", "withdrawn"),
    "da_action_verdict": ("评估结论 {indicator}：{verdict}", "Verdict on {indicator}: {verdict}"),
    "da_verdict_col_indicator": ("指标", "Indicator"),
    "da_verdict_col_target": ("目标（原文）", "Target (as printed)"),
    "da_verdict_col_verdict": ("评估结论", "Verdict"),
    "da_verdict_col_by": ("录入人", "By"),
    "da_verdict_col_time": ("录入时间", "When"),
    "da_verdict_col_note": ("说明", "Note"),
    "da_plan_upload": ("上传规划工作簿（.xlsx，或 plan.csv 与 indicators.csv）",
                       "Upload a plan workbook (.xlsx, or plan.csv and indicators.csv)"),
    "da_plan_rejected": ("规划工作簿未通过检查，未保存任何内容：", "The plan workbook was rejected; nothing was stored:"),
    "da_plan_warnings": ("提示（不影响导入）：", "Notes (the import can go ahead):"),
    "da_plan_arith": (
        "规划数字核对（{name}）：{base} → {end}（{base_year}—{end_year}年），印出的年均增长 {stated}，由起止值推算 {implied}，"
        "差 {gap}。{verdict}",
        "Plan arithmetic ({name}): {base} → {end} ({base_year}–{end_year}), printed rate {stated} a year, implied by "
        "the values {implied}, gap {gap}. {verdict}",
    ),
    "da_plan_ready": ("检查通过：规划 {plan}，{n} 个指标{replace}。", "Checked: plan {plan}, {n} indicators{replace}."),
    "da_plan_replaces": ("（将替换已导入的同名规划）", " (replaces the imported plan of that id)"),
    "da_plan_commit": ("导入该规划", "Import this plan"),
    "da_plan_imported_ok": ("已导入规划 {plan}，版本 {version}。链接：?plan={plan}",
                            "Plan {plan} imported as version {version}. Link: ?plan={plan}"),
    "da_plan_remove": ("删除已导入的规划", "Remove an imported plan"),
    "da_plan_remove_button": ("删除", "Remove"),
    "da_plan_removed": ("已删除规划 {plan}（版本 {version}；可回滚恢复）。",
                        "Plan {plan} removed (version {version}; a rollback restores it)."),
    "da_plan_none_imported": ("还没有导入的规划。", "No plan has been imported yet."),
    "da_intro_plan": (
        "在这里导入{source}公布的年度实际数据。每次导入生成一个新版本，旧版本全部保留，可随时回滚；"
        "导入后各页面即显示最新实际值及其相对规划的进度。",
        "Import the yearly actuals published by {source} here. Every import creates a new version, earlier "
        "versions are kept and can be restored at any time; once imported, every page shows the latest actuals "
        "and the progress against the plan.",
    ),
    "da_provenance_plan": ("{plan}：{table}（模板中的指标）；{source}年度数据（实际值，按上方版本历史导入）",
                           "{plan}: {table} (the template's indicators); yearly data of {source} (actuals, "
                           "imported as listed in the version history above)"),
}
