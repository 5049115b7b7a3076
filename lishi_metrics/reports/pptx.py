"""The meeting deck: a title slide, then the big-screen panels in 16:9 with the wall's numbers and colours.

Every slide is drawn from the big screen's page model (views.screen.build_panel), so the deck and the wall
cannot disagree. Readable from the back row:
- every tile carries what the wall's tile does: name, value and what it is, its target with the year, its badge
  (约束性/预期性, or the panel's group or topic) and its status;
- charts are native PowerPoint charts (python-pptx chart objects: editable, and WPS opens them), their text at
  18 pt or more;
- no text below MIN_PT; every text is measured with the font the deck names (Noto Sans CJK SC, measure.py) and
  shrunk, then wrapped, by one rule (fit); a box is as tall as its measured lines, and a panel whose tiles leave
  too little room for its charts continues on a second slide, so nothing runs off a slide;
- a sign stays with its number and a number with its unit (measure.tokens, measure.keep_together: no-break
  space and word joiner, which LibreOffice and PowerPoint honour), a word is never broken (a title shrinks to one
  line, and so does a long header line where 18 pt allows).
"""

from __future__ import annotations

import dataclasses
import io
from dataclasses import dataclass
from datetime import date

from pptx import Presentation
from pptx.enum.text import PP_ALIGN
from pptx.util import Inches

from lishi_metrics.model import status as st
from lishi_metrics.reports.deck_charts import native_chart
from lishi_metrics.reports.deck_style import (  # noqa: F401 - fit_size, lines_needed: the deck's measuring, tested here
    ACCENT,
    BORDER,
    GAP,
    MARGIN,
    MIN_PT,
    MUTED,
    SLIDE_H,
    SLIDE_W,
    TAG_COLOURS,
    TEXT,
    Run,
    _background,
    _box,
    _pt,
    _rich,
    fit_size,
    height,
    lines_needed,
)
from lishi_metrics.reports.evaluation import Evaluation, Inputs
from lishi_metrics.text.i18n import t
from lishi_metrics.views import screen as sv
from lishi_metrics.views.tiles import Tile

TILE_COLUMNS = {"overview": 5, "industries": 4, "ecology": 5, "livelihood": 5, "review": 5}
VALUE_SIZES = (32, 28, 26, 24, 22, 20, MIN_PT)
TITLE_SIZES = (30, 28, 26, 24, 22, 20, MIN_PT)
CHART_MIN_H = Inches(3.4)  # below this a chart goes to a continuation slide


# --- tiles ----------------------------------------------------------------------------------------

def _line_text(line) -> str:
    return f"{line[0]}{'：' if not line[0].isascii() else ': '}{line[1]}" if isinstance(line, tuple) else str(line)


def tile_paragraphs(tile: Tile, width: int) -> list[list[Run]]:
    """A wall tile's text: name, value (as large as fits on one line) and what it is, the target lines, the
    badge (约束性/预期性, group or topic) and the status."""
    name_size = fit_size(tile.name, width, (22, 20, MIN_PT))
    out: list[list[Run]] = [[(tile.name, name_size, TEXT, True)]]
    value_sizes = VALUE_SIZES if tile.value_kind == "number" else VALUE_SIZES[3:]
    out.append([(tile.value, fit_size(tile.value, width, value_sizes), ACCENT, True)])
    if tile.label:
        out.append([(tile.label, MIN_PT, MUTED, False)])
    out += [[(_line_text(line), MIN_PT, TEXT, False)] for line in tile.lines if line]
    if tile.tag:
        out.append([(f"【{tile.tag}】" if not tile.tag.isascii() else f"[{tile.tag}]", MIN_PT,
                     TAG_COLOURS.get(tile.tag_kind, MUTED), True)])
    if tile.status_text:
        out.append([(tile.status_text, MIN_PT, st.colour(tile.status) if tile.status in st.COLOURS else MUTED,
                     True)])
    if tile.note:
        out.append([(tile.note, MIN_PT, MUTED, False)])
    return out


