"""The one tile model: a number card on the overview, the sector pages and the big screen, and its Markdown.

Page models fill `Tile`s with display-ready text; `markdown` turns one into the single Streamlit Markdown
block the page draws (ui.tile): one keyed container and one Markdown element per tile, because every element
is a message per rerun that a room of viewers pays for (issue 11). The light cards and the dark wall differ
only by CSS (static/app.css, static/screen.css), which finds the parts of the block by their order:

    paragraph 1: **name**, then the label line (what the value is) with the tag as a badge
    paragraph 2: **value** (the big number, styled by CSS)
    paragraph 3: the lines, the coloured status, the grey note (each left out when empty)

All data text is escaped (fmt.md_escape): a hostile name stays text, never Markdown or HTML.
"""

from __future__ import annotations

from dataclasses import dataclass

from lishi_metrics.model import status
from lishi_metrics.text import fmt
from lishi_metrics.views._common import md_pair, status_markdown, text_or_none

# A line is plain text, or a (label, value) pair drawn as 「标签：**值**」 / "Label: **value**".
Line = str | tuple[str, str]

VALUE_KINDS = ("number", "text")
# Badge colours of the tag kinds (Streamlit Markdown colour names); the wall restyles them by kind (screen.css).
TAG_COLOURS = {"binding": "orange", "anticipatory": "blue", "group": "blue", "topic": "violet"}


@dataclass(frozen=True)
class Tile:
    """One number tile, every field display-ready ('' = leave it out).

    key: CSS-safe id, unique on the page (an indicator id, a sector code); name: what the tile is about;
    value: the big value, label: what it is (「2025年目标」, "Actual 2022"); value_kind: number, or text for a
    printed text value (drawn smaller); lines: the smaller lines under the value; status: a model.status code
    (or 'info' for a tile without a judgement) whose tone colours status_text; tag and tag_kind (binding,
    anticipatory, group, topic): the badge; help: the tooltip; note: a grey line after the status.
    """

    key: str
    name: str
    value: str
    label: str = ""
    value_kind: str = "number"
    lines: tuple[Line, ...] = ()
    status: str = "info"
    status_text: str = ""
    tag: str = ""
    tag_kind: str = ""
    help: str = ""
    note: str = ""

    @property
    def tone(self) -> str:
        """The status tone that colours status_text (model.status.TONES; 'info' for tiles without a status)."""
        return status.TONES.get(self.status, "info")



def _md(text: object) -> str:
    """Escaped text on one line: a line break in data must not end the tile's paragraph or start another."""
    return fmt.md_escape(" ".join(str(text).split()))


def split_unit(value: object, unit_zh: object, lang: str, limit: int = 12, unit_en: str | None = None,
               precision: int | None = None) -> tuple[str, str]:
    """(number, unit) for a big tile value when `value` with its unit is longer than `limit` characters
    ("65 enterprises/households" → ("65", "enterprises/households")); else (the whole text, ''). `precision`:
    the indicator's display precision (fmt.fmt_value)."""
    full = fmt.fmt_value(value, text_or_none(unit_zh), lang, unit_en=unit_en, precision=precision)
    bare = fmt.fmt_value(value, None, lang, precision=precision)
    if len(full) <= limit or fmt.to_float(value) is None or not full.startswith(bare):
        return full, ""
    return bare, full[len(bare):].strip()


def line_markdown(line: Line, lang: str) -> str:
    """One line of a tile as escaped Markdown: plain text, or 「标签：**值**」 / "Label: **value**"."""
    if isinstance(line, tuple):
        label, value = line
        return md_pair(" ".join(label.split()), " ".join(value.split()), lang)
    return _md(line)


def markdown(tile: Tile, lang: str) -> str:
    """The whole tile as one escaped Markdown block in three paragraphs (see the module docstring)."""
    head = f"**{_md(tile.name)}**"
    second = [_md(tile.label)] if tile.label else []
    if tile.tag:
        second.append(f":{TAG_COLOURS.get(tile.tag_kind, 'gray')}-badge[{_md(tile.tag)}]")
    if second:
        head += "  \n" + " ".join(second)
    rest = [line_markdown(line, lang) for line in tile.lines if line]
    if tile.status_text:
        rest.append(status_markdown(tile.status, lang, tile.status_text))
    if tile.note:
        rest.append(f":gray[{_md(tile.note)}]")
    parts = [head, f"**{_md(tile.value)}**"]
    if rest:
        parts.append("  \n".join(rest))
    return "\n\n".join(parts)


def container_key(tile: Tile, scope: str) -> str:
    """The tile's container key: `<scope>-<key>--<tone>-<value_kind>-<tag_kind>`, so CSS finds a tile by its
    scope ([class*="st-key-sc-tile-"]), one tile by its key, and styles by tone, kind and tag kind
    ([class*="--good-"], [class*="-text-"], [class*="-binding"])."""
    kind = tile.value_kind if tile.value_kind in VALUE_KINDS else "number"
    return f"{scope}-{tile.key}--{tile.tone}-{kind}-{tile.tag_kind or 'plain'}"
