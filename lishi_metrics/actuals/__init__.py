"""Imported data: the versioned store, bounded upload reading and validation, the admin gate."""
