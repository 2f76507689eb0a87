"""Run every benchmark in one go; each rewrites its own section of BENCHMARKS.md.

    .venv/bin/python -m bench.run_all [--only NAME ...]

The benchmarks run one after another (never side by side: they share this machine's cores), each
in its own process, so one that fails does not stop the rest. Expect about 40 minutes in all on a
2-core machine: most of it fills databases (200,000 local sessions, 1,000,000 on PostgreSQL).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time

BENCHES = {
    "local": "bench.local_store",
    "ui": "bench.ui_start",
    "reports": "bench.reports_dashboard",
    "sync": "bench.sync_push",
    "server-load": "bench.server_load",
    "server-reports": "bench.server_reports",
    "bundle": "bench.bundle_size",
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="+", choices=sorted(BENCHES), help="run only these")
    args = parser.parse_args(argv)
    failed = []
    for name in args.only or list(BENCHES):
        started = time.monotonic()
        print(f"== {name} ({BENCHES[name]})", flush=True)
        code = subprocess.call([sys.executable, "-m", BENCHES[name]])
        print(f"== {name}: exit {code} after {time.monotonic() - started:.0f} s", flush=True)
        if code:
            failed.append(name)
    if failed:
        print("failed: " + ", ".join(failed), file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
