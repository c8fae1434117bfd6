"""One record's raw fields read into model objects, every fault appended as it goes.

The field-level half of validation: a company, its sources, history and dates, and the label's
rules are each read through a Checker, which names the record and field of every fault. What
spans records (unique slugs, the whole register's shape) is register.validation's; the
certificate lists are register.certificate_records', which reads them through a Checker too.
The shapes a certifier's batch sends are checked against the same patterns (SLUG_RE…).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from register import untrusted
from register.certificate_records import CertificateReader
from register.changelog import parse_changes
from register.dating import DateBounds, parse_date
from register.english import FREE_TEXT_MAX, twin
from register.model import (
    COVERABLE_FIELDS,
    EVENTS,
    SOURCE_KINDS,
    Company,
    HistoryEvent,
    Source,
    luhn_valid,
)

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SIREN_RE = re.compile(r"^[0-9]{9}$")
DOMAIN_RE = re.compile(r"^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
BOUND_TEXTS = ("reason", twin("reason"))


class Checker:
    """Turns raw values into model objects, appending readable errors as it goes."""

    def __init__(self, where: str, errors: list[str]):
        self.where = where
        self.errors = errors

    def fail(self, field_name: str, message: str) -> None:
        self.errors.append(f"{self.where}: field '{field_name}': {message}")

    def text(self, record: dict, name: str, required: bool, label: str = "") -> str | None:
        label = label or name
        value = record.get(name)
        if value is None:
            if required:
                self.fail(label, "is required")
            return None
        if not isinstance(value, str) or not value.strip():
            self.fail(label, "must be a non-empty string or null")
            return None
        if untrusted.CONTROL_RE.search(value):
            self.fail(label, f"{untrusted.printable(value)[:80]!r} has a control character")
            return None
        return value.strip()

    def free_text(
        self, record: dict, name: str, required: bool, label: str = ""
    ) -> tuple[str | None, str | None]:
        """A field editors write in sentences, and its optional English twin (register.english):
        both pass the same checks, and a twin never stands without its French."""
        label = label or name
        french = self.text(record, name, required, label)
        english = self.text(record, twin(name), False, twin(label))
        for text, shown in ((french, label), (english, twin(label))):
            if text and len(text) > FREE_TEXT_MAX:
                self.fail(shown, f"is longer than {FREE_TEXT_MAX} characters")
        if record.get(twin(name)) is not None and record.get(name) is None:
            self.fail(twin(label), f"is an English twin without its French field '{name}'")
        return french, english

    def date(self, value: Any, name: str) -> dt.date | None:
        if value is None:
            return None
        try:
            return parse_date(value)
        except ValueError:
            self.fail(name, f"{value!r} is not an ISO date (YYYY-MM-DD) or null")
            return None

    def bounds(self, value: Any, name: str) -> DateBounds | None:
        """An exact ISO date, or {not_before, not_after, reason}: bounds always say why."""
        if value is None or isinstance(value, str):
            day = self.date(value, name)
            return DateBounds.exactly(day) if day else None
        if not isinstance(value, dict) or set(value) - {"not_before", "not_after", *BOUND_TEXTS}:
            self.fail(name, "must be a date, null, or an object {not_before, not_after, reason}")
            return None
        earliest = self.date(value.get("not_before"), f"{name}.not_before")
        latest = self.date(value.get("not_after"), f"{name}.not_after")
        reason, reason_en = self.free_text(value, "reason", required=True)
        if earliest is None and latest is None:
            self.fail(name, "bounds need not_before, not_after or both")
        if earliest and latest and latest < earliest:
            self.fail(f"{name}.not_after", "is before not_before")
        return DateBounds(earliest, latest, reason, reason_en)

    def strings(self, record: dict, name: str) -> tuple[str, ...]:
        value = record.get(name, [])
        if not isinstance(value, list) or not all(
            isinstance(v, str) and v.strip() and not untrusted.CONTROL_RE.search(v) for v in value
        ):
            self.fail(name, "must be a list of non-empty strings without control characters")
            return ()
        return tuple(v.strip() for v in value)

    def cited(self, value: Any, known: set[str], name: str) -> tuple[str, ...]:
        if not isinstance(value, list) or not value:
            self.fail(name, "must list at least one source id")
            return ()
        for source_id in value:
            if not isinstance(source_id, str) or source_id not in known:
                self.fail(name, f"{source_id!r} is not a listed source id")
        return tuple(v for v in value if isinstance(v, str))

    def company(self, record: Any) -> Company | None:
        if not isinstance(record, dict):
            self.errors.append(f"{self.where}: expected an object")
            return None
        if "status" in record:
            self.fail("status", "is derived from the dated history, never stored; remove it")
        if "certificate" in record:
            self.fail("certificate", "replaced by 'certificates', numbered and versioned")
        slug = self.text(record, "slug", required=True) or ""
        if slug and not SLUG_RE.match(slug):
            self.fail("slug", f"{slug!r} must be lower-case letters, digits and hyphens")
        name = self.text(record, "name", required=True) or ""
        siren = record.get("siren")
        if siren is not None and not (
            isinstance(siren, str) and SIREN_RE.match(siren) and luhn_valid(siren)
        ):
            self.fail("siren", f"{siren!r} is not a 9-digit SIREN with a valid check digit")
            siren = None
        domains = self.strings(record, "domains")
        for domain in domains:
            if not DOMAIN_RE.match(domain):
                self.fail("domains", f"{domain!r} is not a lower-case domain name")
        sources = self.sources(record.get("sources"), COVERABLE_FIELDS)
        if not sources:
            self.fail("sources", "must be a non-empty list: every record needs a source")
        history = self.history(record.get("history"), {s.id for s in sources})
        self.mentions_back_no_event(history, sources)
        note, note_en = self.free_text(record, "note", required=False)
        return Company(
            slug=slug,
            name=name,
            legal_name=self.text(record, "legal_name", required=False),
            aliases=self.strings(record, "aliases"),
            domains=domains,
            siren=siren,
            certificates=CertificateReader(self, sources).certificates(record.get("certificates")),
            scope=self.text(record, "scope", required=False),
            reviewed_on=self.date(record.get("reviewed_on"), "reviewed_on"),
            note=note,
            note_en=note_en,
            history=history,
            sources=sources,
            changes=parse_changes(record.get("changes", []), sources, self.fail),
        )

    def mentions_back_no_event(
        self, history: tuple[HistoryEvent, ...], sources: tuple[Source, ...]
    ) -> None:
        """A source that merely mentions the company (support, praise) is shown among the
        sources but can never stand behind a grant or an expiry."""
        mentions = {s.id for s in sources if "mention" in s.covers}
        for source in sources:
            if source.id in mentions and "status" in source.covers:
                self.fail("sources", f"{source.id!r} cannot cover both 'mention' and 'status'")
        for position, event in enumerate(history, start=1):
            for source_id in mentions.intersection(event.sources):
                self.fail(
                    f"history[{position}].sources",
                    f"{source_id!r} is a mention: it supports no status",
                )

    def sources(self, value: Any, coverable: tuple[str, ...]) -> tuple[Source, ...]:
        if not isinstance(value, list):
            return ()
        sources: list[Source] = []
        for position, raw in enumerate(value, start=1):
            source = self.source(raw, f"sources[{position}]", coverable, sources)
            if source is not None:
                sources.append(source)
        return tuple(sources)

    def source(
        self, raw: Any, label: str, coverable: tuple[str, ...], earlier: list[Source]
    ) -> Source | None:
        if not isinstance(raw, dict):
            self.fail(label, "must be an object")
            return None
        source_id = raw.get("id")
        if (
            not isinstance(source_id, str)
            or not source_id
            or untrusted.CONTROL_RE.search(source_id)
        ):
            self.fail(f"{label}.id", "is required, as text without control characters")
            return None
        if any(s.id == source_id for s in earlier):
            self.fail(f"{label}.id", f"duplicate source id {source_id!r}")
        if raw.get("kind") not in SOURCE_KINDS:
            self.fail(f"{label}.kind", f"must be one of {', '.join(SOURCE_KINDS)}")
        url = raw.get("url")
        publisher = self.text(raw, "publisher", required=False, label=f"{label}.publisher")
        if publisher and raw.get("kind") != "certifier":
            self.fail(f"{label}.publisher", "only a certifier publishes through the API")
        if not url and not raw.get("file") and not publisher:
            self.fail(label, "needs a 'url', a 'file' or, for a certifier's API write, 'publisher'")
        if url and not (isinstance(url, str) and url.startswith(("https://", "http://"))):
            self.fail(f"{label}.url", f"{url!r} is not an http(s) URL")
        if raw.get("file") is not None and not isinstance(raw.get("file"), str):
            self.fail(f"{label}.file", "must be a path (text) or null")
        covers = raw.get("covers")
        if not isinstance(covers, list) or not covers:
            self.fail(f"{label}.covers", "must list the fields this source supports")
            covers = []
        for covered in covers:
            if covered not in coverable:
                self.fail(f"{label}.covers", f"unknown field {covered!r}")
        to_verify = raw.get("to_verify", False)
        if not isinstance(to_verify, bool):
            self.fail(f"{label}.to_verify", "must be true or false")
        if (
            raw.get("kind") == "company-register"
            and to_verify is not True
            and not raw.get("accessed")
        ):
            self.fail(
                f"{label}.accessed",
                "a company register backs a fact only on the day it was consulted",
            )
        title, title_en = self.free_text(raw, "title", required=True, label=f"{label}.title")
        note, note_en = self.free_text(raw, "note", required=False, label=f"{label}.note")
        return Source(
            id=source_id,
            kind=raw.get("kind", ""),
            title=title or source_id,
            title_en=title_en,
            url=url or None,
            file=raw.get("file") or None,
            covers=tuple(covers),
            note=note,
            note_en=note_en,
            published=self.bounds(raw.get("published"), f"{label}.published"),
            accessed=self.date(raw.get("accessed"), f"{label}.accessed"),
            to_verify=to_verify is True,
            publisher=publisher,
        )

    def history(self, value: Any, source_ids: set[str]) -> tuple[HistoryEvent, ...]:
        if not isinstance(value, list):
            self.fail("history", "must be a list")
            return ()
        events = []
        for position, raw in enumerate(value, start=1):
            label = f"history[{position}]"
            if not isinstance(raw, dict):
                self.fail(label, "must be an object")
                continue
            if raw.get("event") not in EVENTS:
                self.fail(f"{label}.event", f"must be one of {', '.join(EVENTS)}")
            note, note_en = self.free_text(raw, "note", required=False, label=f"{label}.note")
            events.append(
                HistoryEvent(
                    event=raw.get("event", ""),
                    sources=self.cited(raw.get("sources"), source_ids, f"{label}.sources"),
                    date=self.bounds(raw.get("date"), f"{label}.date"),
                    recorded_on=self.date(raw.get("recorded_on"), f"{label}.recorded_on"),
                    note=note,
                    note_en=note_en,
                )
            )
        return tuple(events)
