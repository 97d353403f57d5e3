"""The benchmark harness: generate the inputs, measure, print the figures and the targets.

    python benchmarks/run.py [--repeat 5] [--quick] [--out DIR] [--scale 1] [--batch 200]

Every figure is a subprocess running the real thing, timed wall-clock, median of
`--repeat` runs (the runs of two figures that are compared are interleaved):

- `process (a)`: `lkj-excel process big.xlsx --config big.toml -o OUT -q` on the large
  workbook (a) (`generate.big_workbook`; the settings file holds the nomenclature of its
  synthetic codes, so the run has no finding: normal work);
- `floor (a)`: `python benchmarks/floor.py`, a plain pandas script that reads every sheet of
  (a) with calamine and writes as many cells as the LKj output of (a) holds (counted by
  reading that output back) with xlsxwriter, no formats;
- `process (a) ¼`, `process (a) ½`: (a) at a quarter and half size, for time per row;
- `process (a) findings`: (a) with ~2 % mistakes and no settings file (thousands of
  findings);
- `batch (b) -j 1`, `batch (b) -j 2`: `lkj-excel process DIR -o OUT -q -j N --tanpa-arsip`
  on 200 sample-sized workbooks (`generate.batch`); `batch (b) -j 2 arsip`: the same with
  `--arsip` naming a fresh archive each run, so every input is recorded (issue 12: at most
  1.15 times the run without it). The other commands use an archive in OUT (`LKJ_ARSIP`),
  never the user's;
- `--help`: `lkj-excel --help`, median of 10 runs (of the installed console script, not a
  version-manager shim in front of it);
- `check (a)`, `process (a) --dokumen`: run by run beside each other; what `--dokumen`
  adds to `process (a)` is printed against what the LKj workbook adds to `check (a)`
  (issue 13: the document costs at most as much as the workbook).

Before each pair of batch runs the harness also measures the machine's parallel ceiling:
how much faster 2 CPU-bound Python processes run side by side than one after the other
(2.0 = two free cores). On a shared virtual machine this moves during a run; each pair's
speed-up is printed beside the ceiling measured just before it.

Each command runs under `measure.py`, which takes its wall time and its peak RSS
(`ru_maxrss` from os.wait4: the process and the children it waited for, i.e. the batch
workers) from a small parent, so the harness's own size does not leak into the figure.
Beside each figure, "others" is how many CPUs everything else on the machine kept busy
meanwhile (from /proc/stat, steal time included): a figure taken with others near 1 on a
2-core machine is not a clean one. The children keep their bytecode in OUT/pycache as an
installed package does (`--no-pyc-cache`: leave PYTHONDONTWRITEBYTECODE as it is).

`--quick` is one run of each, 3 of `--help`, no warm-up runs and no findings variant: it
only shows that everything still runs. The figures are also written to OUT/results.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import sysconfig
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import generate  # noqa: E402

FLOOR = HERE / "floor.py"
MEASURE = HERE / "measure.py"

TARGETS = {
    # name: (description, limit, "<=" or ">=")
    "ratio_floor": ("process (a) / floor (a)", 1.3, "<="),
    "speedup": ("batch (b): time -j 1 / time -j 2", 1.8, ">="),
    "help": ("lkj-excel --help (s)", 0.15, "<="),
    "rss": ("peak RSS process (a) (MB)", 250.0, "<="),
    "flat": ("time per row 1x / time per row ¼x", 1.25, "<="),
    "archive": ("batch (b) -j 2: archive / --tanpa-arsip", 1.15, "<="),
}


# --- measuring -------------------------------------------------------------------------


class RunFailed(RuntimeError):
    pass


CHILD_ENV: dict[str, str] | None = None  # set by main(): the bytecode cache of the children


def _busy_seconds() -> float | None:
    """CPU seconds the whole machine has been busy (all CPUs, with steal time), from
    /proc/stat; None where there is none."""
    try:
        with open("/proc/stat") as f:
            parts = f.readline().split()
    except OSError:
        return None
    # user nice system idle iowait irq softirq steal
    ticks = [int(x) for x in parts[1:9]]
    return (sum(ticks) - ticks[3] - ticks[4]) / os.sysconf("SC_CLK_TCK")


Result = tuple[float, float | None, float, float | None]


def run_once(cmd: list[str], log: Path, ok_codes=(0, 1)) -> Result:
    """Run `cmd` under measure.py; return (wall seconds, peak RSS in MB or None, CPU
    seconds, CPUs used meanwhile by everything else on the machine or None).

    Its output goes to `log`; an exit code outside `ok_codes` raises RunFailed."""
    log.parent.mkdir(parents=True, exist_ok=True)
    result = log.with_suffix(log.suffix + ".measure.json")
    busy0 = _busy_seconds()
    t0 = time.perf_counter()
    with open(log, "wb") as out:
        subprocess.run([sys.executable, str(MEASURE), str(result), *cmd], stdout=out,
                       stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, check=True,
                       env=CHILD_ENV)
    busy1 = _busy_seconds()
    elapsed = time.perf_counter() - t0
    m = json.loads(result.read_text("utf-8"))
    if m["code"] not in ok_codes:
        tail = log.read_text("utf-8", "replace")[-2000:]
        raise RunFailed(f"exit {m['code']}: {' '.join(map(str, cmd))}\n{tail}")
    cpu = m["cpu"] if m["cpu"] is not None else float("nan")
    others = None
    if busy0 is not None and busy1 is not None and m["cpu"] is not None and elapsed > 0:
        others = max(0.0, (busy1 - busy0 - cpu - (m.get("own_cpu") or 0.0)) / elapsed)
    return m["wall"], m["rss_mb"], cpu, others


class Figure:
    """The runs of one measured command."""

    def __init__(self, name: str, what: str):
        self.name, self.what = name, what
        self.walls: list[float] = []
        self.rss: list[float] = []
        self.cpu: list[float] = []
        self.others: list[float | None] = []

    def add(self, res: Result) -> None:
        self.walls.append(res[0])
        if res[1] is not None:
            self.rss.append(res[1])
        self.cpu.append(res[2])
        self.others.append(res[3])

    @property
    def others_mean(self) -> float | None:
        known = [o for o in self.others if o is not None]
        return statistics.mean(known) if known else None

    @property
    def median(self) -> float:
        return statistics.median(self.walls)

    @property
    def peak_rss(self) -> float | None:
        return max(self.rss) if self.rss else None

    def as_json(self) -> dict:
        return {"what": self.what, "median_s": self.median, "runs_s": self.walls,
                "min_s": min(self.walls), "max_s": max(self.walls),
                "peak_rss_mb": self.peak_rss,
                "cpu_s_median": statistics.median(self.cpu),
                "others_cpus": self.others}


def console_script() -> list[str]:
    """The installed `lkj-excel` script itself (a pyenv/asdf shim in front of it would add a
    shell start-up to every run), else `python -m lkj_excel.cli`."""
    names = ("lkj-excel.exe", "lkj-excel") if os.name == "nt" else ("lkj-excel",)
    for folder in (Path(sys.executable).parent, Path(sysconfig.get_path("scripts"))):
        for n in names:
            if (folder / n).is_file():
                return [str(folder / n)]
    found = shutil.which("lkj-excel")
    if found and "shims" not in Path(found).parts:
        return [found]
    return [sys.executable, "-m", "lkj_excel.cli"]


BURN = "x = 0\nfor i in range({n}):\n    x += i\n"


def parallel_ceiling(repeat: int, n: int) -> tuple[float, float, float]:
    """How much faster this machine runs 2 CPU-bound processes at once than one after the
    other: (time of one, time of two side by side, 2 * one / two). 2.0 is two free cores;
    near 1.0 the second core adds nothing (a busy or throttled machine, or one physical
    core), and no batch can run 1.8 times faster with 2 workers."""
    cmd = [sys.executable, "-c", BURN.format(n=n)]
    ones, twos = [], []
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True)
        ones.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        procs = [subprocess.Popen(cmd) for _ in range(2)]
        for p in procs:
            if p.wait() != 0:
                raise RunFailed("CPU burner failed")
        twos.append(time.perf_counter() - t0)
    one, two = statistics.median(ones), statistics.median(twos)
    return one, two, 2 * one / two


def count_cells(xlsx: Path) -> list[list]:
    """[sheet, non-empty cells, columns] of each sheet of an xlsx (openpyxl, read-only)."""
    import openpyxl

    wb = openpyxl.load_workbook(xlsx, read_only=True)
    layout = []
    try:
        for ws in wb.worksheets:
            cells, cols = 0, 0
            for row in ws.iter_rows(values_only=True):
                for c, v in enumerate(row, start=1):
                    if v is not None:
                        cells += 1
                        cols = max(cols, c)
            layout.append([ws.title, cells, cols])
    finally:
        wb.close()
    return layout


def machine() -> dict:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover
        cores = os.cpu_count()
    versions = {}
    for mod in ("lkj_excel", "pandas", "python_calamine", "openpyxl", "xlsxwriter"):
        try:
            from importlib.metadata import version

            versions[mod] = version({"lkj_excel": "lkj-excel",
                                     "python_calamine": "python-calamine"}.get(mod, mod))
        except Exception:
            versions[mod] = "?"
    return {"cpu": cpu, "cores": cores, "python": platform.python_version(),
            "platform": platform.platform(), "date": dt.date.today().isoformat(),
            "versions": versions}


# --- the benchmark ---------------------------------------------------------------------


def _fresh(folder: Path) -> Path:
    shutil.rmtree(folder, ignore_errors=True)
    return folder


def _load() -> tuple[float, float, float] | None:
    try:
        return os.getloadavg()
    except (AttributeError, OSError):  # pragma: no cover - Windows
        return None


def _say(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="lkj-excel benchmark (issue 6).")
    ap.add_argument("--repeat", type=int, default=5, help="runs per figure (median); default 5")
    ap.add_argument("--quick", action="store_true",
                    help="one run each, no warm-up, no findings variant")
    ap.add_argument("--out", default=str(HERE / "out"), help="work folder (default benchmarks/out)")
    ap.add_argument("--scale", type=float, default=1.0, help="size of (a); 1 = the issue's size")
    ap.add_argument("--batch", type=int, default=200, help="workbooks in (b); default 200")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--help-runs", type=int, default=10, help="runs of --help; default 10")
    ap.add_argument("--no-pyc-cache", action="store_true",
                    help="leave PYTHONDONTWRITEBYTECODE as it is (default: the children keep "
                         "their bytecode in OUT/pycache, as an installed package does)")
    args = ap.parse_args(argv)
    repeat = 1 if args.quick else max(1, args.repeat)
    help_runs = 3 if args.quick else max(1, args.help_runs)
    warm = not args.quick
    out = Path(args.out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    logs = out / "logs"
    lkj = console_script()
    info = machine()
    global CHILD_ENV
    CHILD_ENV = dict(os.environ)
    # the children's archive is the harness's own, never the user's
    CHILD_ENV["LKJ_ARSIP"] = str(out / "arsip.sqlite")
    if args.no_pyc_cache:
        info["bytecode"] = ("as the environment says (PYTHONDONTWRITEBYTECODE="
                            f"{os.environ.get('PYTHONDONTWRITEBYTECODE', '')!r})")
    else:
        CHILD_ENV.pop("PYTHONDONTWRITEBYTECODE", None)
        CHILD_ENV["PYTHONPYCACHEPREFIX"] = str(out / "pycache")
        info["bytecode"] = f"cached in {out / 'pycache'}"

    load_start = _load()

    # --- inputs
    _say(f"generating inputs in {out} ...")
    t0 = time.perf_counter()
    sizes = {"1": args.scale, "½": args.scale / 2, "¼": args.scale / 4}
    big = {k: generate.big_workbook(out / f"big-{k.replace('½', 'half').replace('¼', 'quarter')}"
                                    f".xlsx", s, args.seed) for k, s in sizes.items()}
    bad = None if args.quick else generate.big_workbook(out / "big-findings.xlsx", args.scale,
                                                        args.seed, findings=True)
    batch_dir = out / "batch"
    shutil.rmtree(batch_dir, ignore_errors=True)
    generate.batch(batch_dir, args.batch, args.seed)
    gen_time = time.perf_counter() - t0

    def process_cmd(w: dict, dest: Path) -> list[str]:
        cmd = [*lkj, "process", str(w["path"]), "-o", str(_fresh(dest)), "-q"]
        if w["config"] is not None:
            cmd += ["--config", str(w["config"])]
        return cmd

    # findings of (a): the measurement covers normal work
    check_log = logs / "check-a.json"
    chk = [*lkj, "check", str(big["1"]["path"]), "--json", "--config", str(big["1"]["config"])]
    run_once(chk, check_log)
    found = json.loads(check_log.read_text("utf-8"))["files"][0]["findings"]
    n_findings = len(found)
    n_bad = None

    figs: dict[str, Figure] = {}

    def fig(key: str, what: str) -> Figure:
        return figs.setdefault(key, Figure(key, what))

    # --- --help
    _say("lkj-excel --help ...")
    if warm:
        run_once([*lkj, "--help"], logs / "help.txt", (0,))
    for _ in range(help_runs):
        fig("help", "lkj-excel --help").add(run_once([*lkj, "--help"], logs / "help.txt", (0,)))

    # --- process (a) and its floor, interleaved
    _say("process (a) and floor (a) ...")
    a_out = out / "lkj-a"
    first = run_once(process_cmd(big["1"], a_out), logs / "process-a.txt")
    lkj_files = sorted(a_out.glob("*.xlsx"))
    if len(lkj_files) != 1:
        raise RunFailed(f"process (a) wrote {len(lkj_files)} workbooks in {a_out}")
    layout = count_cells(lkj_files[0])
    layout_file = out / "lkj-a-layout.json"
    layout_file.write_text(json.dumps(layout, ensure_ascii=False), "utf-8")
    out_cells = sum(c for _, c, _ in layout)
    floor_cmd = [sys.executable, str(FLOOR), str(big["1"]["path"]), str(out / "floor-a.xlsx"),
                 str(layout_file), "--config", str(big["1"]["config"])]
    d_out = out / "lkj-a-dokumen"
    if warm:
        run_once(floor_cmd, logs / "floor-a.txt", (0,))
        run_once([*process_cmd(big["1"], d_out), "--dokumen"], logs / "process-a-dokumen.txt")
    for i in range(repeat):
        if i == 0 and not warm:
            fig("a", "process (a)").add(first)
        else:
            fig("a", "process (a)").add(run_once(process_cmd(big["1"], a_out),
                                                 logs / "process-a.txt"))
        fig("floor", "floor (a)").add(run_once(floor_cmd, logs / "floor-a.txt", (0,)))
        # the document (issue 13): what --dokumen adds to process (a), against what the
        # LKj workbook adds to checking, run by run
        fig("check", "check (a)").add(run_once(chk, logs / "check-a.json"))
        fig("dokumen", "process (a) --dokumen").add(run_once(
            [*process_cmd(big["1"], d_out), "--dokumen"], logs / "process-a-dokumen.txt"))
    if len(list(d_out.glob("*.docx"))) != 1:
        raise RunFailed(f"process (a) --dokumen wrote no document in {d_out}")

    # --- scaling
    _say("process (a) at ¼ and ½ ...")
    for k in ("¼", "½"):
        dest = out / f"lkj-{k}"
        if warm:
            run_once(process_cmd(big[k], dest), logs / f"process-{k}.txt")
        for _ in range(repeat):
            fig(k, f"process (a) {k}").add(run_once(process_cmd(big[k], dest),
                                                    logs / f"process-{k}.txt"))

    # --- (a) with findings
    if bad is not None:
        _say("process (a) with findings ...")
        dest = out / "lkj-findings"
        bad_log = logs / "check-findings.json"
        run_once([*lkj, "check", str(bad["path"]), "--json"], bad_log)
        n_bad = len(json.loads(bad_log.read_text("utf-8"))["files"][0]["findings"])
        run_once(process_cmd(bad, dest), logs / "process-findings.txt")
        for _ in range(repeat):
            fig("findings", "process (a) findings").add(
                run_once(process_cmd(bad, dest), logs / "process-findings.txt"))

    # --- batch (b), -j 1 and -j 2 interleaved
    _say(f"batch (b) of {args.batch}, -j 1 and -j 2 ...")
    b_out = out / "lkj-b"

    def batch_cmd(j: int, archive: Path | None = None) -> list[str]:
        cmd = [*lkj, "process", str(batch_dir), "-o", str(_fresh(b_out)), "-q", "-j", str(j)]
        if archive is None:
            return [*cmd, "--tanpa-arsip"]
        archive.unlink(missing_ok=True)  # a fresh archive: every input is a new submission
        return [*cmd, "--arsip", str(archive)]

    burn_n = 500_000 if args.quick else 5_000_000
    ceilings: list[tuple[float, float, float]] = []
    for i in range(repeat):
        # the host may lend the second core to someone else for a while: measure what
        # 2 processes gain right before each pair, to read the pair's speed-up against it
        ceilings.append(parallel_ceiling(1, burn_n))
        for j in (1, 2):
            res = run_once(batch_cmd(j), logs / f"batch-j{j}.txt")
            fig(f"b{j}", f"batch (b) -j {j}").add(res)
            if i == 0 and j == 1:
                written = len(list(b_out.glob("LKj-*.xlsx")))
                if written != args.batch:
                    raise RunFailed(f"batch (b) wrote {written} LKj workbooks, not {args.batch}")
        # the same batch recording every input in a fresh archive (issue 12)
        fig("b2a", "batch (b) -j 2 arsip").add(
            run_once(batch_cmd(2, out / "arsip-b.sqlite"), logs / "batch-j2-arsip.txt"))

    ceiling = (statistics.median(c[0] for c in ceilings),
               statistics.median(c[1] for c in ceilings),
               statistics.median(c[2] for c in ceilings))

    # --- figures
    a, fl, b1, b2, hp = figs["a"], figs["floor"], figs["b1"], figs["b2"], figs["help"]
    rows = {k: w["total_rows"] for k, w in big.items()}
    per_row = {k: figs["a" if k == "1" else k].median / rows[k] for k in sizes}
    marginal = {
        "¼→½": (figs["½"].median - figs["¼"].median) / (rows["½"] - rows["¼"]),
        "½→1": (a.median - figs["½"].median) / (rows["1"] - rows["½"]),
    }
    ratios = {
        "ratio_floor": a.median / fl.median,
        "speedup": b1.median / b2.median,
        "help": hp.median,
        "rss": a.peak_rss if a.peak_rss is not None else float("nan"),
        "flat": per_row["1"] / per_row["¼"],
        "archive": figs["b2a"].median / b2.median,
    }
    dok, chk_fig = figs["dokumen"], figs["check"]
    document_s = statistics.median(d - p for d, p in zip(dok.walls, a.walls, strict=True))
    workbook_s = statistics.median(p - c for p, c in zip(a.walls, chk_fig.walls, strict=True))

    load_end = _load()
    w = big["1"]
    print()
    print("lkj-excel benchmark")
    print(f"machine   {info['cpu']}, {info['cores']} cores, Python {info['python']}, "
          f"{info['platform']}")
    print(f"date      {info['date']}   runs per figure: {repeat} (median), "
          f"--help: {help_runs}")
    print("versions  " + ", ".join(f"{k} {v}" for k, v in info["versions"].items()))
    print(f"bytecode  {info['bytecode']}; command {' '.join(lkj)}")
    if load_start is not None and load_end is not None:
        busy = "  (other work was running: figures are noisy)" if load_start[0] > 0.5 else ""
        print(f"load avg  {load_start[0]:.2f} at start, {load_end[0]:.2f} at end (1 min){busy}")
    print(f"(a)       {w['programs']} programs, {w['kegiatan']} kegiatan, "
          f"{w['sub_kegiatan']} sub kegiatan; rows per sheet {w['rows']}; "
          f"{w['total_rows']} data rows; findings: {n_findings}")
    if n_bad is not None:
        print(f"(a) findings variant: {n_bad} findings")
    print(f"LKj (a)   {out_cells} cells in {len(layout)} sheets "
          + ", ".join(f"{n} {c}" for n, c, _ in layout))
    print(f"(b)       {args.batch} sample-sized workbooks")
    print(f"inputs generated in {gen_time:.1f} s")
    print()
    print(f"{'figure':<24} {'median s':>9} {'min s':>8} {'max s':>8} {'CPU s':>7} "
          f"{'peak RSS MB':>12} {'others':>7}")
    for f in figs.values():
        rss = f"{f.peak_rss:12.0f}" if f.peak_rss is not None else f"{'-':>12}"
        oth = f"{f.others_mean:7.2f}" if f.others_mean is not None else f"{'-':>7}"
        print(f"{f.what:<24} {f.median:9.3f} {min(f.walls):8.3f} {max(f.walls):8.3f} "
              f"{statistics.median(f.cpu):7.2f} {rss} {oth}")
    print("  (CPU s: user+system of the command and its workers; others: CPUs busy with "
          "anything else, incl. steal, meanwhile)")
    print()
    print("batch (b) pair by pair (each pair follows a ceiling measurement)")
    print(f"  {'run':>3} {'-j 1 s':>8} {'-j 2 s':>8} {'speed-up':>9} {'ceiling':>8} "
          f"{'others -j 1':>12} {'others -j 2':>12}")

    def _o(v: float | None) -> str:
        return f"{v:12.2f}" if v is not None else f"{'-':>12}"

    for i, c in enumerate(ceilings):
        print(f"  {i + 1:>3} {b1.walls[i]:8.2f} {b2.walls[i]:8.2f} "
              f"{b1.walls[i] / b2.walls[i]:9.2f} {c[2]:8.2f} {_o(b1.others[i])} "
              f"{_o(b2.others[i])}")
    print()
    print("time per row (process (a) median / data rows)")
    for k in sizes:
        print(f"  {k:<2} {rows[k]:>6} rows  {per_row[k] * 1000:7.3f} ms/row")
    for k, v in marginal.items():
        print(f"  marginal {k}: {v * 1000:7.3f} ms/row")
    print()
    print("ratios")
    pairwise = statistics.median(x / y for x, y in zip(a.walls, fl.walls, strict=False))
    print(f"  process (a) / floor (a)        {ratios['ratio_floor']:6.2f}  (run by run: "
          f"{pairwise:.2f}; fastest runs: {min(a.walls) / min(fl.walls):.2f}; CPU time: "
          f"{statistics.median(a.cpu) / statistics.median(fl.cpu):.2f})")
    print(f"  batch -j 1 / -j 2 (speed-up)   {ratios['speedup']:6.2f}  (run by run: "
          f"{statistics.median(x / y for x, y in zip(b1.walls, b2.walls, strict=False)):.2f}; "
          f"fastest runs: {min(b1.walls) / min(b2.walls):.2f})")
    print(f"  per row 1x / per row ¼x        {ratios['flat']:6.2f}")
    print(f"  document (a) / workbook (a)    {document_s / workbook_s:6.2f}  (run by run, "
          f"medians: --dokumen adds {document_s:.2f} s to process (a); the LKj workbook adds "
          f"{workbook_s:.2f} s to check (a))")
    print(f"  batch -j 2 archive / tanpa     {ratios['archive']:6.2f}  (run by run: "
          f"{statistics.median(x / y for x, y in zip(figs['b2a'].walls, b2.walls, strict=False)):.2f})")
    print(f"  per file, batch -j 1           {b1.median / args.batch:6.3f} s")
    print(f"  machine parallel ceiling       {ceiling[2]:6.2f}  (median; 2 CPU-bound processes: "
          f"{ceiling[0]:.2f} s alone, {ceiling[1]:.2f} s side by side)")
    print(f"  batch speed-up / ceiling       {ratios['speedup'] / ceiling[2]:6.2f}")
    print()
    print("targets")
    verdict = {}
    for key, (what, limit, op) in TARGETS.items():
        val = ratios[key]
        ok = val <= limit if op == "<=" else val >= limit
        verdict[key] = ok
        note = ""
        if key == "speedup" and not ok and ceiling[2] < limit:
            note = f"  (unreachable here: machine ceiling {ceiling[2]:.2f})"
        print(f"  {'OK  ' if ok else 'MISS'} {what:<36} {val:8.3f} {op} {limit}{note}")

    results = {"machine": info, "load_avg": {"start": load_start, "end": load_end},
               "repeat": repeat, "help_runs": help_runs,
               "a": {k: v for k, v in w.items() if k not in ("path", "config")},
               "findings_a": n_findings, "findings_variant": n_bad,
               "lkj_a_layout": layout, "lkj_a_cells": out_cells, "batch": args.batch,
               "figures": {k: f.as_json() for k, f in figs.items()},
               "rows": rows, "ms_per_row": {k: v * 1000 for k, v in per_row.items()},
               "marginal_ms_per_row": {k: v * 1000 for k, v in marginal.items()},
               "ratios": ratios, "targets_ok": verdict,
               "document_s": document_s, "workbook_s": workbook_s,
               "parallel_ceiling": {"one_s": ceiling[0], "two_s": ceiling[1],
                                    "ratio": ceiling[2],
                                    "per_pair": [c[2] for c in ceilings]}}
    (out / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=2),
                                      "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
