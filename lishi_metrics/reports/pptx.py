"""The meeting deck: a title slide, then one 16:9 slide per big-screen panel with the wall's numbers and colours.

Every slide is drawn from the big screen's page model (views.screen.build_panel), so the deck and the wall
cannot disagree; charts are the wall's own Vega-Lite specs rendered to PNG. Readable on a projector: no text
below MIN_PT.
"""

from __future__ import annotations

import io
from datetime import date

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

from lishi_metrics.model import status as st
from lishi_metrics.reports import images
from lishi_metrics.reports.evaluation import Evaluation, Inputs
from lishi_metrics.text.i18n import t
from lishi_metrics.views import screen as sv
from lishi_metrics.views.tiles import Tile

MIN_PT = 18
FONT = "Microsoft YaHei"
EA_FONT = "Microsoft YaHei"
SLIDE_W, SLIDE_H = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.35)
# The wall's colours (static/screen.css)
BG, BOX, BORDER = "06101F", "0B1A2E", "1E3A5C"
TEXT, MUTED, ACCENT = "E8EEF7", "9FB0C6", "4FD1FF"
TAG_COLOURS = {"binding": "F2C14E", "anticipatory": "5CC8E6", "group": "C39BFF", "topic": "5CC8E6"}
TILE_COLUMNS = {"overview": 5, "industries": 4, "ecology": 5, "livelihood": 5, "review": 5}


def _em(text: str) -> float:
    """Rough width of `text` in ems: CJK characters are one em, Latin letters and digits about half."""
    return sum(1.0 if ord(ch) >= 0x2E80 else 0.6 for ch in text)


def lines_needed(text: str, size: float, width) -> int:
    """How many lines `text` at `size` pt takes in a box `width` (EMU) wide (word wrapping, estimated)."""
    usable = max(width / 12700 - 8, 1)  # points, less the text frame's margins
    lines, current = 1, 0.0
    for word in text.replace("\n", " ").split(" ") if " " in text else [text]:
        w = _em(word + " ") * size
        if current and current + w > usable:
            lines, current = lines + 1, 0.0
        while w > usable:  # a long word (or Chinese text) wraps inside itself
            lines, w = lines + 1, w - usable
        current += w
    return lines


def fit_size(text: str, width, sizes=(26, 24, 22, 20, MIN_PT)) -> float:
    """The largest of `sizes` at which `text` stays on one line (the smallest when none does)."""
    return next((size for size in sizes if lines_needed(text, size, width) == 1), sizes[-1])


def _height(paragraphs: list[list[tuple[str, float, str, bool]]], width) -> int:
    """EMU height of paragraphs in a box `width` wide (each line 1.2 × its size)."""
    points = sum(lines_needed("".join(r[0] for r in runs), max(r[1] for r in runs), width) * max(r[1] for r in runs) * 1.2
                 for runs in paragraphs)
    return Pt(points + 8)


def _rgb(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour.lstrip("#").upper())


def _run_font(run, size: float, colour: str = TEXT, bold: bool = False) -> None:
    size = max(size, MIN_PT)
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.name = FONT
    run.font.color.rgb = _rgb(colour)
    rpr = run._r.get_or_add_rPr()
    for tag in ("a:ea", "a:cs"):
        el = rpr.find(qn(tag))
        if el is None:
            el = rpr.makeelement(qn(tag), {})
            rpr.append(el)
        el.set("typeface", EA_FONT)


def _box(slide, left, top, width, height, fill: str | None = BOX, border: str | None = BORDER):
    shape = slide.shapes.add_shape(1, left, top, width, height)  # MSO_SHAPE.RECTANGLE
    if fill:
        shape.fill.solid()
        shape.fill.fore_color.rgb = _rgb(fill)
    else:
        shape.fill.background()
    if border:
        shape.line.color.rgb = _rgb(border)
        shape.line.width = Pt(1)
    else:
        shape.line.fill.background()
    shape.shadow.inherit = False
    return shape


def _rich(slide, left, top, width, height, paragraphs: list[list[tuple[str, float, str, bool]]],
          align=PP_ALIGN.LEFT, anchor=MSO_ANCHOR.TOP):
    """A text box of paragraphs, each a list of (text, size pt, colour, bold) runs."""
    box = slide.shapes.add_textbox(left, top, width, height)
    frame = box.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = anchor
    for side in ("margin_left", "margin_right", "margin_top", "margin_bottom"):
        setattr(frame, side, Inches(0.04))
    for i, runs in enumerate(paragraphs):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        para.alignment = align
        para.line_spacing = 0.95
        for text, size, colour, bold in runs:
            run = para.add_run()
            run.text = text
            _run_font(run, size, colour, bold)
    return box