def _tile(slide, tile: Tile, left, top, width, h) -> None:
    """A wall tile; the tag's colour (binding, anticipatory, group) is the box border."""
    _box(slide, left, top, width, h, border=TAG_COLOURS.get(tile.tag_kind, BORDER), weight=2)
    _rich(slide, left, top, width, h, tile_paragraphs(tile, width))


def tiles_layout(tiles: tuple[Tile, ...], per_row: int, width: int) -> tuple[int, list[int]]:
    """(tile width, height of each row): a row is as tall as its tallest tile's measured text."""
    tile_w = (width - GAP * (per_row - 1)) // per_row
    rows = sv.chunks(tiles, per_row)
    return tile_w, [max(height(tile_paragraphs(tile, tile_w), tile_w) for tile in row) for row in rows]


# --- facts ----------------------------------------------------------------------------------------

def _fact_paragraphs(fact: sv.Fact, details: bool) -> list[list[Run]]:
    text: list[list[Run]] = [[(fact.label, MIN_PT, MUTED, False)], [(fact.value, 22, TEXT, True)]]
    if fact.detail and details:
        text.append([(fact.detail, MIN_PT, MUTED, False)])
    return text


def _facts_head(panel: sv.Panel) -> list[list[Run]]:
    head: list[list[Run]] = [[(panel.facts_title, 22, TEXT, True)]]
    if panel.summary:
        head.append([(panel.summary, MIN_PT, ACCENT, False)])
    return head


