"""Real browser: a download whose file cannot be made says why beside its button in the page's language, never
Streamlit's own English "Failed to generate file for download" (issue 21.5; ui.render.download and
_compat.say_download_failures, which the launcher applies)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from browser import screenshot, served

pytestmark = pytest.mark.browser

# The smallest page with one on-click download whose build fails the way a damaged data file makes it fail.
APP = '''
import streamlit as st

from lishi_metrics import ui
from lishi_metrics.errors import DataError

lang = st.query_params.get("lang", "zh")
st.title("download")


def broken():
    raise DataError("观测数据文件损坏 / the observations file is damaged")


ui.download(st, "下载 CSV" if lang == "zh" else "Download CSV", "dl_broken", (lang,), broken, lang,
            file_name="x.csv", mime="text/csv")
'''


@pytest.fixture(scope="module")
def failing_app(tmp_path_factory):
    script = tmp_path_factory.mktemp("failing-download") / "failing_download.py"
    script.write_text(APP, encoding="utf-8")
    with served(env={"LISHI_STORE_DIR": str(script.parent)}, script=str(script)) as base:
        yield base


@pytest.mark.parametrize(("lang", "label", "words"),
                         [("zh", "下载 CSV", "文件未能生成：观测数据文件损坏 / the observations file is damaged。请稍后重试"),
                          ("en", "Download CSV", "The file could not be made: 观测数据文件损坏 / the observations file "
                                                 "is damaged. Try again later")])
def test_a_download_that_fails_on_click_says_why_in_the_pages_language(failing_app, new_page, lang, label, words):
    page = new_page(viewport={"width": 1366, "height": 768})
    page.goto(f"{failing_app}/?lang={lang}")
    button = page.get_by_role("button", name=label)
    expect(button).to_be_visible(timeout=45_000)
    button.click()
    expect(page.get_by_text(words)).to_be_visible(timeout=30_000)
    screenshot(page, f"download-failed-{lang}")
    assert "Failed to generate" not in page.inner_text("body")
