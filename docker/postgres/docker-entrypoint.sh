#!/bin/bash
# Entry point of the PostgreSQL image (docker/postgres/Dockerfile), run as the postgres user:
#   - first start (no PG_VERSION in $PGDATA, the empty named volume): initdb (UTF-8, locale C.UTF-8; passwords
#     as SCRAM-SHA-256; peer authentication on the Unix socket, i.e. only the container's postgres user), then,
#     on a server that listens on no TCP address, the role $POSTGRES_USER (LOGIN, password from
#     POSTGRES_PASSWORD or POSTGRES_PASSWORD_FILE, not a superuser) and the database $POSTGRES_DB owned by it;
#     the server is configured to listen on every interface of the container, clients authenticated by
#     password (pg_hba: host all all 0.0.0.0/0 scram-sha-256);
#   - every start: exec postgres (PID 1; the image's STOPSIGNAL SIGINT is a fast, clean shutdown), with the
#     arguments given to the container (e.g. -c shared_buffers=512MB).
# No password on the first start: a clear message and exit 2. The password is read at initialisation only;
# later starts use the data directory as it is (change a password with ALTER ROLE).
# A first argument that is not an option runs that command instead (e.g. `bash`, `psql`).
set -euo pipefail

PGDATA=${PGDATA:-/var/lib/postgresql/data}
export PGDATA

die() { echo "postgres entrypoint: $*" >&2; exit 2; }

if [ $# -gt 0 ] && [ "${1#-}" = "$1" ] && [ "$1" != postgres ]; then
  exec "$@"
fi
[ "${1:-}" = postgres ] && shift

[ "$(id -u)" != 0 ] || die "runs as the postgres user, not root (the image's USER)"

if [ ! -s "$PGDATA/PG_VERSION" ]; then
  user=${POSTGRES_USER:-postgres}
  db=${POSTGRES_DB:-$user}
  if [ -n "${POSTGRES_PASSWORD:-}" ] && [ -n "${POSTGRES_PASSWORD_FILE:-}" ]; then
    die "both POSTGRES_PASSWORD and POSTGRES_PASSWORD_FILE are set; set one"
  fi
  if [ -n "${POSTGRES_PASSWORD_FILE:-}" ]; then
    [ -r "$POSTGRES_PASSWORD_FILE" ] || die "POSTGRES_PASSWORD_FILE=$POSTGRES_PASSWORD_FILE is not a readable file"
    POSTGRES_PASSWORD=$(head -n1 "$POSTGRES_PASSWORD_FILE")
  fi
  if [ -z "${POSTGRES_PASSWORD:-}" ]; then
    die "no password for the database role '$user': set POSTGRES_PASSWORD (or POSTGRES_PASSWORD_FILE, a file whose first line is it); with docker-compose.yml, VC_PG_PASSWORD in .env (see .env.example) — refusing to create a database that any client could log in to"
  fi
  export POSTGRES_PASSWORD
  [ -w "$PGDATA" ] || die "$PGDATA is not writable by uid $(id -u) (a volume owned by another user? it must belong to postgres, uid 999)"
  if [ -n "$(ls -A "$PGDATA" 2>/dev/null)" ]; then
    die "$PGDATA is not empty but holds no database (no PG_VERSION): use an empty volume"
  fi

  echo "postgres entrypoint: initialising $PGDATA (role '$user', database '$db')" >&2
  # The bootstrap superuser is postgres, reachable only through the socket (peer: the container's postgres user,
  # e.g. `docker-compose exec postgres psql -d crawls`); clients over TCP log in with a password.
  initdb --pgdata="$PGDATA" --username=postgres --encoding=UTF8 --locale=C.UTF-8 \
    --auth-local=peer --auth-host=scram-sha-256 >/tmp/initdb.log 2>&1 \
    || { cat /tmp/initdb.log >&2; die "initdb failed"; }
  rm -f /tmp/initdb.log
  {
    echo
    echo "# docker/postgres/docker-entrypoint.sh: any address of the container, password required"
    echo "host all all 0.0.0.0/0 scram-sha-256"
    echo "host all all ::/0 scram-sha-256"
  } >>"$PGDATA/pg_hba.conf"
  {
    echo
    echo "# docker/postgres/docker-entrypoint.sh"
    echo "listen_addresses = '*'"
    echo "password_encryption = 'scram-sha-256'"
  } >>"$PGDATA/postgresql.conf"

  # The role and the database, on a server that listens only on its Unix socket: no client can reach it (and
  # the health check, over TCP, fails) until this is done.
  pg_ctl --pgdata="$PGDATA" --wait --silent -o "-c listen_addresses=''" start >/tmp/pg-init.log 2>&1 \
    || { cat /tmp/pg-init.log >&2; die "the server for initialisation did not start"; }
  # \getenv: the password goes from the environment to the server without appearing in a command line.
  PGINIT_USER=$user PGINIT_DB=$db psql --no-psqlrc --quiet -v ON_ERROR_STOP=1 --username=postgres --dbname=postgres <<'SQL' \
    || die "creating the role and the database failed"
\getenv usr PGINIT_USER
\getenv db PGINIT_DB
\getenv pw POSTGRES_PASSWORD
SELECT format(CASE WHEN EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'usr')
              THEN 'ALTER ROLE %I WITH LOGIN PASSWORD %L' ELSE 'CREATE ROLE %I WITH LOGIN PASSWORD %L' END,
              :'usr', :'pw') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'usr')
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db') \gexec
SQL
  pg_ctl --pgdata="$PGDATA" --wait --silent --mode=fast stop >>/tmp/pg-init.log 2>&1 \
    || { cat /tmp/pg-init.log >&2; die "the server for initialisation did not stop"; }
  rm -f /tmp/pg-init.log
  unset POSTGRES_PASSWORD
  echo "postgres entrypoint: initialised; starting PostgreSQL" >&2
fi

exec postgres "$@"
