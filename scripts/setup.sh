#!/usr/bin/env bash
# What `make report`, `make test` and `make bench` need on a Debian machine, installed when it is
# missing (and nothing done when it is all there):
#
#   scripts/setup.sh build   the system libraries the build links (zlib, libxml2, SQLite) and pkg-config
#   scripts/setup.sh test    build's, plus the browser tests' Chromium, its driver, a font and a Java
#                            runtime (the W3C validator), msmtp for the e-mail tests, and the Python
#                            packages of Tests/*/requirements.txt in the project's own .venv/
#   scripts/setup.sh bench   build's, plus jq, unzip and GNU time for the baseline and the measurements
#
# As root with apt-get, missing Debian packages are installed; otherwise it stops at once and
# prints the one command that installs them.
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-build}

say() { echo "setup: $*" >&2; }

packages=(zlib1g-dev libxml2-dev libsqlite3-dev pkg-config)
case "$what" in
  build) ;;
  test)  packages+=(chromium chromium-driver fonts-dejavu-core msmtp) ;;
  bench) packages+=(jq unzip time) ;;
  *) say "usage: scripts/setup.sh build|test|bench"; exit 2 ;;
esac
# A Java runtime already on the machine does for the validator; Debian's python3 needs python3-venv
# for a virtual environment (pyenv's and python.org's builds have it).
if [ "$what" = test ]; then
  command -v java >/dev/null 2>&1 || packages+=(default-jre-headless)
  python3 -c 'import ensurepip, venv' >/dev/null 2>&1 || [ -x .venv/bin/python ] || packages+=(python3-venv)
fi

if ! command -v swift >/dev/null 2>&1; then
  say "no 'swift' on PATH: install the Swift 6 toolchain (https://www.swift.org/install/linux/) and put its usr/bin on PATH"
  exit 1
fi

missing=()
for pkg in "${packages[@]}"; do
  [ "$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null)" = "install ok installed" ] || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    say "missing system packages; as root, run: apt-get install -y --no-install-recommends ${missing[*]}"
    exit 1
  fi
  say "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # An image that was never updated has no package lists; an old list may name files that are gone.
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ "$what" = test ]; then
  requirements=(Tests/Browser/requirements.txt Tests/Mail/requirements.txt)
  stamp=$(cat "${requirements[@]}" | sha256sum | cut -c1-16)
  if [ "$(cat .venv/.requirements 2>/dev/null)" != "$stamp" ]; then
    say "installing the tests' Python packages into .venv/"
    [ -x .venv/bin/python ] || python3 -m venv .venv
    .venv/bin/python -m pip install -q --disable-pip-version-check -r "${requirements[0]}" -r "${requirements[1]}"
    echo "$stamp" > .venv/.requirements
  fi
fi
