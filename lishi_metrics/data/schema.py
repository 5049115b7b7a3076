"""Column names and types of every table, the single definition used by build, check and data."""

from __future__ import annotations

import pyarrow as pa

S, F, INT, B = pa.string(), pa.float64(), pa.int64(), pa.bool_()

SCHEMAS: dict[str, pa.Schema] = {
    "plans": pa.schema([
        ("plan_id", S), ("name_zh", S), ("name_en", S), ("region_zh", S), ("region_en", S),
        ("start_year", INT), ("end_year", INT), ("base_year", INT), ("document", S),
        # Lineage and wording (issue 21.3): the plan named as this one's predecessor (scoreboards and "previous
        # plan" charts appear only then), the short name pages print (「十四五」), the main-indicator table's
        # title as printed, and who publishes the yearly actuals.
        ("previous_plan_id", S), ("short_name_zh", S), ("short_name_en", S),
        ("table_title_zh", S), ("table_title_en", S), ("stats_source_zh", S), ("stats_source_en", S),
    ]),
    "indicators": pa.schema([
        ("indicator_id", S), ("plan_id", S), ("table_ref", S), ("seq", S), ("row_order", INT),
        ("name_zh", S), ("name_en", S), ("category_zh", S), ("category_en", S),
        ("unit_zh", S), ("unit_en", S), ("attribute", S), ("direction", S), ("value_type", S), ("note", S),
        ("role", S), ("cumulative_rule", S),
        # One number style (issue 25.4): the decimals its figures are shown with everywhere (pages, wall,
        # documents; the plan's own printed precision, trailing zeros dropped: 154.7 and 255), and the short name
        # a tile (the wall's, the sector pages') may print instead of name_zh / name_en (NULL: the name).
        ("decimals", INT), ("short_name_zh", S), ("short_name_en", S),
        # The remark (note, in Chinese as transcribed) in English; NULL: the English page shows the Chinese
        # remark under a label that says so.
        ("note_en", S),
    ]),
    "observations": pa.schema([
        ("indicator_id", S), ("year", INT), ("kind", S), ("value", F), ("value_text", S),
        ("growth_pct", F), ("growth_text", S), ("growth_cumulative", B), ("source", S),
        ("value_kind", S), ("value_op", S), ("growth_kind", S), ("growth_op", S), ("note", S),
    ]),
    "text_figures": pa.schema([
        ("figure_id", S), ("kind", S), ("topic", S), ("sector", S), ("subject_zh", S), ("subject_en", S),
        ("value", F), ("value_max", F), ("qualifier", S), ("unit_zh", S), ("unit_en", S), ("year", INT),
        ("chapter_ref", S),
        # The short label the big screen prints before the figure (「风电装机」; NULL: its subject).
        ("short_name_zh", S), ("short_name_en", S),
        ("quote", S),
    ]),
    "projects": pa.schema([
        ("project_id", S), ("table_ref", S), ("table_title_zh", S), ("group_zh", S), ("group_en", S),
        ("sector", S), ("name_zh", S), ("name_en", S),
    ]),
    "sectors": pa.schema([("sector", S), ("name_zh", S), ("name_en", S), ("group", S), ("chapter_ref", S)]),
    "enterprises": pa.schema([
        ("enterprise_id", S), ("sector", S), ("name_zh", S), ("name_en", S), ("chapter_ref", S), ("quote", S),
    ]),
    "statements": pa.schema([("statement_id", S), ("topic", S), ("chapter_ref", S), ("text_zh", S), ("text_en", S)]),
    "units": pa.schema([("unit_zh", S), ("unit_en", S), ("kind", S)]),
    # Where each indicator appears (issue 21.4): a row names one indicator (plan_id, indicator_id) or one prose
    # figure of the plan's document (figure_id), or is a rule for any plan's rows by a word of their category or
    # by their role (plan_id empty). data.placements.
    "placements": pa.schema([
        ("plan_id", S), ("indicator_id", S), ("figure_id", S), ("category", S), ("role", S), ("place", S),
        ("group", S),
        ("position", INT), ("charted", B),
    ]),
    # Indicators the statistics bureau publishes by month or quarter as year-to-date figures (统计月报, issue 26):
    # definitions only; targets and periods are imported by users into the store (actuals.periods).
    "periodic_indicators": pa.schema([
        ("periodic_id", S), ("row_order", INT), ("name_zh", S), ("name_en", S), ("unit_zh", S), ("unit_en", S),
        ("frequency", S), ("measures", S), ("direction", S), ("feeds_role", S),
    ]),
}

