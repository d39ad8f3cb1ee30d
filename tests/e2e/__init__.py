"""Browser tests (Playwright driving Debian's chromium), marked ``e2e``.

This folder is a package so that its modules import their helpers relatively
(``from .axe import ...``), whether or not ``tests/`` itself is a package.
"""
