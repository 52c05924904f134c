"""Apply the reviewed fixes of ``corrections.csv``; the code never rewrites a value on its own.

A correction names the table, record and field, the raw value it expects (so a correction goes
stale loudly when the raw data changes) and the corrected value, with a reason and a source.

>>> import pandas as pd
>>> raw = pd.DataFrame({"record_id": ["C1"], "dates_text": ["31. Juni 2021"], "line": [2]})
>>> fixes = pd.DataFrame({"table": ["conferences"], "record_id": ["C1"], "field": ["dates_text"],
...     "raw_value": ["31. Juni 2021"], "corrected_value": ["30. Juni 2021"], "reason": ["June has 30 days"],
...     "source_id": ["s"], "line": [2]})
>>> fixed, applied = apply_corrections("conferences", raw, fixes)
>>> fixed.loc[0, "dates_text"], len(applied)
('30. Juni 2021', 1)
"""
from __future__ import annotations

import pandas as pd

from twinning_analysis.errors import DataError

CORRECTIONS_FILE = "corrections.csv"


def apply_corrections(table: str, frame: pd.DataFrame, corrections: pd.DataFrame,
                      ) -> tuple[pd.DataFrame, list[dict]]:
    """Return a corrected copy of ``frame`` and one record per correction applied.

    Raises :class:`DataError` (pointing at corrections.csv) when a correction names an unknown record
    or field, or when the value it expects is not the raw value any more.
    """
    fixed = frame.copy()
    applied = []
    where = corrections.attrs.get("path", CORRECTIONS_FILE)
    for _, fix in corrections[corrections["table"] == table].iterrows():
        line = int(fix["line"])
        if fix["field"] not in fixed.columns or fix["field"] in ("record_id", "line"):
            raise DataError(f"no correctable field {fix['field']!r} in {table}", file=where, line=line,
                            column="field")
        hits = fixed.index[fixed["record_id"] == fix["record_id"]]
        if len(hits) != 1:
            raise DataError(f"no record {fix['record_id']!r} in {table}", file=where, line=line, column="record_id")
        current = fixed.at[hits[0], fix["field"]]
        if current != fix["raw_value"]:
            raise DataError(f"stale correction: expects {fix['raw_value']!r} but the raw value is {current!r}",
                            file=where, line=line, column="raw_value")
        fixed.at[hits[0], fix["field"]] = fix["corrected_value"]
        applied.append({"table": table, "record_id": fix["record_id"], "field": fix["field"],
                        "raw_value": fix["raw_value"], "corrected_value": fix["corrected_value"],
                        "reason": fix["reason"], "source_id": fix["source_id"]})
    return fixed, applied
