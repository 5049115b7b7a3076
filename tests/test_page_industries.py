"""AppTest of the 三新五大 industries page: numbers shown in both languages, sector in the URL, junk ignored."""

from __future__ import annotations

import os
import re

import pandas as pd
import pytest

from conftest import app_test, texts
from facts import FACTS

PAGE = "pages/industries.py"


def run(params: dict):
    at = app_test(PAGE, params).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def notices(at) -> list[str]:
    return [c.value for c in at.caption if c.value.startswith("⚠️")]


def test_chinese_page_shows_structure_targets_and_the_doubling_path():
    at = run({"lang": "zh"})
    shown = texts(at)
    for expected in ("30 户", "2025年目标：65 户", "38.7%", "2025年目标：49%", "13.11%", "2025年目标：30%",
                     "年均 18%", "2025年目标：9%", "16.72%", "16.76%", "年均 +2.1 个百分点", "41", "56"):
        assert expected in shown, expected
    assert not re.search(r"\b(nan|NaN|None)\b", shown)
    assert at.title[0].value == "三新五大"
    assert at.main.caption[-1].value.startswith("数据出处：专栏2")


def test_all_sectors_get_a_section_and_future_industries_say_they_have_nothing():
    at = run({"lang": "zh"})
    heads = [s.value for s in at.subheader]
    for name in ("新能源", "新材料", "新装备", "大数据", "大文旅", "大农特", "大健康", "大商贸", "传统产业", "未来产业"):
        assert name in heads
    shown = texts(at)
    assert "规划专栏未列出该产业的重点项目。" in shown
    assert f"十个产业共列重点项目 {FACTS.industry_projects} 个" in shown


def test_sector_in_the_url_opens_that_sector():
    at = run({"lang": "zh", "sector": "new_energy"})
    assert at.selectbox[0].value == "new_energy"
    heads = [s.value for s in at.subheader]
    assert "新能源" in heads and "新材料" not in heads
    shown = texts(at)
    assert "风电装机规模：**500 兆瓦**" in shown and "光伏发电装机规模：**500 兆瓦**" in shown
    assert "大唐山西发电有限公司太原第二热电厂" in shown
    assert "集中式光伏电站 500MW" in shown  # a 专栏3 project
    assert "王老婆山风电项目装机：**50 兆瓦**" in shown  # the capacity of a 专栏3 project, as a figure
    assert "量化目标 **7** 项 · 重点项目 **5** 个 · 点名企业 **2** 家" in shown
    assert at.query_params["sector"] == "new_energy"


def test_changing_the_sector_writes_it_to_the_url():
    at = run({"lang": "zh", "sector": "new_energy"})
    at.selectbox[0].select("future").run()
    assert not at.exception
    assert at.query_params["sector"] == "future"
    shown = texts(at)
    assert "形成未来产业发展体系用时：**15 年**" in shown  # 「用十五年的时间」
    assert "规划专栏未列出该产业的重点项目。" in shown and "规划正文未点名该产业的企业。" in shown
    at.selectbox[0].select("all").run()
    assert "sector" not in at.query_params  # the default keeps links short


def test_english_page_shows_mw_and_enterprises():
    at = run({"lang": "en", "sector": "new_energy"})
    shown = texts(at)
    for expected in ("Industries", "30 enterprises", "2025 target: 65 enterprises", "**500 MW**",
                     "Installed wind power capacity", "+2.1 pp a year", "16.72% a year", "Table 3",
                     "Provenance: Table 2"):
        assert expected in shown, expected
    assert not re.search(r"\b(nan|NaN|None)\b", shown)


@pytest.mark.parametrize("raw", ["steel", "<script>alert(1)</script>", "[click](http://example.com)", "x" * 300])
def test_junk_sector_is_ignored_with_a_notice(raw):
    at = run({"lang": "zh", "sector": raw})
    assert at.selectbox[0].value == "all"
    found = notices(at)
    assert len(found) == 1 and "sector" in found[0]
    assert len(at.subheader) >= 10


def test_junk_language_falls_back_to_chinese_with_a_notice():
    at = run({"lang": "xx", "sector": "health"})
    assert at.title[0].value == "三新五大"
    assert any("lang" in n for n in notices(at))
    assert at.selectbox[0].value == "health"


def test_imported_actuals_show_the_latest_value_and_status():
    from lishi_metrics.actuals import store

    values = pd.DataFrame({"indicator_id": ["fyp14_industrial_enterprises", "fyp14_industry_share_gdp"],
                           "year": [2022, 2022], "value": [45.0, 39.0]})
    store.commit_import(os.environ["LISHI_STORE_DIR"], values, "test", "actuals.csv", "0" * 64)
    at = run({"lang": "zh"})
    shown = texts(at)
    assert "45 户（2022年）" in shown and "▲ 快于预期" in shown  # the path says 40.9 in 2022
    assert "39%（2022年）" in shown and "▼ 滞后" in shown  # the path says 42.82 %
