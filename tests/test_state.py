"""Tests for lishi_metrics.views.state: query parameters in, typed values and notices out."""

import pytest

from lishi_metrics.model import scenario as sc
from lishi_metrics.views import scenario as sv
from lishi_metrics.views import state as st

# The 14th plan's GDP facts (as read from the shipped tables): the URL contract is written against them.
FACTS = sv.PlanFacts(base_year=2020, base_gdp=154.7, target_year=2025, target_gdp=255.0, plan_real=0.098,
                     trend_real=0.073, share0=0.387, share1=0.49)

HOSTILE = [
    "'; DROP TABLE observations; --",
    "<script>alert(1)</script>",
    "x" * 400,
    "9" * 400,
    "📈🚀",
    "../../etc/passwd",
    "\x00\x1b[31m",
    "1_000",
    "0x10",
    "1e400",
    "-inf",
    "NaN",
    "1,2,3",
    "%00",
    "\ud800",
]


@pytest.mark.parametrize(
    ("raw", "value", "key"),
    [
        (None, 1.0, None),
        ("", 1.0, None),
        ("  ", 1.0, None),
        ("2.5", 2.5, None),
        (" 2.5 ", 2.5, None),
        ("+3", 3.0, None),
        (".5", 0.5, None),
        ("5.", 5.0, None),
        ("1e1", 10.0, None),
        ("９.８", 9.8, None),  # full-width digits
        ("−2", 0.0, st.CLAMPED),  # Unicode minus, clamped to lo
        (["3", "4"], 4.0, None),  # a repeated parameter: the last counts
        ([], 1.0, None),
        ("-1", 0.0, st.CLAMPED),
        ("25", 20.0, st.CLAMPED),
        ("abc", 1.0, st.NOT_A_NUMBER),
        ("nan", 1.0, st.NOT_FINITE),
        ("inf", 1.0, st.NOT_FINITE),
        ("1e400", 1.0, st.NOT_FINITE),
        ("1_0", 1.0, st.NOT_A_NUMBER),
        ("1" * 41, 1.0, st.TOO_LONG),
    ],
)
def test_parse_float(raw, value, key):
    result, notices = st.parse_float(raw, 1.0, 0.0, 20.0, param="sigma")
    assert result == value
    assert [n.message_key for n in notices] == ([] if key is None else [key])
    for notice in notices:
        assert notice.param == "sigma"
        assert notice.kind == ("clamped" if key == st.CLAMPED else "ignored")


def test_parse_float_without_bounds():
    assert st.parse_float("-1e6", 0.0) == (-1e6, [])


@pytest.mark.parametrize(
    ("raw", "value", "key"),
    [
        ("5000", 5000, None),
        ("1e4", 10000, None),
        ("10000.0", 10000, None),
        ("12.5", 10000, st.NOT_AN_INTEGER),
        ("5", 100, st.CLAMPED),
        ("99999999999999999999", 200000, st.CLAMPED),
        ("ten", 10000, st.NOT_A_NUMBER),
    ],
)
def test_parse_int(raw, value, key):
    result, notices = st.parse_int(raw, 10000, 100, 200000, param="n")
    assert result == value and isinstance(result, int)
    assert [n.message_key for n in notices] == ([] if key is None else [key])


@pytest.mark.parametrize(
    ("raw", "value", "ok"),
    [("2030", 2030, True), (" 2035 ", 2035, True), ("2040", 2025, False), (None, 2025, True), ("20 30", 2025, False)],
)
def test_parse_choice_returns_the_choice_itself(raw, value, ok):
    result, notices = st.parse_choice(raw, (2025, 2030, 2035), 2025, param="horizon")
    assert result == value and isinstance(result, int)
    assert (notices == []) is ok
    if not ok:
        assert notices[0].message_key == st.UNKNOWN_CHOICE and notices[0].value == "2025"


def test_parse_choice_is_case_insensitive():
    assert st.parse_choice("EN", ("zh", "en"), "zh") == ("en", [])


