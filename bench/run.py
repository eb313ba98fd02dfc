"""Every benchmark, one after another: `make bench`. Each prints its own figures against its targets.

The machine has two cores and is often shared, so each script reports CPU time where wall time
would mislead; compare figures within one run, not across days.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from report import read_report, table  # noqa: E402

HERE = Path(__file__).resolve().parent
SCRIPTS = ["bench_engine.py", "bench_peers.py", "bench_saves.py", "bench_rollback.py", "bench_tools.py", "bench_desktop.py", "bench_web.py"]


def main() -> int:
    failed = []
    fd, report = tempfile.mkstemp(prefix="nlmg-bench-", suffix=".jsonl")
    os.close(fd)
    env = dict(os.environ, BENCH_REPORT=report)
    try:
        for name in SCRIPTS:
            print(f"\n== {name}", flush=True)
            if subprocess.run([sys.executable, str(HERE / name)], env=env).returncode != 0:
                failed.append(name)
        print("\n== every target, on this run\n" + table(read_report(report)))
    finally:
        os.unlink(report)
    if failed:
        print(f"\nthese benchmarks did not finish: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
