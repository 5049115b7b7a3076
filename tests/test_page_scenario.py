"""AppTest of the scenario page (情景模拟) through its URL contract: metrics, notices, widgets, actuals, tabs."""

from __future__ import annotations

import os

import pandas as pd
import pytest

from lishi_metrics.actuals import store
from lishi_metrics.model import scenario
from lishi_metrics.views import scenario as sv
from lishi_metrics.views import state

from conftest import app_test, texts

PAGE = "pages/scenario.py"
CONTRACT = {"g": "7.3,7.3,7.3,7.3,7.3", "p": "0"}


def run(params: dict | None = None):
    at = app_test(PAGE, params)
    at.run()
    assert not at.exception, at.exception
    return at


def metric(at, label_part: str):
    found = [m for m in at.metric if label_part in str(m.label)]
    assert found, f"no metric with {label_part!r} in {[m.label for m in at.metric]}"
    return _Read(found[0])


class _Read:
    """A metric as read: its value's no-break spaces and word joiners (text.linebreak.keep_units) as a reader
    sees them."""

    def __init__(self, element):
        self._element = element

    def __getattr__(self, name):
        from lishi_metrics.text.linebreak import as_read

        value = getattr(self._element, name)
        return as_read(value) if isinstance(value, str) else value


def gdp_metric(at):
    return metric(at, "2025")


def open_tab(at, index: int):
    at.session_state["sim_tab"] = at.tabs[index].label
    at.run()
    assert not at.exception, at.exception
    return at


def test_default_is_the_plan_preset_landing_on_255():
    at = run()
    m = gdp_metric(at)
    assert "2025" in m.label and m.value == "255.0 亿元"
    assert at.pills(key=sv.K_PRESET).value == "plan"
    assert at.query_params["g"] == "9.8" and "p" not in at.query_params
    shown = texts(at)
    assert "0.65%" in shown and "10.51%" in shown and "246.9 亿元" in shown  # the model explanation, computed
    assert not [c for c in at.caption if "⚠" in str(c.value)]


def test_contract_url_shows_220():
    at = run(CONTRACT)
    assert gdp_metric(at).value == "220.0 亿元"
    assert metric(at, "距2025年目标").value == "−35.0 亿元"  # a value: typographic minus (the delta keeps "-")
    # Five values in the link: the per-year sliders are open, and the link keeps five values (issue 14.8).
    assert at.query_params["g"] == "7.3,7.3,7.3,7.3,7.3" and at.query_params["p"] == "0"
    assert at.toggle(key=sv.K_SAME_G).value is False and at.toggle(key=sv.K_SAME_P).value is True
    assert at.pills(key=sv.K_PRESET).value is None


def test_contract_url_in_english_shows_cny_bn():
    at = run({**CONTRACT, "lang": "en"})
    m = metric(at, "GDP 2025")
    assert m.value == "CNY 22.00 bn" and not m.delta
    assert "CNY 25.5 bn" in metric(at, "Gap to the 2025 target").label
    assert "Scenario simulator" in at.title[0].value


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_both_languages_run(lang):
    at = run({"lang": lang, "horizon": "2035"})
    assert len(at.metric) >= 7  # four headline cards, required growth, cumulative, 2035
    assert ("2035年地区生产总值" if lang == "zh" else "GDP 2035") in [m.label for m in at.metric]
    assert "4.73%" in texts(at)


def test_junk_parameters_give_notices_and_no_exception():
    at = run({"g": "abc", "sigma": "-5", "n": "99999999", "horizon": "2099"})
    notices = [str(c.value) for c in at.caption if "⚠" in str(c.value)]
    assert len(notices) == 4
    for param in ("g", "sigma", "n", "horizon"):
        assert any(f" {param}" in n or f"（{param}）" in n or f"({param})" in n for n in notices), (param, notices)
    assert gdp_metric(at).value == "255.0 亿元"  # junk g falls back to the plan
    assert at.query_params["n"] == "200000" and at.query_params["sigma"] == "0"
    assert at.query_params["horizon"] == "2025"


