"""The command line: parse arguments, resolve names, query, show, set the exit code."""

from __future__ import annotations

import os
import sys

from rca.cli import admin, dataset, history  # noqa: F401  (each registers its commands)
from rca.cli.app import app, error, silence_stdout

__all__ = ["app", "main"]


#: the global options that take a value
_VALUED = ("--data-dir",)


def _command_name(argv: list[str]) -> str | None:
    """The command a command line runs (the first word that is not a global option)."""
    words = iter(argv)
    for word in words:
        if word in _VALUED:
            next(words, None)
        elif word == "--":
            return next(words, None)
        elif not word.startswith("-"):
            return word
    return None


def _build_only(name: str | None) -> None:
    """Keep only the command being run: Typer turns every registered command into a Click
    command at each start, which costs more than running most commands. Shell completion,
    help for the whole app and a name that is not a command keep them all."""
    if name is None or os.environ.get("_RCA_COMPLETE"):
        return
    commands = [c for c in app.registered_commands
                if (c.name or (c.callback.__name__.replace("_", "-") if c.callback else ""))
                == name]
    groups = [g for g in app.registered_groups if g.name == name]
    if commands or groups:
        app.registered_commands, app.registered_groups = commands, groups


def main() -> None:
    """Run the app; a closed pipe ends quietly, an unexpected bug ends with a short note."""
    try:
        _build_only(_command_name(sys.argv[1:]))
        app(prog_name="rca")
    except BrokenPipeError:
        silence_stdout()
        sys.exit(0)
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        sys.exit(130)
    except UnicodeEncodeError as err:
        error(f"the output's encoding ({err.encoding}) cannot show some of the characters rca "
              "writes; set PYTHONIOENCODING=utf-8")
        sys.exit(1)
    except OSError as err:  # a full disk, a closed terminal: the system's, not rca's
        error(f"cannot write the output: {err.strerror or err}")
        sys.exit(1)
    except Exception as err:  # an rca bug, not the user's: no traceback unless asked
        if os.environ.get("RCA_DEBUG"):
            raise
        error(f"internal error: {type(err).__name__}: {err}")
        error("please report it with the command you ran; RCA_DEBUG=1 shows the traceback")
        sys.exit(1)
