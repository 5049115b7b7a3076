"""The evaluation as a workbook: one sheet per table of the report, written by the one XLSX writer (data.export),
which neutralises formula-like cells."""

from __future__ import annotations

import pandas as pd

from lishi_metrics.data import export
from lishi_metrics.model import status as st
from lishi_metrics.reports.evaluation import Evaluation
from lishi_metrics.text.i18n import t


def frames(ev: Evaluation) -> dict[str, pd.DataFrame]:
    """The report's tables: indicators (with why a row awaits evaluation), the counts, projects, sources."""
    lang = ev.lang
    table = ev.table()
    table[t("rp_col_reason", lang)] = [r.reason for r in ev.rows]
    item, count = t("rp_col_item", lang), t("rp_col_count", lang)
    overall = pd.DataFrame([
        {item: t(group, lang), count: c.n, st.word(st.MET, lang): c.met, st.word(st.MISSED, lang): c.missed,
         st.word(st.PENDING, lang): c.pending}
        for group, c in (("rp_group_binding", ev.binding_counts), ("rp_group_anticipatory", ev.anticipatory_counts),
                         ("rp_group_all", ev.counts))
    ])
    if ev.has_projects:
        projects = pd.DataFrame({
            t("rp_col_sector", lang): [p.sector for p in ev.projects],
            t("rp_col_tables", lang): [p.tables for p in ev.projects],
            t("rp_col_projects", lang): [p.count for p in ev.projects],
            t("rp_col_examples", lang): [p.examples for p in ev.projects],
        })
    else:  # another plan than the 14th: the sheet says why it has no projects
        projects = pd.DataFrame({t("rp_col_text", lang): [ev.projects_unavailable]})
    sources = pd.DataFrame({t("rp_col_text", lang): [*ev.header_lines(), *ev.overall, *ev.gdp_text, *ev.sources,
                                                     *ev.not_evaluated, *ev.notes]})
    return {t("rp_sheet_indicators", lang): table, t("rp_sheet_overall", lang): overall,
            t("rp_sheet_projects", lang): projects, t("rp_sheet_sources", lang): sources}


def build(ev: Evaluation) -> bytes:
    """The .xlsx bytes of an evaluation."""
    lang = ev.lang  # the 'about' sheet in the report's language (it was always Chinese, with code-word items)
    return export.xlsx_bytes(frames(ev), {t("rp_x_report", lang): ev.title, t("rp_x_data", lang): ev.header_lines()[2]},
                             lang, source=ev.source_note)