def test_hostile_lists_and_out_of_range_years_are_clamped():
    at = run({"g": "99,-99,nan,5", "p": "50", "lr": "1e9", "seed": "-3"})
    assert len([c for c in at.caption if "⚠" in str(c.value)]) >= 5
    assert at.query_params["g"] == "25,-10,9.8,5,5"
    assert at.query_params["p"] == "20"


def test_slider_writes_the_url():
    at = run()
    at.slider(key=sv.K_G_ALL).set_value(8.5).run()
    assert not at.exception
    assert at.query_params["g"] == "8.5"
    assert at.pills(key=sv.K_PRESET).value is None
    assert gdp_metric(at).value == sv.money(154.7 * (1.085 * 1.0064858) ** 5, "zh")


def test_preset_writes_the_url_and_values():
    at = run()
    at.pills(key=sv.K_PRESET).set_value("trend13").run()
    assert at.query_params["g"] == "7.3" and at.slider(key=sv.K_G_ALL).value == pytest.approx(7.3)
    at.pills(key=sv.K_PRESET).set_value("on_target").run()
    assert at.query_params["g"] == "10.5122" and at.query_params["p"] == "0"
    assert gdp_metric(at).value == "255.0 亿元"
    assert metric(at, "何时达到").value == "2025年达到"


def test_per_year_sliders_and_custom_prices():
    at = run({"g": "5,6,7,8,9", "p": "1,1,1,1,2"})
    assert at.toggle(key=sv.K_SAME_G).value is False
    assert [at.slider(key=sv.k_g(y)).value for y in range(2021, 2026)] == [5, 6, 7, 8, 9]
    assert at.toggle(key=sv.K_P_IMPLIED).value is False
    at.slider(key=sv.k_g(2023)).set_value(10.0).run()
    assert at.query_params["g"] == "5,6,10,8,9" and at.query_params["p"] == "1,1,1,1,2"
    at.toggle(key=sv.K_P_IMPLIED).set_value(True).run()
    assert "p" not in at.query_params


def test_same_for_all_years_toggle():
    at = run({"g": "8"})
    at.toggle(key=sv.K_SAME_G).set_value(False).run()
    assert [at.slider(key=sv.k_g(y)).value for y in range(2021, 2026)] == [8.0] * 5
    at.slider(key=sv.k_g(2025)).set_value(4.0).run()
    assert at.query_params["g"] == "8,8,8,8,4"


@pytest.mark.parametrize(("params", "probability"), [({}, "100.0%"), (CONTRACT, "0.0%")])
def test_volatility_zero_gives_the_deterministic_answer(params, probability):
    at = run({**params, "sigma": "0"})
    assert metric(at, "达标概率").value == probability
    assert any("波动为 0" in str(c.value) for c in at.caption)


def test_monte_carlo_probability_is_seeded():
    first = metric(run({"sigma": "2", "n": "5000", "seed": "11"}), "达标概率").value
    again = metric(run({"sigma": "2", "n": "5000", "seed": "11"}), "达标概率").value
    expected = scenario.monte_carlo(154.7, [0.098] * 5, [sv.scenario.plan_implied_price(154.7, 255.0, 5, 0.098)] * 5, 2, 5000, 11, 255.0, 2020)
    assert first == again == f"{expected.prob_reach * 100:.1f}%"


def test_horizon_and_required_growth_year():
    at = run()
    at.segmented_control(key=sv.K_HORIZON).set_value(2030).run()
    assert at.query_params["horizon"] == "2030"
    assert "2030年地区生产总值" in [m.label for m in at.metric]
    at.selectbox(key=sv.K_FROM_YEAR).set_value(2023).run()
    assert metric(at, "年均所需").label.startswith("2024—2025")
    assert metric(at, "年均所需").value == "10.51%"


def _import_gdp(values: dict[int, float]) -> None:
    frame = pd.DataFrame({"indicator_id": "fyp14_gdp", "year": list(values), "value": list(values.values())})
    store.commit_import(os.environ["LISHI_STORE_DIR"], frame, by="test", file_name="actuals.csv", sha256="ab" * 32)


