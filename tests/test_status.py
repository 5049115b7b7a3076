"""model.status: one vocabulary and direction-aware rules with a band scaled to the planned change."""

import pytest

from lishi_metrics.model import status as s


def test_life_expectancy_band_is_half_a_years_planned_gain():
    assert s.band(76, 76.2, 5, "level") == pytest.approx(0.02)


@pytest.mark.parametrize(("actual", "path", "expected"), [
    (75.5, 76.08, s.BEHIND),          # below the 2020 base: lagging, not "on track"
    (76.8, 76.08, s.ACHIEVED_EARLY),  # past the 2025 target in 2022
    (76.2, 76.08, s.ACHIEVED_EARLY),  # exactly the target
    (76.09, 76.08, s.ON_TRACK),
    (76.11, 76.08, s.AHEAD),
])
def test_life_expectancy_path_status(actual, path, expected):
    assert s.path_status(actual, path, 76.2, "up", s.band(76, 76.2, 5, "level")) == expected


def test_a_value_exactly_on_the_boundary_is_on_track_despite_float_noise():
    assert 2.4 - 2.3 > 0.1  # the float trap this guards against
    assert s.path_status(2.4, 2.3, 5.0, "up", 0.1) == s.ON_TRACK
    assert s.path_status(2.3 + 0.1, 2.4, 5.0, "up", 0.0) == s.ON_TRACK
    assert s.path_status(2.41, 2.3, 5.0, "up", 0.1) == s.AHEAD


@pytest.mark.parametrize(("actual", "expected"), [(2.0, s.EXCEEDED), (2.5, s.MET), (3.0, s.MISSED)])
def test_lower_is_better_final_status(actual, expected):
    assert s.final_status(actual, 2.5, "down") == expected


def test_lower_is_better_path_status():
    # unemployment-like: path 5.2, band 0.1 pp; 5.5 is worse (lagging), 4.9 better (ahead)
    assert s.path_status(5.5, 5.2, 4.0, "down", 0.1) == s.BEHIND
    assert s.path_status(4.9, 5.2, 4.0, "down", 0.1) == s.AHEAD


def test_percent_types_have_a_floor_band():
    assert s.band(60.0, 60.0, 5, "share") == pytest.approx(0.1)
    assert s.band(60.0, 60.0, 5, "level") == 0.0


def test_judge_uses_final_words_in_the_target_year_and_path_words_before():
    row = dict(base=154.7, target=255.0, base_year=2020, target_year=2025, direction="up", value_type="level")
    assert s.judge(**row, actual=260.0, actual_year=2025).code == s.EXCEEDED
    assert s.judge(**row, actual=240.0, actual_year=2025) == s.Judgement(s.MISSED, 2025, True, "level", 240.0, 255.0)
    assert s.judge(**row, actual=170.0, actual_year=2022, path_value=189.0).code == s.BEHIND
    assert s.judge(**row).code == s.PENDING


def test_text_targets_stay_pending_unless_evaluated():
    row = dict(base=None, target=None, base_year=2020, target_year=2025, direction="down", value_type="text",
               target_text="完成市任务")
    assert s.judge(**row).code == s.PENDING
    assert s.judge(**row, text_evaluation="met").code == s.MET
    assert s.evaluation_word(s.judge(**row).code, "zh") == "待评估"


def test_every_code_has_a_symbol_colour_and_two_words():
    for code in s.ORDER:
        assert code in s.SYMBOLS and code in s.COLOURS and all(s.WORDS[code])
    assert s.label(s.AHEAD, "zh") == "▲ 快于预期"
    assert s.evaluation_word(s.EXCEEDED, "en") == "Met"


def test_every_status_has_its_own_colour_on_both_backgrounds():
    """超额完成 and 已完成 (and every other pair) differ in charts, documents and on the wall (issue 25)."""
    from lishi_metrics.model import status as s

    for colours in (s.COLOURS, s.COLOURS_DARK):
        assert set(colours) == set(s.ORDER)
        assert len(set(colours.values())) == len(colours)
