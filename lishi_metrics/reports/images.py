"""Charts as PNG for documents: the pages' own Vega-Lite specs rendered offline by vl-convert (Altair's converter).

vl-convert draws text with the fonts it finds: the Debian CJK fonts (fonts-noto-cjk) are registered once,
so Chinese is drawn, not boxes. Nothing is fetched from the network (the specs carry their data inline).
"""

from __future__ import annotations

import threading
from pathlib import Path

import altair as alt

FONT_DIRS = (Path("/usr/share/fonts/opentype/noto"), Path("/usr/share/fonts/truetype"))
_lock = threading.Lock()
_fonts = {"done": False}


def _register_fonts() -> None:
    import vl_convert as vlc

    with _lock:
        if _fonts["done"]:
            return
        for directory in FONT_DIRS:
            if directory.is_dir():
                vlc.register_font_directory(str(directory))
        _fonts["done"] = True


def png(chart: alt.TopLevelMixin | dict, scale: float = 2.0) -> bytes:
    """PNG bytes of an Altair chart or Vega-Lite dict, at `scale` × its design size."""
    import vl_convert as vlc

    _register_fonts()
    spec = chart.to_dict(validate=False) if hasattr(chart, "to_dict") else chart
    return vlc.vegalite_to_png(spec, scale=scale)
