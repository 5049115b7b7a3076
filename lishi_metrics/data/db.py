"""The one DuckDB connection over the Parquet tables (plus imported actuals), and one function per dataset.

Every query runs on its own cursor (Streamlit serves sessions from several threads), with bound
parameters only. The connection is rebuilt when the data files or the store's current version change.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from duckdb import sqltypes

from lishi_metrics import config
from lishi_metrics.data.schema import SCHEMAS
from lishi_metrics.errors import DataError
from lishi_metrics.model import printed

_FIX = "run `python -m lishi_metrics build` to rebuild the tables from data/source/"
# Each table's select list ('"plan_id", "name_zh", …'), built once from the fixed schemas: the views below are
# made with the relational API and these constants, so no SQL text is put together when a connection opens.
_SELECT_LIST = {name: ", ".join(f'"{c}"' for c in schema.names) for name, schema in SCHEMAS.items()}
# Views over the shipped files that the imported plans are unioned with: view, the store's table, shipped view.
_SHIPPED_VIEW = {"plans": "shipped_plans", "indicators": "shipped_indicators", "observations": "shipped_observations"}
_IMPORTED_PLAN_VIEWS = (("imported_plans", "plans", "shipped_plans"),
                        ("imported_indicators", "indicators", "shipped_indicators"),
                        ("imported_plan_observations", "plan_observations", "shipped_observations"))
_DUCK_TYPES = {pa.string(): sqltypes.VARCHAR, pa.float64(): sqltypes.DOUBLE, pa.int64(): sqltypes.BIGINT,
               pa.bool_(): sqltypes.BOOLEAN}
# The verdicts view when none was recorded: the columns of actuals.store.VERDICTS_SCHEMA, no rows.
_NO_VERDICTS = ("CREATE VIEW verdicts AS SELECT CAST(NULL AS VARCHAR) AS indicator_id, CAST(NULL AS VARCHAR) AS status, "
                'CAST(NULL AS VARCHAR) AS note, CAST(NULL AS VARCHAR) AS "by", CAST(NULL AS VARCHAR) AS "time" '
                "WHERE false")
_lock = threading.Lock()
_state: dict = {"key": None, "con": None}


def _actuals_path() -> Path | None:
    """Parquet file of the served store version, or None (no imports, or no readable store)."""
    return _store_state()[0]


def _store_state() -> tuple[Path | None, tuple]:
    """(the served version's Parquet file or None, what else of the store a page depends on: the current
    version and how many parts are damaged, so a banner comes and goes with the damage)."""
    from lishi_metrics.actuals import store  # local import: store is optional for the plan tables

    try:
        state = store.health(config.store_dir(), full=False)
    except Exception:  # an unreadable store must not hide the plan itself; the data page reports it
        return None, ()
    path = store.version_path(config.store_dir(), state.served) if state.served else None
    # The store's own place once it serves a version: two stores at the same version number (a plan imported
    # into each) are different data. A store serving nothing (empty, or rolled back to 0) serves the shipped
    # tables alone, the same data wherever it is.
    where = str(config.store_dir()) if state.served or state.damage else None
    return path, (where, state.current, state.served, len(state.damage))


def _plan_paths() -> dict[str, Path] | None:
    """Imported-plan tables of the current store version, or None (none imported, or an unreadable store)."""
    from lishi_metrics.actuals import store

    try:
        return store.current_plan_paths(config.store_dir())
    except Exception:  # as _actuals_path: the data page reports a damaged store
        return None


def _verdicts_path() -> Path | None:
    """The recorded verdicts of the current store version, or None (none recorded, or an unreadable store)."""
    from lishi_metrics.actuals import store

    try:
        return store.current_verdicts_path(config.store_dir())
    except Exception:  # as _actuals_path: the data page reports a damaged store
        return None


def _signature(data_dir: Path) -> tuple:
    """What the connection depends on: every table file's identity and the current actuals file."""
    parts = []
    for name in config.TABLES:
        path = data_dir / f"{name}.parquet"
        try:
            st = path.stat()
            parts.append((name, st.st_mtime_ns, st.st_size))
        except OSError:
            parts.append((name, None, None))
    actuals, store_key = _store_state()
    # The file's identity too: a store that was deleted and imported into afresh reuses the name v0001.parquet.
    try:
        stamp = (actuals.stat().st_mtime_ns, actuals.stat().st_size) if actuals else None
    except OSError:
        stamp = None
    return (str(data_dir), tuple(parts), str(actuals) if actuals else None, stamp, store_key)


