"""Altair chart builders: DataFrame in, Vega-Lite spec out."""
