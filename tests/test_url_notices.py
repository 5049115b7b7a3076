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
