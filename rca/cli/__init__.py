"""The command line: parse arguments, resolve names, query, show, set the exit code."""

from __future__ import annotations

import os
import sys

# each registers its commands
from rca.cli import admin, dataset, history, history_compare  # noqa: F401
from rca.cli.app import app, error, silence_stdout

__all__ = ["app", "main"]


def main() -> None:
    """Run the app; a closed pipe ends quietly, an unexpected bug ends with a short note."""
    try:
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
