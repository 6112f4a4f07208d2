"""Optional parts of sitrep: Parquet (pyarrow) and Spark are extras, not in the product install.

`pip install 'sitrep[parquet]'` adds Parquet exports and batch datasets, `sitrep[spark]`
the Spark engine; `make test` installs both. Without them, asking for one is a one-line
error that says what to install, never an ImportError.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from sitrep.errors import UsageError


def require_pyarrow(purpose: str) -> ModuleType:
    """Return pyarrow, or stop with a UsageError naming what needs it and how to install it."""
    try:
        return importlib.import_module("pyarrow")
    except ImportError as exc:
        raise UsageError(f"{purpose} needs pyarrow: pip install 'sitrep[parquet]'") from exc
