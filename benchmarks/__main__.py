"""Run the benchmarks: every ``benchmarks/bench_*.py``, or the ones named on the command line.

    python -m benchmarks              # all
    python -m benchmarks dates        # bench_dates.py only ("bench_dates" works too)
    python -m benchmarks --list

Django is set up against a throwaway SQLite database in a temporary directory, migrated,
and removed afterwards; DATABASE_URL is ignored so that a benchmark never touches real data.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import tempfile
import time
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent


def available() -> list[str]:
    return sorted(path.stem.removeprefix("bench_") for path in HERE.glob("bench_*.py"))


def setup_django(data_dir: Path) -> None:
    os.environ.setdefault("IKZ_DEV", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ikz.settings")
    os.environ.pop("DATABASE_URL", None)
    # A throwaway PostgreSQL cluster on purpose (make bench-postgres), never DATABASE_URL.
    if os.environ.get("IKZ_BENCH_DATABASE_URL"):
        os.environ["DATABASE_URL"] = os.environ["IKZ_BENCH_DATABASE_URL"]
    os.environ["IKZ_DATA_DIR"] = str(data_dir)
    os.environ["IKZ_SQLITE_PATH"] = str(data_dir / "bench.sqlite3")

    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)


def print_table(rows: list[tuple[str, str, str, str]]) -> None:
    headers = ("benchmark", "seconds", "cpu s", "note")
    widths = [max(len(row[i]) for row in [headers, *rows]) for i in range(4)]
    for row in [headers, tuple("-" * width for width in widths), *rows]:
        print(f"{row[0]:<{widths[0]}}  {row[1]:>{widths[1]}}  {row[2]:>{widths[2]}}  {row[3]}")


def main(argv: list[str] | None = None) -> int:
    description = (__doc__ or "").split("\n")[0]
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=description)
    parser.add_argument("names", nargs="*", help="benchmark modules to run (default: all)")
    parser.add_argument("--list", action="store_true", help="list the benchmarks and exit")
    args = parser.parse_args(argv)

    names = [name.removeprefix("bench_").removesuffix(".py") for name in args.names] or available()
    if args.list:
        print("\n".join(available()))
        return 0
    unknown = sorted(set(names) - set(available()))
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(unknown)}; known: {', '.join(available())}")

    failed = []
    rows: list[tuple[str, str, str, str]] = []
    with tempfile.TemporaryDirectory(prefix="ikz-bench-") as tmp:
        setup_django(Path(tmp))
        for name in names:
            print(f"running {name} ...", file=sys.stderr, flush=True)
            started = time.perf_counter()
            try:
                module = importlib.import_module(f"benchmarks.bench_{name}")
                results = module.run()
            except Exception:
                traceback.print_exc()
                failed.append(name)
                rows.append((name, "-", "-", "FAILED (traceback above)"))
                continue
            for label, seconds, note, *cpu in results:
                cpu_text = f"{cpu[0]:.4f}" if cpu else "-"
                rows.append((f"{name}.{label}", f"{seconds:.4f}", cpu_text, note))
            print(f"  done in {time.perf_counter() - started:.1f} s", file=sys.stderr)

    print()
    print_table(rows)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
