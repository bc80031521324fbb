#!/usr/bin/env bash
# Makes sure Debian's Chromium is installed for the report's browser test, and prints its path.
# playwright-core drives it through `executablePath`: no browser download from a CDN, only the
# distribution's package (apt-get, root needed). Idempotent: a second run only checks.
# Exit 0 with the path on stdout, or non-zero with the reason on stderr.
set -euo pipefail

find_chromium() {
  local candidate
  for candidate in "${CHROMIUM_PATH:-}" /usr/bin/chromium /usr/bin/chromium-browser; do
    if [ -n "$candidate" ] && [ -x "$candidate" ]; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

if path="$(find_chromium)"; then
  echo "$path"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "ensure-chromium: Chromium is not installed and installing it needs root (apt-get install chromium)" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: Chromium is not installed and apt-get is not available to install it" >&2
  exit 1
fi

echo "ensure-chromium: installing Debian's chromium package (apt-get)" >&2
export DEBIAN_FRONTEND=noninteractive
# Another apt run (e.g. the cluster scripts) may hold the lock: wait for it instead of failing.
apt_get() { apt-get -o DPkg::Lock::Timeout=300 "$@"; }
if ! apt_get install -y --no-install-recommends chromium >&2; then
  apt_get update >&2
  apt_get install -y --no-install-recommends chromium >&2
fi

if path="$(find_chromium)"; then
  echo "$path"
  exit 0
fi
echo "ensure-chromium: apt-get finished but no chromium binary was found at /usr/bin/chromium" >&2
exit 1
