"""Data layer: the one DuckDB connection, schemas, build/check of the CSV sources, catalogue, exports."""
