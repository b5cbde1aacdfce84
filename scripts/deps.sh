#!/usr/bin/env bash
# scripts/deps.sh - the local Redis and PostgreSQL the MAAS AI Engine and its tests run against.
#
#   scripts/deps.sh [start]   install (if missing) and start both servers, or reuse them if they
#                             already answer; prints `export REDIS_URL=...` / `export DATABASE_URL=...`
#                             on stdout (progress goes to stderr), so `eval "$(scripts/deps.sh)"` works
#   scripts/deps.sh stop      stop the servers started from this checkout's .local/
#   scripts/deps.sh status    say whether each server answers
#   scripts/deps.sh env       print the export lines only; start nothing
#   source scripts/deps.sh    start (or reuse) both and export REDIS_URL / DATABASE_URL into the
#                             calling shell (this is what scripts/start.sh and scripts/test.sh do)
#
# Both servers listen on 127.0.0.1 only, on dedicated ports (Redis 56379, PostgreSQL 55432), so they
# never clash with a developer's own servers on 6379/5432. All state lives in <repo>/.local/
# (git-ignored): .local/postgres (data), .local/redis, .local/logs.
#
# Environment knobs (all optional):
#   MAAS_DEPS_TIMEOUT  seconds to wait for a server to answer (default 60)
#   MAAS_PG_BIN        directory holding initdb/pg_ctl/postgres if they are somewhere unusual

# The URLs are defined once, here, and used by both the sourced and the executed paths.
MAAS_REDIS_PORT=56379
MAAS_PG_PORT=55432
MAAS_PG_DATABASE=maas_agent_platform
MAAS_REDIS_URL="redis://127.0.0.1:${MAAS_REDIS_PORT}/0"
# The password is ignored by the local server (trust auth on loopback); it is in the URL so that the
# same URL shape works against the compose stack, whose PostgreSQL does require it.
MAAS_DATABASE_URL="postgresql://postgres:devpassword@127.0.0.1:${MAAS_PG_PORT}/${MAAS_PG_DATABASE}"

if [[ "${BASH_SOURCE[0]}" != "$0" ]]; then
    # Sourced. Do the work in a child bash so that our strict mode, traps, fds and helper functions
    # never leak into the caller's shell (an interactive shell must not inherit `set -e`), then
    # export the URLs here. The child's stdout only repeats the export lines, so drop it.
    if ! bash "${BASH_SOURCE[0]}" start >/dev/null; then
        echo "deps: could not start Redis/PostgreSQL (see the messages above)" >&2
        return 1
    fi
    export REDIS_URL="$MAAS_REDIS_URL" DATABASE_URL="$MAAS_DATABASE_URL"
    echo "deps: exported REDIS_URL=$REDIS_URL DATABASE_URL=$DATABASE_URL" >&2
    return 0
fi

set -euo pipefail

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
LOCAL_DIR=$REPO_ROOT/.local
LOG_DIR=$LOCAL_DIR/logs
PG_DATA=$LOCAL_DIR/postgres
PG_LOG=$LOG_DIR/postgres.log
REDIS_DIR=$LOCAL_DIR/redis
REDIS_LOG=$LOG_DIR/redis.log
REDIS_PIDFILE=$REDIS_DIR/redis.pid
TIMEOUT=${MAAS_DEPS_TIMEOUT:-60}
PG_BIN=""
APT_UPDATED=""

log() { printf 'deps: %s\n' "$*" >&2; }
die() { printf 'deps: ERROR: %s\n' "$*" >&2; exit 1; }

is_root() { [[ $EUID -eq 0 ]]; }

show_log_tail() {
    local file=$1
    if [[ -r $file ]]; then
        printf -- '---- last 40 lines of %s ----\n' "$file" >&2
        tail -n 40 "$file" >&2 || true
        printf -- '---- end of %s ----\n' "$file" >&2
    fi
}

# wait_until SECONDS COMMAND...: poll COMMAND every 0.2 s until it succeeds or SECONDS pass.
wait_until() {
    local deadline=$((SECONDS + $1))
    shift
    until "$@"; do
        ((SECONDS < deadline)) || return 1
        sleep 0.2
    done
}

