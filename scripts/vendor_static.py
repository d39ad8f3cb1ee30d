"""Copy the KERN UX files the pages use from node_modules into the package.

``make install`` runs this after ``npm ci``, so that ``src/ikz/ui/static/vendor/`` holds them
and a built wheel carries them: a production install needs no node_modules (see
docs/operations.md). The copies are not committed; npm (package-lock.json) stays the source.
htmx is not copied: the pages load the copy django-htmx ships (django_htmx/htmx-2.min.js).
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE = ROOT / "node_modules"
TARGET = ROOT / "src" / "ikz" / "ui" / "static" / "vendor"
# (source directory, target name, files; fonts referenced by a CSS file come along)
BUNDLES = [
    (NODE / "@kern-ux" / "native", "kern", ["dist/kern.min.css", "dist/fonts/fira-sans.css"]),
]
LICENSES = ("LICENSE", "LICENSE.md", "LICENSE.txt")
_URL = re.compile(r"""url\(["']?(\./[^"')]+)["']?\)""")


def copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source, target)


def vendor() -> list[Path]:
    if TARGET.exists():
        shutil.rmtree(TARGET)
    written = []
    for package, name, files in BUNDLES:
        if not package.is_dir():
            sys.exit(f"{package} fehlt: bitte zuerst `npm ci` (oder `make install`) ausführen.")
        for relative in files:
            source = package / relative
            target = TARGET / name / Path(relative).relative_to("dist")
            copy(source, target)
            written.append(target)
            if source.suffix == ".css":
                for url in _URL.findall(source.read_text(encoding="utf-8")):
                    font = (source.parent / url).resolve()
                    font_target = (target.parent / url).resolve()
                    copy(font, font_target)
                    written.append(font_target)
        for licence in LICENSES:
            if (package / licence).exists():
                copy(package / licence, TARGET / name / licence)
    return written


if __name__ == "__main__":
    files = vendor()
    print(f"{len(files)} Dateien nach {TARGET.relative_to(ROOT)} kopiert.")
