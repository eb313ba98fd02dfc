"""Every benchmark, one after another: `make bench`. Each prints its own figures against its targets.

The machine has two cores and is often shared, so each script reports CPU time where wall time
would mislead; compare figures within one run, not across days.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPTS = ["bench_engine.py", "bench_saves.py", "bench_tools.py", "bench_desktop.py", "bench_web.py"]


def main() -> int:
    failed = []
    for name in SCRIPTS:
        print(f"\n== {name}", flush=True)
        if subprocess.run([sys.executable, str(HERE / name)]).returncode != 0:
            failed.append(name)
    if failed:
        print(f"\nthese benchmarks did not finish: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
