"""Run one command and write its wall time, peak RSS and CPU time as JSON.

    python benchmarks/measure.py RESULT.json COMMAND [ARG ...]

Why a separate small process: on Linux a child's `ru_maxrss` starts at the high-water RSS
of the process it was forked from (the kernel keeps it across exec), so measured straight
from the harness (which has generated workbooks and is large) every child would look at
least as large as the harness. Forked from this small interpreter instead, that floor is
the size of a bare Python, below any process measured. The wall time is taken here, around
the child alone, so this script's own start-up is not counted. `ru_maxrss` from `wait4`
covers the child and every child it waited for (the batch workers).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time


def main(argv: list[str]) -> int:
    result, cmd = argv[0], argv[1:]
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd)
    if hasattr(os, "wait4"):
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
        code = os.waitstatus_to_exitcode(status)
        scale = 1024 * 1024 if sys.platform == "darwin" else 1024  # bytes on macOS, KB on Linux
        rss, cpu = ru.ru_maxrss / scale, ru.ru_utime + ru.ru_stime
    else:  # no wait4 (Windows): time only
        code = p.wait()
        wall = time.perf_counter() - t0
        rss, cpu = None, None
    own = None
    try:
        import resource

        ru_self = resource.getrusage(resource.RUSAGE_SELF)
        own = ru_self.ru_utime + ru_self.ru_stime  # this script's own start-up
    except ImportError:  # Windows
        pass
    with open(result, "w", encoding="utf-8") as f:
        json.dump({"wall": wall, "rss_mb": rss, "cpu": cpu, "code": code, "own_cpu": own}, f)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
