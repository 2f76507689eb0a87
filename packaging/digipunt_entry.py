"""Entry script of the frozen ``digipunt`` executable (see ``build.spec``).

One executable does both the GUI and the command line: ``digipunt_app.cli.main`` opens the window
when no subcommand is given. On Windows the GUI build has no console; when it is started from a
console with a subcommand (``digipunt.exe status``) we attach to that console so the one-line
messages are visible. Scripts should prefer ``digipunt-cli.exe`` (a console build of the same
program in the same folder), which also makes ``cmd.exe`` wait for the exit code.
"""

import gc
import sys


def _attach_parent_console() -> None:
    """Windows GUI build only: print to the console we were started from, if any."""
    if sys.platform != "win32" or not getattr(sys, "frozen", False) or sys.stdout is not None:
        return
    if len(sys.argv) < 2:
        return  # plain start: the GUI, nothing to print
    try:
        import ctypes

        attach_parent_process = -1
        if not ctypes.windll.kernel32.AttachConsole(attach_parent_process):
            return
        sys.stdout = open("CONOUT$", "w", encoding="utf-8", errors="replace")  # noqa: SIM115
        sys.stderr = open("CONOUT$", "w", encoding="utf-8", errors="replace")  # noqa: SIM115
    except OSError:
        pass


def main() -> int:
    _attach_parent_console()
    from digipunt_app.cli import main as cli_main

    # The bundle's runtime hook (packaging/rthook_gc_off.py) kept the cyclic garbage collector off
    # through PyInstaller's hooks and the imports above; the command line runs with it on as from
    # source (the window start turns it off again until its first paint). Everything made so far
    # (modules, Qt bindings: nearly all kept for the whole run) is first moved out of its way:
    # otherwise the first collection after enable() walks all of it (5-60 ms before the paint).
    gc.freeze()
    gc.enable()
    return cli_main()


if __name__ == "__main__":
    sys.exit(main())
