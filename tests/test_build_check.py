"""Build and check: the committed Parquet equals a fresh build; the checker catches each kind of problem."""

from __future__ import annotations

import shutil

import pyarrow.parquet as pq
import pytest

from lishi_metrics import config
from lishi_metrics.data import build, check


def test_sources_pass_check():
    assert check.check() == []


def test_committed_parquet_equals_fresh_build(tmp_path):
    build.build(out_dir=tmp_path)
    for name in config.TABLES:
        fresh = pq.read_table(tmp_path / f"{name}.parquet")
        shipped = pq.read_table(config.parquet_dir() / f"{name}.parquet")
        assert fresh.equals(shipped), f"{name}.parquet is stale: run python -m lishi_metrics build"


def test_a_parquet_file_that_reads_back_different_is_not_installed(tmp_path, monkeypatch):
    """build writes through the one atomic writer: the file is re-read before the rename, and a mismatch keeps
    the old file and leaves no temp file behind."""
    from lishi_metrics.errors import DataError

    table = build.read_source("units")
    target = tmp_path / "units.parquet"
    target.write_bytes(b"old")
    other = table.slice(0, 1)
    monkeypatch.setattr(build.pq, "read_table", lambda path: other)
    with pytest.raises(DataError, match="verification of units.parquet failed"):
        build.write_parquet(table, target)
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["units.parquet"]
    monkeypatch.undo()
    build.write_parquet(table, target)
    assert pq.read_table(target).equals(table)


def test_numbers_are_double():
    schema = pq.read_schema(config.parquet_dir() / "observations.parquet")
    assert str(schema.field("value").type) == "double"
    assert str(schema.field("growth_pct").type) == "double"


@pytest.fixture
def sources(tmp_path):
    shutil.copytree(config.SOURCE_DIR, tmp_path / "src")
    return tmp_path / "src"


def _edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_check_catches_changed_number(sources):
    _edit(sources / "observations.csv", "fyp14_gdp,2025,target,255,255", "fyp14_gdp,2025,target,256,255")
    assert any("differs from printed" in p for p in check.check(sources, config.PLAN_DOCUMENT))


def test_check_catches_quote_not_in_document(sources):
    text = (sources / "text_figures.csv").read_text(encoding="utf-8")
    line = text.splitlines()[1]
    quote = line.rsplit(",", 1)[1].strip('"')
    _edit(sources / "text_figures.csv", quote, quote + "（虚构）")
    assert any("not found verbatim" in p for p in check.check(sources, config.PLAN_DOCUMENT))


def test_check_catches_unknown_unit_and_duplicate(sources):
    _edit(sources / "indicators.csv", ",亿元,CNY 100 million,预期性", ",亿美元,CNY 100 million,预期性")
    with open(sources / "projects.csv", encoding="utf-8") as fh:
        second = fh.read().splitlines()[1]
    with open(sources / "projects.csv", "a", encoding="utf-8") as fh:
        fh.write(second + "\n")
    problems = check.check(sources, config.PLAN_DOCUMENT)
    assert any("not in units.csv" in p for p in problems)
    assert any("duplicate key" in p for p in problems)


def test_check_catches_missing_indicator(sources):
    lines = (sources / "indicators.csv").read_text(encoding="utf-8").splitlines()
    kept = [ln for ln in lines if not ln.startswith("fyp14_forest_cover,")]
    (sources / "indicators.csv").write_text("\n".join(kept) + "\n", encoding="utf-8")
    problems = check.check(sources, config.PLAN_DOCUMENT)
    assert any("sequence numbers missing ['20']" in p for p in problems)


def test_check_catches_wrong_chinese_numeral_value(sources):
    _edit(sources / "text_figures.csv", "公益演出送基层,Free public-welfare performances taken to grass-roots communities,100,",
          "公益演出送基层,Free public-welfare performances taken to grass-roots communities,200,")
    assert any("tf_public_welfare_performances): value 200 does not appear in its quote" in p
               for p in check.check(sources, config.PLAN_DOCUMENT))


def test_check_catches_qualifier_the_quote_does_not_print(sources):
    _edit(sources / "text_figures.csv", ",100,,more_than,亿元,", ",100,,at_least,亿元,")  # 超百亿元 is not 以上
    _edit(sources / "text_figures.csv", ",303,,about,天,", ",303,,roughly,天,")
    problems = check.check(sources, config.PLAN_DOCUMENT)
    assert any("tf_coal_coking_specialty_chain): qualifier at_least but its quote has none of" in p for p in problems)
    assert any("tf_good_air_days_2020): qualifier='roughly' not in" in p for p in problems)


