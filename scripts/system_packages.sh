#!/usr/bin/env bash
# Debian packages the test suite drives for real: Chromium (browser tests), nginx (deploy/
# test, run in the foreground by that test, never as a service), openssl (throwaway
# certificate of the HTTPS import tests), PostgreSQL and Redis (servers the storage and
# shared-limit tests start in a temporary directory, never as services) and a headless JRE
# (the Nu HTML Checker), systemd-analyze (checks deploy/'s import units; systemd is not
# started), and DejaVu Sans, the font of the site's social images (also needed in production).
# Idempotent: installs only what is missing.
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
[ -x /usr/sbin/nginx ] || missing+=(nginx)
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || missing+=(postgresql)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
command -v systemd-analyze >/dev/null 2>&1 || missing+=(systemd)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "The tests need these Debian packages: ${missing[*]} (apt-get install -y ${missing[*]})" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${missing[@]}" >/dev/null
