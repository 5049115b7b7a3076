"""lishi_metrics.ui.warmup: the pages the registry marks `warm` name their own page models; nothing else lists
them, so a new page is warmed by setting its flag."""

from __future__ import annotations

import importlib

from lishi_metrics.ui import warmup
from lishi_metrics.views import overview, screen
from lishi_metrics.views.registry import PAGES


def test_every_warm_page_model_says_what_to_build():
    warm = [spec for spec in PAGES if spec.warm]
    assert warm and [s.url_path for s in PAGES if not s.warm] == ["data"]
    for spec in warm:
        model = importlib.import_module(f"lishi_metrics.views.{spec.model}")
        for func, args in model.warm_up_models("zh", "fyp14", "2026-12-01"):
            assert func.__module__.startswith(model.__name__) and isinstance(args, tuple), (spec.model, func)


def test_the_jobs_cover_both_languages_once_each():
    jobs = warmup.jobs("fyp14", "2026-12-01")
    assert len(jobs) == len(set(jobs))
    assert (overview.build_page, ("zh", "fyp14")) in jobs and (overview.build_page, ("en", "fyp14")) in jobs
    panels = [args for func, args in jobs if func is screen.panel_model]
    assert len(panels) == 2 * screen.panel_count("fyp14") and (1, "en", "2026-12-01", "fyp14") in panels


def test_warm_up_starts_the_document_prebuild_for_every_later_version(monkeypatch):
    """warm_up(): the page models, then the meeting documents pre-built in the background
    (reports.build.prebuild with enable=True, so each new data version is pre-built too)."""
    from lishi_metrics.reports import build

    started = []
    monkeypatch.setattr(warmup, "jobs", lambda plan, day: [])
    monkeypatch.setattr(build, "prebuild", lambda plan=None, today=None, enable=False: started.append((plan, enable)))
    assert warmup.warm_up() == 0
    assert started == [("fyp14", True)]
    started.clear()
    warmup.warm_up(documents=False)
    assert started == []
