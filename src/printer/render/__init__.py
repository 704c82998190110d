"""Stage: rendering — PDF (the only code that imports ReportLab), PNG previews, text dumps."""
