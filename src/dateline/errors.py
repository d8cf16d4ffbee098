"""Exceptions raised by dateline.

::

    DatelineError
    ├── ConfigError     bad options or stage configuration, missing model
    ├── InputError      an input that cannot be read (binary, bad encoding, empty, malformed)
    └── ProcessingError a stage failed on one article (a bug: reported, the batch goes on)
"""

from __future__ import annotations


class DatelineError(Exception):
    """Base class for dateline's errors."""


class ConfigError(DatelineError):
    """Bad configuration: unknown stage, bad option, a model that cannot be loaded."""


class InputError(DatelineError):
    """An input that cannot be read; ``source`` names it (file, file:line, or ``<stdin>``)."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class ProcessingError(DatelineError):
    """A stage failed on one article; ``source`` names the article."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason
