"""The register file's text, written the way people review it (`json.dumps(indent=2)`), fast.

Python's JSON encoder writes indented output in pure Python: at 10,000 companies that was
0.3-2.7 s of a certifier's one-record call. The file stays byte for byte what
`json.dumps(raw, ensure_ascii=False, indent=2) + "\\n"` gives — imports, tests and reviewers
read it — but the text of a company that did not change is taken from the previous file when
that file is one this module wrote (the caller knows: register.publishing marks the files it
installs). A company sits in that text as an element of the top-level "companies" list:
lines indented by four spaces, opening with `    {` and closing with `    }`; JSON strings
never hold a raw newline, so those lines are found by plain search.
"""

from __future__ import annotations

import json
from typing import Any

_OPEN, _CLOSE = '\n  "companies": [\n', "\n  ]"
_BETWEEN = "\n    },\n    {\n"


def render(raw: dict[str, Any], previous: tuple[dict[str, Any], str] | None = None) -> str:
    """The file's text for `raw`; `previous` is (register, its file's text) as this module
    wrote it, whose companies' text is reused for the equal companies of `raw`."""
    companies = raw.get("companies")
    reusable = _elements(*previous) if previous else None
    if not reusable or not isinstance(companies, list) or not companies:
        return json.dumps(raw, ensure_ascii=False, indent=2) + "\n"
    shell = json.dumps({**raw, "companies": []}, ensure_ascii=False, indent=2)
    empty = '\n  "companies": []'
    head, _, tail = shell.partition(empty)
    parts = []
    for record in companies:
        slug = record.get("slug") if isinstance(record, dict) else None
        known = reusable.get(slug) if isinstance(slug, str) else None
        if known is not None and (known[0] is record or known[0] == record):
            parts.append(known[1])
        else:
            text = json.dumps(record, ensure_ascii=False, indent=2)
            parts.append("    " + text.replace("\n", "\n    "))
    return head + _OPEN + ",\n".join(parts) + _CLOSE + tail + "\n"


def _elements(register: dict[str, Any], text: str) -> dict[str, tuple[dict, str]] | None:
    """slug → (record, its text in `text`), or None when `text` is not laid out as expected."""
    records = register.get("companies")
    start = text.find(_OPEN)
    end = text.find(_CLOSE, start + len(_OPEN))
    if not isinstance(records, list) or not records or start < 0 or end < 0:
        return None
    pieces = text[start + len(_OPEN) : end].split(_BETWEEN)
    if len(pieces) != len(records):
        return None
    pieces[0] = pieces[0].removeprefix("    {\n")
    pieces[-1] = pieces[-1].removesuffix("\n    }")
    return {
        record["slug"]: (record, "    {\n" + piece + "\n    }")
        for record, piece in zip(records, pieces, strict=True)
    }
