#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL cluster:
#
#   scripts/with-postgres.sh CMD [ARGS...]
#
# Installs Debian's postgresql if no initdb is found, creates a cluster in a temporary
# directory, starts it on a free port on 127.0.0.1 (socket in the same directory), creates
# the role `ikz` (with CREATEDB, since pytest-django creates test_<name> databases) and the
# database `ikz`, exports DATABASE_URL and runs CMD. The cluster is stopped and removed on
# exit, whatever happens. The exit code is CMD's.
set -euo pipefail

if [ $# -eq 0 ]; then
    echo "usage: $0 CMD [ARGS...]" >&2
    exit 2
fi

is_root() { [ "$(id -u)" = 0 ]; }
sudo_if_needed() { if is_root; then "$@"; else sudo "$@"; fi; }

find_pg_bin() {
    # The newest installed major version, e.g. /usr/lib/postgresql/15/bin
    local initdb
    initdb=$(ls -1 /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1 || true)
    [ -n "$initdb" ] && dirname "$initdb"
}

PG_BIN=$(find_pg_bin || true)
if [ -z "$PG_BIN" ]; then
    echo "with-postgres: installing Debian's postgresql" >&2
    sudo_if_needed apt-get update
    # policy-rc.d-less containers may try to start the default cluster; we don't use it.
    sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql
    PG_BIN=$(find_pg_bin)
fi

# PostgreSQL refuses to run as root: as root, the server runs as the `postgres` user that
# the Debian package creates; anyone else runs it as themselves.
TMP_DIR=$(mktemp -d "${TMPDIR:-/tmp}/ikz-pg.XXXXXX")
if is_root; then
    chown postgres: "$TMP_DIR"
    as_pg() { (cd "$TMP_DIR" && runuser -u postgres -- "$@"); }
else
    as_pg() { (cd "$TMP_DIR" && "$@"); }
fi
DATA_DIR="$TMP_DIR/data"
LOG_FILE="$TMP_DIR/server.log"

cleanup() {
    local rc=$?
    if [ -f "$DATA_DIR/postmaster.pid" ]; then
        as_pg "$PG_BIN/pg_ctl" -D "$DATA_DIR" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$TMP_DIR"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
PORT=${IKZ_PG_PORT:-54329}
while port_in_use "$PORT"; do
    PORT=$((PORT + 1))
done

PASSWORD=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')

# Local (socket) connections are trusted: the socket lives in the 0700 temp directory.
# TCP needs the password. fsync & co. are off: the data is thrown away anyway.
as_pg "$PG_BIN/initdb" -D "$DATA_DIR" -U postgres --encoding=UTF8 --locale=C.UTF-8 \
    --auth-local=trust --auth-host=scram-sha-256 >/dev/null
as_pg "$PG_BIN/pg_ctl" -D "$DATA_DIR" -l "$LOG_FILE" -w -t 60 start -o \
    "-c listen_addresses=127.0.0.1 -p $PORT -k $TMP_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    >/dev/null || { cat "$LOG_FILE" >&2; exit 1; }

as_pg "$PG_BIN/psql" -h "$TMP_DIR" -p "$PORT" -U postgres -d postgres -q -v ON_ERROR_STOP=1 \
    -c "CREATE ROLE ikz LOGIN CREATEDB PASSWORD '$PASSWORD'" \
    -c "CREATE DATABASE ikz OWNER ikz"

export DATABASE_URL="postgres://ikz:$PASSWORD@127.0.0.1:$PORT/ikz"
# pg_dump / pg_restore (ikz backup / restore) of the server's own version come first.
export PATH="$PG_BIN:$PATH"
for tool in pg_dump pg_restore; do
    command -v "$tool" >/dev/null || { echo "with-postgres: $tool is missing" >&2; exit 1; }
done
echo "with-postgres: PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT" >&2

# Not exec: the trap must still stop the cluster afterwards.
set +e
"$@"
exit $?
