"""Tables in (CSV, XLSX, legacy encodings) and lists out (CSV, XLSX, Markdown)."""