def _conformed(con: duckdb.DuckDBPyConnection, path: Path, table: str | pa.Schema) -> duckdb.DuckDBPyRelation:
    """A stored table read as the current schema of `table`: its columns selected and cast, and a column it lacks
    (a plan or actuals stored before the schema gained it) as NULL, so an upgrade never hides what was stored."""
    rel = con.read_parquet(str(path))
    have = set(rel.columns)
    exprs = []
    for f in (SCHEMAS[table] if isinstance(table, str) else table):
        typ = _DUCK_TYPES[f.type]
        source = duckdb.ColumnExpression(f.name) if f.name in have else duckdb.ConstantExpression(None)
        exprs.append(source.cast(typ).alias(f.name))
    return rel.select(*exprs)


def _open(data_dir: Path, actuals: Path | None, memory_limit: str | None = None) -> duckdb.DuckDBPyConnection:
    """Create the connection: views over the files, then lock it down (no extensions, no file access)."""
    if not data_dir.is_dir():
        raise DataError(f"data directory {data_dir} does not exist: {_FIX}")
    settings = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}
    if memory_limit:
        settings.update(memory_limit=memory_limit, max_temp_directory_size="0B")
    con = duckdb.connect(":memory:", config=settings)
    for name in config.TABLES:
        path = data_dir / f"{name}.parquet"
        if not path.exists():
            raise DataError(f"data file {path} is missing: {_FIX}")
        try:
            pq.read_metadata(path)
            names = pq.read_schema(path).names
        except Exception as exc:
            raise DataError(f"data file {path} is unreadable or truncated ({type(exc).__name__}): {_FIX}") from exc
        expected = SCHEMAS[name].names
        if [n for n in expected if n not in names]:
            raise DataError(f"data file {path} lacks columns {sorted(set(expected) - set(names))}: {_FIX}")
        con.read_parquet(str(path)).project(_SELECT_LIST[name]).create_view(_SHIPPED_VIEW.get(name, name))
    allowed = [str(data_dir.resolve()) + "/"]
    plan_files = _plan_paths() if actuals is not None else None
    # Imported plans (store) are unioned with the shipped ones: every page sees one plans/indicators table.
    for view, table, shipped in _IMPORTED_PLAN_VIEWS:
        if plan_files is not None:
            try:
                _conformed(con, plan_files[table], "observations" if table == "plan_observations" else table
                           ).create_view(view)
                continue
            except (duckdb.Error, OSError, ValueError, KeyError):
                pass  # an unreadable plan file must not hide the shipped plans; the data page reports it
        con.view(shipped).limit(0).create_view(view)  # none imported: the shipped columns, no rows
    con.execute("CREATE VIEW plans AS SELECT * FROM shipped_plans UNION ALL SELECT * FROM imported_plans")
    con.execute("CREATE VIEW indicators AS SELECT * FROM shipped_indicators UNION ALL SELECT * FROM imported_indicators")
    con.execute("CREATE VIEW plan_observations AS SELECT * FROM shipped_observations "
                "UNION ALL SELECT * FROM imported_plan_observations")
    verdicts = _verdicts_path() if actuals is not None else None
    if verdicts is not None:
        from lishi_metrics.actuals import store

        try:
            _conformed(con, verdicts, store.VERDICTS_SCHEMA).create_view("verdicts")
        except (duckdb.Error, OSError):  # as the plan files: the data page reports a damaged store
            verdicts = None
    if verdicts is None:
        con.execute(_NO_VERDICTS)
    if actuals is not None:
        _conformed(con, actuals, "observations").create_view("imported_actuals")
        allowed.append(str(actuals.parent.resolve()) + "/")
    else:
        con.view("shipped_observations").limit(0).create_view("imported_actuals")
    con.execute("CREATE VIEW observations AS SELECT * FROM plan_observations UNION ALL SELECT * FROM imported_actuals")
    con.execute("SET allowed_directories = $dirs", {"dirs": allowed})
    con.execute("SET enable_external_access = false")
    con.execute("SET lock_configuration = true")
    return con


