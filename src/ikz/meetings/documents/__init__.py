"""The two documents of every meeting: the invitation (Einladung) and the minutes
(Ergebnisprotokoll), generated from the data as PDF (Typst) and DOCX.

``content`` turns a meeting into plain data (what a reader may see), ``pdf`` and ``docx``
render that data. See docs/meeting-documents.md.
"""
