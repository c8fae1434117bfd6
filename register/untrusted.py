"""What every reader of register text from outside goes through: strict JSON, a nesting limit,
and no control characters.

Python's `json.loads` accepts `NaN` and `Infinity`, which are not JSON: a register holding one
would be served back as a body browsers and other readers cannot parse. It also exhausts the
stack on deeply nested input and raises RecursionError, which nothing expects; and a structure
just shallow enough to parse still breaks whatever copies or compares it recursively later.
Control characters (terminal escapes among them) and bidi controls have no place in a
register's text, and error messages must not replay them on the terminal of whoever runs an
import or a moderation command.
"""

from __future__ import annotations

import json
import re
from typing import Any

# A register record is a few levels deep; anything much deeper is hostile.
MAX_DEPTH = 12
# Bidi controls reorder what follows them on screen: "Good \u202eliaf\u202c Shop" reads
# "Good fail Shop". Marks, embeddings, overrides and isolates alike.
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
# C0 and C1 controls (terminal escapes, CR, LF), the Unicode line and paragraph separators
# that some terminals and viewers break lines on, and the bidi controls.
CONTROL_RE = re.compile(f"[\x00-\x1f\x7f-\x9f\u2028\u2029{BIDI_CONTROLS}]")


class NotJson(ValueError):
    """Text that Python would read but JSON does not allow (the message says what)."""


def loads(text: str) -> Any:
    """json.loads; NotJson for NaN/Infinity or runaway nesting, JSONDecodeError for syntax."""

    def refuse(constant: str) -> Any:
        raise NotJson(f"{constant} is not a JSON number")

    try:
        return json.loads(text, parse_constant=refuse)
    except RecursionError:
        raise NotJson("lists and objects nested too deeply to read") from None


def nesting_depth(value: Any) -> int:
    """How deeply lists and objects nest in `value`, computed without recursion.

    Only containers go on the stack, level by level: a 100k-company register holds millions
    of strings, and stacking each one took 14 s of a 100k index build (profiled)."""
    if not isinstance(value, dict | list):
        return 0
    depth, level = 0, [value]
    while level:
        depth += 1
        level = [
            child
            for item in level
            for child in (item.values() if isinstance(item, dict) else item)
            if isinstance(child, dict | list)
        ]
    return depth


def printable(text: str) -> str:
    """`text` with control and bidi characters shown as escapes, safe to print on a terminal:
    nothing in it can start a new line, move the cursor or reorder what is shown."""
    return CONTROL_RE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
