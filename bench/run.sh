#!/usr/bin/env bash
# bench/run.sh - the benchmark suite in one command (see bench/README.md).
#
#   bash bench/run.sh                 everything; writes bench/results/REPORT.md, results.json, throughput-latency.png, micro/
#   bash bench/run.sh --quick         a small smoke run (minutes); writes to bench/.artifacts/quick/ and leaves results/ alone
#   bash bench/run.sh --skip-micro    the end-to-end suite only (the report keeps the micro tables already in results/micro)
#   bash bench/run.sh --otlp          engines export traces and metrics over OTLP/HTTP to a sink in the bench (telemetry's cost)
#   bash bench/run.sh --scale-counts 1000,10000 ...   any other --name value goes to the suite (see BenchSettings.cs)
#
# It starts (or reuses) Redis and PostgreSQL with scripts/deps.sh, builds the engine and the bench in Release,
# installs dotnet-trace and dotnet-counters into bench/.tools (for the profiled run; skipped if that fails), runs
# the BenchmarkDotNet micro-benchmarks, then the end-to-end suite, which starts and stops the engine itself.
# The bench uses its own database (maas_bench, dropped and created again), channels (maas_bench:*) and engine
# port (8011), so an engine or test run on the same servers is not disturbed, nor disturbs it unseen.
set -euo pipefail

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
cd "$REPO_ROOT"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

log() { printf 'run: %s\n' "$*" >&2; }

quick="" micro=1 pass=()
while (($# > 0)); do
    case $1 in
    --quick) quick=1 ;;
    --skip-micro) micro="" ;;
    --otlp) pass+=(--otlp true) ;;
    *) pass+=("$1") ;;
    esac
    shift
done

# Only the URLs are wanted from deps.sh; its progress goes to stderr.
eval "$(bash scripts/deps.sh start)"
bench_database_url="${DATABASE_URL%/*}/${BENCH_DATABASE:-maas_bench}"

log "building the engine and the bench (Release)"
dotnet build src/Maas.Engine.Api -c Release -v quiet -nologo
dotnet build bench/Maas.Bench -c Release -v quiet -nologo

tools="$REPO_ROOT/bench/.tools"
for tool in dotnet-trace dotnet-counters; do
    if [[ ! -x $tools/$tool ]]; then
        log "installing $tool into bench/.tools"
        dotnet tool install "$tool" --version 10.0.750501 --tool-path "$tools" >&2 || log "could not install $tool; the report will have no profile"
    fi
done
tool_args=()
if [[ -x $tools/dotnet-trace && -x $tools/dotnet-counters ]]; then
    tool_args=(--tools-dir "$tools")
fi

results="$REPO_ROOT/bench/results"
size_args=()
if [[ -n $quick ]]; then
    results="$REPO_ROOT/bench/.artifacts/quick"
    size_args=(--offered-rates 250,1000 --rate-seconds 4 --scale-counts 1000,3000 --in-flight-counts 300
        --in-flight-agent-delay-ms 5000 --warmup-tasks 2000)
    micro=""
fi
mkdir -p "$results" "$REPO_ROOT/bench/.artifacts"

if [[ -n $micro ]]; then
    log "micro-benchmarks (BenchmarkDotNet)"
    rm -rf "$results/micro"
    MAAS_BENCH_DATABASE_URL="${DATABASE_URL%/*}/maas_bench_micro" \
        dotnet run --project bench/Maas.Bench.Micro -c Release -- --artifacts "$results/micro" >&2
fi

command="bash bench/run.sh"
if ((${#pass[@]} > 0)); then command+=" ${pass[*]}"; fi
[[ -n $quick ]] && command+=" --quick"
log "end-to-end suite; results in ${results#"$REPO_ROOT"/}"
dotnet bench/Maas.Bench/bin/Release/net10.0/Maas.Bench.dll \
    --engine-dll "$REPO_ROOT/src/Maas.Engine.Api/bin/Release/net10.0/Maas.Engine.Api.dll" \
    --redis-url "$REDIS_URL" --database-url "$bench_database_url" \
    --results-dir "$results" --artifacts-dir "$REPO_ROOT/bench/.artifacts" \
    --command "$command" "${tool_args[@]}" "${size_args[@]}" "${pass[@]}" 2>&1 | tee "$REPO_ROOT/bench/.artifacts/suite.log" >&2
