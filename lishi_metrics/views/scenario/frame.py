"""The scenario: one parameter set applied to the plan facts (Scenario), and the Monte Carlo inputs it gives."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from lishi_metrics.model import scenario
from lishi_metrics.model.growth import nominal_rate
from lishi_metrics.views import state
from lishi_metrics.views.scenario.facts import PlanFacts


@dataclass(frozen=True)
class Scenario:
    """One scenario: plan facts, URL state, rates per plan year (fractions) and the yearly frame.

    frame columns: year, kind ('base', 'actual', 'scenario', 'extension'), real_growth, price_change,
    nominal_growth (fractions, NaN where unknown), gdp, plan_path (the plan's constant nominal path from
    the base year, NaN after the target year), gap (gdp - plan_path).
    """

    facts: PlanFacts
    params: state.ScenarioParams
    real: tuple[float, ...]
    price: tuple[float, ...]
    frame: pd.DataFrame

    @property
    def price_implied(self) -> bool:
        return self.params.p is None

    @property
    def sim_real(self) -> list[float]:
        return list(self.real[self.facts.first_sim_index :])

    @property
    def sim_price(self) -> list[float]:
        return list(self.price[self.facts.first_sim_index :])

    def gdp_in(self, year: int) -> float:
        years = self.frame["year"].to_numpy()
        hit = np.flatnonzero(years == year)
        return float(self.frame["gdp"].to_numpy()[hit[0]]) if hit.size else float("nan")


def build_scenario(facts: PlanFacts, params: state.ScenarioParams) -> Scenario:
    """Simulate from the starting point (base or latest actual) to the horizon; history rows first.

    The arithmetic is scenario.simulate / scenario.extend; this adds the history, the kinds and the
    plan's own path (from the base year, not from the latest actual), assembling one frame at the end
    (many small pandas operations would cost more than the simulation).
    """
    n = facts.years
    real = [float(v) for v in params.real_growth][:n]
    real += [real[-1]] * (n - len(real))
    price = list(params.price_change) if params.p is not None else [facts.implied_price] * n
    price = price[:n] + [price[-1]] * (n - len(price))
    k = facts.first_sim_index
    sim = scenario.simulate(
        facts.start_year, facts.start_gdp, real[k:], price[k:], facts.target_gdp, facts.target_year,
        plan_real=facts.plan_real, plan_price=facts.implied_price,
    )
    if params.horizon > facts.target_year:
        sim = scenario.extend(sim, params.lr / 100.0, price[-1], params.horizon)
    years = sim["year"].to_numpy(dtype=int)
    cols = {c: sim[c].to_numpy(dtype=float) for c in ("real_growth", "price_change", "nominal_growth", "gdp")}
    kinds = np.where(years > facts.target_year, "extension", "scenario").astype(object)
    kinds[0] = "actual" if facts.from_actual else "base"
    if facts.from_actual:
        history = [(facts.base_year, facts.base_gdp, "base")]
        history += [(y, v, "actual") for y, v in facts.actuals if y < facts.start_year]
        nan = np.full(len(history), np.nan)
        years = np.concatenate([[h[0] for h in history], years])
        kinds = np.concatenate([np.array([h[2] for h in history], dtype=object), kinds])
        cols = {c: np.concatenate([nan, v]) for c, v in cols.items()}
        cols["gdp"][: len(history)] = [h[1] for h in history]
        # Actual years: the nominal change from consecutive current-price actuals; the real growth only where the
        # growth at comparable prices was imported (never from the levels), and the price change between them.
        known = dict(zip(years.tolist(), cols["gdp"].tolist()))
        real_known = dict(facts.real_actuals)
        for i, (year, kind) in enumerate(zip(years.tolist(), kinds)):
            if kind == "actual":
                previous = known.get(year - 1)
                nominal = cols["gdp"][i] / previous - 1.0 if previous else np.nan
                rate = real_known.get(year, np.nan)
                cols["nominal_growth"][i] = nominal
                cols["real_growth"][i] = rate
                cols["price_change"][i] = (1.0 + nominal) / (1.0 + rate) - 1.0 if np.isfinite(nominal) and np.isfinite(
                    rate) and rate > -1.0 else np.nan
    plan_rate = nominal_rate(facts.plan_real, facts.implied_price)
    plan = np.where(
        years <= facts.target_year, facts.base_gdp * (1.0 + plan_rate) ** (years - facts.base_year), np.nan
    )
    frame = pd.DataFrame({"year": years, "kind": kinds, **cols, "plan_path": plan, "gap": cols["gdp"] - plan})
    return Scenario(facts, params, tuple(real), tuple(price), frame)


def mc_inputs(sc: Scenario) -> dict[str, object]:
    """Hashable arguments of scenario.monte_carlo for the simulated years (for a cached wrapper)."""
    f = sc.facts
    return {
        "base_value": float(f.start_gdp),
        "real": tuple(sc.sim_real),
        "price": tuple(sc.sim_price),
        "sigma_pp": float(sc.params.sigma),
        "n": int(sc.params.n),
        "seed": int(sc.params.seed),
        "target": float(f.target_gdp),
        "base_year": int(f.start_year),
    }
