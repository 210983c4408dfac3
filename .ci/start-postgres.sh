#!/usr/bin/env bash
# Starts Debian's PostgreSQL cluster on 127.0.0.1:5432 and creates the test role (CREATEDB, so each test
# class can make and drop its own database). Safe to run again.
set -euo pipefail

version="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
if ! pg_lsclusters -h | grep -q "^$version main"; then
    pg_createcluster "$version" main >/dev/null
fi
pg_ctlcluster "$version" main start 2>/dev/null || true
for _ in $(seq 1 30); do
    if pg_isready -h 127.0.0.1 -p 5432 -q; then
        break
    fi
    sleep 1
done
pg_isready -h 127.0.0.1 -p 5432

su postgres -c "psql -v ON_ERROR_STOP=1 -q" <<'SQL'
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'studyedc_test') THEN
        CREATE ROLE studyedc_test LOGIN CREATEDB PASSWORD 'studyedc_test';
    END IF;
END
$$;
SQL
