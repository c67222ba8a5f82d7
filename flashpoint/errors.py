"""Errors users can act on. Each message says what went wrong, where, and the fix."""
from __future__ import annotations


class FlashpointError(Exception):
    """Base of every error flashpoint raises on purpose."""

    code = "E000"

    def __init__(self, message: str, *, where: str | None = None, fix: str | None = None):
        self.message = message
        self.where = where
        self.fix = fix
        parts = [f"[{self.code}]"]
        if where:
            parts.append(f"{where}:")
        parts.append(message)
        if fix:
            parts.append(f"Fix: {fix}")
        super().__init__(" ".join(parts))

class InputError(FlashpointError):
    """A document could not be read."""

    code = "E100"


class MissingPath(InputError):
    code = "E101"


class EmptyDocument(InputError):
    code = "E102"


class BinaryFile(InputError):
    code = "E103"


class BadEncoding(InputError):
    code = "E104"


class TooLarge(InputError):
    code = "E105"


class MalformedRecord(InputError):
    code = "E106"


class BadDate(InputError):
    code = "E107"


class UnsupportedLanguage(InputError):
    """The text is in a language the coder does not read."""

    code = "E108"


class OutputError(FlashpointError):
    """A file the command was asked to write cannot be written."""

    code = "E150"


class TimeLimit(FlashpointError):
    """A document took longer to code than the per-document time limit."""

    code = "E310"


class ConfigError(FlashpointError):
    code = "E200"


class PipelineError(FlashpointError):
    """Stages were put together in an order that cannot work."""

    code = "E300"


class ResourceError(FlashpointError):
    """A packaged model or table is missing or malformed."""

    code = "E400"


class StoreError(FlashpointError):
    code = "E500"


class FormatError(FlashpointError):
    """A row of an event dataset could not be read."""

    code = "E600"


class AnalysisError(FlashpointError):
    """An events frame or an analysis option that cannot be used."""

    code = "E700"
