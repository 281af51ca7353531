"""Writing a curriculum without writing YAML: `packet new` and `packet import`.

`packet new` writes a commented starting curriculum (`starter.py`).
`packet import` turns a facilitator guide into one, in one direction:

    guide file -> Blocks     read_markdown, read_text, read_html (Google Docs
                             exports through packet.docs_export), read_docx;
                             tables.py turns schedule and reading tables
                             into lines;
                             read_guide picks one by format; blocks.tidy
                             gives them one shape
    Blocks     -> Draft      interpret.py (contents.py skips a table of
                             contents first): steps.py cuts weeks into steps,
                             mentions.py and timing.py read what a line says
                             (links, titles, authors, video times, minutes),
                             vocabulary.py holds the words facilitators use,
                             reading_list.py keeps each reading once;
                             leftovers.py lists every line the draft does
                             not hold
    Draft      -> YAML text  emit.py: every guess commented, unplaced lines
                             listed at the end (importer.py checks the text
                             with packet.load before writing it)

Every reader produces the same intermediate form (`blocks.Block`), so one
interpreter serves Markdown, plain text, Google Docs exports and Word files.
"""
