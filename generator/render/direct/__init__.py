"""Playbook pages converted to HTML without Python-Markdown's block stage.

MkDocs converts every page with Python-Markdown; on a playbook page most of that
time goes to the block stage (md_in_html's HTML parser over the raw HTML our
template writes, and the block parser). The page's Markdown comes from our own
template, so its blocks have a few known shapes: ``blocks`` reads those shapes
into the element tree the block stage would have built, and ``engine`` runs the
rest of Python-Markdown's real pipeline on it (its preprocessors for fences and
anchors, its tree processors for inline Markdown, links, ids and the table of
contents, its serializer and post-processors), so inline Markdown, links and
headings come out as the real conversion writes them.

Anything the reader does not recognise, or cannot prove the block stage reads
as it does, makes it give up on the page (``Unsupported``): the page is then
converted by MkDocs as before. Tests compare both ways on whole sites.
"""
