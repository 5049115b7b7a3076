"""The deck's look and its measuring: the wall's colours, the one font, text boxes sized by measured lines.

Every text is measured with the face the deck names (Noto Sans CJK SC, reports.measure): fit_size picks the
largest size at which a text keeps to its lines, height is what its measured lines need; no size below MIN_PT.
"""

from __future__ import annotations

from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Inches, Pt

from lishi_metrics.reports import measure

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

Run = tuple[str, float, str, bool]  # text, size pt, colour, bold


def _pt(emu: int) -> float:
    return emu / 12700


SLACK = 0.96  # lines are measured 4 % narrower than the box: LibreOffice draws some mixed text a little wider


def _inner(width: int) -> float:
    """The measured width in points of a text box `width` (EMU) wide: inside its margins, less the slack."""
    return _pt(width - 2 * PAD) * SLACK


def lines_needed(text: str, size: float, width: int, bold: bool = False) -> int:
    """Lines `text` at `size` pt takes in a text box `width` (EMU) wide, measured with the deck's font, as drawn
    (numbers kept with their units: measure.keep_together)."""
    return measure.lines(measure.keep_together(text), size, _inner(width), bold=bold, autospace=True)


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
    inner = _inner(width)
    for i, runs in enumerate(paragraphs):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        para.alignment = align
        para.line_spacing = Pt(max(r[1] for r in runs) * LINE)
        for text, size, colour, bold in runs:
            # No break between a number and its unit (measured so too). A paragraph of one run is broken here,
            # where the measuring breaks it, with explicit line breaks: LibreOffice breaks Chinese between any two
            # characters (亿 / 元, 名 / 义) whatever joiners say, and an explicit break leaves it nothing to choose.
            pieces = measure.wrap(measure.keep_together(text), size, inner, bold=bold, autospace=True) if len(
                runs) == 1 else [
                measure.keep_together(text)]
            for k, piece in enumerate(pieces):
                if k:
                    para.add_line_break()
                run = para.add_run()
                run.text = piece
                _run_font(run, size, colour, bold)
    return box


def _background(slide) -> None:
    fill = slide.background.fill
    fill.solid()
    fill.fore_color.rgb = _rgb(BG)
