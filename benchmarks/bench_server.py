"""Real server: gunicorn with production settings, each page's CPU per request as a ratio to
the floor page, at the demo's size (1×) and at about 100× the demo.

The demo ("Region Partheland", ``ikz demo``) is the 1× data set. The 100× data set adds to the
same cooperation, with ``bulk_create``: ``SCALE_MUNICIPALITIES`` municipalities (three people
each), ``SCALE_MEETINGS`` meetings over twelve years with ``SCALE_POINTS`` minute points (every
second one a task: ``SCALE_POINTS // 2`` tasks), ``SCALE_PROJECTS`` projects with two
participations each, and one meeting with ``HOT_POINTS`` points whose editor is saved.

gunicorn runs ``ikz.wsgi`` with 2 sync workers, DEBUG off, SQLite in WAL mode, on 127.0.0.1
only. The load generator is one client sending ``REQUESTS`` requests per page one after the
other (after warm-up requests that reach both workers); it stops by itself. Per page it
reports requests/s, p50/p99 latency and the workers' CPU time per request (user + system, read
with psutil before and after) as a ratio to the floor page ``/barrierefreiheit/`` measured in
the same run. It also reports the first request of a freshly started worker, the workers'
memory after the load, and the CPU time of ``ikz help``.

Timings are reported, never asserted (the machine is shared); the benchmark asserts only that
every page answers as expected.
"""

from __future__ import annotations

import http.client
import os
import re
import secrets
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from . import Result
from .server_data import demo, scale_up, sizes

REQUESTS = int(os.environ.get("IKZ_BENCH_REQUESTS", "15"))
WARMUP = 4
MAX_REQUESTS = 200
PORT = int(os.environ.get("IKZ_BENCH_PORT", "18719"))
ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Page:
    label: str
    path: str
    who: str = "anonymous"  # or "coordinator"
    expect: int = 200
    method: str = "GET"
    body: dict[str, str] | None = None
    headers: dict[str, str] | None = None


@dataclass
class Measured:
    label: str
    cpu_ms: float
    p50_ms: float
    p99_ms: float
    per_second: float
    size: int


def _session_cookie(secret_key: str) -> str:
    """A logged-in coordinator's session, made the way django.contrib.auth.login makes it."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.test.utils import override_settings

    from ikz.accounts.models import User
    from ikz.demo.logins import COORDINATOR_LOGIN

    user = User.objects.get(username=COORDINATOR_LOGIN.username)
    with override_settings(SECRET_KEY=secret_key):
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.save()
        return str(session.session_key)


def _pages() -> list[Page]:
    from django.db.models import Count
    from django.urls import reverse

    from ikz.demo.logins import DEMO_SLUG
    from ikz.meetings.models import Meeting, Point
    from ikz.projects.models import Project
    from ikz.reports.models import StatusReport
    from ikz.surveys.models import Survey

    slug = DEMO_SLUG
    hot = Meeting.objects.filter(title__startswith="Benchmark-Sitzung").order_by("-pk").first()
    busiest = (
        Meeting.objects.filter(cooperation__slug=slug)
        .annotate(size=Count("points"))
        .order_by("-size", "pk")
        .first()
        if hot is None
        else hot
    )
    assert busiest is not None
    pages = [
        Page("floor /barrierefreiheit/", reverse("ui:accessibility")),
        Page("dashboard", reverse("cooperation:dashboard", args=[slug]), "coordinator"),
        Page("meeting list (upcoming)", reverse("meetings:list", args=[slug]), "coordinator"),
        Page(
            "past meetings list",
            reverse("meetings:list", args=[slug]) + "?zeit=vergangen",
            "coordinator",
        ),
        Page(
            f"meeting page, editor ({busiest.points.count()} points)",
            reverse("meetings:detail", args=[slug, busiest.pk]),
            "coordinator",
        ),
        Page("task list", reverse("tasks:list", args=[slug]), "coordinator"),
        Page("project board", reverse("projects:board", args=[slug]), "coordinator"),
        Page(
            "project list (by last change)",
            reverse("projects:list", args=[slug]) + "?sort=-aenderung",
            "coordinator",
        ),
        Page("public calendar feed", reverse("meetings_calendar:cooperation_feed", args=[slug])),
        Page(
            "public calendar feed, If-None-Match",
            reverse("meetings_calendar:cooperation_feed", args=[slug]),
            expect=304,
            headers={"If-None-Match": "*"},
        ),
    ]
    project = Project.objects.filter(cooperation__slug=slug).order_by("pk").first()
    if project is not None:
        pages.append(
            Page("project page", reverse("projects:detail", args=[slug, project.pk]), "coordinator")
        )
    survey = Survey.objects.filter(cooperation__slug=slug).order_by("pk").first()
    if survey is not None:
        pages.append(
            Page(
                "survey evaluation",
                reverse("surveys:evaluation", args=[slug, survey.pk]),
                "coordinator",
            )
        )
    report = StatusReport.objects.filter(cooperation__slug=slug).order_by("-pk").first()
    if report is not None:
        pages.append(
            Page(
                "report PDF draft",
                reverse("reports:draft_download", args=[slug, report.pk, "pdf"]),
                "coordinator",
            )
        )
    point = Point.objects.filter(meeting=busiest).order_by("position").first()
    if point is not None and hot is not None:
        pages.append(
            Page(
                f"minutes save with Enter ({busiest.points.count()} points)",
                reverse("meetings:point_change", args=[slug, busiest.pk, point.pk]),
                "coordinator",
                method="POST",
                body={"text": point.text, "kind": point.kind, "op": "new"},
                headers={"HX-Request": "true"},
            )
        )
    return pages


# --- Server ------------------------------------------------------------------------------------


def _free(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) != 0


def _environment(database: Path, data_dir: Path, secret_key: str) -> dict[str, str]:
    """Production settings (no IKZ_DEV, no DEBUG) against the benchmark's database."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"IKZ_DEV", "IKZ_DEBUG", "DATABASE_URL"}
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "ikz.settings",
            "SECRET_KEY": secret_key,
            "ALLOWED_HOSTS": "127.0.0.1",
            "IKZ_SSL_REDIRECT": "0",
            "IKZ_SQLITE_PATH": str(database),
            "IKZ_DATA_DIR": str(data_dir),
            "IKZ_SITE_URL": f"http://127.0.0.1:{PORT}",
            "IKZ_LOG_LEVEL": "WARNING",
        }
    )
    return env