def _text(slide, left, top, width, height, lines: list[tuple[str, float, str, bool]], align=PP_ALIGN.LEFT,
          anchor=MSO_ANCHOR.TOP):
    """A text box of one-run paragraphs."""
    return _rich(slide, left, top, width, height, [[line] for line in lines], align, anchor)


def _background(slide) -> None:
    fill = slide.background.fill
    fill.solid()
    fill.fore_color.rgb = _rgb(BG)


def _picture(slide, png: bytes, left, top, width, height) -> None:
    """The PNG scaled to fit the box, centred, keeping its aspect ratio."""
    from PIL import Image

    w, h = Image.open(io.BytesIO(png)).size
    scale = min(width / w, height / h)
    pw, ph = int(w * scale), int(h * scale)
    slide.shapes.add_picture(io.BytesIO(png), left + (width - pw) // 2, top + (height - ph) // 2, Emu(pw), Emu(ph))


def tile_paragraphs(tile: Tile, width) -> list[list[tuple[str, float, str, bool]]]:
    """A wall tile's text: name, value (as large as fits on one line), what the value is (year), status."""
    inner = width - Inches(0.08)
    lines = [[(tile.name, 18, TEXT, True)], [(tile.value, fit_size(tile.value, inner), ACCENT, True)],
             [(tile.label, 18, MUTED, False)]]
    if tile.status_text:
        lines.append([(tile.status_text, 18, st.colour(tile.status) if tile.status in st.COLOURS else MUTED, True)])
    return lines


def _tile(slide, tile: Tile, left, top, width, height) -> None:
    """A wall tile; the tag's colour (binding, anticipatory, group) is the box border."""
    _box(slide, left, top, width, height, border=TAG_COLOURS.get(tile.tag_kind, BORDER))
    _rich(slide, left + Inches(0.04), top + Inches(0.02), width - Inches(0.08), height - Inches(0.04),
          tile_paragraphs(tile, width))


def _fact_paragraphs(fact: sv.Fact, details: bool) -> list[list[tuple[str, float, str, bool]]]:
    text = [[(fact.label + " ", 18, MUTED, False), (fact.value, 20, TEXT, True)]]
    if fact.detail and details:
        text.append([(fact.detail, 18, MUTED, False)])
    return text


def facts_height(panel: sv.Panel, width, columns: int, details: bool = True) -> int:
    """EMU height the side column needs at `width` (the tallest of its columns, with its title)."""
    head = [[(panel.facts_title, 20, TEXT, True)]] + ([[(panel.summary, 18, ACCENT, False)]] if panel.summary else [])
    col_w = (width - Inches(0.16)) // columns
    per_col = -(-len(panel.facts) // columns) if panel.facts else 1
    cols = [panel.facts[i:i + per_col] for i in range(0, len(panel.facts), per_col)] or [()]
    body = max(sum(_height(_fact_paragraphs(f, details), col_w) + Inches(0.04) for f in col) for col in cols)
    return _height(head, width - Inches(0.16)) + Inches(0.06) + body


def _facts(slide, panel: sv.Panel, left, top, width, height, columns: int = 1, details: bool = True) -> None:
    """The wall's side column: its title (and summary), then each fact as label and value, and its detail."""
    _box(slide, left, top, width, height)
    head = [[(panel.facts_title, 20, TEXT, True)]]
    if panel.summary:
        head.append([(panel.summary, 18, ACCENT, False)])
    head_h = _height(head, width - Inches(0.16))
    _rich(slide, left + Inches(0.08), top + Inches(0.04), width - Inches(0.16), head_h, head)
    body_top = top + Inches(0.06) + head_h
    per_col = -(-len(panel.facts) // columns) if panel.facts else 1
    col_w = (width - Inches(0.16)) // columns
    y = [body_top] * columns
    for i, fact in enumerate(panel.facts):
        c = i // per_col
        text = _fact_paragraphs(fact, details)
        h = _height(text, col_w)
        _rich(slide, left + Inches(0.08) + c * col_w, y[c], col_w, h, text)
        y[c] += h + Inches(0.04)


def _header(slide, panel: sv.Panel) -> None:
    title_w = SLIDE_W - 2 * MARGIN - Inches(1.5)
    _text(slide, MARGIN, Inches(0.12), title_w, Inches(0.5), [(panel.title, fit_size(panel.title, title_w), TEXT, True)])
    _text(slide, SLIDE_W - MARGIN - Inches(1.5), Inches(0.16), Inches(1.5), Inches(0.4), [(panel.counter, 18, MUTED, False)],
          align=PP_ALIGN.RIGHT)
    _text(slide, MARGIN, Inches(0.6), SLIDE_W - 2 * MARGIN, Inches(0.4), [(panel.subtitle, 18, MUTED, False)])
    _text(slide, MARGIN, SLIDE_H - Inches(0.45), SLIDE_W - 2 * MARGIN, Inches(0.4), [(panel.provenance, 18, MUTED, False)])


def panel_slide(prs, panel: sv.Panel) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    _background(slide)
    _header(slide, panel)
    top, bottom = Inches(1.02), SLIDE_H - Inches(0.48)
    width = SLIDE_W - 2 * MARGIN
    gap = Inches(0.08)
    if panel.tiles:
        per_row = TILE_COLUMNS.get(panel.code, 5)
        rows = sv.chunks(panel.tiles, per_row)
        tile_w = (width - gap * (per_row - 1)) // per_row
        for row in rows:
            # Each row as tall as its longest tile needs (English names and values wrap more than Chinese).
            tile_h = max(_height(tile_paragraphs(tile, tile_w), tile_w - Inches(0.08)) for tile in row)
            for c, tile in enumerate(row):
                _tile(slide, tile, MARGIN + c * (tile_w + gap), top, tile_w, tile_h)
            top += tile_h + gap
    columns = 2 if panel.code == "review" else 1
    # The side column as narrow as its facts allow at 18 pt (wider, then without detail lines, when they do not
    # fit below the tiles): the charts take the rest.
    first = Inches(4.4 if columns == 1 else 6.6)
    tries = ((first, True, columns), (width * 0.45, True, columns), (width * 0.45, False, columns),
             (width * 0.6, False, columns), (width * 0.6, False, 2), (width * 0.7, False, 3))
    for share, details, columns in tries:
        facts_w = int(share)
        if facts_height(panel, facts_w, columns, details) <= bottom - top:
            break
    charts_w = width - facts_w - gap
    n = max(len(panel.charts), 1)
    chart_w = (charts_w - gap * (n - 1)) // n
    for i, spec in enumerate(panel.charts):
        left = MARGIN + i * (chart_w + gap)
        _box(slide, left, top, chart_w, bottom - top)
        _picture(slide, images.png(sv.build_chart(spec)), left + Inches(0.05), top + Inches(0.05),
                 chart_w - Inches(0.1), bottom - top - Inches(0.1))
    if not panel.charts and panel.notice:  # no GDP level: why there is no chart, and what a GDP level would add
        _box(slide, MARGIN, top, charts_w, bottom - top)
        _text(slide, MARGIN + Inches(0.15), top + Inches(0.15), charts_w - Inches(0.3), bottom - top - Inches(0.3),
              [(line, 18, TEXT, False) for line in panel.notice])
    _facts(slide, panel, MARGIN + charts_w + gap, top, facts_w, bottom - top, columns, details)


def title_slide(prs, ev: Evaluation) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    _background(slide)
    lang = ev.lang
    c = ev.counts
    title = t("rp_deck_title", lang, plan=ev.plan_label)
    lines = [(title, fit_size(title, SLIDE_W - Inches(1.8), (40, 36, 32, 28)), TEXT, True), ("", 18, TEXT, False)]
    lines += [(line, 20, MUTED, False) for line in ev.header_lines()]
    lines += [("", 18, TEXT, False),
              (t("rp_deck_counts", lang, n=c.n, met=c.met, missed=c.missed, pending=c.pending), 24, ACCENT, True)]
    if not ev.has_actuals:
        lines.append((ev.overall[-1], 20, MUTED, False))
    if ev.panels_unavailable:
        lines.append((ev.panels_unavailable, 20, MUTED, False))
    _text(slide, Inches(0.9), Inches(1.2), SLIDE_W - Inches(1.8), SLIDE_H - Inches(2.0), lines)


def build(ev: Evaluation, inputs: Inputs, today: date | None = None) -> bytes:
    """The .pptx bytes: title slide from the evaluation, then the big-screen panels of `inputs` (all five for the
    14th plan; the overview only for another plan, whose deck says why)."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = SLIDE_W, SLIDE_H
    title_slide(prs, ev)
    day = today or ev.generated
    for index in range(1, sv.panel_count(inputs.screen.plan_id) + 1):
        panel_slide(prs, sv.build_panel(index, inputs.screen, ev.lang, day))
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()
