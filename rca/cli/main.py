"""The entry point: run one command, importing only the module that defines it.

An interrupt, a closed pipe or a closed standard output end the run quietly with the
usual exit codes, from the first line on; an unexpected bug ends with a short note.
"""

from __future__ import annotations

import os
import signal
import sys

from rca import Terminated, exit_interrupted, quit_quietly, started_as_rca

if started_as_rca():  # under `python -m rca`, rca/__init__ ran before argv named rca
    signal.signal(signal.SIGINT, quit_quietly)

from typing import Any

#: the global options that take a value
_VALUED = ("--data-dir",)
#: the module that defines each command other than those of `rca.cli.dataset`
_MODULES = {"validate": ("admin",), "schema": ("admin",), "data": ("admin",),
            "history": ("history", "history_compare", "history_ideal")}
#: every module that registers commands
_ALL = ("dataset", "admin", "history", "history_compare", "history_ideal")


def command_name(argv: list[str]) -> str | None:
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


def modules_for(name: str | None) -> tuple[str, ...]:
    """The modules to import for command ``name``: all of them for the whole app's help,
    shell completion, or a name that may not be a command."""
    if name is None or os.environ.get("_RCA_COMPLETE"):
        return _ALL
    return _MODULES.get(name, ("dataset",))


def every_command() -> Any:
    """The app with every command registered (for help, documentation and tests)."""
    import importlib

    from rca.cli.app import app

    for module in _ALL:
        importlib.import_module(f"rca.cli.{module}")
    return app


def _build(name: str | None) -> Any:
    """The app with the commands ``name`` needs: Typer turns every registered command into a
    Click command at each start, which costs more than running most commands."""
    import importlib

    from rca.cli.app import app

    for module in modules_for(name):
        importlib.import_module(f"rca.cli.{module}")
    if name is None or os.environ.get("_RCA_COMPLETE"):
        return app
    commands = [c for c in app.registered_commands
                if (c.name or (c.callback.__name__.replace("_", "-") if c.callback else ""))
                == name]
    groups = [g for g in app.registered_groups if g.name == name]
    if commands or groups:
        app.registered_commands, app.registered_groups = commands, groups
        return app
    return every_command()  # not a command: all of them, so that the error can suggest one


def main() -> None:
    """Run rca with the command line's arguments."""
    try:
        _run()
    except Terminated as ended:
        exit_interrupted(128 + ended.number)
    except KeyboardInterrupt:
        exit_interrupted()


def _terminated(number: int, _frame: object) -> None:
    raise Terminated(number)


#: the signals that end a command as an interrupt does (a closed terminal, a kill)
_ENDING = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


def _closed_streams() -> bool:
    """Point a closed standard output or error at the null device, as though it had been
    redirected there; whether the output was the one closed."""
    closed_out = sys.stdout is None
    for number, name in ((1, "stdout"), (2, "stderr")):
        if getattr(sys, name) is not None:
            continue
        try:
            os.fstat(number)
        except OSError:  # the descriptor is closed too: the null device takes its number
            descriptor = os.open(os.devnull, os.O_WRONLY)
            if descriptor != number:
                os.dup2(descriptor, number)
                os.close(descriptor)
        setattr(sys, name, open(number, "w", encoding="utf-8", closefd=False))  # noqa: SIM115
    return closed_out


def _on_the_null_device() -> bool:
    """Whether the standard output (descriptor 1) is the null device."""
    try:
        out, null = os.fstat(1), os.stat(os.devnull)
    except OSError:
        return False
    return (out.st_dev, out.st_ino, out.st_rdev) == (null.st_dev, null.st_ino, null.st_rdev)


def _reader_went_away(started_on_null: bool) -> bool:
    """Whether help text ended the run with 1 because the reader of the output went away:
    Click then wraps the standard output, and Rich points it at the null device. rca's
    answer to a closed pipe is 0."""
    from typer._click.utils import PacifyFlushWrapper

    return isinstance(sys.stdout, PacifyFlushWrapper) or (
        not started_on_null and _on_the_null_device())


def _run() -> None:
    on_null = _on_the_null_device()
    closed = _closed_streams()
    from rca.cli.app import error, session, silence_stdout

    session.stdout_closed = closed
    try:
        app = _build(command_name(sys.argv[1:]))
        # from here on an interrupt unwinds, so that an import removes its temporary file
        signal.signal(signal.SIGINT, signal.default_int_handler)
        for number in _ENDING:
            signal.signal(number, _terminated)
        try:
            app(prog_name="rca")
        except SystemExit as done:
            if done.code == 1 and _reader_went_away(on_null or closed):
                silence_stdout()
                sys.exit(0)
            raise
        finally:  # and once the command is over, it ends the exit quietly again
            signal.signal(signal.SIGINT, quit_quietly)
            for number in _ENDING:
                signal.signal(number, signal.SIG_DFL)
    except BrokenPipeError:
        silence_stdout()
        sys.exit(0)
    except UnicodeEncodeError as err:
        error(f"the output's encoding ({err.encoding}) cannot show some of the characters rca "
              "writes; set PYTHONIOENCODING=utf-8")
        sys.exit(1)
    except OSError as err:  # a full disk, a closed terminal: the system's, not rca's
        error(f"cannot write the output: {err.strerror or err}")
        sys.exit(1)
    except KeyboardInterrupt:
        raise
    except Exception as err:  # an rca bug, not the user's: no traceback unless asked
        if os.environ.get("RCA_DEBUG"):
            raise
        error(f"internal error: {type(err).__name__}: {err}")
        error("please report it with the command you ran; RCA_DEBUG=1 shows the traceback")
        sys.exit(1)
