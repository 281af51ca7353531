"""User-facing failures. Library code raises these; only the CLI prints them.

Each kind of failure a person can act on has its own class, and its message
is one line that says what to fix.
"""

from __future__ import annotations


class PacketError(Exception):
    """A failure to report to the user as one line, without a traceback."""

    exit_code = 1


class CurriculumError(PacketError):
    """The curriculum cannot be used; `problems` holds one line per problem."""

    exit_code = 2

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


class UsageError(PacketError):
    """A command-line option or argument is wrong; the message names it."""

    exit_code = 2


class FetchError(PacketError):
    """A reading or asset could not be had; the message is the human reason."""


class ExtractError(PacketError):
    """A fetched page held no article text that could be printed."""


class RenderError(PacketError):
    """A handout or run-sheet could not be written."""


class ReadError(PacketError):
    """A file packet needs (a stylesheet, its own templates and fonts) could
    not be read; the message names the file and why."""

    exit_code = 2

    def __init__(self, path: object, reason: str):
        self.path, self.reason = str(path), reason
        super().__init__(f"cannot read {path}: {reason}")

    def __reduce__(self):  # build workers send it back to the parent pickled
        return type(self), (self.path, self.reason)

    @classmethod
    def from_os_error(cls, exc: OSError, path: object = None) -> ReadError:
        return cls(path or exc.filename or "a file", exc.strerror or str(exc))


class LockError(PacketError):
    """packet.lock is there but is not a lock packet wrote; `reason` says where."""

    exit_code = 2

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(f"packet.lock is damaged ({reason})")

    def __reduce__(self):
        return type(self), (self.reason,)


class FrozenError(PacketError):
    """`--frozen` asked for locked content that is not in the cache."""

    exit_code = 2
