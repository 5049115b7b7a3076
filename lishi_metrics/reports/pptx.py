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
- a sign stays with its number, and a word is never broken (measure.tokens; a title shrinks to one line).
"""

from __future__ import annotations

import dataclasses
import io
from dataclasses import dataclass
from datetime import date

from pptx import Presentation
from pptx.chart.data import CategoryChartData, XyChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION, XL_MARKER_STYLE, XL_TICK_LABEL_POSITION
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Inches, Pt

from lishi_metrics.charts import builders as charts
from lishi_metrics.model import status as st
from lishi_metrics.reports import measure
from lishi_metrics.reports.evaluation import Evaluation, Inputs
from lishi_metrics.text import fmt
from lishi_metrics.text.i18n import t
from lishi_metrics.views import screen as sv
from lishi_metrics.views.tiles import Tile

MIN_PT = 18
# The one face the deck names, for Latin and Chinese alike: installed with fonts-noto-cjk, so what is measured
# here is what LibreOffice draws (PowerPoint without it substitutes a similar sans face).
FONT = "Noto Sans CJK SC"
EA_FONT = FONT
SLIDE_W, SLIDE_H = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.35)
PAD = Inches(0.06)  # a text box's inner margin on each side
LINE = 1.22  # line height as a multiple of the font size (set exactly on every paragraph)
GAP = Inches(0.1)
# The wall's colours (static/screen.css)
BG, BOX, BORDER = "06101F", "0B1A2E", "1E3A5C"
TEXT, MUTED, ACCENT = "E8EEF7", "9FB0C6", "4FD1FF"
TAG_COLOURS = {"binding": "F2C14E", "anticipatory": "5CC8E6", "group": "C39BFF", "topic": "5CC8E6"}
TILE_COLUMNS = {"overview": 5, "industries": 4, "ecology": 5, "livelihood": 5, "review": 5}
VALUE_SIZES = (32, 28, 26, 24, 22, 20, MIN_PT)
TITLE_SIZES = (30, 28, 26, 24, 22, 20, MIN_PT)
CHART_MIN_H = Inches(3.4)  # below this a chart goes to a continuation slide

Run = tuple[str, float, str, bool]  # text, size pt, colour, bold


def _pt(emu: int) -> float:
    return emu / 12700


def lines_needed(text: str, size: float, width: int, bold: bool = False) -> int:
    """Lines `text` at `size` pt takes in a text box `width` (EMU) wide, measured with the deck's font."""
    return measure.lines(text, size, _pt(width - 2 * PAD), bold=bold)


def fit_size(text: str, width: int, sizes=(26, 24, 22, 20, MIN_PT), bold: bool = True, max_lines: int = 1) -> float:
    """The largest of `sizes` at which `text` takes at most `max_lines` lines in a box `width` wide (the smallest
    when none does: the box then grows by its measured lines)."""
    return next((size for size in sizes if lines_needed(text, size, width, bold) <= max_lines), sizes[-1])


def height(paragraphs: list[list[Run]], width: int) -> int:
    """EMU height of paragraphs in a box `width` wide: each paragraph's measured lines × LINE × its size."""
    points = 0.0
    for runs in paragraphs:
        size = max(r[1] for r in runs)
        text = "".join(r[0] for r in runs)
        points += lines_needed(text, size, width, any(r[3] for r in runs)) * size * LINE
    return Pt(points) + 2 * PAD + Pt(2)


def _rgb(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour.lstrip("#").upper())


def _font(font, size: float, colour: str = TEXT, bold: bool = False) -> None:
    font.size = Pt(max(size, MIN_PT))
    font.bold = bold
    font.name = FONT
    font.color.rgb = _rgb(colour)


def _run_font(run, size: float, colour: str = TEXT, bold: bool = False) -> None:
    _font(run.font, size, colour, bold)
    rpr = run._r.get_or_add_rPr()
    for tag in ("a:ea", "a:cs"):
        el = rpr.find(qn(tag))
        if el is None:
            el = rpr.makeelement(qn(tag), {})
            rpr.append(el)
        el.set("typeface", EA_FONT)


def _box(slide, left, top, width, h, fill: str | None = BOX, border: str | None = BORDER, weight: float = 1):
    shape = slide.shapes.add_shape(1, left, top, width, h)  # MSO_SHAPE.RECTANGLE
    if fill:
        shape.fill.solid()
        shape.fill.fore_color.rgb = _rgb(fill)
    else:
        shape.fill.background()
    if border:
        shape.line.color.rgb = _rgb(border)
        shape.line.width = Pt(weight)
    else:
        shape.line.fill.background()
    shape.shadow.inherit = False
    return shape


