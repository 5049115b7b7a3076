"""Real browser: log in on 数据维护, upload a CSV, preview, commit, see the new version; the overview then shows it."""

from __future__ import annotations

import pytest

from lishi_metrics.actuals import store

from browser import (
    ARTIFACTS,
    navigate,
    require_browser,
    rerun,
    screenshot,
    served,
    settled,
    text_of,
    wait_ready,
    watch_runs,
)

pytestmark = pytest.mark.browser

PASSWORD = "browser-测试-口令"


def full_page(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}-full.png"), full_page=True)


def log_in(page, base: str, lang: str) -> None:
    page.goto(f"{base}/data?lang={lang}")
    wait_ready(page)
    page.locator("input[type=password]").first.fill(PASSWORD)
    with rerun(page):
        page.get_by_role("button", name="解锁" if lang == "zh" else "Unlock").click()
    page.get_by_text("已解锁" if lang == "zh" else "Unlocked", exact=False).first.wait_for(timeout=30_000)


def enter_name(page, lang: str, name: str) -> None:
    field = page.get_by_label("您的姓名（记入版本历史）" if lang == "zh" else "Your name (recorded in the history)")
    field.fill(name)
    with rerun(page):
        field.press("Enter")


def upload(page, name: str, content: bytes) -> None:
    with rerun(page):
        page.locator("[class*='st-key-da_upload_'] input[type=file]").set_input_files(
            {"name": name, "mimeType": "text/csv", "buffer": content})


def center(page, text: str) -> None:
    """Scroll so that `text` is in the middle of the viewport (for the screenshot)."""
    page.get_by_text(text).first.evaluate("e => e.scrollIntoView({block: 'center'})")
    settled(page)


def alert(page, text: str) -> None:
    """Wait for the success message in the page (a toast repeats it for a few seconds)."""
    page.get_by_test_id("stAlert").filter(has_text=text).wait_for(timeout=30_000)


def metric_values(page) -> list[str]:
    return [v.inner_text() for v in page.get_by_test_id("stMetricValue").all()]


def test_import_through_the_browser_then_the_overview_shows_the_actual(tmp_path, new_page):
    require_browser()
    store_dir = tmp_path / "store"
    env = {"LISHI_ADMIN_PASSWORD": PASSWORD, "LISHI_STORE_DIR": str(store_dir)}
    with served(env=env) as base:
        requests: list[str] = []
        # --- zh: locked page, log in, upload, preview, commit
        page = new_page(viewport={"width": 1920, "height": 1080}, locale="zh-CN")
        watch_runs(page)
        page.on("request", lambda r: requests.append(r.url))
        page.goto(f"{base}/data?lang=zh")
        wait_ready(page)
        assert metric_values(page)[0] == "0（尚无导入数据）"
        assert page.locator("input[type=file]").count() == 0
        screenshot(page, "data-zh-locked")

        page.locator("input[type=password]").first.fill("wrong-one")
        page.get_by_role("button", name="解锁").click()
        page.get_by_text("密码错误").wait_for(timeout=30_000)
        assert page.locator("input[type=file]").count() == 0
        assert PASSWORD not in page.url and "wrong-one" not in page.url

        page.locator("input[type=password]").first.fill(PASSWORD)
        with rerun(page):
            page.get_by_role("button", name="解锁").click()
        page.get_by_text("已解锁").first.wait_for(timeout=30_000)
        assert PASSWORD not in page.locator("body").inner_text() and PASSWORD not in page.url
        assert page.locator("input[type=password]").count() == 0

        enter_name(page, "zh", "区统计局 张三")
        upload(page, "bad.csv", "indicator_id,2021,2030\nfyp14_gdp,一百七十,1\nno_such,5,\n".encode())
        page.get_by_text("文件未通过检查，未作任何更改").wait_for(timeout=30_000)
        assert page.get_by_role("button", name="确认导入").count() == 0
        assert store.current_version(store_dir) == 0
        center(page, "文件未通过检查，未作任何更改")
        screenshot(page, "data-zh-rejected")
        upload(page, "actuals_2021.csv", "indicator_id,name_zh,2021\nfyp14_gdp,地区生产总值,170.2\n".encode())
        page.get_by_text("新增 1 个数值，修改 0 个，未变 0 个。").wait_for(timeout=30_000)
        assert store.current_version(store_dir) == 0  # the preview stores nothing
        center(page, "导入预览")
        screenshot(page, "data-zh-preview")

        with rerun(page):
            page.get_by_role("button", name="确认导入").click()
        alert(page, "已导入，生成版本 1")
        assert metric_values(page)[:3] == ["1", "1", "1"]
        assert store.current_version(store_dir) == 1
        assert store.history(store_dir)[-1]["by"] == "区统计局 张三"
        assert store.history(store_dir)[-1]["file_name"] == "actuals_2021.csv"
        assert page.locator("[data-testid=stException]").count() == 0
        center(page, "版本历史")
        screenshot(page, "data-zh-committed")
        full_page(page, "data-zh-committed")

        # --- the overview picks the import up: the GDP tile shows the 2021 actual (opened from the same tab, as
        # the back and forward buttons or the sidebar's link open it: the page's own run, no reload of the app)
        navigate(page, "/overview?lang=zh")
        tile = page.locator('[class*="st-key-ov-tile-fyp14_gdp--"]')  # the overview's GDP card
        tile_text = text_of(tile)  # as read: numbers keep their units with joiners (linebreak.keep_units)
        assert "2021年实际" in tile_text and "170.2 亿元" in tile_text, tile_text
        screenshot(page, "overview-zh-with-actual")

        # --- en: a new session (a new tab, the same browser context and its caches) is locked again; an
        # implausible value needs the confirmation; roll back
        page = new_page(context=page.context, viewport={"width": 1920, "height": 1080})
        watch_runs(page)
        page.on("request", lambda r: requests.append(r.url))
        log_in(page, base, "en")
        enter_name(page, "en", "Li Si")
        upload(page, "odd.csv", b"indicator_id,2021,2022\nfyp14_gdp,171.0,400\n")
        page.get_by_text("These values look implausible").wait_for(timeout=30_000)
        page.get_by_text("Values: 1 new, 1 changed, 0 unchanged.").wait_for(timeout=30_000)
        commit = page.get_by_role("button", name="Commit import")
        assert commit.is_disabled()
        with rerun(page):
            page.get_by_text("I have checked these values and they are correct").click()
        assert commit.is_enabled()
        center(page, "I have checked these values and they are correct")
        screenshot(page, "data-en-warnings")
        with rerun(page):
            commit.click()
        alert(page, "Imported as version 2")
        assert metric_values(page)[0] == "2"

        page.get_by_role("tab", name="Roll back").click()
        confirm = page.get_by_text("Confirm: version 1 replaces the current version 2")
        confirm.wait_for(state="visible", timeout=30_000)
        with rerun(page):
            confirm.click()
        with rerun(page):
            page.get_by_role("button", name="Roll back").click()
        alert(page, "Rolled back: version 1 is current.")
        assert store.current_version(store_dir) == 1
        assert metric_values(page)[0] == "1"
        page.get_by_role("tab", name="Roll back").click()
        center(page, "Roll back to version")
        screenshot(page, "data-en-rolled-back")
        full_page(page, "data-en-rolled-back")
        assert page.locator("[data-testid=stException]").count() == 0

    # Nothing was fetched from outside the loopback server.
    outside = [r for r in requests if not r.startswith((base, "data:", "blob:"))]
    assert not outside, outside
