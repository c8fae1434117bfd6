"""Index and search: everything that knows about Whoosh lives in this package.

It reads a validated register (package `register`) and answers queries; the web app uses
only the names exported here, so the search engine could be swapped without touching a view.
"""

from search_index.build import BuildError, build_index, current_generation, ensure_index
from search_index.live import Generation, LiveIndex
from search_index.normalize import MAX_QUERY_LENGTH
from search_index.outcome import (
    DESIGNATING,
    MATCH_TYPES,
    MAX_LIMIT,
    OUTCOME_KINDS,
    READ_AS,
    QueryTooLong,
    Result,
    SearchOutcome,
)
from search_index.search import SearchIndex

__all__ = [
    "BuildError",
    "DESIGNATING",
    "Generation",
    "LiveIndex",
    "MATCH_TYPES",
    "MAX_LIMIT",
    "MAX_QUERY_LENGTH",
    "OUTCOME_KINDS",
    "READ_AS",
    "QueryTooLong",
    "Result",
    "SearchIndex",
    "SearchOutcome",
    "build_index",
    "current_generation",
    "ensure_index",
]
