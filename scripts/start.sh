#!/usr/bin/env bash
# scripts/start.sh - start the MAAS AI Engine locally (the README's "start the engine" command).
#
#   scripts/start.sh [args for the engine...]
#
# If both REDIS_URL and DATABASE_URL are set in the environment, the engine uses those servers and
# nothing else is started. Otherwise scripts/deps.sh starts (or reuses) the local Redis and
# PostgreSQL on 127.0.0.1 and their URLs are used. Every other setting (AI_ENGINE_HOST,
# AI_ENGINE_PORT - 8001 by default, REDIS_*_CHANNEL, ...) passes through from your environment.
set -euo pipefail

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
cd "$REPO_ROOT"

# user:password@ -> user:***@ and password=... -> password=***, so a real password never ends up in a terminal log
# (the engine's own rule is Maas.Contracts.Configuration.UrlRedaction; this is its shell twin for the banner).
mask_password() { sed -E -e 's#(://[^:/@]*):.*@#\1:***@#' -e 's#((password|pwd|secret|token|api_?key)=)[^&;]*#\1***#Ig' <<<"$1"; }

if ! command -v dotnet >/dev/null 2>&1; then
    echo "start: ERROR: the .NET SDK (dotnet) is not on PATH; install the SDK named in global.json" >&2
    exit 1
fi

if [[ -n ${REDIS_URL:-} && -n ${DATABASE_URL:-} ]]; then
    echo "start: REDIS_URL and DATABASE_URL are set; using them and starting no local servers" >&2
else
    if [[ -n ${REDIS_URL:-} || -n ${DATABASE_URL:-} ]]; then
        # Half of a configuration is more likely a leftover than a choice: use the local pair.
        echo "start: warning: only one of REDIS_URL / DATABASE_URL is set; set both to use your own servers." \
            "Using the local Redis and PostgreSQL for both." >&2
    fi
    # Starts (or reuses) both servers and exports REDIS_URL / DATABASE_URL.
    # shellcheck source=scripts/deps.sh
    source "$REPO_ROOT/scripts/deps.sh"
fi

echo "start: MAAS AI Engine on http://${AI_ENGINE_HOST:-localhost}:${AI_ENGINE_PORT:-8001}" \
    "| Redis $(mask_password "$REDIS_URL") | PostgreSQL $(mask_password "$DATABASE_URL")" >&2

# --no-launch-profile: a Properties/launchSettings.json profile would override the environment
# (its applicationUrl and ASPNETCORE_ENVIRONMENT); this command's settings are the environment only.
args=(run --project src/Maas.Engine.Api -c Release --no-launch-profile)
if (($# > 0)); then
    args+=(-- "$@")
fi
exec dotnet "${args[@]}"