def version_key() -> tuple:
    """Identity of the data currently served (files and store version): a cache key for the UI."""
    return _signature(config.parquet_dir())


def connection() -> duckdb.DuckDBPyConnection:
    """The shared connection for the current data files (rebuilt when they change)."""
    return _current()[0]


def _current() -> tuple[duckdb.DuckDBPyConnection, tuple]:
    """The shared connection and the data version (signature) it serves, looked up together."""
    data_dir = config.parquet_dir()
    key = _signature(data_dir)
    with _lock:
        if _state["key"] != key or _state["con"] is None:
            con = _open(data_dir, Path(key[2]) if key[2] else None)
            old = _state["con"]
            _state.update(key=key, con=con)
            _results.clear()
            if old is not None:
                old.close()
        return _state["con"], key


def reset() -> None:
    """Forget the cached connection (tests point LISHI_DATA_DIR elsewhere)."""
    with _lock:
        if _state["con"] is not None:
            _state["con"].close()
        _state.update(key=None, con=None)
        _results.clear()


# Query results of the data version being served, by (version, SQL, parameters): a page, the wall's panels and
# the documents ask for the same plan's indicator table dozens of times per version (docs/benchmarks.md, "Query
# results per data version"). Only results of up to _RESULT_ROWS rows are kept, at most _RESULT_ENTRIES of them
# and _RESULT_CELLS cells in all (rows × columns: memory stays bounded whatever the parameters ask for),
# and each caller gets a copy, so nobody changes another's frame. A new version starts afresh (_current).
_RESULT_ROWS = 20_000
_RESULT_ENTRIES = 256
_RESULT_CELLS = 2_000_000
_results: OrderedDict[tuple, pd.DataFrame] = OrderedDict()


def fetch(sql: str, params: dict | list | None = None, hint: str = _FIX) -> pd.DataFrame:
    """Run one fixed query with bound parameters on a fresh cursor; return a DataFrame (a copy of the result
    this data version already gave, when it was asked before)."""
    con, version = _current()
    memo = (version, sql, repr(params))
    with _lock:
        if memo in _results:
            _results.move_to_end(memo)
            return _results[memo].copy()
    cur = con.cursor()
    try:
        frame = cur.execute(sql, params or {}).df()
    except duckdb.Error as exc:
        raise DataError(f"query failed ({type(exc).__name__}): {exc}" + (f". {hint}" if hint else "")) from exc
    finally:
        cur.close()
    if len(frame) <= _RESULT_ROWS:
        with _lock:
            if _state["key"] == version:
                _results[memo] = frame.copy()
                while len(_results) > _RESULT_ENTRIES or sum(f.size for f in _results.values()) > _RESULT_CELLS:
                    _results.popitem(last=False)
    return frame


# --- datasets -------------------------------------------------------------------------------

def plans() -> pd.DataFrame:
    return fetch("SELECT * FROM plans ORDER BY start_year")


def plans_catalogue() -> pd.DataFrame:
    """Every plan (shipped and imported) with `imported` (bool) and its number of indicators, by start year."""
    return fetch(
        """SELECT p.*, p.plan_id IN (SELECT plan_id FROM imported_plans) AS imported,
                  (SELECT count(*) FROM indicators i WHERE i.plan_id = p.plan_id)::BIGINT AS n_indicators
           FROM plans p ORDER BY p.start_year, p.end_year, p.plan_id"""
    )


def indicators(plan_id: str | None = None) -> pd.DataFrame:
    """Indicator catalogue rows, in printed order; all plans when plan_id is None."""
    return fetch(
        "SELECT * FROM indicators WHERE $plan IS NULL OR plan_id = $plan ORDER BY plan_id, row_order",
        {"plan": plan_id},
    )


def observations(plan_id: str | None = None, indicator_id: str | None = None) -> pd.DataFrame:
    """Observations (plan rows and imported actuals) joined to their plan, sorted by year."""
    return fetch(
        """SELECT o.*, i.plan_id FROM observations o JOIN indicators i USING (indicator_id)
           WHERE ($plan IS NULL OR i.plan_id = $plan) AND ($ind IS NULL OR o.indicator_id = $ind)
           ORDER BY i.row_order, o.year, o.kind""",
        {"plan": plan_id, "ind": indicator_id},
    )