@pytest.mark.parametrize(
    ("raw", "values", "keys"),
    [
        ("9.8", [9.8] * 5, []),  # one value fills every year
        ("9.8,9.8,9.8,9.8,9.8", [9.8] * 5, []),
        ("9,8", [9.0, 8.0, 8.0, 8.0, 8.0], []),  # padded with the last
        ("1,2,3,4,5,6,7", [1, 2, 3, 4, 5], [st.TOO_MANY_VALUES]),
        ("1,x,3,4,5", [1, 9.8, 3, 4, 5], [st.NOT_A_NUMBER]),
        ("1,,3", [1, 9.8, 3, 3, 3], [st.NOT_A_NUMBER]),
        ("nan,2", [9.8, 2, 2, 2, 2], [st.NOT_FINITE]),
        ("30,-20,5", [25, -10, 5, 5, 5], [st.CLAMPED, st.CLAMPED]),
        ("7.3,inf", [7.3, 9.8, 9.8, 9.8, 9.8], [st.NOT_FINITE]),
        ("1," * 150, [9.8] * 5, [st.TOO_LONG]),
        ("", [9.8] * 5, []),
        (None, [9.8] * 5, []),
    ],
)
def test_parse_float_list(raw, values, keys):
    result, notices = st.parse_float_list(raw, 5, [9.8] * 5, -10, 25, param="g")
    assert result == pytest.approx(values)
    assert [n.message_key for n in notices] == keys


def test_parse_float_list_item_defaults_follow_the_year():
    result, _ = st.parse_float_list("1,x,x", 3, [7, 8, 9], param="g")
    assert result == [1.0, 8.0, 9.0]


def test_parse_float_list_notice_keeps_the_offending_item():
    _, notices = st.parse_float_list("1,<b>x</b>,3", 3, [0, 0, 0], param="g")
    assert notices[0].raw == "<b>x</b>" and notices[0].kind == "ignored" and notices[0].value == "0.0"


@pytest.mark.parametrize(
    ("raw", "text", "keys"),
    [
        ("北京 Lishi", "北京 Lishi", []),
        ("a\x00b\x1bc\n", "abc", [st.CONTROL_CHARS]),
        ("x" * 150, "x" * 100, [st.TEXT_TRUNCATED]),
        (None, "", []),
        (["a", "b"], "b", []),
    ],
)
def test_parse_text(raw, text, keys):
    result, notices = st.parse_text(raw, param="name")
    assert result == text
    assert [n.message_key for n in notices] == keys


@pytest.mark.parametrize(
    ("values", "text"),
    [
        ([9.8] * 5, "9.8"),
        ([9.8, 9.8, 7.3], "9.8,9.8,7.3"),
        ([10.0, 0.0, -0.0], "10,0,0"),
        ([0.6485756], "0.6486"),
        ([-2.5, 12], "-2.5,12"),
        ([], ""),
    ],
)
def test_format_float_list(values, text):
    assert st.format_float_list(values) == text


@pytest.mark.parametrize("values", [[9.8] * 5, [9.8, 9.8, 7.3, 1.0, -2.5], [0.1, 0.2, 0.3, 0.4, 0.5]])
def test_format_float_list_round_trips_through_parse(values):
    parsed, notices = st.parse_float_list(st.format_float_list(values), 5, [0] * 5, -10, 25)
    assert parsed == pytest.approx(values) and notices == []


def test_scenario_defaults_when_the_url_is_empty():
    params, notices = st.parse_scenario_params({}, FACTS)
    assert notices == []
    assert params == st.default_params(FACTS)
    assert params.g == (9.8,) * 5 and params.p is None
    assert (params.sigma, params.n, params.seed, params.horizon, params.lr, params.lang) == (
        1.0,
        10000,
        2021,
        2025,
        5.0,
        "zh",
    )
    assert params.real_growth == pytest.approx([0.098] * 5) and params.price_change is None


def test_scenario_contract_g_73_p_0_gives_2025_gdp_220():
    params, notices = st.parse_scenario_params({"g": "7.3,7.3,7.3,7.3,7.3", "p": "0"}, FACTS)
    assert notices == []
    df = sc.simulate(2020, 154.7, params.real_growth, params.price_change, 255.0, 2025, plan_real=0.098)
    gdp = df.loc[df["year"] == 2025, "gdp"].item()
    assert gdp == pytest.approx(220.03, abs=0.005)
    assert f"{gdp:.1f}" == "220.0"


