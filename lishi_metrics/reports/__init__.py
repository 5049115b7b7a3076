"""Documents built from the page models: the final-evaluation report (Word), the deck (PowerPoint), the workbook (XLSX)."""
