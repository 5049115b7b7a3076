"""Indicator metadata the pages share: headline selections, category order, localised columns."""

from __future__ import annotations

import pandas as pd

CATEGORY_ORDER = {
    "fyp14": ("经济发展", "创新驱动", "“六新”突破与产业升级", "绿色生态", "人的全面发展", "安全保障"),
    "fyp13": ("经济发展", "创新驱动", "民生福祉", "生态文明", "廉洁安全"),
}

# Indicator groups by page.
ECOLOGY_IDS = {
    "fyp14": ("fyp14_good_air_days_ratio", "fyp14_surface_water_good_ratio", "fyp14_forest_cover",
              "fyp14_energy_intensity_reduction", "fyp14_carbon_intensity_reduction"),
    "fyp13": ("fyp13_water_per_gdp", "fyp13_energy_intensity_reduction", "fyp13_non_fossil_share",
              "fyp13_carbon_intensity_reduction", "fyp13_forest_cover", "fyp13_forest_stock", "fyp13_pm25",
              "fyp13_pm10", "fyp13_worse_than_v_water", "fyp13_pollutant_reduction", "fyp13_so2", "fyp13_cod",
              "fyp13_nox", "fyp13_ammonia_nitrogen", "fyp13_soot", "fyp13_dust"),
}
LIVELIHOOD_IDS = {
    "fyp14": ("fyp14_employee_certification_rate", "fyp14_labour_force_certification_rate", "fyp14_income_growth",
              "fyp14_urban_unemployment_rate", "fyp14_schooling_years", "fyp14_doctors_per_1000",
              "fyp14_pension_coverage", "fyp14_childcare_places_per_1000", "fyp14_life_expectancy",
              "fyp14_sports_population_share"),
    "fyp13": ("fyp13_urban_income", "fyp13_rural_income", "fyp13_preschool_enrolment", "fyp13_highschool_enrolment",
              "fyp13_higher_ed_enrolment", "fyp13_new_urban_jobs", "fyp13_poverty_reduction",
              "fyp13_shantytown_renovation", "fyp13_life_expectancy", "fyp13_infant_mortality",
              "fyp13_maternal_mortality", "fyp13_elderly_beds"),
}
INDUSTRY_IDS = ("fyp14_industrial_enterprises", "fyp14_industry_share_gdp", "fyp14_manufacturing_share",
                "fyp14_hightech_mfg_growth", "fyp14_digital_economy_share", "fyp14_strategic_emerging_share",
                "fyp14_new_materials_revenue_growth", "fyp14_high_end_equipment_growth",
                "fyp14_new_product_projects_growth")
INNOVATION_IDS = ("fyp14_rd_spending", "fyp14_national_provincial_labs", "fyp14_key_labs_centres",
                  "fyp14_high_value_patents", "fyp14_5g_penetration")

INDUSTRY_SECTORS = ("new_energy", "new_materials", "new_equipment", "big_data", "culture_tourism",
                    "agri_specialty", "health", "commerce", "traditional", "future")


def localized(frame: pd.DataFrame, lang: str, columns: tuple[str, ...] = ("name", "unit", "category")) -> pd.DataFrame:
    """Add plain `name`, `unit`, `category` … columns from their `_zh`/`_en` pair for the language."""
    out = frame.copy()
    suffix = "en" if lang == "en" else "zh"
    for col in columns:
        src = f"{col}_{suffix}"
        if src in out.columns:
            out[col] = out[src].fillna("")
    return out


def select(frame: pd.DataFrame, ids: tuple[str, ...]) -> pd.DataFrame:
    """Rows of `frame` whose indicator_id is in ids, in the order of ids."""
    order = {iid: i for i, iid in enumerate(ids)}
    out = frame[frame["indicator_id"].isin(order)].copy()
    return out.sort_values("indicator_id", key=lambda s: s.map(order)).reset_index(drop=True)
