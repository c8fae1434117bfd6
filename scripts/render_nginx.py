"""Render deploy/nginx.conf.template for a set of gunicorn nodes.

    python -m scripts.render_nginx --node 10.0.0.11:8000 --node 10.0.0.12:8000 \
        --listen 80 --prefix /var/lib/verif-nginx > /var/lib/verif-nginx/nginx.conf
    nginx -p /var/lib/verif-nginx -e /var/lib/verif-nginx/error.log \
        -c /var/lib/verif-nginx/nginx.conf

The server test renders the same template, so the configuration that ships is the one
that was tested.
"""

from __future__ import annotations

import argparse
from pathlib import Path

TEMPLATE = Path(__file__).resolve().parent.parent / "deploy" / "nginx.conf.template"
TEMP_DIRS = ("client_body", "proxy_temp", "fastcgi_temp", "uwsgi_temp", "scgi_temp", "cache")


def render(nodes: list[str], listen: str, prefix: Path, user: str | None = None) -> str:
    """The configuration text; `user` only matters when nginx is started as root."""
    values = {
        "user_directive": f"user {user};" if user else "",
        "prefix": str(prefix),
        "listen": listen,
        "servers": "\n".join(
            f"        server {node} max_fails=2 fail_timeout=5s;" for node in nodes
        ),
    }
    text = TEMPLATE.read_text(encoding="utf-8")
    for name, value in values.items():
        text = text.replace("{{" + name + "}}", value)
    if "{{" in text:
        raise ValueError("template has a placeholder this script does not fill")
    return text


def prepare(prefix: Path) -> None:
    """Create the directories the configuration names (nginx does not create them all)."""
    for name in TEMP_DIRS:
        (prefix / name).mkdir(parents=True, exist_ok=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--node", action="append", required=True, help="HOST:PORT of gunicorn")
    parser.add_argument("--listen", default="80")
    parser.add_argument("--prefix", type=Path, required=True)
    parser.add_argument("--user", help="worker user, when nginx starts as root")
    args = parser.parse_args(argv)
    prepare(args.prefix)
    print(render(args.node, args.listen, args.prefix, args.user), end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