def _collectstatic(env: dict[str, str]) -> None:
    """Production serves hashed static files from the manifest: collect them once."""
    subprocess.run(  # noqa: S603 - our own venv's ikz, fixed arguments
        [str(Path(sys.executable).with_name("ikz")), "collectstatic", "--noinput", "-v0"],
        env=env,
        cwd=str(ROOT),
        check=True,
    )


def _start(
    database: Path, data_dir: Path, secret_key: str
) -> tuple[subprocess.Popen[bytes], float]:
    assert _free(PORT), f"port {PORT} is taken"
    env = _environment(database, data_dir, secret_key)
    if not (data_dir / "static" / "staticfiles.json").exists():
        _collectstatic(env)
    gunicorn = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen(  # noqa: S603 - our own venv's gunicorn, fixed arguments
        [str(gunicorn), "ikz.wsgi", "--workers", "2", "--bind", f"127.0.0.1:{PORT}"],
        env=env,
        cwd=str(ROOT),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while _free(PORT):
        assert server.poll() is None, (server.stderr.read() if server.stderr else b"").decode()
        assert time.monotonic() < deadline, "gunicorn did not start within 60 s"
        time.sleep(0.1)
    time.sleep(1.0)  # both workers booted
    started = time.perf_counter()
    status, _body, _headers = _request(Page("first", "/barrierefreiheit/"), {})
    assert status == 200
    return server, time.perf_counter() - started


def _stop(server: subprocess.Popen[bytes]) -> None:
    server.terminate()
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def _workers(server: subprocess.Popen[bytes]) -> list[object]:
    import psutil

    return list(psutil.Process(server.pid).children())


def _cpu(workers: list[object]) -> float:
    total = 0.0
    for worker in workers:
        times = worker.cpu_times()  # type: ignore[attr-defined]
        total += times.user + times.system
    return total


def _request(
    page: Page, cookies: dict[str, str], csrf: str = ""
) -> tuple[int, bytes, dict[str, str]]:
    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=120)
    headers = {"Host": "127.0.0.1", **(page.headers or {})}
    jar = dict(cookies)
    if page.who == "coordinator" and "sessionid" in cookies:
        headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in jar.items())
    body = None
    if page.method == "POST":
        from urllib.parse import urlencode

        body = urlencode({**(page.body or {}), "csrfmiddlewaretoken": csrf})
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    connection.request(page.method, page.path, body=body, headers=headers)
    response = connection.getresponse()
    data = response.read()
    connection.close()
    headers_out = {k.lower(): v for k, v in response.getheaders()}
    headers_out["set-cookie"] = "; ".join(response.msg.get_all("Set-Cookie") or [])
    return response.status, data, headers_out


