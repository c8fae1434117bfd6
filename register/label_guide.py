"""The guide to other customer-service labels: facts stored as data, each citing its sources.

The guide sets Relation Client France beside the labels consumers confuse it with. Its
facts live in `data/labels/labels.json`, reviewed in git like the register, so a reader
can check every sentence against a dated source; this module is the only reader and
refuses a file where a fact cites nothing, cites an unknown source, or lacks a language.
Counts of holders always carry the years they were true of: none of them is current; a count
a source gives only as an order of magnitude ("about sixty") is stored as approximate, and one
whose source has no latest date has no end year.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from register.paths import PROJECT_ROOT

DEFAULT_LABELS_PATH = PROJECT_ROOT / "data" / "labels" / "labels.json"
# The guide's entry for the label this site checks: search answers its names with the label
# page, never with the "another label" notice.
CHECKED_LABEL_ID = "relation-client-france"
LANGUAGES = ("fr", "en")
LABEL_KINDS = ("certification", "label", "standard", "contest")
LABEL_SOURCE_KINDS = ("official", "press", "white_paper", "consumer_association")
# The questions every label answers, in the order the guide asks them.
ASPECTS = ("runner", "checks", "granting", "duration", "not_told")
_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_YEAR_RE = re.compile(r"^[0-9]{4}$")


class LabelGuideError(ValueError):
    """A guide file that must not go live; `errors` lists every problem found."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("\n".join(errors))


@dataclass(frozen=True)
class Text:
    """One sentence in each language; the guide is French first, English second."""

    fr: str
    en: str

    def in_language(self, language: str) -> str:
        return self.en if language == "en" else self.fr


@dataclass(frozen=True)
class GuideSource:
    id: str
    kind: str
    publisher: str
    url: str
    published: str | None  # "YYYY" or "YYYY-MM-DD"; None when the source prints no date
    date_note: Text | None


@dataclass(frozen=True)
class Fact:
    text: Text
    sources: tuple[str, ...]


@dataclass(frozen=True)
class HolderCount:
    """A count of holders as some source reported it, between two years (no end year when the
    source's latest date is unknown): historical by nature."""

    count: int
    year_from: int
    year_to: int | None
    text: Text
    sources: tuple[str, ...]
    approximate: bool = False


@dataclass(frozen=True)
class Label:
    id: str
    name: str
    kind: str
    spellings: tuple[str, ...]
    facts: dict[str, tuple[Fact, ...]]
    holders: tuple[HolderCount, ...]
    names: tuple[Fact, ...] = ()  # its names and logo, when sources give more than one


@dataclass(frozen=True)
class LabelGuide:
    written_on: dt.date
    labels: tuple[Label, ...]
    sources: tuple[GuideSource, ...]
    raw: dict[str, Any] = field(repr=False, compare=False)

    def source(self, source_id: str) -> GuideSource:
        return next(s for s in self.sources if s.id == source_id)

    def get(self, label_id: str) -> Label | None:
        return next((label for label in self.labels if label.id == label_id), None)


