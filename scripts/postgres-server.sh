#!/usr/bin/env bash
# A throw-away PostgreSQL server for the tests, from the system's packages (Debian: apt install
# postgresql; no system service is used): its own folder, 127.0.0.1 only, a free port.
#   scripts/postgres-server.sh start DIR   - creates and starts it; prints its admin address
#   scripts/postgres-server.sh stop DIR    - stops it (the folder can then be removed)
# Logins over TCP need a password (the address carries it), so refused logins can be tested.
# The server also speaks TLS with a certificate for 127.0.0.1 from a throw-away authority, whose
# certificate the address names (sslrootcert), so that verified connections can be tested.
set -euo pipefail

action="${1:?start or stop}"
dir="${2:?a folder for the server}"

bindir="$(pg_config --bindir 2>/dev/null || true)"
if [ ! -x "$bindir/initdb" ]; then
  bindir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
fi
if [ ! -x "$bindir/initdb" ]; then
  echo "error: PostgreSQL's initdb was not found; install PostgreSQL (Debian: apt install postgresql)." >&2
  exit 1
fi

# PostgreSQL refuses to run as root: as root, the server runs as the postgres user.
as_owner=()
if [ "$(id -u)" -eq 0 ]; then
  as_owner=(runuser -u postgres --)
fi

case "$action" in
  start)
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
    password="$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
    printf '%s\n' "$password" >"$dir/password"
    [ "$(id -u)" -eq 0 ] && chown postgres "$dir/password"
    "${as_owner[@]}" "$bindir/initdb" -D "$dir/data" -U preflight_admin --pwfile="$dir/password" \
      --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log"
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=Preflight test authority" \
      -keyout "$dir/ca.key" -out "$dir/ca.pem" 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" \
      -keyout "$dir/data/server.key" -out "$dir/server.csr" 2>/dev/null
    printf 'subjectAltName=IP:127.0.0.1\n' >"$dir/san.ext"
    openssl x509 -req -in "$dir/server.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca.key" -CAcreateserial \
      -days 2 -extfile "$dir/san.ext" -out "$dir/data/server.crt" 2>/dev/null
    chmod 600 "$dir/data/server.key"
    chmod 644 "$dir/ca.pem"
    [ "$(id -u)" -eq 0 ] && chown postgres "$dir/data/server.key" "$dir/data/server.crt"
    for _ in $(seq 1 20); do
      port=$((20000 + RANDOM % 30000))
      if "${as_owner[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
        -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$dir -c fsync=off -c max_connections=200 -c ssl=on" \
        start >/dev/null; then
        echo "postgres://preflight_admin:$password@127.0.0.1:$port/postgres?sslmode=disable&sslrootcert=$dir/ca.pem"
        exit 0
      fi
    done
    echo "error: the test PostgreSQL server did not start; see $dir/server.log" >&2
    exit 1
    ;;
  stop)
    if [ -d "$dir/data" ]; then
      "${as_owner[@]}" "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
    fi
    ;;
  *)
    echo "usage: $0 start|stop DIR" >&2
    exit 2
    ;;
esac
