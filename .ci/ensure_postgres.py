"""Create the PostgreSQL role and database that MANUSCRIPT_TEST_POSTGRES_URL names, when they are
missing: the role may log in (with the URL's password, if it has one) and create the databases
the tests make for themselves. Run as root beside a local server (psql as the `postgres` user)."""

from __future__ import annotations

import os
import subprocess
from urllib.parse import unquote, urlsplit

DEFAULT = "postgresql+asyncpg://postgres@127.0.0.1:5432/test"


def psql(sql: str) -> str:
    command = ["runuser", "-u", "postgres", "--", "psql", "-v", "ON_ERROR_STOP=1", "-qAtc", sql]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout.strip()


def literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def identifier(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def main() -> None:
    url = urlsplit(os.environ.get("MANUSCRIPT_TEST_POSTGRES_URL", DEFAULT))
    role = unquote(url.username or "postgres")
    password = unquote(url.password or "")
    database = unquote(url.path.lstrip("/")) or "postgres"
    secret = f" PASSWORD {literal(password)}" if password else ""
    if not psql(f"SELECT 1 FROM pg_roles WHERE rolname = {literal(role)}"):
        psql(f"CREATE ROLE {identifier(role)} LOGIN CREATEDB{secret}")
        print(f"created PostgreSQL role {role}")
    elif password:
        psql(f"ALTER ROLE {identifier(role)} LOGIN CREATEDB{secret}")
    if not psql(f"SELECT 1 FROM pg_database WHERE datname = {literal(database)}"):
        psql(f"CREATE DATABASE {identifier(database)} OWNER {identifier(role)}")
        print(f"created PostgreSQL database {database}")


if __name__ == "__main__":
    main()
