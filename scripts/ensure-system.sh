#!/usr/bin/env bash
# Installs what the end-to-end suites need from the system, or says in one line what is missing.
#   scripts/ensure-system.sh chromium postgresql
set -euo pipefail

need_apt=()
for what in "$@"; do
  case "$what" in
    chromium) [ -x /usr/bin/chromium ] || need_apt+=(chromium fonts-dejavu-core) ;;
    postgresql) [ -x /usr/lib/postgresql/15/bin/initdb ] || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need_apt+=(postgresql) ;;
    pdftoppm) command -v pdftoppm >/dev/null || need_apt+=(poppler-utils) ;;
    *) echo "ensure-system: unknown requirement '$what'" >&2; exit 2 ;;
  esac
done

[ ${#need_apt[@]} -eq 0 ] && exit 0

if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null; then
  echo "Missing system packages: ${need_apt[*]}. Install them (Debian: sudo apt-get install ${need_apt[*]}) and run again." >&2
  exit 1
fi
echo "Installing system packages: ${need_apt[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
