"""Setting up a conference: the workbook (layout, template, import, export) and next year's
conference from this year's store. One idea per module:

    layout.py           the workbook's sheets, columns and items (their words: workbook.* keys)
    sheets.py           reading every sheet of a workbook within the import's limits
    workbook_write.py   the empty template and the export of a store's conference
    workbook_import.py  a plan (documents + problems) from a filled workbook; creating the store
      workbook_report.py     the plan, its problems and notes, the report in words
      workbook_cells.py      a cell read as a value (times, points, words, JSON), the reasons
      workbook_rows.py       a sheet's header and rows; problems found on the way
      workbook_people.py     the units, conference and delegates sheets
      workbook_programme.py  the agenda, criteria and scoring, covenant and handovers sheets
    next_year.py        next year's store from this year's, read-only
    readiness.py        what is still missing before the day
"""