def indicator_table(plan_id: str) -> pd.DataFrame:
    """One row per indicator of a plan: base (first printed value), target, stated growth, latest import.

    For 专栏2 the base is the 2020 actual; for 专栏1 it is 2015 and the 2020 actual is in actual_*. A row whose
    plan prints its base for an earlier year (「2019年数据」) has that year as its base_year and the footnote as
    base_note. How each printed cell reads (model.printed) comes with it: target_kind / target_op for the target
    cell, growth_kind / growth_op for the growth column. actual_years / actual_values list the imported actuals
    after the row's base year up to the target year (bounds held every year, compounded yearly reductions);
    verdict / verdict_note / verdict_by / verdict_time the verdict recorded on a text target (评估结论).
    Observations are read only for the plan's indicators (a semi-join, which DuckDB turns into a scan filter
    that skips row groups) and only for the plan's years: scanning and materialising every observation
    took seconds at 9 million rows (scripts/bench.py, scale).
    """
    return fetch(
        """
        WITH p AS (SELECT base_year, end_year FROM plans WHERE plan_id = $plan),
        ind AS (SELECT * FROM indicators WHERE plan_id = $plan),
        plan_obs AS (
            SELECT o.indicator_id, o.year, o.kind, o.value, o.value_text, o.growth_pct, o.growth_text,
                   o.growth_cumulative, o.value_kind, o.value_op, o.growth_kind, o.growth_op, o.note
            FROM plan_observations o, p
            WHERE o.indicator_id IN (SELECT indicator_id FROM ind)
              AND (o.year IN (p.base_year, p.end_year) OR (o.kind = 'base' AND o.year < p.base_year))),
        base AS (
            SELECT o.indicator_id, arg_max(o.year, o.year) AS year, arg_max(o.value, o.year) AS value,
                   arg_max(o.value_text, o.year) AS value_text, arg_max(o.note, o.year) AS note
            FROM plan_obs o, p
            WHERE (o.year = p.base_year AND o.kind IN ('base', 'actual'))
               OR (o.year < p.base_year AND o.kind = 'base')
            GROUP BY o.indicator_id),
        tgt AS (
            SELECT o.indicator_id, o.year, o.value, o.value_text, o.growth_pct, o.growth_text, o.growth_cumulative,
                   o.value_kind, o.value_op, o.growth_kind, o.growth_op, o.note
            FROM plan_obs o, p WHERE o.kind = 'target' AND o.year = p.end_year),
        act AS (
            SELECT o.indicator_id, o.year, o.value, o.value_text, o.growth_pct, o.growth_text
            FROM plan_obs o, p WHERE o.kind = 'actual' AND o.year = p.end_year AND p.base_year <> p.end_year),
        imp_rows AS (
            SELECT a.indicator_id, a.year, a.value FROM imported_actuals a, p
            WHERE a.kind = 'actual' AND a.value IS NOT NULL AND a.year <= p.end_year
              AND a.indicator_id IN (SELECT indicator_id FROM ind)),
        imp AS (
            SELECT indicator_id, arg_max(year, year) AS year, arg_max(value, year) AS value,
                   list(year ORDER BY year) AS years, list(CAST(value AS DOUBLE) ORDER BY year) AS vals
            FROM imp_rows GROUP BY indicator_id)
        SELECT i.indicator_id, i.plan_id, i.table_ref, i.seq, i.row_order, i.name_zh, i.name_en,
               i.category_zh, i.category_en, i.unit_zh, i.unit_en, i.attribute, i.direction, i.value_type, i.note,
               i.role, i.cumulative_rule, i.decimals, i.short_name_zh, i.short_name_en, i.note_en,
               COALESCE(base.year, (SELECT base_year FROM p)) AS base_year, CAST(base.value AS DOUBLE) AS base_value,
               base.value_text AS base_text,
               base.note AS base_note,
               tgt.year AS target_year, CAST(tgt.value AS DOUBLE) AS target_value, tgt.value_text AS target_text,
               tgt.value_kind AS target_kind, tgt.value_op AS target_op, tgt.note AS target_note,
               CAST(tgt.growth_pct AS DOUBLE) AS growth_pct, tgt.growth_text, tgt.growth_cumulative,
               tgt.growth_kind, tgt.growth_op,
               CAST(act.value AS DOUBLE) AS actual_value, act.value_text AS actual_text,
               CAST(act.growth_pct AS DOUBLE) AS actual_growth_pct, act.growth_text AS actual_growth_text,
               imp.year AS latest_year, CAST(imp.value AS DOUBLE) AS latest_value,
               imp.years AS actual_years, imp.vals AS actual_values,
               v.status AS verdict, v.note AS verdict_note, v."by" AS verdict_by, v."time" AS verdict_time
        FROM ind i
        LEFT JOIN base USING (indicator_id) LEFT JOIN tgt USING (indicator_id)
        LEFT JOIN act USING (indicator_id) LEFT JOIN imp USING (indicator_id)
        LEFT JOIN verdicts v USING (indicator_id)
        ORDER BY i.row_order
        """,
        {"plan": plan_id},
    ).pipe(_with_precision)