def test_scenario_full_url_round_trips():
    url = {
        "g": "9,9.5,10,10.5,11",
        "p": "1",
        "sigma": "2.5",
        "n": "50000",
        "seed": "7",
        "horizon": "2035",
        "lr": "4.5",
        "lang": "en",
    }
    params, notices = st.parse_scenario_params(url, FACTS)
    assert notices == []
    assert params.g == (9.0, 9.5, 10.0, 10.5, 11.0) and params.p == (1.0,) * 5
    assert (params.sigma, params.n, params.seed, params.horizon, params.lr, params.lang) == (
        2.5,
        50000,
        7,
        2035,
        4.5,
        "en",
    )
    assert st.to_params(params) == url
    assert st.parse_scenario_params(st.to_params(params), FACTS) == (params, [])


def test_to_params_leaves_out_implied_price():
    out = st.to_params(st.default_params(FACTS))
    assert "p" not in out
    assert out == {"g": "9.8", "sigma": "1", "n": "10000", "seed": "2021", "horizon": "2025", "lr": "5", "lang": "zh"}


@pytest.mark.parametrize(
    ("key", "raw", "field", "value", "kind"),
    [
        ("g", "99", "g", (25.0,) * 5, "clamped"),
        ("p", "-50,0", "p", (-10.0, 0.0, 0.0, 0.0, 0.0), "clamped"),
        ("sigma", "50", "sigma", 20.0, "clamped"),
        ("n", "1", "n", 100, "clamped"),
        ("n", "1000000", "n", 200000, "clamped"),
        ("seed", "-5", "seed", 0, "clamped"),
        ("seed", str(2**40), "seed", 2**31 - 1, "clamped"),
        ("horizon", "2050", "horizon", 2025, "ignored"),
        ("lr", "20", "lr", 15.0, "clamped"),
        ("lang", "fr", "lang", "zh", "ignored"),
        ("p", "junk", "p", None, "ignored"),  # all junk: back to the implied price
    ],
)
def test_scenario_out_of_range_and_junk(key, raw, field, value, kind):
    params, notices = st.parse_scenario_params({key: raw}, FACTS)
    assert getattr(params, field) == value
    assert len(notices) == 1 and notices[0].param == key and notices[0].kind == kind


def test_scenario_partly_junk_price_uses_the_implied_price_for_that_year():
    params, notices = st.parse_scenario_params({"p": "1,x"}, FACTS)
    implied = sc.plan_implied_price(154.7, 255.0, 5, 0.098) * 100
    assert params.p == pytest.approx((1.0, implied, implied, implied, implied))
    assert [n.message_key for n in notices] == [st.NOT_A_NUMBER]


def test_scenario_list_values_take_the_last():
    params, notices = st.parse_scenario_params({"lang": ["zh", "en"], "n": ["500", "600"]}, FACTS)
    assert (params.lang, params.n, notices) == ("en", 600, [])


@pytest.mark.parametrize("raw", HOSTILE)
@pytest.mark.parametrize("key", ["g", "p", "sigma", "n", "seed", "horizon", "lr", "lang"])
def test_scenario_hostile_input_gives_defaults_and_a_notice(key, raw):
    params, notices = st.parse_scenario_params({key: raw}, FACTS)
    if key == "g" and raw == "1,2,3":
        assert params.g == (1.0, 2.0, 3.0, 3.0, 3.0)  # a valid list, not hostile
        return
    if key == "p" and raw == "1,2,3":
        assert params.p == (1.0, 2.0, 3.0, 3.0, 3.0)
        return
    expected = st.default_params(FACTS)
    assert getattr(params, key) == getattr(expected, key)
    assert notices, "junk must be reported"
    for notice in notices:
        assert notice.param == key
        assert notice.kind in ("clamped", "ignored")
        assert notice.message_key in st.MESSAGE_KEYS
        assert len(notice.raw) <= st.RAW_SHOWN
        assert all(ch.isprintable() for ch in notice.raw)


@pytest.mark.parametrize(
    "params",
    [
        None,
        {"g": None},
        {"g": 9.8},
        {"g": []},
        {"g": [None]},
        {"n": ["1", 2]},
        {"unknown": "x"},
        {"g": b"9.8"},
        {"lang": "\u202eEN"},
        "not a mapping",
        42,
    ],
)
def test_scenario_never_raises(params):
    result, notices = st.parse_scenario_params(params, FACTS)
    assert isinstance(result, st.ScenarioParams)
    assert all(isinstance(n, st.Notice) for n in notices)


def test_parse_float_list_accepts_a_number_not_a_string():
    assert st.parse_scenario_params({"g": 9.8}, FACTS)[0].g == (9.8,) * 5
