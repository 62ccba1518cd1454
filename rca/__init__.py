"""rca: a command-line explorer of Russia–Central Asia relations.

When this process is rca itself (the installed command), an interrupt from here on ends it
quietly with exit code 130: nothing has been written yet that would need cleaning up.
"""

import os as _os
import signal as _signal
import sys as _sys

__version__ = "0.2.0"

#: what a terminal needs to show its cursor again after an interrupt
SHOW_CURSOR = "\x1b[?25h"


class Terminated(BaseException):
    """SIGTERM or SIGHUP while a command runs: unwinds as an interrupt does, so that what the
    command was writing is removed, and ends with 128 plus the signal's number."""

    def __init__(self, number: int) -> None:
        super().__init__(number)
        self.number = number


def exit_interrupted(code: int = 130) -> None:
    """End the process at once with ``code`` (130: an interrupt), the cursor shown and the
    prompt on a line of its own."""
    for stream in (_sys.stderr, _sys.stdout):
        try:
            if stream is not None and stream.isatty():
                stream.write(SHOW_CURSOR)
                stream.flush()
        except (OSError, ValueError):
            pass
    try:
        if _sys.stderr is not None:
            _sys.stderr.write("\n")
            _sys.stderr.flush()
    except (OSError, ValueError):
        pass
    _os._exit(code)


def quit_quietly(_signal_number: int, _frame: object) -> None:
    """A signal handler that ends the run as an interrupt does."""
    exit_interrupted()


def started_as_rca() -> bool:
    """Whether this process is rca itself (the installed command or ``python -m rca``)."""
    path = _sys.argv[0] if _sys.argv else ""
    return _os.path.basename(path) == "rca" or _os.path.basename(_os.path.dirname(path)) == "rca"


if started_as_rca():
    _signal.signal(_signal.SIGINT, quit_quietly)