def test_quotes_match_across_page_breaks():
    doc = config.PLAN_DOCUMENT.read_text(encoding="utf-8")
    sentence = "再经过十五年的努力，与全国同步基本实现社会主义现代化。"
    assert sentence not in doc and sentence in check.joined(doc)


@pytest.mark.parametrize(
    ("token", "value"), [("两", 2.0), ("一", 1.0), ("十五", 15.0), ("百", 100.0), ("二十", 20.0), ("三百零五", 305.0),
                         ("万", 10000.0), ("五千万", 5e7), ("百亿", 1e10), ("4A", None)],
)
def test_chinese_number(token, value):
    assert check.chinese_number(token) == value


def test_chinese_numbers_in_a_quote():
    assert 100.0 in check.chinese_numbers("培育形成超百亿元特色产业链")  # 100 in 亿元
    assert 1.0 in check.chinese_numbers("全力推进4A景区“破零”")
    assert check.chinese_numbers("城镇新增就业 4700 人，全民技能培训 5999 人") == set()


def test_number_forms():
    assert check.number_forms(500.0) == {"500"}
    assert "16.7" in check.number_forms(16.7)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (",quarter,value_growth,up,gdp", ",weekly,value_growth,up,gdp", "frequency='weekly' not in"),
        (",quarter,value_growth,up,gdp", ",quarter,level,up,gdp", "measures='level' not in"),
        (",quarter,value_growth,up,gdp", ",quarter,value_growth,none,gdp", "direction='none' not in"),
        (",quarter,value_growth,up,gdp", ",quarter,value_growth,up,gdp_level", "feeds_role='gdp_level' not in"),
        ("retail_sales,4,社会消费品零售总额,Total retail sales of consumer goods,亿元,CNY 100 million",
         "retail_sales,4,社会消费品零售总额,Total retail sales of consumer goods,亿美元,CNY 100 million",
         "unit '亿美元' not in units.csv"),
        ("new_urban_jobs,6,城镇新增就业,New urban jobs,人,persons", "new_urban_jobs,6,城镇新增就业,New urban jobs,人,people",
         "unit_en 'people'"),
        ("rural_income,8,", "urban_income,8,", "duplicate key"),
        ("rural_income,8,", "rural_income,7,", "row_order repeats"),
    ],
)
def test_check_catches_bad_periodic_indicators(sources, old, new, expected):
    _edit(sources / "periodic_indicators.csv", old, new)
    assert any(expected in p for p in check.check(sources, config.PLAN_DOCUMENT))


def test_the_shipped_periodic_indicators_are_the_usual_county_set():
    rows = build.read_source("periodic_indicators").to_pylist()
    freq = {r["name_zh"]: r["frequency"] for r in rows}
    assert freq["地区生产总值"] == "quarter"
    for name in ("规模以上工业增加值", "固定资产投资", "社会消费品零售总额", "一般公共预算收入", "城镇新增就业"):
        assert freq[name] == "month"
    assert [r["feeds_role"] for r in rows if r["feeds_role"]] == ["gdp"]


def test_the_shipped_display_precision_is_the_printed_one():
    """indicators.decimals (issue 25.4): GDP is printed 154.7 and 255 (1), the urbanisation rate 73.47 (2), the
    number of enterprises is a count (0)."""
    rows = {r["indicator_id"]: r for r in build.read_source("indicators").to_pylist()}
    assert rows["fyp14_gdp"]["decimals"] == 1
    assert rows["fyp14_urbanization_rate"]["decimals"] == 2
    assert rows["fyp14_industrial_enterprises"]["decimals"] == 0
    assert rows["fyp14_rd_spending"]["short_name_zh"] is None  # the wall prints the plan's own name


@pytest.mark.parametrize(("decimals", "expected"), [
    ("0", "drops digits the plan prints"), ("9", "is not between 0 and 4"), ("", "decimals is empty")])
def test_check_refuses_a_display_precision_that_hides_printed_digits(sources, decimals, expected):
    path = sources / "indicators.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    col = header.index("decimals")
    for i, line in enumerate(lines):
        if line.startswith("fyp14_gdp,"):
            cells = line.split(",")
            cells[col] = decimals
            lines[i] = ",".join(cells)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert any("fyp14_gdp" in p and expected in p for p in check.check(sources, config.PLAN_DOCUMENT))


def test_check_refuses_decimals_on_a_count(sources):
    _edit(sources / "indicators.csv", "预期性,up,count,,,,0,", "预期性,up,count,,,,1,")
    assert any("on a count of things" in p for p in check.check(sources, config.PLAN_DOCUMENT))
