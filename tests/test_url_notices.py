"""AppTest: notices about URL parameters reach the reader, in words they know (issue 14.8)."""

import pytest

from conftest import app_test, texts


@pytest.mark.parametrize("script", ["app.py", "pages/overview.py"])
def test_unknown_language_falls_back_to_chinese_with_a_notice(script):
    """lang=fr: Chinese, and a notice that says so, also through app.py (which reads the language first)."""
    at = app_test(script, {"lang": "fr"})
    at.run()
    assert not at.exception, at.exception
    shown = texts(at)
    assert "总览" in shown
    assert "已忽略无效参数 语言（lang）" in shown and "fr" in shown
    assert at.query_params["lang"] == ["zh"] or at.query_params["lang"] == "zh"


@pytest.mark.parametrize(("lang", "words"), [("zh", "已忽略无效参数 实际增速（g）"), ("en", "Ignored invalid parameter real growth (g)")])
def test_scenario_notice_names_the_parameter_in_words(lang, words):
    at = app_test("pages/scenario.py", {"g": "abc", "lang": lang})
    at.run()
    assert not at.exception, at.exception
    assert words in texts(at)


def test_repeated_keys_keep_the_last_value_with_a_notice_and_leave_the_address():
    """Issue 23.4: g=1&g=2 and lang=xx&lang=en were kept in the address without a word."""
    at = app_test("pages/scenario.py")
    at.query_params["g"] = ["1", "9"]
    at.query_params["lang"] = ["xx", "en"]
    at.run()
    assert not at.exception, at.exception
    shown = texts(at)
    assert "Parameter real growth (g) was given more than once; only its last value, 9, is kept" in shown
    assert "Parameter language (lang) was given more than once" in shown
    assert at.query_params["g"] in (["9"], "9") and at.query_params["lang"] in (["en"], "en")


def test_repeated_params_names_only_the_repeated_ones():
    from lishi_metrics.views import state

    keep, notices = state.repeated_params({"g": ["1", "2", "3"], "lang": ["en"], "x": []})
    assert keep == {"g": "3"}
    assert [(n.param, n.raw, n.value, n.kind) for n in notices] == [("g", "1, 2", "3", "repeated")]
