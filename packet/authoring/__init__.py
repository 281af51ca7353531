"""Writing a curriculum without writing YAML: `packet new` and `packet import`.

`packet new` writes a commented starting curriculum (`starter.py`).
`packet import` turns a facilitator guide into one, in one direction:

    guide file -> Blocks      (read_markdown, read_text, read_html, read_docx;
                               read_guide picks one by format)
    Blocks     -> Draft       (interpret.py, with mentions.py for the readings,
                               videos and times written on a line, and
                               vocabulary.py for the words facilitators use)
    Draft      -> YAML text   (emit.py: every guess commented, unplaced lines
                               listed at the end)

Every reader produces the same intermediate form (`blocks.Block`), so one
interpreter serves Markdown, plain text, Google Docs exports and Word files.
"""
