"""The production path: a built wheel carries the static assets; ``ikz serve`` (gunicorn)
serves KERN-styled pages and /healthz with production settings, without node_modules."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ASSETS = [
    "ikz/ui/static/vendor/kern/kern.min.css",
    "ikz/ui/static/vendor/kern/fonts/fira-sans.css",
    "ikz/ui/static/vendor/kern/fonts/fira-sans/FiraSans-Regular.woff2",
    # the Typst PDFs' fonts with their licence (docs/decisions/0005-lean-dependencies.md)
    "ikz/fonts/OFL.txt",
    *(f"ikz/fonts/SourceSans3-{w}.ttf" for w in ("Regular", "Semibold", "Bold", "It")),
    *(f"ikz/fonts/IKZSans-{w}.ttf" for w in ("Regular", "Semibold", "Bold")),
]
HTMX = "django_htmx/htmx-2.min.js"  # the copy django-htmx ships: no npm package of our own


def test_the_built_wheel_contains_the_static_assets(tmp_path: Path) -> None:
    subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    (wheel,) = tmp_path.glob("ikz_cockpit-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for asset in ASSETS:
        assert asset in names, asset
    assert not [name for name in names if "node_modules" in name]
    # htmx comes from django-htmx: no vendored copy of its script (ikz/ui/htmx.py is our code).
    assert not [name for name in names if "/static/" in name and "htmx" in name]
    assert "ikz/ui/templates/base.html" in names


def test_htmx_comes_from_django_htmx_in_version_2() -> None:
    from django.contrib.staticfiles import finders

    found = finders.find(HTMX)
    assert found is not None
    assert "/django_htmx/static/" in str(found)
    text = Path(str(found)).read_text(encoding="utf-8")
    version = re.search(r'version:"([0-9.]+)"', text)
    assert version is not None
    assert version.group(1).startswith("2."), version.group(1)


def test_collectstatic_leaves_out_the_htmx_files_the_pages_do_not_load() -> None:
    from django.apps import apps
    from django.contrib.staticfiles import finders
    from django.contrib.staticfiles.apps import StaticFilesConfig

    # what collectstatic copies: every finder's files less the app config's ignore patterns
    config = apps.get_app_config("staticfiles")
    assert isinstance(config, StaticFilesConfig)
    patterns = config.ignore_patterns
    listed = {path for finder in finders.get_finders() for path, _ in finder.list(patterns)}
    htmx = {path for path in listed if path.startswith("django_htmx/")}
    assert htmx == {HTMX, "django_htmx/django-htmx.js"}, htmx
    assert "ui/ikz.js" in listed


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - loopback only
        return response.status, response.read().decode("utf-8", "replace")


@pytest.mark.skipif(sys.platform != "linux", reason="gunicorn runs on Linux")
def test_ikz_serve_with_production_settings_and_no_node_modules(tmp_path: Path) -> None:
    port = free_port()
    env = {
        key: value for key, value in os.environ.items() if not key.startswith(("IKZ_", "DJANGO"))
    } | {
        "SECRET_KEY": "test-only-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "IKZ_DATA_DIR": str(tmp_path),
        "IKZ_SSL_REDIRECT": "0",
        "IKZ_HSTS_SECONDS": "0",
        # A path where nothing is: the packaged copies must be enough.
        "IKZ_NODE_MODULES": str(tmp_path / "no-node-modules"),
    }
    ikz = str(Path(sys.executable).parent / "ikz")
    for command in (["migrate", "--noinput"], ["collectstatic", "--noinput"]):
        subprocess.run([ikz, *command], env=env, check=True, capture_output=True, timeout=300)  # noqa: S603
    server = subprocess.Popen(  # noqa: S603
        [ikz, "serve", "--bind", f"127.0.0.1:{port}", "--workers", "2"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                status, body = fetch(base + "/healthz")
                break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("ikz serve did not answer")
        assert status == 200
        assert '"status": "ok"' in body
        status, html = fetch(base + "/")
        assert status == 200
        assert '<html lang="de">' in html
        stylesheet = re.search(r'href="(/static/vendor/kern/kern\.min\.[0-9a-f]+\.css)"', html)
        assert stylesheet is not None, html[:800]
        status, css = fetch(base + stylesheet.group(1))
        assert status == 200
        assert ".kern-btn" in css
        script = re.search(r'src="(/static/django_htmx/htmx-2\.min\.[0-9a-f]+\.js)"', html)
        assert script is not None, html[:800]
        status, js = fetch(base + script.group(1))
        assert status == 200
        assert 'version:"2.' in js
    finally:
        server.terminate()
        server.wait(timeout=30)