def test_an_imported_actual_starts_the_simulation_there():
    _import_gdp({2021: 170.0})
    at = run()
    shown = texts(at)
    assert "2021年实际值" in shown and "2022—2025" in shown
    implied = scenario.plan_implied_price(154.7, 255.0, 5, 0.098)
    assert gdp_metric(at).value == sv.money(170.0 * (1.098 * (1 + implied)) ** 4, "zh")
    table = at.dataframe[0].value
    assert table.iloc[1].tolist()[:2] == ["2021", "实际"]
    at.toggle(key=sv.K_SAME_G).set_value(False).run()
    assert at.slider(key=sv.k_g(2021)).proto.disabled
    assert not at.slider(key=sv.k_g(2022)).proto.disabled


def test_table_tab_has_the_year_table_and_downloads():
    at = run(CONTRACT)
    table = at.dataframe[0].value
    assert table.iloc[-1].tolist() == ["2025", "情景", "7.30%", "0.00%", "7.30%", "220.0", "255.0", "\u221235.0"]
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["下载 CSV", "下载 Excel (XLSX)"]


def test_joint_targets_tab():
    at = open_tab(run(), 1)
    assert metric(at, "两个目标").value == "均达到"
    assert "15.85%" in texts(at) and "125.0 亿元" in texts(at)
    at.slider(key=sv.K_IND_G).set_value(10.5).run()
    assert metric(at, "两个目标").value == "未能同时达到"


def test_compare_keeps_up_to_four_named_scenarios():
    at = open_tab(run(CONTRACT), 2)
    for name in ("十三五", "十三五", "C", "D"):
        at.text_input(key=sv.K_SAVE_NAME).set_value(name)
        at.button(key="sim_cmp_save").click().run()
        assert not at.exception
    table = at.dataframe[-1].value
    assert list(table.columns) == ["项目", "当前（未保存）", "十三五", "十三五 (2)", "C", "D"]
    assert at.button(key="sim_cmp_save").disabled
    at.button(key="sim_rm_C").click().run()
    assert list(at.dataframe[-1].value.columns)[-2:] == ["十三五 (2)", "D"]
    assert not at.button(key="sim_cmp_save").disabled


# --- the share link carries every control (issue 14.8) -------------------------------------------------

def _controls(at) -> dict:
    """Every control of the page as a reader set it, and which tab is open."""
    out = {key: at.toggle(key=key).value for key in (sv.K_SAME_G, sv.K_P_IMPLIED, sv.K_SAME_P)}
    out.update({key: at.slider(key=sv.k_g(y)).value for y in range(2021, 2026) for key in [sv.k_g(y)]})
    out.update({key: at.slider(key=sv.k_p(y)).value for y in range(2021, 2026) for key in [sv.k_p(y)]})
    out.update({key: at.slider(key=key).value for key in (sv.K_LR, sv.K_SIGMA, sv.K_IND_G, sv.K_OTH_G)})
    out.update({key: at.number_input(key=key).value for key in (sv.K_N, sv.K_SEED)})
    out[sv.K_HORIZON] = at.segmented_control(key=sv.K_HORIZON).value
    out[sv.K_PRESET] = at.pills(key=sv.K_PRESET).value
    out[sv.K_FROM_YEAR] = at.selectbox(key=sv.K_FROM_YEAR).value
    out["open tab"] = at.session_state[sv.K_TAB]  # the tab's label (AppTest's Tab has no .open)
    return out


def _numbers(at) -> list[tuple[str, str, str]]:
    return [(str(m.label), str(m.value), str(m.delta or "")) for m in at.metric]


