#!/usr/bin/env bash
# scripts/publish-example.sh - publish the seed's example task_execute, as the platform would, with a fresh task_id
# and timestamp each time (the README's walkthrough).
#
#   scripts/publish-example.sh [options]
#
#   --task-type TYPE   code_generation (default), research, testing or documentation; each gets a fitting input_data
#   --task-id ID       publish under this task_id (the same id twice is a duplicate request, and the log says so)
#   --channel NAME     the engine's task channel (default: $REDIS_TASK_CHANNEL, else task_requests)
#   --timeout SECONDS  configuration.timeout (default 300)
#   --max-retries N    configuration.max_retries (default 3)
#   --print            print the message and publish nothing (to publish it yourself with redis-cli)
#
# Redis is REDIS_URL (default: the local Redis of scripts/deps.sh, redis://127.0.0.1:56379/0), through redis-cli
# (installed with redis-server by scripts/deps.sh). Prints the task_id on stdout; says on stderr how many engines
# heard it, and exits 3 when none did (is the engine running, on this channel?).
set -euo pipefail

die() { printf 'publish-example: %s\n' "$*" >&2; exit 1; }

task_type=code_generation
task_id=""
channel=${REDIS_TASK_CHANNEL:-task_requests}
timeout=300
max_retries=3
print_only=""

while (($# > 0)); do
    case $1 in
    --task-type) task_type=${2:?--task-type needs a value}; shift 2 ;;
    --task-id) task_id=${2:?--task-id needs a value}; shift 2 ;;
    --channel) channel=${2:?--channel needs a value}; shift 2 ;;
    --timeout) timeout=${2:?--timeout needs a value}; shift 2 ;;
    --max-retries) max_retries=${2:?--max-retries needs a value}; shift 2 ;;
    --print) print_only=1; shift ;;
    -h | --help) sed -n '2,/^$/s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) die "unknown argument '$1' (see --help)" ;;
    esac
done

[[ $timeout =~ ^[0-9]+$ ]] || die "--timeout must be a whole number of seconds, not '$timeout'"
[[ $max_retries =~ ^[0-9]+$ ]] || die "--max-retries must be a whole number, not '$max_retries'"

# The input each task kind needs (README, "The agent"); the seed's own for code_generation, with the seed's agent_id.
agent=""
case $task_type in
code_generation) input='{"description":"generate a hello world program","language":"python","requirements":[]}'
    agent='"agent_id":"code_generator_658e1617",' ;;
research) input='{"query":"what is a state machine saga"}' ;;
testing) input='{"description":"test a function that adds two numbers","language":"python"}' ;;
documentation) input='{"description":"document a hello world program"}' ;;
*) die "--task-type must be code_generation, research, testing or documentation, not '$task_type'" ;;
esac

now=$(date -u +%Y%m%d_%H%M%S)
if [[ -z $task_id ]]; then
    # The seed's shape: <type>_<8 hex>_<date>_<time>, new every run.
    task_id=${task_type}_$(od -An -N4 -tx1 /dev/urandom | tr -d ' \n')_${now}
fi
# Only letters, digits and a few marks, so the id needs no JSON escaping here.
[[ $task_id =~ ^[A-Za-z0-9_.:-]+$ ]] || die "--task-id may hold letters, digits and _ . : - only, not '$task_id'"

timestamp=$(date -u +%Y-%m-%dT%H:%M:%S.%6NZ)
message=$(printf '{"message_type":"task_execute","task_id":"%s","timestamp":"%s","source":"maas_platform","data":{"task_type":"%s","environment_id":"615dfdb3-1051-449e-b858-e4ea9220837a",%s"input_data":%s,"configuration":{"timeout":%s,"max_retries":%s,"priority":"normal"}}}' \
    "$task_id" "$timestamp" "$task_type" "$agent" "$input" "$timeout" "$max_retries")

if [[ -n $print_only ]]; then
    printf '%s\n' "$message"
    exit 0
fi

command -v redis-cli >/dev/null 2>&1 || die "redis-cli not found: scripts/deps.sh installs it (with redis-server), or apt-get install redis-tools"
url=${REDIS_URL:-redis://127.0.0.1:56379/0}
# The URL as given (redis://, rediss:// for TLS, with a password if any); redis-cli reads all of it from -u.
receivers=$(redis-cli -u "$url" --no-auth-warning publish "$channel" "$message") ||
    die "could not publish to Redis (REDIS_URL); is it running? (scripts/deps.sh status)"
[[ $receivers =~ ^[0-9]+$ ]] || die "Redis answered '$receivers'"

printf '%s\n' "$task_id"
if ((receivers == 0)); then
    printf 'publish-example: nobody listens on %s: is the engine running, on this channel?\n' "$channel" >&2
    exit 3
fi
printf 'publish-example: %s published on %s, heard by %s subscriber(s)\n' "$task_id" "$channel" "$receivers" >&2
