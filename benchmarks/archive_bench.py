"""How long the archive takes: adding 200 sample-sized submissions (issue 12).

    python benchmarks/archive_bench.py [--n 200] [--out DIR]

Generates `n` sample workbooks under other office names (generate.batch), checks each once
(the `check` pipeline: what a batch does anyway), then times, into a fresh archive:
building the submissions, adding them (one transaction each), adding the same bytes again
(nothing new), and reading every office's "previous report" and latest version. The ratio
`archive / checking` is what the archive adds to a batch's check time (`process` also
writes the LKj workbooks, so its share of a real batch is smaller). Figures only: nothing
is asserted.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))


def bench(n: int = 200, out: str | Path | None = None, show: bool = True) -> dict[str, float]:
    """Time the archive on `n` sample-sized submissions; the figures (seconds, bytes)."""
    import generate

    from lkj_excel.archive import ADDED, SAME, Store, build_submission
    from lkj_excel.archive.earlier import earlier_of
    from lkj_excel.pipeline import check_source

    folder = Path(out) if out else Path(tempfile.mkdtemp(prefix="archive-bench-"))
    paths = generate.batch(folder / "inputs", n=n, seed=1)
    contents = [p.read_bytes() for p in paths]
    t0 = time.perf_counter()
    reports = [check_source(c, str(p)) for p, c in zip(paths, contents, strict=True)]
    t_check = time.perf_counter() - t0

    t0 = time.perf_counter()
    subs = [build_submission(r, c) for r, c in zip(reports, contents, strict=True)]
    t_build = time.perf_counter() - t0

    db = folder / "arsip.sqlite"
    db.unlink(missing_ok=True)
    t0 = time.perf_counter()
    with Store.open_write(db) as store:
        added = [store.add(s).status for s in subs]
    t_add = time.perf_counter() - t0

    t0 = time.perf_counter()
    with Store.open_write(db) as store:
        again = [store.add(s).status for s in subs]
    t_again = time.perf_counter() - t0

    t0 = time.perf_counter()
    with Store.open_read(db) as store:
        for s in subs:  # what the pipeline asks for each report, and `archive get`
            earlier_of(store, s.office, s.tahun, s.triwulan)
            store.latest(s.office, s.tahun, s.triwulan)
    t_query = time.perf_counter() - t0

    assert added == [ADDED] * n and again == [SAME] * n
    figures = {
        "n": n, "check": t_check, "build": t_build, "add": t_add, "add same bytes": t_again,
        "queries": t_query, "archive / checking": (t_build + t_add) / t_check,
        "file bytes": db.stat().st_size,
    }
    if show:
        print(f"{n} submissions of {sum(map(len, contents)) / n / 1024:.0f} KB into {db}")
        print(f"  check (pipeline)      {t_check:7.2f} s   {t_check / n * 1000:6.1f} ms each")
        print(f"  build submissions     {t_build:7.2f} s   {t_build / n * 1000:6.1f} ms each")
        print(f"  add (1 transaction)   {t_add:7.2f} s   {t_add / n * 1000:6.1f} ms each")
        print(f"  add same bytes again  {t_again:7.2f} s   {t_again / n * 1000:6.1f} ms each")
        print(f"  previous + latest     {t_query:7.2f} s   {t_query / n * 1000:6.1f} ms each")
        print(f"  archive / checking    {figures['archive / checking']:7.2f}")
        print(f"  archive file          {figures['file bytes'] / 1e6:7.1f} MB")
    return figures


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--out", default=None, help="folder (default: a temporary one)")
    args = ap.parse_args(argv)
    bench(args.n, args.out)


if __name__ == "__main__":
    main()
