"""Fail for a Python module over the project's limit of 500 lines (docs/architecture.md).

Run by ``make lint``. Generated migrations are left out: nobody reads them as code.
"""

from __future__ import annotations

import sys
from pathlib import Path

LIMIT = 500
ROOTS = ("src", "tests", "benchmarks", "scripts")


def too_long(root: Path) -> list[tuple[Path, int]]:
    found = []
    for top in ROOTS:
        for path in sorted((root / top).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            lines = len(path.read_text(encoding="utf-8").splitlines())
            if lines > LIMIT:
                found.append((path.relative_to(root), lines))
    return found


def main() -> int:
    found = too_long(Path(__file__).resolve().parent.parent)
    for path, lines in found:
        print(f"{path}: {lines} lines, the limit is {LIMIT}: split it by concern")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
