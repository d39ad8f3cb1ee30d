"""The change record under every app: django-simple-history registration (``records``), the
version tokens that detect concurrent edits (``versions``) and how a recorded value reads
(``display``). A shared package like ``ikz.dates``: it imports no app, so models of every
layer can register and the page shell's form cycle can check versions; the "Verlauf" pages,
restore and their selectors are the ``ikz.history`` app above the cooperation."""
