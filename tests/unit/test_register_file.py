"""The register file reuses the text of unchanged companies and stays byte for byte what
json.dumps(indent=2) writes, whatever the strings hold."""

from __future__ import annotations

import copy
import json

from register.register_file import render

TRICKY = [
    'line\nbreak and "quotes"',
    "\n    },\n    {\n",
    '  "companies": [',
    "\n  ]",
    "accents éàü — « guillemets » \u2028 \u00a0",
    "tab\there \\ backslash",
]


def register(count: int) -> dict:
    return {
        "schema_version": 2,
        "label_rules": {"name": "Relation Client France", "nested": {"a": [1, {"b": []}]}},
        "companies": [
            {
                "slug": f"s{i}",
                "name": TRICKY[i % len(TRICKY)],
                "list": [],
                "map": {},
                "versions": [{"n": i, "ok": True, "none": None}],
            }  # fmt: skip
            for i in range(count)
        ],
        "after": "a key after the companies",
    }


def dumped(raw: dict) -> str:
    return json.dumps(raw, ensure_ascii=False, indent=2) + "\n"


def test_a_changed_company_among_unchanged_ones_is_written_as_json_dumps_writes_it():
    previous = register(12)
    text = dumped(previous)
    raw = copy.deepcopy(previous)
    raw["companies"][3]["name"] = "changé\n    },\n    {\n"
    raw["companies"].append({"slug": "new", "name": "Nouvelle"})
    del raw["companies"][7]
    raw["after"] = "changed"
    assert render(raw, (previous, text)) == dumped(raw)


def test_unchanged_text_is_reused_rather_than_encoded_again():
    previous = register(3)
    text = dumped(previous).replace('"n": 1,', '"n":   1,')  # stands for a reused piece
    assert '"n":   1,' in render(copy.deepcopy(previous), (previous, text))


def test_a_file_laid_out_otherwise_is_written_from_scratch():
    previous = register(4)
    compact = json.dumps(previous, ensure_ascii=False)
    assert render(previous, (previous, compact)) == dumped(previous)
    assert render({"companies": []}, (previous, dumped(previous))) == dumped({"companies": []})