def _rich(slide, left, top, width, h, paragraphs: list[list[Run]], align=PP_ALIGN.LEFT, anchor=MSO_ANCHOR.TOP):
    """A text box of paragraphs, each a list of runs; no autofit (the caller sized the box by measuring)."""
    box = slide.shapes.add_textbox(left, top, width, h)
    frame = box.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = anchor
    for side in ("margin_left", "margin_right", "margin_top", "margin_bottom"):
        setattr(frame, side, PAD)
    for i, runs in enumerate(paragraphs):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        para.alignment = align
        para.line_spacing = Pt(max(r[1] for r in runs) * LINE)
        for text, size, colour, bold in runs:
            run = para.add_run()
            run.text = text
            _run_font(run, size, colour, bold)
    return box


def _background(slide) -> None:
    fill = slide.background.fill
    fill.solid()
    fill.fore_color.rgb = _rgb(BG)


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


# --- charts ---------------------------------------------------------------------------------------

def _style_axis(axis, number_format: str | None = None) -> None:
    axis.has_major_gridlines = False
    axis.tick_labels.font.size = Pt(MIN_PT)
    axis.tick_labels.font.name = FONT
    axis.tick_labels.font.color.rgb = _rgb(MUTED)
    axis.format.line.color.rgb = _rgb(BORDER)
    axis.tick_label_position = XL_TICK_LABEL_POSITION.LOW
    if number_format:
        axis.tick_labels.number_format = number_format
        axis.tick_labels.number_format_is_linked = False


def _chart_frame(chart, title: str, width: int) -> None:
    chart.font.size = Pt(MIN_PT)
    chart.font.name = FONT
    chart.font.color.rgb = _rgb(TEXT)
    chart.has_title = True
    chart.chart_title.text_frame.text = title
    para = chart.chart_title.text_frame.paragraphs[0]
    _font(para.runs[0].font, fit_size(title, width, (22, 20, MIN_PT)), TEXT, True)
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.BOTTOM
    chart.legend.include_in_layout = False
    chart.legend.font.size = Pt(MIN_PT)
    chart.legend.font.name = FONT
    chart.legend.font.color.rgb = _rgb(TEXT)


def nice_scale(low: float, high: float, ticks: int = 4) -> tuple[float, float, float]:
    """(minimum, maximum, major unit) of a value axis: round steps (1, 2, 2.5, 5 × 10^k) around [low, high],
    one step of headroom above for the point labels, never below zero for non-negative data."""
    import math

    span = (high - low) or abs(high) or 1.0
    raw = span / ticks
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    minimum = math.floor(low / step) * step
    if low >= 0:
        minimum = max(minimum, 0.0)
    maximum = math.ceil(high / step) * step + step
    return minimum, maximum, step


