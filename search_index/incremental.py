"""Update the index for the companies a publication changed, instead of building it again.

A certifier's one certificate at 10,000 companies must not cost a whole build (that took half
of a call that outlasted gunicorn's timeout). The new generation starts as a copy of the live
one (its segment files hard-linked: a generation never changes once built), gets one segment
more holding the companies added at the end of the register, and the certificate keys of every
changed company (kept beside the index: whoosh_schema).

That result is the full build's, so an update applies only when it can be: the live generation
indexes exactly the register being replaced (its file's SHA-256 in the manifest), no company
was removed or moved, and no changed company's indexed identity (names, aliases, domains,
SIREN) changed. Then every company keeps its document number (a full build numbers them in
register order, and added ones come last) and Whoosh's statistics, summed over segments, are
the same. Anything else is a full build (search_index.build).

An updated generation names its parent (the live one) in its manifest and keeps what it changed
beside it (search_index.opening.CHANGES_FILE), so the workers serving the parent switch to it at
the cost of those changes too.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh.query import Term
from whoosh.reading import SegmentReader

from register import RegisterError
from register.publishing import Staged
from register.validation import parse_records
from search_index.build import (
    MANIFEST,
    REGISTER_SNAPSHOT,
    WRITER_OPTIONS,
    BuildError,
    build_index,
    codec,
    current_generation,
    generation_name,
    install_generation,
    read_manifest,
    switch,
    write_tables,
)
from search_index.opening import CHANGES_FILE, write_changes
from search_index.whoosh_schema import (
    CERTIFICATES_FILE,
    SCHEMA_VERSION,
    certificate_keys,
    company_document,
)

# Past this many segments, the ones after the first (companies added since the last full
# build) are merged into one, so a search never reads through many small segments.
MAX_SEGMENTS = 6
NOT_COPIED = {MANIFEST, REGISTER_SNAPSHOT, CERTIFICATES_FILE, CHANGES_FILE}


def update_index(staged: Staged, index_root: str | Path) -> str:
    """The generation for `staged`, updated from the live one when that gives the full
    build's result, else built in full; it is made current either way."""
    root = Path(index_root)
    live = current_generation(root)
    plan = _plan(staged, root / live) if live else None
    if plan is None:
        return build_index(staged.path, root)
    changed, added, certificates = plan
    name = generation_name(staged.sha256)
    if not (root / name / MANIFEST).exists():
        staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=root))
        try:
            _link_segments(root / live, staging)
            shutil.copyfile(staged.path, staging / REGISTER_SNAPSHOT)
            _add_documents(staging, added)
            write_changes(staging, staged.raw, changed, len(staged.previous["companies"]))
            write_tables(staging, name, staged.sha256, certificates, parent=live)
            _verify(staging, staged.raw["companies"], added)
            install_generation(staging, root, name)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    switch(root, name)
    return name


def _plan(staged: Staged, live: Path) -> tuple[list[int], list[dict], list[list[str]]] | None:
    """The positions of the records changed in place, the documents to add and every
    document's certificate keys, or None (build in full)."""
    manifest = read_manifest(live)
    if staged.previous_sha256 is None or manifest.get("register_sha256") != staged.previous_sha256:
        return None
    if manifest.get("schema_version") != SCHEMA_VERSION:
        return None
    old, new = staged.previous["companies"], staged.raw["companies"]
    if len(new) < len(old):
        return None
    changed = [i for i in range(len(old)) if new[i] is not old[i] and new[i] != old[i]]
    if any(new[i]["slug"] != old[i]["slug"] for i in changed):
        return None
    try:
        before = parse_records([old[i] for i in changed])
        after = parse_records([new[i] for i in changed])
        added = parse_records(new[len(old) :])
    except RegisterError:
        return None
    if any(company_document(a) != company_document(b) for a, b in zip(after, before, strict=True)):
        return None
    certificates = json.loads((live / CERTIFICATES_FILE).read_text(encoding="utf-8"))
    for position, company in zip(changed, after, strict=True):
        certificates[position] = certificate_keys(company)
    certificates += [certificate_keys(company) for company in added]
    return changed, [company_document(company) for company in added], certificates


def _link_segments(live: Path, staging: Path) -> None:
    """The live generation's Whoosh files, hard-linked (copied where links cannot be made)."""
    for path in live.iterdir():
        if path.name in NOT_COPIED or path.name.endswith("WRITELOCK") or not path.is_file():
            continue
        try:
            os.link(path, staging / path.name)
        except OSError:
            shutil.copy2(path, staging / path.name)


def segment_count(directory: Path) -> int:
    """How many Whoosh segments a generation reads through (merging keeps it at MAX_SEGMENTS)."""
    ix = whoosh_index.open_dir(str(directory))
    try:
        with ix.reader() as reader:
            return len(reader.leaf_readers())
    finally:
        ix.close()


def _add_documents(directory: Path, documents: list[dict]) -> None:
    """Merge the segments after the first when there are too many, then add a segment."""
    merge = segment_count(directory) >= MAX_SEGMENTS
    ix = whoosh_index.open_dir(str(directory))
    if merge:
        writer = ix.writer(codec=codec(), **WRITER_OPTIONS)
        writer.commit(mergetype=_merge_after_first)
    if documents:
        writer = ix.writer(codec=codec(), **WRITER_OPTIONS)
        try:
            for document in documents:
                writer.add_document(**document)
        except BaseException:
            writer.cancel()
            raise
        writer.commit(merge=False)  # Whoosh's own merging could reorder the segments
    ix.close()


def _merge_after_first(writer: Any, segments: list) -> list:
    """A Whoosh merge policy keeping document order: the first segment stays, the others are
    read in order into the writer's new segment, which Whoosh puts last."""
    for segment in segments[1:]:
        reader = SegmentReader(writer.storage, writer.schema, segment)
        writer.add_reader(reader)
        reader.close()
    return segments[:1]


def _verify(directory: Path, companies: list[dict], added: list[dict]) -> None:
    """As many documents as companies, the last one the register's last company, and each
    added company found by its name where the register puts it."""
    ix = whoosh_index.open_dir(str(directory))
    try:
        with ix.searcher() as searcher:
            if searcher.doc_count_all() != len(companies):
                raise BuildError(
                    f"index holds {searcher.doc_count_all()} documents, register has "
                    f"{len(companies)}"
                )
            first_added = len(companies) - len(added)
            for position, document in enumerate(added, start=first_added):
                key = document.get("name_key")
                if key and position not in searcher.docs_for_query(Term("name_key", key)):
                    raise BuildError(f"added company {document['slug']!r} not found by its name")
            last = searcher.stored_fields(len(companies) - 1) if companies else None
            if last is not None and last["slug"] != companies[-1]["slug"]:
                raise BuildError("the index's last document is not the register's last company")
    finally:
        ix.close()
