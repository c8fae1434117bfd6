"""What a search answers, for every surface alike (page, fragment, API): the match types, how
the query was read, the results and the outcome's kind. No Whoosh here: search.py finds, this
module says what was found.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from search_index.normalize import MAX_QUERY_LENGTH

MATCH_TYPES = (
    "siren",
    "certificate",
    "domain",
    "exact",
    "alias",
    "phrase",
    "partial",
    "prefix",
    "fuzzy",
)
DESIGNATING = frozenset({"siren", "certificate", "domain", "exact", "alias", "phrase"})
READ_AS = ("empty", "siren", "vat", "certificate", "domain", "text")
# What a search amounts to, for every surface alike (page, fragment, API): nothing typed, one
# company designated, several designated, the label this site checks named, another label
# named, only generic words, a name spotted among other words (no verdict), a certificate number
# the register does not hold, or nothing in the register.
OUTCOME_KINDS = (
    "empty",
    "verdict",
    "ambiguous",
    "this_label",
    "other_label",
    "generic_only",
    "partial",
    "no_certificate",
    "absent",
)
DEFAULT_LIMIT = 10
MAX_LIMIT = 50


class QueryTooLong(ValueError):
    """Queries are capped: nothing a person types to find a brand is this long."""

    def __init__(self, length: int):
        self.length = length
        super().__init__(f"query is {length} characters long; the limit is {MAX_QUERY_LENGTH}")


@dataclass(frozen=True)
class Result:
    slug: str
    name: str
    match_type: str

    @property
    def designates(self) -> bool:
        return self.match_type in DESIGNATING


@dataclass(frozen=True)
class SearchOutcome:
    """What a search found, and how the query was read (as a SIREN, a domain or text).

    `understood` is what the search went by (folded words, the SIREN or the domain) and
    `ignored` the words it set aside, so a reader can see why a verdict was or was not
    given; `unknown` lists the words that were neither a name nor a generic word.
    """

    query: str
    read_as: str
    results: tuple[Result, ...] = ()
    notices: tuple[str, ...] = field(default=())
    other_label: str | None = None  # the id of another label the query names (labels guide)
    this_label: bool = False  # the query names the label this site checks, not a company
    understood: str = ""
    ignored: tuple[str, ...] = ()
    unknown: tuple[str, ...] = ()

    @property
    def verdict(self) -> Result | None:
        """The one company the query designates, or None when it designates none or several."""
        designating = [r for r in self.results if r.designates]
        if not designating:
            return None
        best = designating[0]
        if sum(1 for r in designating if r.match_type == best.match_type) > 1:
            return None
        return best

    @property
    def suggestions(self) -> tuple[Result, ...]:
        verdict = self.verdict
        return tuple(r for r in self.results if r != verdict)

    @property
    def partial_matches(self) -> tuple[Result, ...]:
        """Names spotted among other words: each may be the company meant, none is a verdict."""
        return tuple(r for r in self.results if r.match_type == "partial")

    @property
    def kind(self) -> str:
        """One of OUTCOME_KINDS, decided here so that the page and the API cannot disagree.

        The order is the order of confidence: a designated company wins over a label's name,
        and "absent" is said only when nothing else applies.
        """
        if self.read_as == "empty":
            return "empty"
        if self.verdict:
            return "verdict"
        if any(r.designates for r in self.results):
            return "ambiguous"
        if self.this_label:
            return "this_label"
        if self.other_label:
            return "other_label"
        if "generic_only" in self.notices:
            return "generic_only"
        if self.partial_matches:
            return "partial"
        if "no_certificate" in self.notices:
            return "no_certificate"
        return "absent"