def test_share_link_reopens_every_control_and_the_same_numbers():
    """Every control away from its default, then a fresh session opened with exactly the resulting address:
    the same controls (the per-year toggles off with equal rates included) and the same numbers."""
    at = run({"lang": "en", "plan": "fyp14"})
    at.pills(key=sv.K_PRESET).set_value("on_target").run()  # 10.5122 % real growth, prices flat
    at.toggle(key=sv.K_SAME_G).set_value(False).run()  # per-year sliders, all still 10.5122
    at.toggle(key=sv.K_SAME_P).set_value(False).run()  # per-year prices, all still 0
    at.segmented_control(key=sv.K_HORIZON).set_value(2035).run()
    at.slider(key=sv.K_LR).set_value(4.0).run()
    at.slider(key=sv.K_SIGMA).set_value(2.5).run()
    at.number_input(key=sv.K_N).set_value(5000).run()
    at.number_input(key=sv.K_SEED).set_value(7).run()
    at.selectbox(key=sv.K_FROM_YEAR).set_value(2023).run()
    open_tab(at, 1)
    at.slider(key=sv.K_IND_G).set_value(12.0).run()
    at.slider(key=sv.K_OTH_G).set_value(7.5).run()
    assert not at.exception, at.exception
    shared = {key: at.query_params[key] for key in at.query_params}
    assert shared == {"g": "10.5122,10.5122,10.5122,10.5122,10.5122", "p": "0,0,0,0,0", "sigma": "2.5",
                      "n": "5000", "seed": "7", "horizon": "2035", "lr": "4", "lang": "en", "plan": "fyp14",
                      "from": "2023", "ind": "12", "rest": "7.5", "tab": "joint"}
    before, numbers = _controls(at), _numbers(at)
    assert before[sv.K_SAME_G] is False and before[sv.K_SAME_P] is False and before[sv.K_PRESET] == "on_target"
    assert before["open tab"] == sv.tab_labels("en")[1]
    reopened = run(shared)
    assert _controls(reopened) == before
    assert _numbers(reopened) == numbers
    assert {key: reopened.query_params[key] for key in reopened.query_params} == shared
    assert not [c for c in reopened.caption if "⚠" in str(c.value)]
    # The same link in Chinese opens the same tab.
    assert run({**shared, "lang": "zh"}).session_state[sv.K_TAB] == sv.tab_labels("zh")[1]


def test_defaults_of_the_new_parameters_stay_out_of_the_link():
    at = run()
    assert not {"from", "ind", "rest", "tab"} & set(at.query_params)
    open_tab(at, 1)
    assert at.query_params["tab"] == "joint" and "ind" not in at.query_params
    open_tab(at, 0)
    assert "tab" not in at.query_params


@pytest.mark.parametrize(("params", "param", "kind", "url"), [
    ({"from": "2030"}, "from", "ignored", None),
    ({"from": "x"}, "from", "ignored", None),
    ({"ind": "99", "tab": "joint"}, "ind", "clamped", "40"),
    ({"rest": "abc", "tab": "joint"}, "rest", "ignored", None),
    ({"tab": "chart"}, "tab", "ignored", None),
])
def test_bad_values_of_the_new_parameters_give_a_notice_in_words(params, param, kind, url):
    at = run({**params, "lang": "en"})
    notices = [str(c.value) for c in at.caption if "⚠" in str(c.value)]
    assert len(notices) == 1, notices
    words = state.param_words(param, "en")
    assert words != param and words in notices[0]
    assert ("out of range" in notices[0]) == (kind == "clamped")
    assert at.query_params.get(param) == url
    assert gdp_metric(at).value == "CNY 25.50 bn"  # the plan's answer: the bad value changed nothing else


def test_language_switch_keeps_the_open_tab_and_the_joint_sliders():
    at = open_tab(run({"ind": "12", "rest": "7.5"}), 1)
    at.segmented_control(key="_lang_switch").set_value("en").run()
    assert not at.exception, at.exception
    assert at.session_state[sv.K_TAB] == sv.tab_labels("en")[1]
    assert at.slider(key=sv.K_IND_G).value == 12.0 and at.slider(key=sv.K_OTH_G).value == 7.5
    assert (at.query_params["tab"], at.query_params["ind"], at.query_params["lang"]) == ("joint", "12", "en")