PRIMARY_KEYS: dict[str, tuple[str, ...]] = {
    "plans": ("plan_id",),
    "indicators": ("indicator_id",),
    "observations": ("indicator_id", "year", "kind", "source"),
    "text_figures": ("figure_id",),
    "projects": ("project_id",),
    "sectors": ("sector",),
    "enterprises": ("enterprise_id",),
    "statements": ("statement_id",),
    "units": ("unit_zh",),
    "placements": ("place", "group", "plan_id", "indicator_id", "figure_id", "category", "role"),
    "periodic_indicators": ("periodic_id",),
}

# Columns that may be empty (NULL); every other column must be filled.
NULLABLE: dict[str, set[str]] = {
    "plans": {"previous_plan_id", "short_name_zh", "short_name_en", "table_title_zh", "table_title_en",
              "stats_source_zh", "stats_source_en"},
    "indicators": {"note", "unit_zh", "unit_en", "role", "cumulative_rule", "decimals", "short_name_zh",
                   "short_name_en", "note_en"},
    "observations": {"value", "growth_pct", "growth_text", "value_kind", "value_op", "growth_kind", "growth_op", "note"},
    "text_figures": {"sector", "value_max", "qualifier", "year", "short_name_zh", "short_name_en"},
    "projects": set(),
    "placements": {"plan_id", "indicator_id", "figure_id", "category", "role"},
    "periodic_indicators": {"feeds_role"},
}

# What part an indicator row plays for the pages (indicators.role): at most one row per role and plan.
# gdp: the scenario page, the big screen's GDP panel and the overview's GDP note read this row;
# industry_share: industrial value added as a share of GDP (the scenario page's joint view).
ROLES: tuple[str, ...] = ("gdp", "industry_share")

# How a printed value was read (model.printed): observations.value_kind / growth_kind and the bound's operator.
# Derived from the printed text when a source CSV leaves the column out (build), checked against it (check).
DERIVED: dict[str, tuple[str, ...]] = {
    "observations": ("value_kind", "value_op", "growth_kind", "growth_op"),
}
# Columns a source CSV or a stored table may lack: they read as NULL (a stored plan from before they existed).
OPTIONAL: dict[str, tuple[str, ...]] = {
    "indicators": ("cumulative_rule", "decimals", "short_name_zh", "short_name_en", "note_en"),
    "observations": ("value_kind", "value_op", "growth_kind", "growth_op", "note"),
}
# What a bracketed five-year figure of a row counts (indicators.cumulative_rule; NULL = the default by type):
# change: the level moves by it (default for levels, counts and shares: 〔1〕 岁 is one year more);
# total: the five years add up to it (固定资产投资 [600]); growth / reduction: the yearly rates the statistics
# publish, compounded (default for rates: reduction when the row's name says 降低/下降/减少, else growth).
CUMULATIVE_RULES: tuple[str, ...] = ("change", "total", "growth", "reduction")
# A periodic indicator's publication (periodic_indicators): its frequency, and which year-to-date measures the
# bulletin prints: the level (累计值), the growth on the same period a year earlier (累计增速), or both.
FREQUENCIES: tuple[str, ...] = ("month", "quarter")
MEASURES: tuple[str, ...] = ("value_growth", "value", "growth")


def conform(table: pa.Table, name: str) -> pa.Table:
    """`table` with exactly the current columns of `name`'s schema, in order and cast to their types; a column it
    lacks (a table stored before the column existed) reads as NULL, a column no longer in the schema is dropped.

    Raises:
        pyarrow.ArrowInvalid: a column cannot be cast to its current type.
    """
    schema = SCHEMAS[name]
    if table.schema.equals(schema):
        return table
    have = set(table.column_names)
    arrays = [table.column(f.name).cast(f.type) if f.name in have else pa.nulls(table.num_rows, f.type)
              for f in schema]
    return pa.Table.from_arrays(arrays, schema=schema)
