"""Concurrent writers against a real gunicorn (``ikz serve``) on SQLite, loopback only.

20 clients (coordinators, each logged in) create minute points, create tasks and edit their
points for ``IKZ_BENCH_SECONDS`` (default 60) seconds; then the same while ``ikz import`` of a
10 MB exchange file runs. Counted: server errors (5xx other than a 503 "bitte gleich noch
einmal" answer, and broken connections), 503 answers (retried after a pause, as the page
asks), and lost writes: every acknowledged write (a redirect after the POST) must be in the
database afterwards. Latency is per request; p50/p95/max are reported.
"""

from __future__ import annotations

import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import Result

CLIENTS = int(os.environ.get("IKZ_BENCH_CLIENTS", "20"))
SECONDS = float(os.environ.get("IKZ_BENCH_SECONDS", "60"))
IMPORT_MB = float(os.environ.get("IKZ_BENCH_IMPORT_MB", "10"))
PASSWORD = "bench-passwort-2019"  # noqa: S105 - a throwaway benchmark database
HOST = "127.0.0.1"
MAX_IMPORT_SECONDS = 600


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    acknowledged: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    busy: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


class Client:
    def __init__(self, port: int, username: str) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}
        self.username = username

    def request(self, method: str, path: str, body: dict[str, str] | None = None) -> Any:
        connection = http.client.HTTPConnection(HOST, self.port, timeout=60)
        headers = {"Host": HOST, "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        data = None
        if body is not None:
            from urllib.parse import urlencode

            data = urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["X-CSRFToken"] = self.cookies.get("csrftoken", "")
        connection.request(method, path, body=data, headers=headers)
        response = connection.getresponse()
        payload = response.read()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _sep, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        connection.close()
        return response.status, payload

    def login(self) -> None:
        self.request("GET", "/konto/anmelden/")
        status, _payload = self.request(
            "POST", "/konto/anmelden/", {"username": self.username, "password": PASSWORD}
        )
        if status != 302:
            raise RuntimeError(f"login of {self.username} failed: {status}")


def prepare(count: int) -> dict[str, Any]:
    from ikz.accounts.models import CooperationRole, User
    from ikz.cooperation.models import Body, Cooperation
    from ikz.dates import PartialDate
    from ikz.meetings import services

    cooperation = Cooperation.objects.create(name="Bench", slug="bench")
    body = Body.objects.create(cooperation=cooperation, name="AG Bench", kind="working_group")
    meeting = services.meeting_create(
        cooperation=cooperation, body=body, when=PartialDate.day(2019, 12, 5)
    )
    users = []
    for number in range(count):
        user = User.objects.create_user(username=f"bench{number}", password=PASSWORD)
        CooperationRole.objects.create(
            user=user, cooperation=cooperation, role=CooperationRole.Role.COORDINATOR
        )
        users.append(user.username)
    return {"slug": cooperation.slug, "meeting": meeting.pk, "body": body.pk, "users": users}


def big_exchange_file(path: Path, megabytes: float, slug: str = "import-quelle") -> int:
    """An exchange file of about ``megabytes`` MB: one cooperation with many minute points."""
    from ikz.cooperation.models import Body, Cooperation
    from ikz.dates import PartialDate
    from ikz.exchange.services import dumps, export_cooperation
    from ikz.meetings import services
    from ikz.meetings.models import Point

    cooperation = Cooperation.objects.create(name=f"Quelle {slug}", slug=slug)
    body = Body.objects.create(cooperation=cooperation, name="AG Quelle", kind="working_group")
    text = "Beschluss zur gemeinsamen Beschaffung von Streusalz und Winterdienst " * 3
    points_per_meeting = 400
    meetings = max(1, int(megabytes * 1024 * 1024 / (points_per_meeting * 330)))
    for day in range(meetings):
        meeting = services.meeting_create(
            cooperation=cooperation, body=body, when=PartialDate.day(2019, 1 + day % 12, 1)
        )
        Point.objects.bulk_create(
            Point(cooperation=cooperation, meeting=meeting, position=i, text=f"{i}: {text}")
            for i in range(points_per_meeting)
        )
    data = dumps(export_cooperation(cooperation=cooperation))
    path.write_text(data, encoding="utf-8")
    return len(data.encode())


def worker(client: Client, scene: dict[str, Any], go_on: Callable[[], bool], tally: Tally) -> None:
    slug, meeting = scene["slug"], scene["meeting"]
    writes = [
        ("point", f"/{slug}/sitzungen/{meeting}/protokoll/neu/"),
        ("task", f"/{slug}/aufgaben/neu/"),
    ]
    turn = 0
    while go_on():
        kind, path = writes[turn % 2]
        turn += 1
        token = f"bench-{uuid.uuid4().hex[:12]}"
        body = (
            {"text": token, "kind": "information", "op": "save"}
            if kind == "point"
            else {"title": token, "body": str(scene["body"])}
        )
        started = time.perf_counter()
        try:
            status, _payload = client.request("POST", path, body)
        except OSError as error:
            with tally.lock:
                tally.errors.append(f"{kind}: {error}")
            continue
        elapsed = time.perf_counter() - started
        with tally.lock:
            tally.latencies.append(elapsed)
            if status == 302:
                tally.acknowledged.append(f"{kind}:{token}")
            elif status == 503:
                tally.busy += 1
            else:
                tally.errors.append(f"{kind}: HTTP {status}")
        if status == 503:
            time.sleep(1)  # the page asks to try again in a moment


def count_lost(tally: Tally) -> int:
    from ikz.meetings.models import Point, Task

    points = {t.split(":", 1)[1] for t in tally.acknowledged if t.startswith("point:")}
    tasks = {t.split(":", 1)[1] for t in tally.acknowledged if t.startswith("task:")}
    found_points = set(Point.objects.filter(text__in=points).values_list("text", flat=True))
    found_tasks = set(Task.objects.filter(title__in=tasks).values_list("title", flat=True))
    return len(points - found_points) + len(tasks - found_tasks)


def phase(
    scene: dict[str, Any],
    clients: list[Client],
    seconds: float,
    busy: subprocess.Popen[bytes] | None = None,
) -> Tally:
    """Write for ``seconds``, and on while ``busy`` (the importer) runs, at most 10 minutes."""
    tally = Tally()
    started = time.monotonic()

    def go_on() -> bool:
        elapsed = time.monotonic() - started
        running = busy is not None and busy.poll() is None
        return elapsed < seconds or (running and elapsed < MAX_IMPORT_SECONDS)

    threads = [threading.Thread(target=worker, args=(c, scene, go_on, tally)) for c in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return tally


def summary(name: str, tally: Tally, seconds: float, extra: str = "") -> list[Result]:
    latencies = sorted(tally.latencies)
    p95 = latencies[int(len(latencies) * 0.95) - 1] if latencies else 0.0
    p50 = statistics.median(latencies) if latencies else 0.0
    lost = count_lost(tally)
    note = (
        f"{CLIENTS} clients × {seconds:.0f} s: {len(tally.acknowledged)} writes, "
        f"{len(tally.errors)} server errors, {lost} lost, {tally.busy} × 503 retried, "
        f"p50 {p50 * 1000:.0f} ms, max {latencies[-1] * 1000 if latencies else 0:.0f} ms{extra}"
    )
    if tally.errors:
        note += f"; first errors: {tally.errors[:3]}"
    return [(f"{name} p95", p95, note)]


def run() -> list[Result]:
    from django.conf import settings

    scene = prepare(CLIENTS)
    database = str(settings.DATABASES["default"]["NAME"])
    data_dir = str(settings.DATA_DIR)
    port = free_port()
    env = dict(os.environ) | {
        "IKZ_DEV": "1",
        "IKZ_DEBUG": "0",
        "IKZ_DATA_DIR": data_dir,
        "IKZ_SQLITE_PATH": database,
        "IKZ_FAST_PASSWORD_HASHER": "1",
        "IKZ_LOG_LEVEL": "WARNING",
    }
    env.pop("IKZ_ZEAL_RAISE", None)
    ikz = str(Path(sys.executable).parent / "ikz")
    server = subprocess.Popen(  # noqa: S603 - our own console script, loopback only
        [ikz, "serve", "--bind", f"{HOST}:{port}", "--workers", "4"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    results: list[Result] = []
    try:
        for _ in range(150):
            try:
                Client(port, "").request("GET", "/healthz")
                break
            except OSError:
                time.sleep(0.2)
        clients = [Client(port, name) for name in scene["users"]]
        for client in clients:
            client.login()
        results += summary("writers", phase(scene, clients, SECONDS), SECONDS)

        with tempfile.TemporaryDirectory(prefix="ikz-bench-import-") as tmp:
            source = Path(tmp) / "gross.json"
            size = big_exchange_file(source, IMPORT_MB)
            importer = subprocess.Popen(  # noqa: S603
                [ikz, "import", str(source), "--slug", "import-ziel"],
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
            )
            started = time.monotonic()
            tally = phase(scene, clients, SECONDS, busy=importer)
            took = time.monotonic() - started
            if importer.poll() is None:
                importer.terminate()
            output = importer.communicate(timeout=60)[0].decode("utf-8", "replace")
            ok = importer.returncode == 0
            extra = (
                f"; import of {size / 1024 / 1024:.1f} MB "
                f"{'done' if ok else 'NOT DONE'} within {took:.0f} s"
            )
            if not ok:
                extra += f" ({output.strip().splitlines()[-1:]})"
            results += summary("writers during ikz import", tally, took, extra)
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(json.dumps([{"name": r[0], "seconds": r[1], "note": r[2]} for r in results]))
    return results
