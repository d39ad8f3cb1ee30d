#!/usr/bin/env bash
# Dependency audit: pip-audit of the installed, pinned environment (.venv, the exact versions
# pip resolved from pyproject.toml) and `npm audit --omit=dev` (package-lock.json).
# Where no vulnerability database is reachable (no network, or a registry mirror without the
# audit API) the check is skipped with a clear message instead of failing or passing silently.
set -uo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
status=0

echo "--- pip-audit (Python, pinned versions from .venv) ---"
mkdir -p var
"$BIN/pip" freeze --exclude-editable --disable-pip-version-check > var/requirements.lock
output=$("$BIN/pip-audit" --requirement var/requirements.lock --no-deps --disable-pip \
    --progress-spinner off 2>&1)
rc=$?
audited=$(grep -c "could not be audited" <<<"$output")
total=$(grep -c . var/requirements.lock)
if [ "$rc" -ne 0 ] && grep -q "known vulnerabilit" <<<"$output"; then
    echo "$output"
    echo "pip-audit: VULNERABILITIES FOUND (see above)."
    status=1
elif [ "$rc" -ne 0 ] || [ "$audited" -ge "$total" ]; then
    echo "$output" | tail -n 3
    echo "pip-audit: SKIPPED - no vulnerability database reachable from here" \
        "($audited of $total packages could not be looked up). Run it where PyPI/OSV is reachable."
else
    echo "$output" | tail -n 3
    echo "pip-audit: no known vulnerabilities in $total pinned packages."
fi

echo "--- npm audit --omit=dev (package-lock.json) ---"
output=$(npm audit --omit=dev 2>&1)
rc=$?
if [ "$rc" -eq 0 ]; then
    echo "$output" | tail -n 3
    echo "npm audit: no known vulnerabilities in the runtime packages."
elif grep -qiE "audit endpoint returned an error|ENOTFOUND|ECONNREFUSED|EAI_AGAIN|ETIMEDOUT|network" \
    <<<"$output"; then
    echo "$output" | tail -n 3
    echo "npm audit: SKIPPED - the registry's audit service is not reachable from here."
else
    echo "$output"
    echo "npm audit: VULNERABILITIES FOUND (see above)."
    status=1
fi
exit "$status"
