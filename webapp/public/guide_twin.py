"""The labels guide as people and programs read it: dates in words, kinds named, a JSON twin.

The facts come from `register.label_guide` untouched; their words are in
`webapp.wording.guide_words`.
"""

from __future__ import annotations

from typing import Any

from flask import url_for

from register.label_guide import LabelGuide


def guide_json(guide: LabelGuide) -> dict[str, Any]:
    """The guide file as reviewed, plus where each label's section is on the page.

    Both languages are in the data, so the links carry no `?lang=`: one body for everyone.
    """
    return {
        **guide.raw,
        "labels": [
            {**raw, "url": url_for("public.labels", _anchor=raw["id"], lang=None, _external=True)}
            for raw in guide.raw["labels"]
        ],
        "links": {
            "html": url_for("public.labels", lang=None, _external=True),
            "json": url_for("public.labels_json", lang=None, _external=True),
        },
    }