class _Checker:
    """Collects every fault with its place, so one run lists them all."""

    def __init__(self, source_ids: set[str]):
        self.errors: list[str] = []
        self.source_ids = source_ids

    def text(self, raw: Any, where: str) -> Text:
        if not isinstance(raw, dict):
            self.errors.append(f"{where}: expected an object with 'fr' and 'en'")
            return Text("", "")
        for language in LANGUAGES:
            if not isinstance(raw.get(language), str) or not raw[language].strip():
                self.errors.append(f"{where}.{language}: missing or empty")
        return Text(str(raw.get("fr", "")), str(raw.get("en", "")))

    def cited(self, raw: dict[str, Any], where: str) -> tuple[str, ...]:
        cited = raw.get("sources")
        if not isinstance(cited, list) or not cited:
            self.errors.append(f"{where}.sources: every fact cites at least one source")
            return ()
        for source_id in cited:
            if source_id not in self.source_ids:
                self.errors.append(f"{where}.sources: unknown source {source_id!r}")
        return tuple(cited)

    def fact(self, raw: dict[str, Any], where: str) -> Fact:
        return Fact(self.text(raw, where), self.cited(raw, where))

    def holders(self, raw: dict[str, Any], where: str) -> HolderCount:
        count, year_from, year_to = raw.get("count"), raw.get("year_from"), raw.get("year_to")
        if not isinstance(count, int) or count < 0:
            self.errors.append(f"{where}.count: a whole number")
        if not isinstance(year_from, int) or not (
            year_to is None or (isinstance(year_to, int) and year_from <= year_to)
        ):
            self.errors.append(f"{where}: year_from and year_to are years, in order (or null)")
        approximate = raw.get("approximate", False)
        if not isinstance(approximate, bool):
            self.errors.append(f"{where}.approximate: true or false")
        return HolderCount(
            count,
            year_from,
            year_to,
            self.text(raw, where),
            self.cited(raw, where),
            approximate is True,
        )

    def source(self, raw: dict[str, Any], where: str) -> GuideSource:
        if raw.get("kind") not in LABEL_SOURCE_KINDS:
            self.errors.append(f"{where}.kind: one of {', '.join(LABEL_SOURCE_KINDS)}")
        if not str(raw.get("url", "")).startswith(("http://", "https://")):
            self.errors.append(f"{where}.url: an http(s) address")
        published = raw.get("published")
        if published is not None and not _valid_published(published):
            self.errors.append(f"{where}.published: YYYY, YYYY-MM-DD or null")
        note = raw.get("date_note")
        return GuideSource(
            id=raw.get("id", ""),
            kind=raw.get("kind", ""),
            publisher=raw.get("publisher", ""),
            url=raw.get("url", ""),
            published=published,
            date_note=None if note is None else self.text(note, f"{where}.date_note"),
        )

    def label(self, raw: dict[str, Any], where: str) -> Label:
        if not _ID_RE.match(str(raw.get("id", ""))):
            self.errors.append(f"{where}.id: lower-case words joined by hyphens")
        if raw.get("kind") not in LABEL_KINDS:
            self.errors.append(f"{where}.kind: one of {', '.join(LABEL_KINDS)}")
        spellings = raw.get("spellings", [])
        if not isinstance(spellings, list) or not all(isinstance(s, str) for s in spellings):
            self.errors.append(f"{where}.spellings: a list of strings")
            spellings = []
        facts = {
            aspect: tuple(
                self.fact(item, f"{where}.{aspect}[{i}]")
                for i, item in enumerate(raw.get(aspect, []))
            )
            for aspect in ASPECTS
        }
        holders = tuple(
            self.holders(item, f"{where}.holders[{i}]")
            for i, item in enumerate(raw.get("holders", []))
        )
        names = tuple(
            self.fact(item, f"{where}.names[{i}]") for i, item in enumerate(raw.get("names", []))
        )
        return Label(
            raw.get("id", ""),
            raw.get("name", ""),
            raw.get("kind", ""),
            tuple(spellings),
            facts,
            holders,
            names,
        )


def _valid_published(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    if _YEAR_RE.match(value):
        return True
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10


def parse_guide(raw: dict[str, Any], origin: str = "labels.json") -> LabelGuide:
    """Validate a guide file's content; raise LabelGuideError listing every fault."""
    raw_sources = raw.get("sources", [])
    checker = _Checker({s.get("id") for s in raw_sources})
    sources = tuple(checker.source(s, f"{origin}: sources[{i}]") for i, s in enumerate(raw_sources))
    labels = tuple(
        checker.label(item, f"{origin}: {item.get('id', i)}")
        for i, item in enumerate(raw.get("labels", []))
    )
    for kind, ids in (("source", [s.id for s in sources]), ("label", [x.id for x in labels])):
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            checker.errors.append(f"{origin}: duplicate {kind} ids {duplicates}")
    try:
        written_on = dt.date.fromisoformat(str(raw.get("written_on")))
    except ValueError:
        checker.errors.append(f"{origin}: written_on: the date the guide was written, YYYY-MM-DD")
        written_on = dt.date.min
    if checker.errors:
        raise LabelGuideError(checker.errors)
    return LabelGuide(written_on, labels, sources, raw)


def load_guide(path: str | Path = DEFAULT_LABELS_PATH) -> LabelGuide:
    path = Path(path)
    return parse_guide(json.loads(path.read_text(encoding="utf-8")), origin=path.name)


@cache
def bundled_guide() -> LabelGuide:
    """The guide shipped in git, read once per process: it changes only with a deploy."""
    return load_guide()
