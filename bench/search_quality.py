"""Search quality on a corpus of queries as people type them: precision and recall of verdicts.

Each line of the corpus (tests/unit/data/search_corpus.csv) says what a careful reader would
answer: `verdict:<slug>` (this company is meant, a verdict is right), `suggest:<slug>` (offer
it, but other words could mean something else), `none` (no verdict: a look-alike, another
company, a bad number), `generic` (no company at all) or `label:<id>` (a label's name, answered
with that label from the guide, never with a company). Precision counts the verdicts given
that were right — any other verdict is a false one; recall counts the expected verdicts given.

    python -m bench.search_quality [--misses]
"""

from __future__ import annotations

import argparse
import csv
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from register.label_guide import CHECKED_LABEL_ID
from register.paths import DEFAULT_REGISTRY_PATH
from search_index import SearchIndex, SearchOutcome, build_index, current_generation

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "unit" / "data" / "search_corpus.csv"


@dataclass(frozen=True)
class Case:
    query: str
    expected: str
    lang: str
    why: str

    @property
    def kind(self) -> str:
        return self.expected.split(":")[0]

    @property
    def slug(self) -> str | None:
        return self.expected.split(":", 1)[1] if ":" in self.expected else None


@dataclass
class Quality:
    cases: int = 0
    verdicts_given: int = 0
    verdicts_expected: int = 0
    verdicts_right: int = 0
    false_verdicts: list[str] = field(default_factory=list)
    missed_verdicts: list[str] = field(default_factory=list)
    missed_suggestions: list[str] = field(default_factory=list)
    companies_for_generic: list[str] = field(default_factory=list)
    missed_labels: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return 1.0 if not self.verdicts_given else self.verdicts_right / self.verdicts_given

    @property
    def recall(self) -> float:
        return self.verdicts_right / self.verdicts_expected if self.verdicts_expected else 1.0


def load_corpus(path: Path = CORPUS) -> list[Case]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [Case(**row) for row in csv.DictReader(handle)]


def evaluate(index: SearchIndex, cases: list[Case]) -> Quality:
    quality = Quality(cases=len(cases))
    for case in cases:
        outcome = index.search(case.query)
        verdict = outcome.verdict.slug if outcome.verdict else None
        slugs = [result.slug for result in outcome.results]
        label = f"{case.query!r} (expected {case.expected}, got {verdict or slugs or 'nothing'})"
        if verdict:
            quality.verdicts_given += 1
        if case.kind == "verdict":
            quality.verdicts_expected += 1
            if verdict == case.slug:
                quality.verdicts_right += 1
            else:
                quality.missed_verdicts.append(label)
        if verdict and verdict != (case.slug if case.kind == "verdict" else None):
            quality.false_verdicts.append(label)
        if case.kind == "suggest" and case.slug not in slugs[:1]:
            quality.missed_suggestions.append(label)
        if case.kind == "generic" and slugs:
            quality.companies_for_generic.append(label)
        if case.kind == "label" and (slugs or _named_label(outcome) != case.slug):
            quality.missed_labels.append(label)
    return quality


def _named_label(outcome: SearchOutcome) -> str | None:
    return CHECKED_LABEL_ID if outcome.this_label else outcome.other_label


def summary(quality: Quality) -> str:
    return (
        f"{quality.cases} queries: precision {quality.precision:.0%} "
        f"({quality.verdicts_given} verdicts, {len(quality.false_verdicts)} false), "
        f"recall {quality.recall:.0%} ({quality.verdicts_right} of {quality.verdicts_expected})"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--misses", action="store_true", help="list every query answered wrong")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="search-quality-") as root:
        build_index(DEFAULT_REGISTRY_PATH, root)
        index = SearchIndex(Path(root) / current_generation(root))
        quality = evaluate(index, load_corpus())
        index.close()
    print(summary(quality))
    if args.misses:
        for title, items in (
            ("False verdicts", quality.false_verdicts),
            ("Verdicts missed", quality.missed_verdicts),
            ("Suggestions missed", quality.missed_suggestions),
            ("Companies offered for generic words", quality.companies_for_generic),
            ("Label names not answered with their label", quality.missed_labels),
        ):
            print(f"\n{title} ({len(items)}):", *(f"  {item}" for item in items), sep="\n")
    return 1 if quality.false_verdicts else 0


if __name__ == "__main__":
    raise SystemExit(main())
