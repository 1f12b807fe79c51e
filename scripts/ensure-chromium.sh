#!/usr/bin/env bash
# Make sure a Chromium binary is available for the component tests (web-test-runner).
# Uses $CHROME_PATH if set, otherwise Debian's /usr/bin/chromium; installs it with apt-get when running as root.
set -euo pipefail

export DEBIAN_FRONTEND=noninteractive
CHROME="${CHROME_PATH:-/usr/bin/chromium}"

if [[ -x "$CHROME" ]]; then
  exit 0
fi

if [[ -n "${CHROME_PATH:-}" ]]; then
  echo "CHROME_PATH is set to '$CHROME_PATH' but no executable exists there." >&2
  exit 1
fi

if [[ "$(id -u)" -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the component tests (apt-get)..." >&2
  log="$(mktemp)"
  trap 'rm -f "$log"' EXIT
  if ! apt-get update -qq >"$log" 2>&1; then
    cat "$log" >&2
    echo "apt-get update failed." >&2
    exit 1
  fi
  if ! apt-get install -y -qq --no-install-recommends chromium >"$log" 2>&1; then
    cat "$log" >&2
    echo "apt-get install chromium failed." >&2
    exit 1
  fi
  # Debian's wrapper script may print harmless shell warnings on stderr: keep them for the failure case only.
  if ! version="$(/usr/bin/chromium --version 2>"$log")"; then
    cat "$log" >&2
    echo "chromium was installed but '/usr/bin/chromium --version' failed." >&2
    exit 1
  fi
  echo "Installed: $version" >&2
  exit 0
fi

echo "Debian's chromium is required for the component tests: run as root \`apt-get update && apt-get install -y chromium\`, or set CHROME_PATH" >&2
exit 1