def _csrf(cookies: dict[str, str]) -> str:
    """A CSRF token from a page with a form, kept in the cookie jar."""
    status, body, headers = _request(Page("form", "/", "coordinator"), cookies)
    assert status == 200
    match = re.search(r"csrftoken=([^;]+)", headers.get("set-cookie", ""))
    if match:
        cookies["csrftoken"] = match.group(1)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
    assert token is not None, "no form with a CSRF token on the start page"
    return token.group(1).decode()


def _measure(
    server: subprocess.Popen[bytes], page: Page, cookies: dict[str, str], csrf: str
) -> Measured:
    for _ in range(WARMUP):
        status, body, _headers = _request(page, cookies, csrf)
        assert status == page.expect, (page.label, status, body[:300])
    workers = _workers(server)
    before = _cpu(workers)
    latencies: list[float] = []
    size = 0
    started = time.perf_counter()
    # At least REQUESTS requests, and enough for 0.5 s of worker CPU (the clock ticks in 10 ms
    # steps: a 5 ms page needs a hundred requests to be measured to a few per cent).
    while len(latencies) < REQUESTS or (
        _cpu(workers) - before < 0.5 and len(latencies) < MAX_REQUESTS
    ):
        sent = time.perf_counter()
        status, body, _headers = _request(page, cookies, csrf)
        latencies.append(time.perf_counter() - sent)
        assert status == page.expect, (page.label, status)
        size = len(body)
    elapsed = time.perf_counter() - started
    count = len(latencies)
    cpu = (_cpu(workers) - before) / count
    latencies.sort()
    p99 = latencies[min(len(latencies) - 1, round(0.99 * (len(latencies) - 1)))]
    return Measured(
        label=page.label,
        cpu_ms=cpu * 1000,
        p50_ms=statistics.median(latencies) * 1000,
        p99_ms=p99 * 1000,
        per_second=count / elapsed,
        size=size,
    )


def _run_scale(scale: str, database: Path, data_dir: Path) -> list[Result]:
    secret_key = secrets.token_urlsafe(40)
    cookies = {"sessionid": _session_cookie(secret_key)}
    pages = _pages()
    server, first = _start(database, data_dir, secret_key)
    results: list[Result] = [
        (f"{scale}.first_request_new_worker", first, f"{first * 1000:.0f} ms wall, floor page")
    ]
    try:
        csrf = _csrf(cookies)
        measured = [_measure(server, page, cookies, csrf) for page in pages]
        rss = [worker.memory_info().rss for worker in _workers(server)]  # type: ignore[attr-defined]
    finally:
        _stop(server)
    floor = measured[0].cpu_ms
    for item in measured:
        note = (
            f"{item.cpu_ms / floor:5.1f}× floor, CPU {item.cpu_ms:6.1f} ms/req, "
            f"p50 {item.p50_ms:.0f} ms, p99 {item.p99_ms:.0f} ms, {item.per_second:.1f} req/s, "
            f"{item.size / 1024:.0f} kB"
        )
        results.append((f"{scale}.{item.label}", item.cpu_ms / 1000, note))
    results.append(
        (f"{scale}.worker_memory", 0.0, f"max RSS {max(rss) / 2**20:.0f} MB of {len(rss)} workers")
    )
    return results


def _ikz_help() -> Result:
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(  # noqa: S603 - our own venv's ikz, fixed arguments
        [str(Path(sys.executable).with_name("ikz")), "help"],
        check=True,
        stdout=subprocess.DEVNULL,
        env={**os.environ, "IKZ_DEV": "1"},
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return ("ikz_help", cpu, f"CPU {cpu * 1000:.0f} ms, wall {wall * 1000:.0f} ms")


def run() -> list[Result]:
    from django.conf import settings

    database = Path(settings.DATABASES["default"]["NAME"])
    data_dir = database.parent
    results = [_ikz_help()]
    demo()
    results.extend(_run_scale("1x", database, data_dir))
    scale_up()
    print(f"  100x data: {sizes()}", file=sys.stderr, flush=True)
    results.extend(_run_scale("100x", database, data_dir))
    return results
