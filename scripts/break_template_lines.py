"""Break template lines longer than the limit where the rendered page cannot change.

    python3 scripts/break_template_lines.py [--check] [FILE ...]

Without files: every ``src/ikz/**/templates/**/*.html``. A line is broken only
- between the attributes of an HTML tag (whitespace there is one separator, whatever it is),
- after the end tag of a block element (``</li>``, ``</td>``, ``</p>``, ``</div>`` …; see BLOCK)
  or after ``<br>``, and right inside a block element (after its start tag, before its end
  tag), even next to a ``{% %}`` tag: white space between block boxes, or at the start or end
  of a line box, is not rendered (the KERN and IKZ styles lay these elements out as blocks,
  table cells, flex or grid items, never inline),
- at a space in running text: HTML shows any run of white space as one space, so a line break
  and its indentation look exactly like the space they replace. Not in elements that keep
  white space or whose text is copied as it is (KEEP, KEEP_CLASSES), not in ``{% block %}``s
  that fill an attribute (ATTRIBUTE_BLOCKS), and not in an untrimmed ``{% blocktranslate %}``
  (the message id would change),
- between the words of a ``{% blocktranslate trimmed %}`` (trimming joins the lines with one
  space again, so the message id and the output stay the same), and right after its opening
  tag, around ``{% plural %}`` and before ``{% endblocktranslate %}`` (trimming strips the
  white space at both ends of the singular and of the plural).
To make long texts breakable, a ``{% blocktranslate %}`` on a one-line body gets ``trimmed``,
and a plain ``{% translate "…" %}`` without ``& < > " '`` or ``%`` becomes a
``{% blocktranslate trimmed %}`` with the same text (same message id, same output).
Never inside ``{% %}``, ``{{ }}``, ``{# #}``, a quoted attribute value, ``<pre>``,
``<textarea>``, ``<script>``, ``<style>`` or a comment. The limit and why:
tests/test_template_lines.py.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

LIMIT = 120
ROOT = Path(__file__).resolve().parents[1]
RAW = ("pre", "textarea", "script", "style")
# Text whose white space is kept (CSS `white-space: pre*`) or copied and read as it is.
KEEP = ("code", "kbd", "samp", "option", "title")
KEEP_CLASSES = ("ikz-portal-text",)
ATTRIBUTE_BLOCKS = ("description", "og_description", "og_title", "og_type")  # portal/layout.html
_BLOCKS = r"(?:li|ul|ol|dl|dt|dd|p|div|td|th|tr|thead|tbody|table|section|details|nav|h[1-6])"
BLOCK = re.compile(rf"</{_BLOCKS}>$|<br>$")
BLOCK_START = re.compile(rf"<{_BLOCKS}\b")
BLOCK_END = re.compile(rf"</{_BLOCKS}>")
_TRANSLATE = re.compile(r'\{% translate "([^"&<>\'%\\]{20,})" %\}')
_BLOCK_START = re.compile(r"\{% blocktrans(?:late)?\b([^%]*)%\}")


def _breakable(text: str) -> list[bool]:
    """For each character: may this (whitespace) character become a line break?

    A non-space character flagged here is a place where a line break may be inserted before it.
    """
    ok = [False] * len(text)
    i, n = 0, len(text)
    in_tag = False
    quote = ""
    raw = ""
    trimmed = False  # inside {% blocktranslate trimmed %}
    block = False  # inside any blocktranslate
    comment = False  # inside {% comment %}
    start = 0  # where the open tag began
    keep: list[str] = []  # open elements whose text keeps its white space (innermost last)
    attribute_block = False  # inside a {% block %} that fills an attribute
    while i < n:
        two = text[i : i + 2]
        if two in ("{%", "{{", "{#"):
            end = text.find({"{%": "%}", "{{": "}}", "{#": "#}"}[two], i + 2)
            end = n if end < 0 else end + 2
            tag = text[i:end]
            if two == "{%":
                name = tag[2:-2].split()[0] if tag[2:-2].split() else ""
                if name in ("blocktranslate", "blocktrans"):
                    block, trimmed = True, "trimmed" in tag.split()
                    edge = trimmed  # a break after the opening tag is trimmed away
                elif name in ("endblocktranslate", "endblocktrans", "plural"):
                    edge = trimmed
                    if trimmed and text[i - 1] not in " \t\n":
                        ok[i] = True
                    if name != "plural":
                        block = trimmed = edge = False
                else:
                    edge = False
                if edge and end < n and text[end] not in " \t\n":
                    ok[end] = True
                elif name == "comment":
                    comment = True
                elif name == "endcomment":
                    comment = False
                elif name == "block":
                    attribute_block = tag[2:-2].split()[1:2] in [[b] for b in ATTRIBUTE_BLOCKS]
                elif name == "endblock":
                    attribute_block = False
            i = end
            continue
        char = text[i]
        if comment:
            i += 1
            continue
        if raw:
            if text.startswith(f"</{raw}", i):
                in_tag, start = True, i
                i += 2 + len(raw)
                raw = ""
                continue
            i += 1
            continue
        if in_tag:
            if quote:
                if char == quote:
                    quote = ""
            elif char in "\"'":
                quote = char
            elif char == ">":
                in_tag = False
                if not block and i + 1 < n and text[i + 1] not in " \t\n":
                    ok[i + 1] = BLOCK.search(text[start : i + 1]) is not None
                    if BLOCK_START.match(text, start) and not keep:
                        ok[i + 1] = ok[i + 1] or not re.search(KEEP_CLASSES[0], text[start:i])
                opened = re.match(r"<([a-zA-Z]+)", text[start:i])
                closed = re.match(r"</([a-zA-Z]+)", text[start:i])
                if opened and opened.group(1).lower() in RAW:
                    raw = opened.group(1).lower()
                elif opened:
                    element = opened.group(1).lower()
                    classes = re.search(r"""class=["']([^"']*)""", text[start:i])
                    kept = classes and set(classes.group(1).split()) & set(KEEP_CLASSES)
                    if element in KEEP or kept or (keep and keep[-1] == element):
                        keep.append(element)
                elif closed and keep and keep[-1] == closed.group(1).lower():
                    keep.pop()
            elif char in " \t" and (not block or trimmed):
                ok[i] = True
            i += 1
            continue
        if text.startswith("<!--", i):
            end = text.find("-->", i)
            i = n if end < 0 else end + 3
            continue
        if char == "<" and i + 1 < n and (text[i + 1].isalpha() or text[i + 1] == "/"):
            if not (block or keep) and text[i - 1] not in " \t\n" and BLOCK_END.match(text, i):
                ok[i] = True  # the end of a block element's content
            in_tag, start = True, i
            i += 1
            continue
        if trimmed and char == " " and text[i - 1] != " " and text[i + 1 : i + 2] not in (" ", ""):
            ok[i] = True
        elif char == " " and not block and text[i - 1] == ">" and text[i + 1 : i + 2] == "<":
            ok[i] = True  # whitespace between two elements: one space or a line break, the same
        elif (
            char == " "
            and not (block or keep or attribute_block)
            and text[i - 1] not in " \t\n"
            and text[i + 1 : i + 2] not in (" ", "\t", "\n", "")
        ):
            ok[i] = True  # a space in running text (see the module's docstring)
        i += 1
    return ok


def _widen(text: str) -> str:
    """Make long texts on long lines breakable (see the module's docstring)."""
    lines = text.split("\n")
    for number, line in enumerate(lines):
        if len(line) <= LIMIT:
            continue
        line = _TRANSLATE.sub(r"{% blocktranslate trimmed %}\1{% endblocktranslate %}", line)

        def trim(match: re.Match[str], line: str = line) -> str:
            options = match.group(1).split()
            if "trimmed" in options:
                return match.group(0)
            rest = line[match.end() :]
            close = re.search(r"\{% endblocktrans(?:late)? %\}", rest)
            body = rest[: close.start()] if close else ""
            if not close or body != body.strip():
                return match.group(0)
            return match.group(0)[:-2].rstrip() + " trimmed %}"

        lines[number] = _BLOCK_START.sub(trim, line)
    return "\n".join(lines)


def wrap(text: str) -> str:
    text = _widen(text)
    ok = _breakable(text)
    out: list[str] = []
    line_start = 0
    for line in text.split("\n"):
        flags = ok[line_start : line_start + len(line)]
        line_start += len(line) + 1
        indent = line[: len(line) - len(line.lstrip())] + "  "
        while len(line) > LIMIT:
            # An inserted break (not at a space) only where it leaves a short enough head.
            spots = [
                i
                for i, flag in enumerate(flags)
                if flag and line[:i].strip() and (line[i] in " \t" or i <= LIMIT)
            ]
            before = [i for i in spots if i <= LIMIT]
            if not spots or (not before and spots[0] >= len(line) - 1):
                break
            cut = before[-1] if before else spots[0]
            end = cut
            while end < len(line) and line[end] in " \t":
                end += 1
            head, line = line[:cut].rstrip(), indent + line[end:]
            flags = [False] * len(indent) + flags[end:]
            if len(line.strip()) == 0:
                break
            out.append(head)
        out.append(line)
    return "\n".join(out)


def main(argv: list[str]) -> int:
    check = "--check" in argv
    names = [arg for arg in argv if arg != "--check"]
    paths = [Path(n) for n in names] or sorted(ROOT.glob("src/ikz/**/templates/**/*.html"))
    changed = []
    for path in paths:
        before = path.read_text()
        after = wrap(before)
        if after != before:
            changed.append(path)
            if not check:
                path.write_text(after)
    for path in changed:
        print(("would break lines in " if check else "broke lines in ") + str(path))
    return 1 if check and changed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
