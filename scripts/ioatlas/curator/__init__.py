"""Tools for curators beside the pipeline: start a record (`ioatlas new`), write records in one layout
(`ioatlas fmt`, which also keeps the editor's JSON Schemas under schema/ current), list what needs a fresh
review (`ioatlas review`), and read Chinese names as pinyin (ids, and the W001 warning)."""
