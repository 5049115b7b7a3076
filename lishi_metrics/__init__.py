"""Monitoring of the 14th Five-Year Plan of Lishi District (吕梁市离石区): data, arithmetic, charts and text."""
