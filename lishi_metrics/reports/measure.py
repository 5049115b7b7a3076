"""Text measured with real font files: widths in points, line breaking as Word and PowerPoint do it.

The documents name fonts; where a named font is not installed (仿宋 and Times New Roman on a Debian server)
LibreOffice draws DejaVu, which is wider than Times: measuring with the installed faces errs on the safe side.
CJK characters are measured with Noto CJK. Breaks fall at spaces and between CJK characters, never inside a
Latin word nor between a sign and its number (a sign is kept with what follows it).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from lishi_metrics.text.linebreak import NBSP, WJ, keep_together  # noqa: F401 (the pages keep numbers with their units alike)

NOTO = Path("/usr/share/fonts/opentype/noto")
DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
# face name → (regular file, bold file, collection index)
FACES = {
    "sans_cjk": (NOTO / "NotoSansCJK-Regular.ttc", NOTO / "NotoSansCJK-Bold.ttc", 2),  # Noto Sans CJK SC
    "serif_cjk": (NOTO / "NotoSerifCJK-Regular.ttc", NOTO / "NotoSerifCJK-Bold.ttc", 2),
    "serif_latin": (DEJAVU / "DejaVuSerif.ttf", DEJAVU / "DejaVuSerif-Bold.ttf", 0),
    "sans_latin": (DEJAVU / "DejaVuSans.ttf", DEJAVU / "DejaVuSans-Bold.ttf", 0),
}
# A unit of measure: one CJK character or full-width punctuation, or a run of other non-space characters.
_TOKEN = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]|[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"
                    r"\u3000-\u303f]+|\s+")
_SCALE = 64.0  # fonts are loaded at 64 px and scaled: one face object per file


def is_cjk(ch: str) -> bool:
    return "\u2e80" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or "\uff00" <= ch <= "\uffef" or (
        "\u3000" <= ch <= "\u303f")


@lru_cache(maxsize=16)
def _font(path: str, index: int):
    from PIL import ImageFont

    return ImageFont.truetype(path, int(_SCALE), index=index)


def _face(name: str, bold: bool):
    regular, heavy, index = FACES[name]
    path = heavy if bold and heavy.is_file() else regular
    return _font(str(path), index)


AUTOSPACE = 0.25  # em LibreOffice adds between a Chinese character and an adjacent Latin letter or digit
# Characters of ambiguous width that LibreOffice draws full width beside Chinese (the middle dot of 「总览 · 」,
# curly quotes): measured as the full-width forms.
_AMBIGUOUS = str.maketrans({"·": "・", "“": "「", "”": "」", "‘": "「", "’": "」"})


def _script(ch: str) -> int:
    """1 for a CJK character, 2 for a Latin letter, digit or sign (the two LibreOffice spaces apart), else 0."""
    if is_cjk(ch):
        return 1
    return 2 if ch.isascii() and not ch.isspace() else 0


def _gaps(text: str) -> int:
    """How many Chinese/Latin boundaries `text` has (each gets LibreOffice's autospace)."""
    text = text.replace(WJ, "")
    return sum(1 for a, b in zip(text, text[1:]) if {_script(a), _script(b)} == {1, 2})


@lru_cache(maxsize=20000)
def width(text: str, size: float, latin: str = "sans_cjk", cjk: str = "sans_cjk", bold: bool = False,
          autospace: bool = False) -> float:
    """Width in points of `text` on one line at `size` pt: CJK characters in face `cjk`, the rest in `latin`;
    with `autospace`, the space LibreOffice Impress adds between Chinese and Latin characters (2025年 draws as
    2025 年)."""
    total = 0.0
    drawn = text.replace(WJ, "").translate(_AMBIGUOUS) if autospace else text.replace(WJ, "")
    for token in _TOKEN.findall(drawn):
        face = _face(cjk if is_cjk(token[0]) else latin, bold)
        total += face.getlength(token)
    return total * size / _SCALE + (_gaps(text) * AUTOSPACE * size if autospace else 0.0)


def tokens(text: str) -> list[str]:
    """Unbreakable pieces: CJK characters one by one (the first after a number joined to it), Latin words (with
    their sign, unit symbol and punctuation) whole, spaces apart. A sign or an opening bracket is glued to what follows it, and an opening bracket right
    after a number or a Latin letter to what precedes it (Unicode line breaking, LB30: 27.76（2020） is one piece,
    which LibreOffice and Word never break)."""
    out: list[str] = []
    for token in _TOKEN.findall(text):
        after_word = token in ("（", "(") and out and out[-1][-1].isascii() and out[-1][-1].isalnum()
        joined = out and (out[-1].endswith((NBSP, WJ)) or token.startswith((NBSP, WJ)))
        # A Chinese unit or year word right after a number stays with it (2023年, 46个): never 2023 / 年.
        joined = joined or (out and out[-1][-1].isdigit() and is_cjk(token[0]) and not token.isspace())
        if out and (joined or after_word or out[-1] in ("+", "-", "−", "±", "（", "(", "“", "《") or out[-1].endswith(
                ("（", "(")) or token in ("%", "％", "）", ")", "，", "。", "、", "：", "；", "”", "》")):
            out[-1] += token
        else:
            out.append(token)
    return out


def longest_token(text: str, size: float, latin: str = "sans_cjk", cjk: str = "sans_cjk", bold: bool = False) -> float:
    """Width in points of the widest unbreakable piece of `text` (the narrowest column it fits without a break
    inside a word)."""
    return max((width(tok, size, latin, cjk, bold) for tok in tokens(text) if not tok.isspace()), default=0.0)


def _boundary(previous: str, token: str, size: float, autospace: bool) -> float:
    """The autospace between two consecutive pieces (0 without autospace)."""
    if not autospace or not previous or not token:
        return 0.0
    return AUTOSPACE * size if {_script(previous.replace(WJ, "")[-1:] or " "), _script(token.replace(WJ, "")[:1] or " ")} == {1, 2} else 0.0


def wrap(text: str, size: float, box_pt: float, latin: str = "sans_cjk", cjk: str = "sans_cjk",
         bold: bool = False, autospace: bool = False) -> list[str]:
    """`text` broken into the lines it takes in a box `box_pt` wide (a space that ends a line stays on it).

    A line breaks at its last space when it has one, else between CJK characters: the deck's lines are short
    phrases apart by spaces (「▼ 滞后 · 规划路径 29.10%」), and a break inside one (规划路 / 径) reads badly. A piece
    wider than the box stays whole on its own line."""
    out: list[str] = []
    for paragraph in text.split("\n"):
        pieces: list[str] = []
        for tok in tokens(paragraph):
            pieces.append(tok)
            if tok.isspace() or not "".join(pieces[:-1]).strip():
                continue
            if _line_width(pieces, size, latin, cjk, bold, autospace) <= box_pt + 0.01:
                continue
            spaces = [i for i, p in enumerate(pieces[:-1]) if p.isspace() and "".join(pieces[:i]).strip()]
            cut = spaces[-1] + 1 if spaces else len(pieces) - 1
            out.append("".join(pieces[:cut]))
            pieces = pieces[cut:]
        out.append("".join(pieces))
    return out


def _line_width(pieces: list[str], size: float, latin: str, cjk: str, bold: bool, autospace: bool) -> float:
    """Width of a line of pieces, the trailing space left out (it hangs past the edge)."""
    while pieces and pieces[-1].isspace():
        pieces = pieces[:-1]
    total, previous = 0.0, ""
    for piece in pieces:
        total += width(piece, size, latin, cjk, bold, autospace) + _boundary(previous, piece, size, autospace)
        previous = piece
    return total


def lines(text: str, size: float, box_pt: float, latin: str = "sans_cjk", cjk: str = "sans_cjk",
          bold: bool = False, autospace: bool = False) -> int:
    """How many lines `text` takes in a box `box_pt` wide, as `wrap` breaks it (a line still wider than the box
    counts the lines it would be cut into, so a caller can see it does not fit)."""
    count = 0
    for line in wrap(text, size, box_pt, latin, cjk, bold, autospace):
        w = _line_width(tokens(line), size, latin, cjk, bold, autospace)
        count += max(1, -int(-(w - 0.01) // box_pt)) if w > box_pt + 0.01 else 1
    return count
