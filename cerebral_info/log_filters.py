"""Logging filters (loaded by LOGGING before the apps are ready: no model imports here)."""

import logging
import traceback

DATABASE_ERROR_REDACTED = "[details removed: database errors can quote the row, which may hold personal data]"


def _is_database_error(exc_type):
    from django.db import DatabaseError

    return exc_type is not None and (
        issubclass(exc_type, DatabaseError)
        or exc_type.__module__.split(".")[0] in ("psycopg", "psycopg2", "sqlite3")
    )


class RedactDatabaseErrorDetails(logging.Filter):
    """Keep database error messages out of the logs; the traceback and the error type stay.

    PostgreSQL quotes the failing row or key in its messages ("Failing row
    contains (...)"), so a logged database error could copy a family's
    details into the logs. Attached to every handler in ``LOGGING``.
    """

    def filter(self, record):
        if record.exc_info and record.exc_info[0] is not None:
            error = traceback.TracebackException(*record.exc_info)
            chain, seen = error, set()
            while chain is not None and id(chain) not in seen:
                seen.add(id(chain))
                if _is_database_error(chain.exc_type):
                    chain._str = DATABASE_ERROR_REDACTED
                chain = chain.__cause__ or chain.__context__
            record.exc_text = "".join(error.format()).rstrip("\n")
        if isinstance(record.args, tuple) and any(
            isinstance(arg, BaseException) and _is_database_error(type(arg)) for arg in record.args
        ):
            record.args = tuple(
                f"{type(arg).__name__}: {DATABASE_ERROR_REDACTED}"
                if isinstance(arg, BaseException) and _is_database_error(type(arg))
                else arg
                for arg in record.args
            )
        return True