def _with_precision(table: pd.DataFrame) -> pd.DataFrame:
    """decimals filled where a plan left it empty (a plan stored before the column existed): the printed
    precision of the row's base, target and actual cells (model.printed.precision), 0 for a count of things."""
    if table.empty:
        return table
    derived = [printed.precision((b, tg, a), whole=vt == "count")
               for b, tg, a, vt in zip(table["base_text"], table["target_text"], table["actual_text"],
                                       table["value_type"], strict=True)]
    decimals = [int(d) if pd.notna(d) else g for d, g in zip(table["decimals"], derived, strict=True)]
    # a new, consolidated frame: a column set in place leaves pandas' blocks to be merged later, which changes a
    # shared cached object's state under the pages (tests/test_shared_caches.py)
    return table.assign(decimals=pd.Series(decimals, index=table.index, dtype="int64")).copy()


def imported_actuals(indicator_id: str | None = None) -> pd.DataFrame:
    """Imported yearly actuals (from the store; not the plan's own printed actual columns)."""
    return fetch(
        """SELECT indicator_id, year, CAST(value AS DOUBLE) AS value, source FROM imported_actuals
           WHERE kind = 'actual' AND ($ind IS NULL OR indicator_id = $ind)
           ORDER BY indicator_id, year""",
        {"ind": indicator_id},
    )


def text_figures(topic: str | None = None, sector: str | None = None) -> pd.DataFrame:
    return fetch(
        """SELECT * FROM text_figures WHERE ($topic IS NULL OR topic = $topic)
           AND ($sector IS NULL OR sector = $sector) ORDER BY figure_id""",
        {"topic": topic, "sector": sector},
    )


def projects(sector: str | None = None, table_ref: str | None = None) -> pd.DataFrame:
    return fetch(
        """SELECT * FROM projects WHERE ($sector IS NULL OR sector = $sector)
           AND ($t IS NULL OR table_ref = $t) ORDER BY project_id""",
        {"sector": sector, "t": table_ref},
    )


def project_counts() -> pd.DataFrame:
    """Number of key projects per sector, with the sector's names and group, in sectors.csv order."""
    return fetch(
        """WITH s AS (SELECT *, row_number() OVER () AS ord FROM sectors)
           SELECT s.sector, s.name_zh, s.name_en, s."group", count(p.project_id)::BIGINT AS projects
           FROM s LEFT JOIN projects p USING (sector)
           GROUP BY s.sector, s.name_zh, s.name_en, s."group", s.ord ORDER BY s.ord"""
    )


def sectors() -> pd.DataFrame:
    return fetch('SELECT * FROM sectors')


def enterprises(sector: str | None = None) -> pd.DataFrame:
    return fetch(
        "SELECT * FROM enterprises WHERE $sector IS NULL OR sector = $sector ORDER BY enterprise_id",
        {"sector": sector},
    )


def statements(topic: str | None = None) -> pd.DataFrame:
    return fetch(
        "SELECT * FROM statements WHERE $topic IS NULL OR topic = $topic ORDER BY statement_id",
        {"topic": topic},
    )


def units() -> pd.DataFrame:
    return fetch("SELECT * FROM units")