# True if something accepts TCP connections on 127.0.0.1:PORT (whatever it is).
port_open() { (exec 8<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# True if PID is a live (not zombie) process whose command name contains NAME, so that a PID
# recycled by an unrelated process after a crash or a container restart is not taken for our server.
pid_is() {
    local pid=$1 name=$2 info
    [[ $pid =~ ^[0-9]+$ ]] || return 1
    info=$(ps -o stat= -o comm= -p "$pid" 2>/dev/null) || return 1
    [[ $info != Z* && $info == *"$name"* ]]
}
pid_gone() { ! pid_is "$1" "$2"; }

# Run a command with every fd above 2 closed. The servers it launches outlive this script, and a
# daemon that inherited a pipe (our copy of stdout, a CI runner's pipes) or the lock fd would make
# `$(scripts/deps.sh)` or a CI step wait forever, and the next run wait on the lock.
without_inherited_fds() (
    local f n
    for f in /dev/fd/*; do
        n=${f##*/}
        if [[ $n =~ ^[0-9]+$ ]] && ((n > 2)); then exec {n}>&-; fi
    done
    "$@"
)

# GNU stat first (Linux), BSD stat as the fallback (macOS).
owner_of() { stat -c %U "$1" 2>/dev/null || stat -f %Su "$1"; }

# ---------------------------------------------------------------------------------------------
# Installing. Only ever called when a binary is missing; uses sudo only when not already root.
# ---------------------------------------------------------------------------------------------

as_admin() {
    if is_root; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        # Without a terminal (CI, pipes) a password prompt would hang forever: fail instead.
        if [[ -t 0 ]]; then sudo "$@"; else sudo -n "$@"; fi
    else
        die "need root to run '$*' and sudo is not available; run it as root, then re-run this script"
    fi
}

# Fresh machines and containers often have empty package lists: update them once per run.
apt_update_once() {
    command -v apt-get >/dev/null 2>&1 ||
        die "cannot install $* automatically: apt-get not found. Install it with your package manager and re-run."
    if [[ -z $APT_UPDATED ]]; then
        log "apt-get update (once, to install $*)"
        as_admin env DEBIAN_FRONTEND=noninteractive apt-get update -qq || die "apt-get update failed"
        APT_UPDATED=1
    fi
}

apt_install() {
    apt_update_once "$@"
    log "installing $* with apt-get"
    as_admin env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" ||
        die "apt-get install $* failed"
}

# ---------------------------------------------------------------------------------------------
# PostgreSQL
# ---------------------------------------------------------------------------------------------

PG_USER=""

# PostgreSQL refuses to run as root: as root we run its tools as the `postgres` OS user, otherwise
# as ourselves. `cd /` because the postgres user usually cannot read root's working directory.
as_pg() {
    if is_root; then
        (cd / && runuser -u postgres -- "$@")
    else
        "$@"
    fi
}

find_pg_bin() {
    local dir
    # An explicit choice, then the version the platform targets, then any Debian/Ubuntu version
    # (newest first), then whatever is on PATH (other distributions, Homebrew).
    for dir in "${MAAS_PG_BIN:-}" /usr/lib/postgresql/15/bin \
        $(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V -r) \
        "$(dirname "$(command -v pg_ctl 2>/dev/null || echo /nonexistent/pg_ctl)")"; do
        if [[ -n $dir && -x $dir/initdb && -x $dir/pg_ctl && -x $dir/postgres && -x $dir/pg_isready && -x $dir/psql ]]; then
            PG_BIN=$dir
            return 0
        fi
    done
    return 1
}

ensure_pg_bin() {
    find_pg_bin && return 0
    log "PostgreSQL server binaries not found"
    # postgresql-15 matches the compose stack; distributions without it get their default version.
    apt_update_once PostgreSQL
    if apt-cache show postgresql-15 >/dev/null 2>&1; then
        apt_install postgresql-15
    else
        apt_install postgresql
    fi
    find_pg_bin || die "PostgreSQL was installed but initdb/pg_ctl were not found under /usr/lib/postgresql/*/bin; set MAAS_PG_BIN"
}

pg_ready_or_gone() { pg_isready_tcp || pid_gone "$1" postgres; }
# -U/-d: pg_isready never authenticates, but without them the server logs "role root does not exist".
pg_isready_tcp() { "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$MAAS_PG_PORT" -U postgres -d postgres -t 2; }

psql_admin() {
    # PGPASSWORD only matters if the server on the port is not ours (e.g. a compose PostgreSQL).
    PGPASSWORD=devpassword PGCONNECT_TIMEOUT=5 "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 \
        -h 127.0.0.1 -p "$MAAS_PG_PORT" -U postgres -d postgres "$@"
}

pg_ensure_database() {
    local exists
    exists=$(psql_admin -tAc "SELECT 1 FROM pg_database WHERE datname = '$MAAS_PG_DATABASE'") ||
        die "cannot query the PostgreSQL server on 127.0.0.1:$MAAS_PG_PORT as user postgres"
    if [[ $exists != 1 ]]; then
        log "creating database $MAAS_PG_DATABASE"
        # Another deps.sh could race us here despite the lock (e.g. one from another checkout), so
        # re-check rather than fail on "already exists".
        psql_admin -c "CREATE DATABASE $MAAS_PG_DATABASE" >/dev/null 2>&1 ||
            [[ $(psql_admin -tAc "SELECT 1 FROM pg_database WHERE datname = '$MAAS_PG_DATABASE'") == 1 ]] ||
            die "could not create database $MAAS_PG_DATABASE"
    fi
}

# The Unix socket goes inside .local (not /var/run/postgresql, which needs root and is shared with
# the system server). A socket path is limited to ~107 bytes, so a deeply nested checkout falls
# back to a per-user directory under /tmp.
pg_socket_dir() {
    local dir=$LOCAL_DIR/pg-socket
    if ((${#dir} > 90)); then
        dir=${TMPDIR:-/tmp}/maas-pg-socket-$(id -u "$PG_USER")
    fi
    printf '%s\n' "$dir"
}

# Create a directory/file owned by the user the server runs as. Root can hand over what an earlier
# run created; a normal user cannot take over what a root run left behind, so say how to fix it.
not_yours() {
    die "$1 belongs to '$(owner_of "$1")' (left by a run as another user). Run this script as that user, or remove it: sudo rm -rf '$1'"
}
own_dir() {
    local user=$1 dir=$2
    if is_root; then
        mkdir -p "$dir"
        chown "$user:" "$dir"
    elif [[ -e $dir && $(owner_of "$dir") != "$user" ]]; then
        not_yours "$dir"
    else
        mkdir -p "$dir"
    fi
    chmod 700 "$dir"
}
own_file() {
    local user=$1 file=$2
    if is_root; then
        touch "$file"
        chown "$user:" "$file"
    elif [[ -e $file && ! -w $file ]]; then
        not_yours "$file"
    else
        touch "$file"
    fi
}

pg_write_config() {
    local socket_dir=$1
    # Rewritten on every start so edits to this script (or a moved checkout, which changes the
    # socket path) always take effect. It is included from postgresql.conf, after the defaults,
    # so these values win.
    as_pg tee "$PG_DATA/maas-dev.conf" >/dev/null <<EOF
# Written by scripts/deps.sh on every start: edit the script, not this file.
listen_addresses = '127.0.0.1'
port = $MAAS_PG_PORT
unix_socket_directories = '$socket_dir'
max_connections = 200
# Durability is what the engine sells: keep PostgreSQL's crash-safe defaults, explicitly, so tests
# run against the same guarantees as production.
fsync = on
synchronous_commit = on
full_page_writes = on
EOF
    if ! grep -qx "include = 'maas-dev.conf'" "$PG_DATA/postgresql.conf"; then
        printf "\n# Local development settings (scripts/deps.sh)\ninclude = 'maas-dev.conf'\n" |
            as_pg tee -a "$PG_DATA/postgresql.conf" >/dev/null
    fi
    # Trust on loopback and the private socket only: the server listens nowhere else.
    as_pg tee "$PG_DATA/pg_hba.conf" >/dev/null <<'EOF'
# Written by scripts/deps.sh: trust, loopback only (listen_addresses = '127.0.0.1').
# TYPE  DATABASE  USER  ADDRESS        METHOD
local   all       all                  trust
host    all       all   127.0.0.1/32   trust
host    all       all   ::1/128        trust
EOF
}

start_postgres() {
    local rc=0 socket_dir pid data_version bin_version

    ensure_pg_bin

    pg_isready_tcp || rc=$?
    if [[ $rc -eq 1 ]]; then
        # Answering but rejecting connections: starting up or recovering. Give it time.
        log "PostgreSQL on 127.0.0.1:$MAAS_PG_PORT is starting up; waiting"
        wait_until "$TIMEOUT" pg_isready_tcp && rc=0
    fi
    if [[ $rc -eq 0 ]]; then
        log "PostgreSQL already answers on 127.0.0.1:$MAAS_PG_PORT; reusing it"
        pg_ensure_database
        return 0
    fi
    if port_open "$MAAS_PG_PORT"; then
        die "something that is not a ready PostgreSQL listens on 127.0.0.1:$MAAS_PG_PORT; free that port"
    fi

    if is_root; then
        id postgres >/dev/null 2>&1 ||
            die "running as root but there is no 'postgres' OS user to run PostgreSQL as (it refuses root); create one or run as a normal user"
        command -v runuser >/dev/null 2>&1 || die "running as root needs runuser (util-linux) to drop to the postgres user"
        PG_USER=postgres
    else
        PG_USER=$(id -un)
    fi

    # A data dir made by a different OS user (e.g. once as root, now as yourself) cannot be used.
    if [[ -d $PG_DATA && $(owner_of "$PG_DATA") != "$PG_USER" ]]; then
        die "$PG_DATA belongs to '$(owner_of "$PG_DATA")' but PostgreSQL would run as '$PG_USER'. Run this script as before, or stop the server and delete $PG_DATA to start afresh."
    fi

    mkdir -p "$LOG_DIR"
    own_dir "$PG_USER" "$PG_DATA"
    own_file "$PG_USER" "$PG_LOG"
    socket_dir=$(pg_socket_dir)
    own_dir "$PG_USER" "$socket_dir"
    if is_root && ! runuser -u postgres -- test -w "$PG_DATA"; then
        die "the postgres OS user cannot reach $PG_DATA: a parent directory of the checkout is not traversable by others (chmod o+x it, or run as a normal user)"
    fi

    if [[ ! -f $PG_DATA/PG_VERSION ]]; then
        if [[ -n $(ls -A "$PG_DATA") ]]; then
            die "$PG_DATA is not empty but holds no PostgreSQL cluster (an interrupted initdb?); delete it and re-run"
        fi
        log "initialising a PostgreSQL cluster in $PG_DATA"
        # Superuser `postgres` whatever the OS user is; trust auth because only loopback is reachable;
        # C locale so the cluster does not depend on which locales the machine has generated.
        as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --auth=trust --encoding=UTF8 --locale=C \
            >>"$PG_LOG" 2>&1 || {
            show_log_tail "$PG_LOG"
            die "initdb failed"
        }
    fi

    data_version=$(cat "$PG_DATA/PG_VERSION")
    bin_version=$("$PG_BIN/postgres" --version | awk '{print $3}')
    bin_version=${bin_version%%.*}
    if [[ $data_version != "$bin_version" ]]; then
        die "$PG_DATA was created by PostgreSQL $data_version but the binaries in $PG_BIN are version $bin_version. Set MAAS_PG_BIN to a $data_version install, or delete $PG_DATA to start afresh."
    fi

    pg_write_config "$socket_dir"

    # A postmaster.pid left by a crash (or a killed container) makes PostgreSQL refuse to start when
    # its PID has been recycled. Remove it, and the socket lock, unless that PID really is postgres.
    if [[ -f $PG_DATA/postmaster.pid ]]; then
        pid=$(head -n 1 "$PG_DATA/postmaster.pid" 2>/dev/null || true)
        if pid_is "$pid" postgres; then
            # Ours, but not answering: it is still starting, recovering or shutting down. Wait for
            # it to answer or to exit.
            log "a PostgreSQL (PID $pid) is running on $PG_DATA but does not answer yet; waiting"
            wait_until "$TIMEOUT" pg_ready_or_gone "$pid" ||
                die "PostgreSQL (PID $pid) on $PG_DATA neither answers on 127.0.0.1:$MAAS_PG_PORT nor exits; stop it with 'scripts/deps.sh stop' and re-run"
            if pg_isready_tcp; then
                log "PostgreSQL now answers on 127.0.0.1:$MAAS_PG_PORT; reusing it"
                pg_ensure_database
                return 0
            fi
        fi
        log "removing stale $PG_DATA/postmaster.pid (PID ${pid:-?} is not a running postgres)"
        rm -f "$PG_DATA/postmaster.pid"
        rm -f "$socket_dir/.s.PGSQL.$MAAS_PG_PORT" "$socket_dir/.s.PGSQL.$MAAS_PG_PORT.lock"
    fi

    log "starting PostgreSQL on 127.0.0.1:$MAAS_PG_PORT as OS user $PG_USER (log: $PG_LOG)"
    # pg_ctl -w polls until the server accepts connections, and notices if it dies early.
    if ! without_inherited_fds as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t "$TIMEOUT" start >/dev/null; then
        show_log_tail "$PG_LOG"
        die "PostgreSQL did not start on 127.0.0.1:$MAAS_PG_PORT"
    fi
    if ! wait_until "$TIMEOUT" pg_isready_tcp; then
        show_log_tail "$PG_LOG"
        die "PostgreSQL started but does not answer on 127.0.0.1:$MAAS_PG_PORT within ${TIMEOUT}s"
    fi
    pg_ensure_database
    log "PostgreSQL ready on 127.0.0.1:$MAAS_PG_PORT (data: $PG_DATA)"
}

stop_postgres() {
    local pid
    if ! find_pg_bin; then
        log "PostgreSQL: not installed, nothing to stop"
        return 0
    fi
    if [[ -f $PG_DATA/postmaster.pid ]]; then
        pid=$(head -n 1 "$PG_DATA/postmaster.pid" 2>/dev/null || true)
        if pid_is "$pid" postgres; then
            log "stopping PostgreSQL (PID $pid)"
            # Fast shutdown: roll back open transactions and checkpoint; no data is lost.
            as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w -t "$TIMEOUT" stop >/dev/null ||
                die "PostgreSQL did not stop within ${TIMEOUT}s"
            log "PostgreSQL stopped"
            return 0
        fi
        log "removing stale $PG_DATA/postmaster.pid"
        rm -f "$PG_DATA/postmaster.pid"
    fi
    if pg_isready_tcp; then
        log "PostgreSQL: a server answers on 127.0.0.1:$MAAS_PG_PORT but was not started from $PG_DATA; leaving it alone"
    else
        log "PostgreSQL: not running"
    fi
}

# ---------------------------------------------------------------------------------------------
# Redis
# ---------------------------------------------------------------------------------------------

REDIS_USER=""

# Redis needs no root either: as root, run it as the `redis` user the Debian package creates.
as_redis() {
    if is_root && [[ $REDIS_USER == redis ]]; then
        (cd / && runuser -u redis -- "$@")
    else
        "$@"
    fi
}

redis_ping() { [[ $(redis-cli -h 127.0.0.1 -p "$MAAS_REDIS_PORT" ping 2>/dev/null) == PONG ]]; }
redis_ready_or_gone() { redis_ping || pid_gone "$1" redis; }
redis_down() { ! port_open "$MAAS_REDIS_PORT"; }

ensure_redis_bin() {
    if command -v redis-server >/dev/null 2>&1 && command -v redis-cli >/dev/null 2>&1; then
        return 0
    fi
    log "Redis not found"
    apt_install redis-server # pulls in redis-tools (redis-cli)
    if ! command -v redis-server >/dev/null 2>&1 || ! command -v redis-cli >/dev/null 2>&1; then
        die "redis-server was installed but redis-server/redis-cli are not on PATH"
    fi
}

start_redis() {
    local pid

    ensure_redis_bin

    if redis_ping; then
        log "Redis already answers on 127.0.0.1:$MAAS_REDIS_PORT; reusing it"
        return 0
    fi
    # Redis overwrites its pidfile, but a leftover one would mislead `stop`: clear it unless that
    # PID really is a redis-server.
    if [[ -f $REDIS_PIDFILE ]]; then
        pid=$(cat "$REDIS_PIDFILE" 2>/dev/null || true)
        if pid_is "$pid" redis; then
            # Ours, but not answering: starting, loading or exiting. Wait for either outcome.
            log "a redis-server (PID $pid) from $REDIS_DIR is running but does not answer yet; waiting"
            wait_until "$TIMEOUT" redis_ready_or_gone "$pid" ||
                die "redis-server (PID $pid) from $REDIS_DIR neither answers on 127.0.0.1:$MAAS_REDIS_PORT nor exits; stop it with 'scripts/deps.sh stop' and re-run"
            if redis_ping; then
                log "Redis now answers on 127.0.0.1:$MAAS_REDIS_PORT; reusing it"
                return 0
            fi
        fi
        log "removing stale $REDIS_PIDFILE (PID ${pid:-?} is not a running redis-server)"
        rm -f "$REDIS_PIDFILE"
    fi

    if port_open "$MAAS_REDIS_PORT"; then
        die "something listens on 127.0.0.1:$MAAS_REDIS_PORT but does not answer PING (another program, or a Redis with a password); free that port"
    fi

    if is_root; then
        if id redis >/dev/null 2>&1 && command -v runuser >/dev/null 2>&1; then
            REDIS_USER=redis
        else
            log "warning: no 'redis' OS user (or no runuser); running Redis as root"
            REDIS_USER=root
        fi
    else
        REDIS_USER=$(id -un)
    fi

    mkdir -p "$LOG_DIR"
    own_dir "$REDIS_USER" "$REDIS_DIR"
    own_file "$REDIS_USER" "$REDIS_LOG"

    log "starting Redis on 127.0.0.1:$MAAS_REDIS_PORT as OS user $REDIS_USER (log: $REDIS_LOG)"
    # No persistence: Redis is the platform's message bus here, the durable state is in PostgreSQL.
    if ! without_inherited_fds as_redis redis-server \
        --bind 127.0.0.1 --port "$MAAS_REDIS_PORT" --protected-mode yes \
        --save "" --appendonly no \
        --daemonize yes --dir "$REDIS_DIR" --pidfile "$REDIS_PIDFILE" --logfile "$REDIS_LOG"; then
        show_log_tail "$REDIS_LOG"
        die "redis-server failed to start"
    fi
    if ! wait_until "$TIMEOUT" redis_ping; then
        show_log_tail "$REDIS_LOG"
        die "Redis does not answer on 127.0.0.1:$MAAS_REDIS_PORT within ${TIMEOUT}s"
    fi
    log "Redis ready on 127.0.0.1:$MAAS_REDIS_PORT"
}

stop_redis() {
    local pid=""
    [[ -f $REDIS_PIDFILE ]] && pid=$(cat "$REDIS_PIDFILE" 2>/dev/null || true)
    if pid_is "$pid" redis && command -v redis-cli >/dev/null 2>&1; then
        log "stopping Redis (PID $pid)"
        redis-cli -h 127.0.0.1 -p "$MAAS_REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
        wait_until "$TIMEOUT" redis_down || die "Redis did not stop within ${TIMEOUT}s"
        rm -f "$REDIS_PIDFILE"
        log "Redis stopped"
        return 0
    fi
    rm -f "$REDIS_PIDFILE"
    if command -v redis-cli >/dev/null 2>&1 && redis_ping; then
        log "Redis: a server answers on 127.0.0.1:$MAAS_REDIS_PORT but was not started from $REDIS_DIR; leaving it alone (redis-cli -p $MAAS_REDIS_PORT shutdown nosave stops it)"
    else
        log "Redis: not running"
    fi
}

# ---------------------------------------------------------------------------------------------

print_env() {
    printf 'export REDIS_URL=%s\n' "$MAAS_REDIS_URL"
    printf 'export DATABASE_URL=%s\n' "$MAAS_DATABASE_URL"
}

# Serialise concurrent runs (e.g. start.sh and test.sh launched together) so they cannot both run
# initdb or start a second server. The servers we launch do not inherit it (without_inherited_fds).
take_lock() {
    local lock=$LOCAL_DIR/.deps.lock
    mkdir -p "$LOCAL_DIR"
    command -v flock >/dev/null 2>&1 || return 0
    # The lock is a convenience: if the file cannot be opened (made by a run as another user),
    # carry on without it rather than fail.
    if ! { exec 9>>"$lock"; } 2>/dev/null; then
        log "warning: cannot open $lock; running without the lock"
        return 0
    fi
    flock -w "$((TIMEOUT * 3))" 9 || die "another scripts/deps.sh has held $lock for too long"
}

main() {
    local cmd=${1:-start}
    # Keep stdout for the export lines only: everything else (apt, pg_ctl, progress) goes to stderr.
    exec 3>&1 1>&2
    case $cmd in
    start)
        take_lock
        start_redis
        start_postgres
        print_env >&3
        ;;
    stop)
        take_lock
        stop_redis
        stop_postgres
        ;;
    status)
        local ok=0
        if command -v redis-cli >/dev/null 2>&1 && redis_ping; then
            log "Redis: up on 127.0.0.1:$MAAS_REDIS_PORT"
        else
            log "Redis: down"
            ok=1
        fi
        if find_pg_bin && pg_isready_tcp; then
            log "PostgreSQL: up on 127.0.0.1:$MAAS_PG_PORT"
        else
            log "PostgreSQL: down"
            ok=1
        fi
        return "$ok"
        ;;
    env)
        print_env >&3
        ;;
    -h | --help | help)
        sed -n '2,/^$/s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" >&3
        ;;
    *)
        die "unknown command '$cmd' (expected start, stop, status or env)"
        ;;
    esac
}

main "$@"
