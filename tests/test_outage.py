"""Telling a database that went away from a fault of the work (storage/outage.py), at its edges:
the errors a restart, a stop and a full disk raise through SQLAlchemy, asyncpg and sqlite3, and
the errors of the work itself, which must not be waited on."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

from storage.outage import is_outage


class _Driver(Exception):
    """A driver error with its SQLSTATE, as asyncpg's carry it."""

    def __init__(self, sqlstate: str) -> None:
        super().__init__(sqlstate)
        self.sqlstate = sqlstate


def _wrapped(orig: BaseException, *, invalidated: bool = False) -> DBAPIError:
    """As SQLAlchemy raises it: the driver's error in .orig (and, usually, as the cause)."""
    return DBAPIError("COMMIT", None, orig, connection_invalidated=invalidated)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "error",
    [
        ConnectionRefusedError(111, "Connect call failed"),  # stopped: the connect is refused
        ConnectionResetError("connection reset"),
        TimeoutError(),
        _wrapped(_Driver("08003")),  # connection does not exist (closed in the middle)
        _wrapped(_Driver("08006")),  # connection failure
        _wrapped(_Driver("57P01")),  # terminating connection due to administrator command
        _wrapped(_Driver("57P03")),  # the database system is starting up
        _wrapped(_Driver("53100")),  # disk full
        _wrapped(ValueError("anything"), invalidated=True),  # SQLAlchemy saw the link die
        OperationalError("COMMIT", None, ConnectionResetError("reset")),  # only in .orig
        OperationalError("INSERT", None, sqlite3.OperationalError("database or disk is full")),
        OperationalError("INSERT", None, sqlite3.OperationalError("database is locked")),
        OperationalError("INSERT", None, sqlite3.OperationalError("disk I/O error")),
        OperationalError(
            "INSERT", None, sqlite3.OperationalError("attempt to write a readonly database")
        ),
    ],
    ids=repr,
)
def test_a_database_that_went_away(error: BaseException) -> None:
    assert is_outage(error)
    try:  # and as the cause of the work's failure
        raise RuntimeError("the update failed") from error
    except RuntimeError as failed:
        assert is_outage(failed)


@pytest.mark.parametrize(
    "error",
    [
        ValueError("a bad value"),
        RuntimeError("disk on fire"),
        IntegrityError("INSERT", None, _Driver("23505")),  # a unique key: the work's own
        _wrapped(_Driver("42P01")),  # undefined table: a programming error
        _wrapped(_Driver("22001")),  # a value too long
        OperationalError("SELECT", None, sqlite3.OperationalError("no such table: units")),
        OperationalError("SELECT", None, sqlite3.OperationalError('near "SELEC": syntax error')),
        OSError(28, "No space left on device"),  # the repository's disk: answered as today
    ],
    ids=repr,
)
def test_a_fault_of_the_work(error: BaseException) -> None:
    assert not is_outage(error)
