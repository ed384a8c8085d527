"""Problems found in content, and the one exception type the package raises."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Iterator, Tuple, Union

from .safetext import printable

PathItem = Union[str, int]
JsonPath = Tuple[PathItem, ...]

ERROR = "error"
WARNING = "warning"


class PlaybookError(Exception):
    """Base for every failure the tool reports to a user.

    ``exit_code`` is 1 for content problems and 2 for usage errors or
    unreadable input; the CLI and the MkDocs plugin convert it at the boundary.
    """

    exit_code = 1

    def __init__(self, message: str, problems: list["Problem"] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


class UsageError(PlaybookError):
    """The command was called wrongly or its input could not be read."""

    exit_code = 2


@dataclass(frozen=True)
class Problem:
    """One finding about one file, positioned by a path into the document.

    ``line``/``column`` are 1-based and filled in lazily (see
    ``generator.positions``) because composing nodes for positions is only
    worth it when something is wrong.
    """

    file: str
    code: str
    message: str
    path: JsonPath = ()
    level: str = ERROR
    hint: str = ""
    line: int = 0
    column: int = 0
    key: bool = field(default=False, compare=False)  # point at the key, not the value

    def __post_init__(self) -> None:
        for name in ("file", "message", "hint"):  # content-chosen text: no control characters
            object.__setattr__(self, name, printable(getattr(self, name)))

    def at(self, line: int, column: int) -> "Problem":
        return replace(self, line=line, column=column)

    @property
    def location(self) -> str:
        if self.line:
            return f"{self.file}:{self.line}:{self.column}"
        return self.file

    def as_dict(self) -> dict:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "level": self.level,
            "code": self.code,
            "message": self.message,
            "hint": self.hint,
        }


def has_errors(problems: "Iterator[Problem] | list[Problem]") -> bool:
    return any(p.level == ERROR for p in problems)


def dotted(path: JsonPath) -> str:
    """``('steps', 'immediate', 0, 'text')`` -> ``steps.immediate[0].text``."""
    out = ""
    for item in path:
        if isinstance(item, int):
            out += f"[{item}]"
        else:
            out += f".{item}" if out else str(item)
    return out
