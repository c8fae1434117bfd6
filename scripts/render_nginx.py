"""Render deploy/nginx.conf.template for a set of gunicorn nodes.

    python -m scripts.render_nginx --server-name verif.example \
        --node 10.0.0.11:8000 --node 10.0.0.12:8000 [--tls-terminator 10.0.0.2] \
        --listen 80 --prefix /var/lib/verif-nginx > /var/lib/verif-nginx/nginx.conf
    nginx -p /var/lib/verif-nginx -e /var/lib/verif-nginx/error.log \
        -c /var/lib/verif-nginx/nginx.conf

The server test renders the same template, so the configuration that ships is the one
that was tested.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from webapp import language

TEMPLATE = Path(__file__).resolve().parent.parent / "deploy" / "nginx.conf.template"
# The query arguments any route reads (webapp.query_args): the only ones cached on and passed on.
KNOWN_ARGUMENTS = (
    "q", "lang", "date", "limit", "status", "url", "format", "maxwidth", "maxheight",
    "theme", "size", "type", "embed_lang", "v", "entreprise",
)  # fmt: skip
# Requests one address may have in progress at once through nginx (limit_conn).
PER_CLIENT_CONNECTIONS = 32
TEMP_DIRS = ("client_body", "proxy_temp", "fastcgi_temp", "uwsgi_temp", "scgi_temp", "cache")


def render(
    nodes: list[str],
    listen: str,
    prefix: Path,
    server_name: str,
    tls_terminators: tuple[str, ...] = (),
    user: str | None = None,
) -> str:
    """The configuration text; `user` only matters when nginx is started as root."""
    values = {
        "user_directive": f"user {user};" if user else "",
        "prefix": str(prefix),
        "listen": listen,
        "server_name": server_name,
        "tls_terminator_geo": "\n".join(f"        {a} 1;" for a in tls_terminators),
        "tls_terminator_real_ip": "\n".join(f"    set_real_ip_from {a};" for a in tls_terminators),
        "argument_maps": argument_maps(),
        "language_maps": language_maps(),
        "per_client_connections": str(PER_CLIENT_CONNECTIONS),
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


def argument_maps() -> str:
    """nginx maps building $known_args: each known argument that has a value, in a fixed order."""
    maps = [
        _map(f"$arg_{name}", f"$known_arg_{name}", ('"" ""', f'default "{name}=$arg_{name}&"'))
        for name in KNOWN_ARGUMENTS
    ]
    joined = "".join(f"$known_arg_{name}" for name in KNOWN_ARGUMENTS)
    maps.append(_map(f'"{joined}"', "$known_args", ('"~^(?<all>.*)&$" $all', 'default ""')))
    maps.append(_map("$known_args", "$is_known_args", ('"" ""', 'default "?"')))
    return "\n".join(maps)


def language_maps() -> str:
    """nginx maps computing $reader_language with webapp.language's rule and expressions."""
    star = f'"~*{language.STAR}" "=$1"'
    maps = [_map("$http_accept_language", "$al_star", (star, "default none"))]
    for tag in language.LANGUAGES:
        entry = f'"~*{language.entry_pattern(tag)}" "=$1"'
        maps.append(_map("$http_accept_language", f"$al_{tag}_entry", (entry, "default none")))
        maps.append(_map(f"$al_{tag}_entry", f"$al_{tag}_params",
                         ("none $al_star", f"default $al_{tag}_entry")))  # fmt: skip
        qualities = [f'"~*{pattern}" {value}' for pattern, value in language.QUALITY_PATTERNS]
        maps.append(_map(f"$al_{tag}_params", f"$al_{tag}_q", (
            f"{language.NONE} 0000", '"=" ' + language.DEFAULT_QUALITY, *qualities,
            f"default {language.DEFAULT_QUALITY}",
        )))  # fmt: skip
    # English only when its four-digit quality is higher: after a common prefix, a larger digit.
    higher = "|".join(f"{d}[0-9]*:\\1[0-{d - 1}]" for d in range(1, 10))
    maps.append(_map('"$al_en_q:$al_fr_q"', "$reader_language",
                     (f'"~^([0-9]*)(?:{higher})" en', "default fr")))  # fmt: skip
    return "\n".join(maps)


def _map(source: str, target: str, lines: tuple[str, ...]) -> str:
    body = "".join(f"        {line};\n" for line in lines)
    return f"    map {source} {target} {{\n{body}    }}"


def prepare(prefix: Path) -> None:
    """Create the directories the configuration names (nginx does not create them all)."""
    for name in TEMP_DIRS:
        (prefix / name).mkdir(parents=True, exist_ok=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--server-name", required=True, help="the site's host name (BASE_URL's)")
    parser.add_argument("--node", action="append", required=True, help="HOST:PORT of gunicorn")
    parser.add_argument(
        "--tls-terminator",
        action="append",
        default=[],
        help="address or network of a TLS terminator in front, whose X-Forwarded-For/-Proto count",
    )
    parser.add_argument("--listen", default="80")
    parser.add_argument("--prefix", type=Path, required=True)
    parser.add_argument("--user", help="worker user, when nginx starts as root")
    args = parser.parse_args(argv)
    prepare(args.prefix)
    text = render(
        args.node, args.listen, args.prefix, args.server_name, tuple(args.tls_terminator), args.user
    )
    print(text, end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
