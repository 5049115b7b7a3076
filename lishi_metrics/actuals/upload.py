"""The yearly actuals import in one place for callers: template, bounded reading, validation.

The work is split at its seams into `template` (the template workbook), `reading` (bounded reading of
CSV/XLSX uploads) and `validate` (checks against the indicators and the stored actuals); this module
re-exports what the CLI and the data page use.
"""

from __future__ import annotations

from lishi_metrics.actuals.reading import MAX_BYTES, read_upload
from lishi_metrics.actuals.template import period_years, template_frame, write_template, write_xlsx
from lishi_metrics.actuals.validate import (
    Problem,
    ValidationResult,
    parse_number,
    sha256_bytes,
    validate,
)

__all__ = [
    "MAX_BYTES",
    "period_years",
    "Problem",
    "ValidationResult",
    "parse_number",
    "read_upload",
    "sha256_bytes",
    "template_frame",
    "validate",
    "write_template",
    "write_xlsx",
]
