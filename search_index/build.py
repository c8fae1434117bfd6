"""Build an index generation from a register, verify it, then switch to it atomically.

A generation is an immutable directory holding the Whoosh index *and* the register
snapshot it was built from, so the data a worker serves always matches its index.
The live generation is named in a small pointer file replaced with os.replace():
readers see either the old name or the new one, never a half-built index.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import time
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.codec.whoosh3 import W3Codec

from register import Register, RegisterError, load_register
from search_index.whoosh_schema import (
    CERTIFICATES_FILE,
    SCHEMA,
    SCHEMA_VERSION,
    certificate_keys,
    company_document,
)

POINTER = "CURRENT"
REGISTER_SNAPSHOT = "register.json"
MANIFEST = "manifest.json"
GENERATIONS_KEPT = 3
# How the segments are written: the incremental update (search_index.incremental) writes its
# own segments the same way.
WRITER_OPTIONS = {"compound": False}


class BuildError(RuntimeError):
    """The new generation failed verification; the live one was left untouched."""


def generation_name(sha256: str) -> str:
    """A generation is named after the register file it indexes (the SHA-256 of its bytes, which
    every writer knows already: nothing is serialised again to name it) and the schema. Nodes
    that follow the same register versions hold the same bytes (register.register_file writes
    them one way), so they serve the same generation."""
    return f"gen-{sha256[:16]}-s{SCHEMA_VERSION}"


def current_generation(index_root: str | Path) -> str | None:
    try:
        name = (Path(index_root) / POINTER).read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    return name if (Path(index_root) / name / MANIFEST).exists() else None


def read_manifest(directory: Path) -> dict:
    return json.loads((directory / MANIFEST).read_text(encoding="utf-8"))


def build_index(register_path: str | Path, index_root: str | Path) -> str:
    """Build (or reuse) the generation for this register and make it current.

    The register file is copied into the new generation first and read from that copy, so the
    snapshot served is byte for byte the file indexed, and no 100k-company text is encoded again.
    """
    root = Path(index_root)
    root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=root))
    try:
        try:
            shutil.copyfile(register_path, staging / REGISTER_SNAPSHOT)
        except OSError as exc:
            raise RegisterError([f"{register_path}: cannot read register ({exc})"]) from exc
        register = load_register(staging / REGISTER_SNAPSHOT, origin=register_path)
        sha256 = hashlib.sha256((staging / REGISTER_SNAPSHOT).read_bytes()).hexdigest()
        name = generation_name(sha256)
        target = root / name
        if not (target / MANIFEST).exists():
            _write_generation(register, staging, name, sha256)
            _verify(staging, register)
            install_generation(staging, root, name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    switch(root, name)
    return name


def ensure_index(register_path: str | Path, index_root: str | Path) -> str:
    """The site's start-up hook: build only when there is no usable generation of this schema
    yet (a generation written by an older schema is rebuilt, never opened)."""
    name = current_generation(index_root)
    if name and read_manifest(Path(index_root) / name).get("schema_version") == SCHEMA_VERSION:
        return name
    return build_index(register_path, index_root)


def _write_generation(register: Register, directory: Path, name: str, sha256: str) -> None:
    """The Whoosh documents, the certificate keys and the manifest, beside the snapshot."""
    ix = whoosh_index.create_in(str(directory), SCHEMA)
    with ix.writer(codec=codec(), **WRITER_OPTIONS) as writer:
        for company in register.companies:
            writer.add_document(**company_document(company))
    keys = [certificate_keys(company) for company in register.companies]
    write_tables(directory, name, sha256, keys)


def codec() -> W3Codec:
    """Separate segment files (WRITER_OPTIONS), not one compound file: Whoosh copies each part
    of a compound file into memory when a reader opens it, 60 MB per worker at 10k companies
    (measured). No zlib on posting blocks: nearly every key names one company, so each block
    is a few bytes that compression does not shrink, and compressing them was a fifth of the
    commit."""
    return W3Codec(compression=0)


def write_tables(
    directory: Path,
    name: str,
    sha256: str,
    certificates: list[list[str]],
    parent: str | None = None,
) -> None:
    """The certificate keys (one list per document) and the manifest; `sha256` is the
    register file's, so the next update knows which register this generation indexes.
    `parent` names the generation an update started from (search_index.incremental), so a
    worker serving it opens this one from it (search_index.opening); None for a full build."""
    text = json.dumps(certificates, ensure_ascii=False, separators=(",", ":"))
    (directory / CERTIFICATES_FILE).write_text(text, encoding="utf-8")
    manifest = {
        "generation": name,
        "documents": len(certificates),
        "register_sha256": sha256,
        "schema_version": SCHEMA_VERSION,
        "parent": parent,
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    (directory / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")


def install_generation(staging: Path, root: Path, name: str) -> None:
    """Move a verified staging directory to its generation's name."""
    target = root / name
    if target.exists() and not (target / MANIFEST).exists():
        shutil.rmtree(target)  # a leftover without manifest: never served
    _publish(staging, target)


def switch(root: Path, name: str) -> None:
    """Make `name` the live generation, then drop the oldest ones."""
    _switch(root, name)
    _prune(root, keep=name)


def _verify(directory: Path, register: Register) -> None:
    from search_index.search import SearchIndex

    index = SearchIndex(directory)
    if index.document_count != len(register.companies):
        raise BuildError(
            f"index holds {index.document_count} documents, register has {len(register.companies)}"
        )
    if register.companies:
        probe = register.companies[0]
        outcome = index.search(probe.name, limit=5)
        if not outcome.results or outcome.results[0].slug != probe.slug:
            raise BuildError(f"smoke query {probe.name!r} did not find {probe.slug!r}")
    index.close()


def _publish(staging: Path, target: Path) -> None:
    """Rename into place; if a concurrent build got there first, its identical result stands."""
    try:
        os.rename(staging, target)
    except OSError:
        if not (target / MANIFEST).exists():
            raise


def _switch(root: Path, name: str) -> None:
    fd, temp = tempfile.mkstemp(prefix=".pointer-", dir=root)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(name + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temp, root / POINTER)


def _prune(root: Path, keep: str) -> None:
    """Keep a few recent generations: workers still on the previous one finish their requests."""
    generations = sorted(
        (p for p in root.glob("gen-*") if p.is_dir() and p.name != keep),
        key=lambda p: p.stat().st_mtime,
        reverse=True,
    )
    for old in generations[GENERATIONS_KEPT - 1 :]:
        shutil.rmtree(old, ignore_errors=True)
