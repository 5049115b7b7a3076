"""The scenario page's constants: presets, limits, widget (session-state) keys, and its error."""

from __future__ import annotations

from lishi_metrics.errors import LishiError

# The rows the scenario reads are found by their role (indicators.role: gdp, industry_share), never by id.
UNIT = "亿元"
PRESET_KEYS = ("plan", "trend13", "optimistic", "cautious", "on_target", "year_target")
MAX_SAVED = 4
# The national 2035 goal (GDP per head doubled from 2020 to 2035): a benchmark from outside any plan.
DOUBLING_BASE_YEAR, DOUBLING_YEAR = 2020, 2035
REACH_RTOL = 1e-9  # as lishi_metrics.model.scenario: a computed path landing on the target may miss it by rounding
N_CHOICES_STEP = 1_000
# URL values carry 4 decimals (state.format_float_list): the on-target preset is rounded up to that grid so a
# shared link still lands on (not 0.0004 below) the target.
_URL_DECIMALS = 4
_MATCH_TOL = 1e-6

# Widget keys (session state).
K_SEEDED = "sim_seeded"
K_PARAMS = "sim_params"  # the last run's state.ScenarioParams (not a widget)
K_PRESET = "sim_preset"
K_SAME_G = "sim_same_g"
K_G_ALL = "sim_g_all"
K_P_IMPLIED = "sim_p_implied"
K_SAME_P = "sim_same_p"
K_P_ALL = "sim_p_all"
K_SIGMA = "sim_sigma"
K_N = "sim_n"
K_SEED = "sim_seed"
K_HORIZON = "sim_horizon"
K_LR = "sim_lr"
K_FROM_YEAR = "sim_from_year"
K_IND_G = "sim_industry_growth"
K_OTH_G = "sim_other_growth"
K_SAVED = "sim_saved"
K_SAVE_NAME = "sim_save_name"
K_TAB = "sim_tab"  # the open tab: its label (a widget value) or, seeded from the URL, its code


def k_g(year: int) -> str:
    """Widget key of one year's real growth slider."""
    return f"sim_g_{year}"


def k_p(year: int) -> str:
    """Widget key of one year's price change slider."""
    return f"sim_p_{year}"


class ScenarioDataError(LishiError):
    """The plan tables lack a number the scenario needs (GDP base, target, growth, industry share)."""
