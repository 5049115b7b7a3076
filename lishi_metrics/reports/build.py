"""One entry point for the three documents: `document(fmt, lang)` → (file name, bytes, MIME type)."""

from __future__ import annotations

from datetime import date

from lishi_metrics import config
from lishi_metrics.errors import LishiError
from lishi_metrics.reports import evaluation
from lishi_metrics.text.fmt import beijing_today
from lishi_metrics.text.i18n import t

FORMATS = ("docx", "pptx", "xlsx")
MIME = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class ReportError(LishiError):
    """A document cannot be made (unknown format or plan)."""


def file_name(fmt: str, lang: str, plan_id: str = config.DOCUMENT_PLAN, today: date | None = None) -> str:
    day = (today or beijing_today()).isoformat()
    return f"{t(f'rp_file_{fmt}', lang)}_{plan_id}_{day}.{fmt}"


def document(fmt: str, lang: str, plan_id: str = config.DOCUMENT_PLAN, today: date | None = None) -> bytes:
    """The bytes of one document in `lang`, from the data currently served (plan tables and imported actuals)."""
    if fmt not in FORMATS:
        raise ReportError(f"unknown report format {fmt!r}: choose one of {', '.join(FORMATS)} / 格式须为 docx、pptx 或 xlsx")
    inputs = evaluation.load_inputs(plan_id)
    ev = evaluation.build(inputs, lang, today, plan_id)
    if fmt == "docx":
        from lishi_metrics.reports import docx

        return docx.build(ev)
    if fmt == "pptx":
        from lishi_metrics.reports import pptx

        return pptx.build(ev, inputs, today)
    from lishi_metrics.reports import xlsx

    return xlsx.build(ev)
