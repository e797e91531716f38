"""Reading sources: files, folders, globs, standard input and URLs into article text.

Takes what the user named; gives ``(text, metadata date)`` per source (:func:`reading.read_source`,
:func:`reading.expand_sources`). HTML pages and URLs go through trafilatura
(:mod:`.fetch`); :mod:`.published` settles the date claims are judged at.
Imports only :mod:`factcheck.errors`, :mod:`factcheck.dates` and the text analysis it needs for a dateline.
"""
