#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the tests and the desk benchmark, on a local port only.
#
#   eval "$(scripts/pg_test_cluster.sh start)"   # starts it and prints: export DNZ_TEST_PG_URL=…
#   scripts/pg_test_cluster.sh stop
#
# Uses the server binaries of the Debian package `postgresql` (or PG_BIN). Run as root, the
# cluster belongs to the `postgres` user (the server refuses to run as root); run as anyone
# else, it belongs to that user. Trust authentication, listening on 127.0.0.1 only.
# Settings: PG_TEST_DIR (default /tmp/dnz-pg-test), PG_TEST_PORT (default 54329).
set -euo pipefail

PG_TEST_DIR="${PG_TEST_DIR:-/tmp/dnz-pg-test}"
PG_TEST_PORT="${PG_TEST_PORT:-54329}"
if [ -z "${PG_BIN:-}" ]; then
    PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
fi
if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/initdb" ]; then
    echo "PostgreSQL server binaries not found (install the Debian package postgresql, or set PG_BIN)" >&2
    exit 3
fi

as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

start() {
    mkdir -p "$PG_TEST_DIR"
    if [ "$(id -u)" -eq 0 ]; then chown postgres: "$PG_TEST_DIR"; fi
    if [ ! -f "$PG_TEST_DIR/data/PG_VERSION" ]; then
        as_owner "$PG_BIN/initdb" -D "$PG_TEST_DIR/data" -U postgres --auth=trust -E UTF8 \
            --locale=C.UTF-8 >"$PG_TEST_DIR/initdb.log" 2>&1 \
            || { cat "$PG_TEST_DIR/initdb.log" >&2; exit 1; }
    fi
    if ! as_owner "$PG_BIN/pg_ctl" -D "$PG_TEST_DIR/data" status >/dev/null 2>&1; then
        # fsync off: a test cluster is thrown away, and the suite should not wait on the disk.
        as_owner "$PG_BIN/pg_ctl" -D "$PG_TEST_DIR/data" -l "$PG_TEST_DIR/server.log" -w \
            -o "-p $PG_TEST_PORT -k $PG_TEST_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" \
            start >/dev/null || { cat "$PG_TEST_DIR/server.log" >&2; exit 1; }
    fi
    echo "export DNZ_TEST_PG_URL=postgresql+psycopg://postgres@127.0.0.1:$PG_TEST_PORT/postgres"
}

stop() {
    if [ -f "$PG_TEST_DIR/data/PG_VERSION" ]; then
        as_owner "$PG_BIN/pg_ctl" -D "$PG_TEST_DIR/data" -m fast stop >/dev/null || true
    fi
}

case "${1:-start}" in
    start) start ;;
    stop) stop ;;
    *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
