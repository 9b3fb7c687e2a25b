#!/usr/bin/env bash
# The portal's browser tests drive Debian's Chromium (/usr/bin/chromium); Playwright never
# downloads a browser. Installs it when it is missing; does nothing otherwise.
set -euo pipefail
command -v chromium >/dev/null 2>&1 && exit 0
as_root=""
[ "$(id -u)" -eq 0 ] || as_root="sudo"
$as_root apt-get update -qq
DEBIAN_FRONTEND=noninteractive $as_root apt-get install -y -qq chromium
