"""The warm-up: the shared page models built before the server listens, for every page the registry marks
`warm` (views.registry.PageSpec), in both languages, as the first visitors would ask for them; then the
meeting documents (deck, report, workbook) pre-built in the background (reports.build.prebuild)."""

from __future__ import annotations

import importlib
import logging
from datetime import date

from lishi_metrics.errors import LishiError
from lishi_metrics.ui import cache
from lishi_metrics.ui.render import ready_spec
from lishi_metrics.views.registry import PAGES


def _ready_specs(result) -> None:
    """Convert the chart specs a page model holds (a dict spec, or specs in a tuple or list) to Arrow once."""
    if isinstance(result, dict) and "datasets" in result:
        ready_spec(result)
    elif isinstance(result, (tuple, list)):
        for item in result:
            if isinstance(item, (dict, tuple, list)):
                _ready_specs(item)


def jobs(plan_id: str, day: str) -> list[tuple]:
    """(function, arguments) of every page model the warm pages build, both languages, each once."""
    found: list[tuple] = []
    for spec in PAGES:
        if not spec.warm:
            continue
        model = importlib.import_module(f"lishi_metrics.views.{spec.model}")
        for lang in ("zh", "en"):
            found += [job for job in model.warm_up_models(lang, plan_id, day) if job not in found]
    return found


def warm_up(documents: bool = True) -> int:
    """Fill the shared caches for the default plan in both languages, as the first visitors would; return how
    many page models were built. With `documents`, then start pre-building the meeting documents of that plan
    in the background, and of every new data version from then on (reports.build.prebuild).

    The launcher runs this before the server listens: the first viewers after a deploy or restart (often a
    whole meeting at once) then find the page models built and the modules imported, instead of each waiting
    behind seconds of cold work (issue 11). Errors are left to the pages, which report them.
    """
    from lishi_metrics.data.plans import DOCUMENT_PLAN, default_plan

    log = logging.getLogger("lishi_metrics.warm_up")
    # Cached functions called outside a script run log "missing ScriptRunContext" each time: expected here.
    quiet = logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context")
    level = quiet.level
    quiet.setLevel(logging.ERROR)
    built = 0
    try:
        plan = default_plan(cache.plans_catalogue(), date.today()) or DOCUMENT_PLAN
        todo = jobs(plan, date.today().isoformat())
        for module in ("altair", "lishi_metrics.charts.builders", "lishi_metrics.views.state"):
            importlib.import_module(module)
        for func, args in todo:
            try:
                _ready_specs(cache.view(func, *args))
                built += 1
            except LishiError:
                continue  # broken data: the page says so when opened
        if documents:
            from lishi_metrics.reports import build as reports

            # In a thread, after the page models: the server listens meanwhile, and a click on a document
            # being built waits for that one build. Every later data version is pre-built too (ui.cache).
            reports.prebuild(plan, enable=True)
    except Exception:  # noqa: BLE001 - a warm-up must never stop the server; the pages report real errors
        log.warning("warm-up stopped early", exc_info=True)
    finally:
        quiet.setLevel(level)
    return built
