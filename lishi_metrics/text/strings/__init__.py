"""UI strings, one module per area of the app, each defining STRINGS: dict[str, tuple[str, str]] of (zh, en).

`lishi_metrics.text.i18n` imports every module here, merges them and refuses duplicate keys.
Page authors add their own module (e.g. `overview.py`) with keys prefixed by the area.
"""