def placements() -> pd.DataFrame:
    """Where each indicator appears (data.placements reads it), in row order of the source table."""
    return fetch("SELECT * FROM placements ORDER BY place, position")


def fetch_table(name: str) -> pd.DataFrame:
    """A whole table by its catalogue name (export); the name must be one of config.TABLES."""
    if name not in config.TABLES:
        raise DataError(f"unknown table {name!r}")
    cur = connection().cursor()
    try:
        return cur.table(name).df()  # relational API: no SQL text built from a name
    except duckdb.Error as exc:
        raise DataError(f"cannot read table {name} ({type(exc).__name__}): {exc}. {_FIX}") from exc
    finally:
        cur.close()


QUERY_TIMEOUT = 30.0
QUERY_MEMORY = "1GB"
QUERY_MAX_RESULT_BYTES = 256 * 1024**2


def read_only_query(sql: str, timeout: float = QUERY_TIMEOUT, memory_limit: str = QUERY_MEMORY,
                    max_result_bytes: int = QUERY_MAX_RESULT_BYTES) -> pd.DataFrame:
    """Run an analyst's single SELECT statement (CLI), bounded: anything but one SELECT is refused; it runs on a
    connection of its own with DuckDB's memory_limit (no spilling to disk), is interrupted after `timeout`
    seconds, and its result may hold at most `max_result_bytes` (Arrow size).

    Raises:
        DataError: refused, failed, too slow, too big; the message says which, in English and Chinese.
    """
    try:
        statements_ = duckdb.extract_statements(sql)
    except duckdb.Error as exc:
        raise DataError(f"cannot parse the query: {exc} / 无法解析该查询") from exc
    if len(statements_) != 1 or statements_[0].type != duckdb.StatementType.SELECT:
        raise DataError("only a single read-only SELECT statement is allowed / 只允许一条只读 SELECT 语句")
    data_dir = config.parquet_dir()
    key = _signature(data_dir)
    con = _open(data_dir, Path(key[2]) if key[2] else None, memory_limit=memory_limit)
    timer = threading.Timer(timeout, con.interrupt)
    timer.daemon = True
    batches, size = [], 0
    try:
        timer.start()
        reader = con.sql(sql).to_arrow_reader(256)  # small batches: the size check stops a huge result early
        for batch in reader:
            size += batch.nbytes
            if size > max_result_bytes:
                raise DataError(f"the result is larger than {max_result_bytes // 1024**2} MB and was not printed; "
                                "select fewer rows or columns / 结果超过上限，未输出；请减少行或列")
            batches.append(batch)
        schema = reader.schema
    except (duckdb.Error, OSError) as exc:  # while fetching, DuckDB's errors arrive as Arrow's OSError
        text = str(exc).lower()
        if isinstance(exc, duckdb.InterruptException) or "interrupt" in text:
            raise DataError(f"the query ran longer than {timeout:g} s and was stopped; narrow it or raise "
                            f"--timeout / 查询超过 {timeout:g} 秒，已中止；请缩小查询范围或加大 --timeout") from exc
        if isinstance(exc, duckdb.OutOfMemoryException) or "out of memory" in text or "memory limit" in text:
            raise DataError(f"the query needed more than the memory limit ({memory_limit}) and was stopped; "
                            f"narrow it or raise --memory / 查询所需内存超过上限（{memory_limit}），已中止；"
                            "请缩小查询范围或加大 --memory") from exc
        raise DataError(f"query failed ({type(exc).__name__}): {exc} / 查询失败") from exc
    finally:
        timer.cancel()
        con.close()
    import pyarrow as pa

    return pa.Table.from_batches(batches, schema=schema).to_pandas()


def periodic_indicators() -> pd.DataFrame:
    """The indicators published by month or quarter (经济运行), in display order."""
    return fetch("SELECT * FROM periodic_indicators ORDER BY row_order, periodic_id")


def period_tables() -> dict[str, pd.DataFrame]:
    """The imported year's targets and year-to-date periods of the current store version (empty frames when none).

    Raises:
        StoreError: the store is damaged (the pages show it; an empty store is not an error).
    """
    from lishi_metrics.actuals import store

    return store.current_period_tables(config.store_dir())
