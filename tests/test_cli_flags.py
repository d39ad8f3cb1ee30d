"""The ``ikz`` commands' flags are English; the German spellings of the first release are
hidden aliases that still work (docs/operations.md, "Command-line flags")."""

from __future__ import annotations

import argparse
import re
import shlex
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.management import get_commands, load_command_class

ROOT = Path(__file__).resolve().parents[1]

# Every word a flag of an ikz command (or Django's common options) may be made of. A new flag
# with a word outside this list fails: add the word if it is English.
ENGLISH_WORDS = {
    # Django's options on every command
    "help", "version", "verbosity", "settings", "pythonpath", "traceback", "no", "color",
    "force", "skip", "checks",
    # the project's commands
    "if", "empty", "output", "zip", "slug", "name", "region", "organisation", "website",
    "description", "coordinator", "role", "person", "bind", "workers", "timeout", "format",
    "audience", "issued", "outlook", "months", "days", "today", "cooperation", "dry", "run",
}  # fmt: skip
# The German spellings of the first release, kept for one release: (command, alias) -> English.
GERMAN_ALIASES = {
    ("survey_reminders", "--tage"): "--days",
    ("survey_reminders", "--heute"): "--today",
    ("survey_reminders", "--kooperation"): "--cooperation",
    ("survey_reminders", "--probelauf"): "--dry-run",
}


def ikz_commands() -> list[str]:
    return sorted(name for name, app in get_commands().items() if app.startswith("ikz."))


def parser_of(name: str) -> argparse.ArgumentParser:
    command = load_command_class(get_commands()[name], name)
    return command.create_parser("ikz", name)


def parsers(parser: argparse.ArgumentParser) -> Iterator[argparse.ArgumentParser]:
    """The parser and every sub-command's parser (``ikz cooperation create``)."""
    yield parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                yield from parsers(sub)


def test_the_walk_finds_the_projects_commands() -> None:
    expected = {"demo", "export", "import", "report", "survey_reminders", "cooperation", "invite"}
    assert expected <= set(ikz_commands())


@pytest.mark.parametrize("name", ikz_commands())
def test_every_flag_is_english(name: str) -> None:
    wrong = []
    for parser in parsers(parser_of(name)):
        by_flag = {flag: action for action in parser._actions for flag in action.option_strings}
        for flag, action in by_flag.items():
            if not flag.startswith("--"):
                continue  # -o, -h, -v
            english = GERMAN_ALIASES.get((name, flag))
            if english is not None:
                # An alias: hidden in --help, stored where the English flag stores.
                assert action.help == argparse.SUPPRESS, f"{name} {flag} is listed in --help"
                assert by_flag[english].dest == action.dest, f"{name} {flag} != {english}"
                continue
            words = set(flag[2:].split("-"))
            if not words <= ENGLISH_WORDS:
                wrong.append(f"{name} {flag}: {sorted(words - ENGLISH_WORDS)}")
    assert not wrong, wrong


def test_every_alias_still_exists() -> None:
    """The list of aliases is the promise of docs/operations.md: none vanishes unannounced."""
    for (name, alias), _english in GERMAN_ALIASES.items():
        flags = {
            flag for p in parsers(parser_of(name)) for a in p._actions for flag in a.option_strings
        }
        assert alias in flags, (name, alias)


def test_the_german_aliases_mean_the_same_as_the_english_flags() -> None:
    parser = parser_of("survey_reminders")
    old = parser.parse_args(
        ["--tage", "3", "--heute", "27.01.2020", "--kooperation", "x", "--probelauf"]
    )
    new = parser.parse_args(
        ["--days", "3", "--today", "27.01.2020", "--cooperation", "x", "--dry-run"]
    )
    assert vars(old) == vars(new)
    assert (new.days, new.today, new.cooperation, new.dry_run) == (3, "27.01.2020", "x", True)
    plain = parser.parse_args([])
    assert (plain.days, plain.today, plain.cooperation, plain.dry_run) == (7, None, None, False)
    shown = parser.format_help()
    assert "--days" in shown
    assert "--dry-run" in shown
    assert not re.search(r"--(tage|heute|kooperation|probelauf)\b", shown)


# `ikz …` as printed in the README, the docs and the deployment examples.
_SHOWN = re.compile(r"(?:^|[`\s/])ikz ([a-z_]+(?: [^`|\n]*)?)")


def shown_commands() -> Iterator[tuple[str, str, str]]:
    """(file, the command as shown, its whole line)."""
    files = [ROOT / "README.md", *sorted((ROOT / "docs").glob("**/*.md"))]
    files += sorted((ROOT / "deploy").glob("**/*.service"))
    for path in files:
        for line in path.read_text().splitlines():
            for match in _SHOWN.finditer(line):
                yield path.name, match.group(1), line


def test_every_flag_the_docs_show_is_a_current_english_flag() -> None:
    """Every command the README and docs print still runs as printed, with no alias in it."""
    commands = set(ikz_commands())
    aliases = {alias: english for (_name, alias), english in GERMAN_ALIASES.items()}
    checked = 0
    for source, text, line in shown_commands():
        name = text.split()[0]
        if name not in commands:
            continue  # Django's own commands (migrate, collectstatic, …)
        flags = {
            flag for p in parsers(parser_of(name)) for a in p._actions for flag in a.option_strings
        }
        for flag in re.findall(r"(?<![\w-])--[a-z][a-z-]*", text):
            checked += 1
            assert flag in flags, f"{source}: ikz {text!r}: {flag} unknown"
            if flag in aliases:
                # Only the table of old spellings in docs/operations.md names them, beside
                # the new one.
                assert source == "operations.md", f"{source}: ikz {text!r}: {flag} is an alias"
                assert f"`{aliases[flag]}" in line, line
    assert checked > 20


def test_the_shipped_reminder_unit_parses() -> None:
    unit = (ROOT / "deploy" / "systemd" / "ikz-reminders.service").read_text()
    line = next(row for row in unit.splitlines() if row.startswith("ExecStart="))
    argv = shlex.split(line.split("ikz ", 1)[1])
    options = parser_of(argv[0]).parse_args(argv[1:])
    assert options.days == 7
