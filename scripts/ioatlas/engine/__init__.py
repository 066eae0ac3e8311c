"""The engine: everything that knows MkDocs or Material, and the only place that imports them.

``site`` writes the MkDocs configuration and runs ``mkdocs build --strict`` (in a process started ahead,
``process``) into a folder swapped in whole; ``plugin`` is the MkDocs plugin that lets record pages' HTML skip
Python-Markdown, with what it uses: ``page_share`` (a second process renders a share of the pages through
MkDocs' private ``_build_page``, refused on any MkDocs release but the one it was proved with), ``nav_memo``,
``record_copies``, ``html_trim`` and ``csp``; ``search_worker`` wraps Material's search worker. The rest of the
package hands the engine a docs/ folder and knows nothing of how it becomes a site.
"""