def facts_height(panel: sv.Panel, width: int, columns: int, details: bool = True) -> int:
    """EMU height the side column needs at `width` (its title, then the tallest of its columns)."""
    col_w = width // columns
    per_col = -(-len(panel.facts) // columns) if panel.facts else 1
    cols = [panel.facts[i:i + per_col] for i in range(0, len(panel.facts), per_col)] or [()]
    body = max(sum(height(_fact_paragraphs(f, details), col_w) for f in col) for col in cols)
    return height(_facts_head(panel), width) + body + GAP


def _facts(slide, panel: sv.Panel, left, top, width, h, columns: int, details: bool) -> None:
    """The wall's side column: its title (and summary), then each fact as label, value and detail."""
    _box(slide, left, top, width, h)
    head = _facts_head(panel)
    head_h = height(head, width)
    _rich(slide, left, top, width, head_h, head)
    col_w = width // columns
    per_col = -(-len(panel.facts) // columns) if panel.facts else 1
    y = [top + head_h] * columns
    for i, fact in enumerate(panel.facts):
        c = i // per_col
        text = _fact_paragraphs(fact, details)
        fh = height(text, col_w)
        _rich(slide, left + c * col_w, y[c], col_w, fh, text)
        y[c] += fh


def facts_fit(panel: sv.Panel, room_h: int, widths: tuple[int, ...]) -> tuple[int, bool, int] | None:
    """The narrowest (width, details, columns) whose facts fit `room_h`, or None."""
    if not panel.facts:
        return None
    for width in widths:
        for details, columns in ((True, 1), (False, 1), (True, 2), (False, 2), (False, 3)):
            if facts_height(panel, width, columns, details) <= room_h:
                return width, details, columns
    return None


# --- slides ---------------------------------------------------------------------------------------

def _header(slide, panel: sv.Panel, cont: str = "") -> int:
    """Title, counter, subtitle and provenance; returns where the body starts (EMU from the top)."""
    counter_w = Inches(1.6)
    title = panel.title + cont
    title_w = SLIDE_W - 2 * MARGIN - counter_w
    size = fit_size(title, title_w, TITLE_SIZES)
    head = [[(title, size, TEXT, True)]]
    head_h = height(head, title_w)
    _rich(slide, MARGIN, Inches(0.1), title_w, head_h, head)
    _rich(slide, SLIDE_W - MARGIN - counter_w, Inches(0.1), counter_w, height([[(panel.counter, MIN_PT, MUTED, False)]],
                                                                             counter_w),
          [[(panel.counter, MIN_PT, MUTED, False)]], align=PP_ALIGN.RIGHT)
    sub = [[(panel.subtitle, MIN_PT, MUTED, False)]]
    sub_h = height(sub, SLIDE_W - 2 * MARGIN)
    _rich(slide, MARGIN, Inches(0.1) + head_h, SLIDE_W - 2 * MARGIN, sub_h, sub)
    prov = [[(panel.provenance, MIN_PT, MUTED, False)]]
    prov_h = height(prov, SLIDE_W - 2 * MARGIN)
    _rich(slide, MARGIN, SLIDE_H - prov_h - Inches(0.05), SLIDE_W - 2 * MARGIN, prov_h, prov)
    return Inches(0.1) + head_h + sub_h


def _footer_top(panel: sv.Panel) -> int:
    return SLIDE_H - height([[(panel.provenance, MIN_PT, MUTED, False)]], SLIDE_W - 2 * MARGIN) - Inches(0.1)


@dataclass
class _Slide:
    slide: object
    top: int
    bottom: int


def _new(prs, panel: sv.Panel, cont: str = "") -> _Slide:
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    _background(slide)
    top = _header(slide, panel, cont)
    return _Slide(slide, top + GAP, _footer_top(panel))


def _charts_and_facts(page: _Slide, panel: sv.Panel, top: int) -> None:
    """The panel's charts side by side, its facts in a column at the right (as narrow as they allow)."""
    width = SLIDE_W - 2 * MARGIN
    room = page.bottom - top
    fit = facts_fit(panel, room, (Inches(3.6), Inches(4.4), int(width * 0.45), int(width * 0.6)))
    if panel.facts and fit is None:  # never happens with the shipped panels; still, nothing runs off
        fit = (int(width * 0.6), False, 3)
    facts_w = fit[0] if fit else 0
    charts_w = width - (facts_w + GAP if fit else 0)
    n = len(panel.charts)
    if not n and getattr(panel, "notice", ()):  # no GDP level: why there is no chart, and what a level would add
        notice = [[(line, MIN_PT, TEXT, False)] for line in panel.notice]
        n_w = charts_w if fit else width
        _box(page.slide, MARGIN, top, n_w, room)
        _rich(page.slide, MARGIN, top, n_w, min(height(notice, n_w), room), notice)
        charts_w = n_w
        n = 1  # the notice takes the charts' place: the facts stay at the right
    elif n:
        chart_w = (charts_w - GAP * (n - 1)) // n
        for i, spec in enumerate(panel.charts):
            native_chart(page.slide, spec, MARGIN + i * (chart_w + GAP), top, chart_w, room)
    if fit:
        left = MARGIN + (charts_w + GAP if n else 0)
        _facts(page.slide, panel, left, top, facts_w if n else width, room, fit[2], fit[1])


SCOREBOARD_ROW_PT = MIN_PT * 2.0  # the pitch of one bar with its 18-pt name


def _scoreboard_chunks(spec: sv.ChartSpec, room: int) -> list[sv.ChartSpec]:
    """The scoreboard in parts of as many rows as `room` holds at SCOREBOARD_ROW_PT a row (title and axis
    included), so every name and value is printed at 18 pt."""
    rows = max(int((_pt(room) - 110) // SCOREBOARD_ROW_PT), 3)
    data = spec.data.reset_index(drop=True)
    parts = [data.iloc[i:i + rows] for i in range(0, len(data), rows)]
    if len(parts) == 1:
        return [spec]
    return [dataclasses.replace(spec, data=part, title=f"{spec.title} ({i + 1}/{len(parts)})")
            for i, part in enumerate(parts)]


def panel_slides(prs, panel: sv.Panel, lang: str) -> None:
    """A panel's slides: rows of tiles while they fit, the charts beside the facts below them when at least
    CHART_MIN_H is left, else on a continuation slide; a scoreboard, whose rows need the whole height, on
    slides of its own after the facts."""
    cont = t("rp_deck_continued", lang)
    page = _new(prs, panel)
    top = page.top
    width = SLIDE_W - 2 * MARGIN
    if panel.tiles:
        per_row = TILE_COLUMNS.get(panel.code, 5)
        tile_w, rows = tiles_layout(panel.tiles, per_row, width)
        for row, row_h in zip(sv.chunks(panel.tiles, per_row), rows, strict=True):
            if top + row_h > page.bottom:
                page = _new(prs, panel, cont)
                top = page.top
            for c, tile in enumerate(row):
                _tile(page.slide, tile, MARGIN + c * (tile_w + GAP), top, tile_w, row_h)
            top += row_h + GAP
    boards = [c for c in panel.charts if c.kind == "scoreboard"]
    others = dataclasses.replace(panel, charts=tuple(c for c in panel.charts if c.kind != "scoreboard"))
    if others.charts or others.facts or (others.notice and not boards):  # a notice says why a chart is missing
        if page.bottom - top < (CHART_MIN_H if others.charts else Inches(1.5)):
            page = _new(prs, panel, cont)
            top = page.top
        _charts_and_facts(page, others, top)
    for board in boards:
        page = _new(prs, panel, cont)
        for i, part in enumerate(_scoreboard_chunks(board, page.bottom - page.top)):
            if i:
                page = _new(prs, panel, cont)
            native_chart(page.slide, part, MARGIN, page.top, width, page.bottom - page.top)


def title_slide(prs, ev: Evaluation) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    _background(slide)
    lang = ev.lang
    c = ev.counts
    width = SLIDE_W - Inches(1.8)
    title = t("rp_deck_title", lang, plan=ev.plan_label)
    lines: list[list[Run]] = [[(title, fit_size(title, width, (40, 36, 32, 28, 24)), TEXT, True)]]
    # A long plan name shrinks to one line where 18 pt allows, rather than breaking inside a word (纲 / 要).
    lines += [[(line, fit_size(line, width, (22, 20, MIN_PT), bold=False), MUTED, False)] for line in ev.header_lines()]
    lines.append([(t("rp_deck_counts", lang, n=c.n, met=c.met, missed=c.missed, pending=c.pending), 26, ACCENT,
                   True)])
    if not ev.has_actuals:
        lines.append([(ev.overall[-1], 22, MUTED, False)])
    if ev.panels_unavailable:
        lines.append([(ev.panels_unavailable, 22, MUTED, False)])
    gdp = next((r for r in ev.rows if r.nominal_growth or "可比" in r.stated_growth or "comparable" in r.stated_growth),
               None)
    if gdp is not None and gdp.actual_growth != "—":
        lines.append([(t("rp_deck_real_growth", lang, name=gdp.name, plan=gdp.stated_growth,
                         actual=gdp.actual_growth, nominal=gdp.nominal_growth or "—"), 22, TEXT, False)])
    h = height(lines, width)
    _rich(slide, Inches(0.9), max((SLIDE_H - h) // 2, Inches(0.3)), width, h, lines)


def build(ev: Evaluation, inputs: Inputs, today: date | None = None) -> bytes:
    """The .pptx bytes: title slide from the evaluation, then the big-screen panels of `inputs` (all five for the
    14th plan; the overview only for another plan, whose deck says why)."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = SLIDE_W, SLIDE_H
    title_slide(prs, ev)
    day = today or ev.generated
    for index in range(1, sv.panel_count(inputs.screen.plan_id) + 1):
        panel_slides(prs, sv.build_panel(index, inputs.screen, ev.lang, day), ev.lang)
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()

