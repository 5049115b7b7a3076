"""Page models: one module per page (plain dataclasses and frames), URL state and the page registry."""
