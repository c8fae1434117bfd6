"""Command line: `python -m search_index build [--if-missing]` builds the index generation."""

from __future__ import annotations

import argparse
import sys

from register.model import RegisterError
from register.paths import registry_path
from search_index.build import BuildError, build_index, ensure_index
from search_index.paths import index_dir


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m search_index")
    sub = parser.add_subparsers(dest="command", required=True)
    build = sub.add_parser("build", help="build the index from the register and switch to it")
    build.add_argument("--registry", default=registry_path())
    build.add_argument("--index-dir", default=index_dir())
    build.add_argument("--if-missing", action="store_true", help="keep an existing generation")
    args = parser.parse_args(argv)
    try:
        builder = ensure_index if args.if_missing else build_index
        name = builder(args.registry, args.index_dir)
    except (RegisterError, BuildError) as exc:
        print(f"index not built, the live one is unchanged:\n{exc}", file=sys.stderr)
        return 1
    print(f"serving generation {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
