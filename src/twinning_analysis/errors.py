"""Errors that tell a person where bad input is: file, line and column.

>>> str(DataError("bad date", file="data/raw/partnerships.csv", line=4, column="founded_text"))
'data/raw/partnerships.csv:4: column founded_text: bad date'
"""
from __future__ import annotations


class TwinningError(Exception):
    """Base class of every error the library raises on purpose."""


class DataError(TwinningError):
    """Bad input data, located by file, line (1-based, the header is line 1) and column."""

    def __init__(self, message: str, *, file: object = None, line: int | None = None,
                 column: str | None = None):
        self.message, self.file, self.line, self.column = message, file, line, column
        super().__init__(self.location_prefix() + message)

    def location_prefix(self) -> str:
        parts = []
        if self.file is not None:
            parts.append(f"{self.file}:{self.line}" if self.line else str(self.file))
        if self.column:
            parts.append(f"column {self.column}")
        return "".join(p + ": " for p in parts)


class DataWarning(DataError, UserWarning):
    """Suspect input the run can go on without: the value is left out and flagged in the quality report.

    Issued with :func:`warnings.warn`; ``twinning run --strict`` turns it into an error.

    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     warnings.warn(DataWarning("cannot read a date", file="p.csv", line=3, column="founded_text"))
    >>> str(caught[0].message)
    'p.csv:3: column founded_text: cannot read a date'
    """


class DateError(TwinningError, ValueError):
    """A date phrase that cannot be read or names a day that does not exist."""


class NothingToPlotError(TwinningError, ValueError):
    """The table (after leaving out what cannot be drawn) has no rows to draw."""
