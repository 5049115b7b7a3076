"""Texts of the store of imported data: its errors (StoreError codes) and the banner of a damaged store.

Viewer-facing: no server paths, file names or commands (the CLI and the log carry those).
"""

STRINGS = {
    "st_err_generic": ("导入数据存储出现问题，已记录在服务器日志中，请联系系统管理员。",
                       "The store of imported data has a problem; it is recorded in the server log. Please contact "
                       "the system administrator."),
    "st_err_unreadable_dir": ("无法读取导入数据存储（权限不足），请联系系统管理员检查存储目录的权限。",
                              "The store of imported data cannot be read (permissions); ask the system "
                              "administrator to check the store directory's permissions."),
    "st_err_not_a_directory": ("导入数据存储的位置设置有误，请联系系统管理员。",
                               "The store of imported data is configured at an unusable location; please contact "
                               "the system administrator."),
    "st_err_not_writable": ("导入数据存储不可写入，未保存任何内容。请联系系统管理员检查存储目录的权限。",
                            "The store of imported data is not writable; nothing was saved. Ask the system "
                            "administrator to check the store directory's permissions."),
    "st_err_read_only": ("导入数据存储所在磁盘为只读，未保存任何内容。请联系系统管理员。",
                         "The disk of the store of imported data is read-only; nothing was saved. Please contact "
                         "the system administrator."),
    "st_err_disk_full": ("服务器磁盘空间已满，未保存任何内容，已有数据不受影响。请联系系统管理员释放空间后重试。",
                         "The server's disk is full: nothing was saved and the data already stored is unaffected. "
                         "Ask the system administrator to free space, then try again."),
    "st_err_write_failed": ("写入导入数据存储失败，未保存任何内容，已有数据不受影响。请稍后重试或联系系统管理员。",
                            "Writing to the store of imported data failed: nothing was saved and the data already "
                            "stored is unaffected. Try again later or contact the system administrator."),
    "st_err_verify_failed": ("写入后校验未通过，未保存任何内容，请重试。",
                             "The written data did not verify; nothing was saved. Please try again."),
    "st_err_locked": ("另一项导入正在进行（已等待 {seconds} 秒），请一分钟后重试。",
                      "Another import has held the store for {seconds} s; please try again in a minute."),
    "st_err_current_damaged": ("当前版本 {version} 已损坏，不能在其上导入新数据。请先回滚到一个可读取的版本。",
                               "The current version {version} is damaged, so no new data can be built on it. Roll "
                               "back to a readable version first."),
    "st_err_version_damaged": ("版本 {version} 已损坏（已另行保存），不能回滚到该版本。请选择其他可读取的版本。",
                               "Version {version} is damaged (kept aside); it cannot be rolled back to. Choose "
                               "another, readable version."),
    "st_err_unknown_version": ("没有版本 {version}；现有版本：{known}。",
                               "There is no version {version}; existing versions: {known}."),
    "st_err_already_current": ("版本 {version} 已是当前版本，无需回滚。",
                               "Version {version} is already current; nothing to roll back."),
    "st_err_not_a_number": ("版本号必须是整数。", "The version must be a whole number."),
    "st_err_history_damaged": ("导入历史记录已损坏；已从各版本的校验清单恢复可读部分。",
                               "The import history is damaged; what could be read was recovered from the versions' "
                               "manifests."),
    "st_err_backup_invalid": ("备份文件无法使用：{reason}。未作任何更改。",
                              "The backup file cannot be used: {reason}. Nothing was changed."),
    # The banner every page shows while the current version cannot be read.
    "st_banner": (
        "部分导入数据暂不可用：当前版本 {current} 自 {since} 起无法读取。页面显示规划数据及最近一个可读取的版本"
        "（{served}）。系统管理员已获通知。",
        "Imported data partly unavailable: the current version {current} cannot be read since {since}. Pages show "
        "the plan data and the most recent readable version ({served}). The administrator has been notified.",
    ),
    "st_banner_none": ("无（仅规划数据）", "none: plan data only"),
    # The data page's admin section.
    "st_damage_title": ("存储损坏", "Store damage"),
    "st_damage_kind_version": ("版本 {version}", "Version {version}"),
    "st_damage_kind_current": ("当前版本指针", "Current-version pointer"),
    "st_damage_kind_history": ("导入历史", "Import history"),
    "st_damage_reason_missing": ("文件缺失", "file missing"),
    "st_damage_reason_empty": ("文件为空", "file empty"),
    "st_damage_reason_unreadable": ("无法读取", "unreadable"),
    "st_damage_reason_checksum": ("校验值不符（内容被改动）", "checksum mismatch (content changed)"),
    "st_damage_reason_mismatch": ("与导入历史不一致", "does not match the history"),
    "st_damage_reason_aside": ("已损坏并另行保存", "damaged, kept aside"),
    "st_damage_line": ("{what}：{reason}（自 {since}）", "{what}: {reason} (since {since})"),
    "st_damage_help": (
        "损坏的文件不会被删除：下一次回滚或导入时将其改名另存，并在历史中标注。请回滚到下面任一可读取的版本；"
        "命令行 verify 可给出完整报告。",
        "Damaged files are never deleted: the next rollback or import renames them aside and marks the history. "
        "Roll back to any readable version below; the command line's verify gives the full report.",
    ),
}
