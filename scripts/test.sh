#!/usr/bin/env bash
# scripts/test.sh - run the whole test suite (the README's test command; CI runs it via .ci/run).
#
#   scripts/test.sh [extra dotnet test args...]     e.g. scripts/test.sh --filter "FullyQualifiedName~Redis"
#
# Starts (or reuses) the local Redis and PostgreSQL via scripts/deps.sh, points the tests at them
# with MAAS_TEST_REDIS_URL / MAAS_TEST_DATABASE_URL (the tests create their own databases on that
# server), runs `dotnet test`, then reads the TRX result files and prints one final line:
#
#   N passed, N failed, N skipped
#
# Exit code: non-zero if dotnet test failed, if any test failed, or if no test ran at all (a filter
# that matches nothing, or a build that produced no test run, must not look like a green run).
# The servers are left running: a developer may be running the engine against them too
# (`scripts/deps.sh stop` stops them).

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
RESULTS_DIR=$REPO_ROOT/.local/TestResults

# trx_attr COUNTERS NAME: the integer value of attribute NAME in a <Counters .../> element, or 0.
# The leading space in the pattern keeps `passed` from matching `passedButRunAborted`.
trx_attr() {
    local value
    value=$(sed -n "s/.* $2=\"\([0-9][0-9]*\)\".*/\1/p" <<<"$1")
    printf '%s\n' "${value:-0}"
}

# summarize_trx DIR: sum the ResultSummary counters of every .trx under DIR (one per test project)
# and set TRX_FILES, TRX_PASSED, TRX_FAILED and TRX_SKIPPED.
summarize_trx() {
    local dir=$1 file counters total executed
    TRX_FILES=0 TRX_PASSED=0 TRX_FAILED=0 TRX_SKIPPED=0
    while IFS= read -r -d '' file; do
        # TRX files are written by an XML writer that puts each element, with all its
        # attributes, on one line, so grep can pick out the element without an XML parser.
        counters=$(grep -o '<Counters [^>]*>' "$file" | head -n 1 || true)
        if [[ -z $counters ]]; then
            echo "test: warning: no <Counters> element in $file (an interrupted run?)" >&2
            continue
        fi
        TRX_FILES=$((TRX_FILES + 1))
        total=$(trx_attr "$counters" total)
        executed=$(trx_attr "$counters" executed)
        TRX_PASSED=$((TRX_PASSED + $(trx_attr "$counters" passed)))
        # Errors, timeouts and aborted tests did not pass either: count them as failures.
        TRX_FAILED=$((TRX_FAILED + $(trx_attr "$counters" failed) + $(trx_attr "$counters" error) +
            $(trx_attr "$counters" timeout) + $(trx_attr "$counters" aborted)))
        # The VSTest TRX logger does not count skipped tests in notExecuted; they show up only as
        # the difference between total and executed.
        TRX_SKIPPED=$((TRX_SKIPPED + total - executed))
    done < <(find "$dir" -type f -name '*.trx' -print0 2>/dev/null)
}

main() {
    set -euo pipefail
    cd "$REPO_ROOT"

    if ! command -v dotnet >/dev/null 2>&1; then
        echo "test: ERROR: the .NET SDK (dotnet) is not on PATH; install the SDK named in global.json" >&2
        exit 1
    fi

    # Starts (or reuses) Redis and PostgreSQL and exports REDIS_URL / DATABASE_URL.
    # shellcheck source=scripts/deps.sh
    source "$REPO_ROOT/scripts/deps.sh"
    # The reference page's test loads /docs in a real browser (tests/Maas.Tests/Infrastructure/HeadlessChromium.cs);
    # Debian's chromium, installed like Redis and PostgreSQL when missing (apt_install comes from deps.sh).
    if [[ ! -x /usr/bin/chromium ]]; then
        apt_install chromium
    fi
    export MAAS_TEST_REDIS_URL="$REDIS_URL"
    export MAAS_TEST_DATABASE_URL="$DATABASE_URL"
    echo "test: MAAS_TEST_REDIS_URL=$MAAS_TEST_REDIS_URL MAAS_TEST_DATABASE_URL=$MAAS_TEST_DATABASE_URL" >&2

    # Old result files would be summed with the new ones.
    rm -rf "$RESULTS_DIR"

    # LogFilePrefix rather than LogFileName=results.trx: with a fixed file name every test project
    # writes the same file and only the last project's results survive ("Overwriting results
    # file"), so the summary below would silently drop the others. A prefix gives one
    # results_<tfm>_<timestamp>.trx per test project.
    local rc=0
    dotnet test Maas.Bus.sln -c Release \
        --logger "trx;LogFilePrefix=results" \
        --results-directory "$RESULTS_DIR" \
        "$@" || rc=$?

    summarize_trx "$RESULTS_DIR"

    local status=0
    if ((rc != 0)); then
        echo "test: dotnet test exited with code $rc" >&2
        status=$rc
    fi
    if ((TRX_FAILED > 0)); then
        echo "test: $TRX_FAILED test(s) failed" >&2
        status=1
    fi
    if ((TRX_PASSED + TRX_FAILED == 0)); then
        echo "test: no test ran (${TRX_FILES} result file(s) in $RESULTS_DIR)" >&2
        status=1
    fi
    # The one-line summary is always the last line of output.
    printf '%d passed, %d failed, %d skipped\n' "$TRX_PASSED" "$TRX_FAILED" "$TRX_SKIPPED"
    exit "$status"
}

# Run only when executed, so the summary functions can be sourced and checked on their own.
if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
    main "$@"
fi