def year_unit(first: int, last: int, plot_width_pt: float) -> int:
    """The year step of an x axis whose labels, at 18 pt, fit side by side in `plot_width_pt` (no slanted labels)."""
    label = measure.width("2020", MIN_PT) + MIN_PT
    for unit in (1, 2, 5, 10):
        if ((last - first) // unit + 1) * label <= plot_width_pt:
            return unit
    return 10


def _format_for(step: float) -> str:
    decimals = fmt.decimals_needed(step)
    return "0" if decimals == 0 else "0." + "0" * min(decimals, 2)


def _label_point(point, text: str, colour: str, size: float = MIN_PT) -> None:
    label = point.data_label
    frame = label.text_frame
    frame.text = text
    _font(frame.paragraphs[0].runs[0].font, size, colour, True)


def path_chart(slide, spec: sv.ChartSpec, left, top, width, h) -> None:
    """An indicator's plan path (dashed line), its actuals (points, each labelled) and the target (a red
    diamond, labelled), as a native XY chart: years on x, the value in its unit on y."""
    pal = charts.PALETTE_DARK
    data = spec.data
    labels = dict(spec.labels)
    plan_name, actual_name = labels.get("plan", "plan"), labels.get("actual", "actual")
    chart_data = XyChartData()
    plan = data[data["series"] == plan_name].sort_values("year")
    actual = data[data["series"] == actual_name].sort_values("year")
    s_plan = chart_data.add_series(plan_name)
    for year, value in zip(plan["year"], plan["value"], strict=True):
        s_plan.add_data_point(float(year), float(value))
    s_actual = chart_data.add_series(actual_name)
    for year, value in zip(actual["year"], actual["value"], strict=True):
        s_actual.add_data_point(float(year), float(value))
    has_target = spec.target_year is not None and spec.target_value is not None
    if has_target:
        chart_data.add_series(labels.get("target", "target")).add_data_point(float(spec.target_year),
                                                                            float(spec.target_value))
    frame = slide.shapes.add_chart(XL_CHART_TYPE.XY_SCATTER_LINES, left, top, width, h, chart_data)
    chart = frame.chart
    _chart_frame(chart, spec.title, width)
    values = [float(v) for v in data["value"]] + ([float(spec.target_value)] if has_target else [])
    years = [int(y) for y in data["year"]]
    x_axis, y_axis = chart.category_axis, chart.value_axis
    unit = year_unit(min(years), max(years), _pt(width) - 60)
    # Ticks fall on whole years from the first one (2020, 2025 …); half a step of room right of the target.
    x_axis.minimum_scale, x_axis.maximum_scale = min(years), max(years) + max(unit / 2, 0.5)
    x_axis.major_unit = unit
    _style_axis(x_axis, "0")
    minimum, maximum, step = nice_scale(min(values), max(values))
    y_axis.minimum_scale, y_axis.maximum_scale, y_axis.major_unit = minimum, maximum, step
    _style_axis(y_axis, _format_for(step))
    if spec.y_title:
        y_axis.has_title = True
        y_axis.axis_title.text_frame.text = spec.y_title
        _font(y_axis.axis_title.text_frame.paragraphs[0].runs[0].font, MIN_PT, MUTED)
    plot = chart.plots[0]
    series = list(plot.series)
    styles = [(str(pal["plan"]), True, XL_MARKER_STYLE.NONE), (str(pal["actual"]), False, XL_MARKER_STYLE.CIRCLE),
              (str(pal["target"]), False, XL_MARKER_STYLE.DIAMOND)]
    for s, (colour, line, marker) in zip(series, styles):
        s.smooth = False
        if line:
            s.format.line.color.rgb = _rgb(colour)
            s.format.line.width = Pt(3)
            s.format.line.dash_style = MSO_LINE_DASH_STYLE.DASH
        else:
            s.format.line.fill.background()
        s.marker.style = marker
        if marker != XL_MARKER_STYLE.NONE:
            s.marker.size = 11 if marker == XL_MARKER_STYLE.CIRCLE else 14
            s.marker.format.fill.solid()
            s.marker.format.fill.fore_color.rgb = _rgb(colour)
            s.marker.format.line.color.rgb = _rgb(colour)
    # The actual values beside their points (the wall's point labels), the target beside its diamond.
    if spec.point_labels is not None and len(actual) and len(series) > 1:
        shown = {int(r.year): str(r.label) for r in spec.point_labels.itertuples()}
        for i, year in enumerate(actual["year"]):
            if int(year) in shown:
                _label_point(series[1].points[i], shown[int(year)], str(pal["actual"]))
    if has_target and len(series) > 2:
        _label_point(series[2].points[0], fmt.format_number(float(spec.target_value)), str(pal["target"]))


def scoreboard_chart(slide, spec: sv.ChartSpec, left, top, width, h) -> None:
    """The 13th plan's scoreboard as a native bar chart: each indicator's actual as a share of its target (right
    of 100 % is better, lower-is-better rows inverted as on the wall), coloured by its verdict."""
    data = spec.data
    labels = dict(spec.labels)
    ratios = []
    for tgt, act, way in zip(data["target"], data["actual"], data["direction"], strict=True):
        tgt, act = float(tgt), float(act)
        ratio = (tgt / act if way == "down" else act / tgt) if tgt and act else 0.0
        ratios.append(min(ratio, 2.0) * 100.0)
    chart_data = CategoryChartData()
    # Bars are drawn bottom-up: reversed, the first indicator is at the top as on the wall.
    chart_data.categories = list(reversed([str(n) for n in data["name"]]))
    chart_data.add_series(labels.get("ratio", "%"), list(reversed(ratios)))
    frame = slide.shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, left, top, width, h, chart_data)
    chart = frame.chart
    _chart_frame(chart, spec.title, width)
    chart.has_legend = False
    _style_axis(chart.category_axis)
    chart.category_axis.tick_label_position = XL_TICK_LABEL_POSITION.LOW
    value_axis = chart.value_axis
    value_axis.minimum_scale, value_axis.maximum_scale, value_axis.major_unit = 0, 200, 50
    _style_axis(value_axis, '0"%"')
    plot = chart.plots[0]
    plot.gap_width = 40
    series = plot.series[0]
    codes = list(reversed([str(c) for c in data["status"]]))
    for i, code in enumerate(codes):
        point = series.points[i]
        point.format.fill.solid()
        point.format.fill.fore_color.rgb = _rgb(st.colour(code) if code in st.COLOURS else ACCENT)
        _label_point(point, f"{round(list(reversed(ratios))[i])}%", TEXT)


def native_chart(slide, spec: sv.ChartSpec, left, top, width, h) -> None:
    _box(slide, left, top, width, h)
    inner = (left + PAD, top + PAD, width - 2 * PAD, h - 2 * PAD)
    if spec.kind == "scoreboard":
        scoreboard_chart(slide, spec, *inner)
    else:
        path_chart(slide, spec, *inner)


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
    if others.charts or others.facts:
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
    lines += [[(line, 22, MUTED, False)] for line in ev.header_lines()]
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

