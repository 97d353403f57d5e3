"""The floor: what a plain pandas script costs that reads and writes the same data.

    python benchmarks/floor.py INPUT.xlsx OUTPUT.xlsx LAYOUT.json [--config SETTINGS.toml]

One process: import pandas, read every sheet of INPUT with
`pandas.read_excel(engine="calamine")`, read the settings file when one is given (it is an
input of the measured `process` run too), then write with xlsxwriter, without any format,
as many cells as the LKj output holds: LAYOUT.json is a list of
`[sheet name, cells, columns]`, taken from the LKj workbook the harness read back. The
values written are the input's own values (text and numbers), cycled.
"""

from __future__ import annotations

import json
import sys


def main(argv: list[str]) -> int:
    import pandas as pd
    import xlsxwriter

    args = list(argv)
    config = None
    if "--config" in args:
        i = args.index("--config")
        config = args[i + 1]
        del args[i:i + 2]
    src, dst, layout_file = args
    frames = pd.read_excel(src, sheet_name=None, engine="calamine", header=None)
    if config:
        import tomllib

        with open(config, "rb") as f:
            tomllib.load(f)
    pool: list = []
    for df in frames.values():
        for v in df.to_numpy().ravel():
            if pd.isna(v):
                continue
            if hasattr(v, "item"):  # a numpy scalar
                v = v.item()
            pool.append(v if isinstance(v, int | float | str) else str(v))
    if not pool:
        pool = [0]
    with open(layout_file, encoding="utf-8") as f:
        layout = json.load(f)
    wb = xlsxwriter.Workbook(dst)
    k = 0
    n = len(pool)
    for name, cells, cols in layout:
        ws = wb.add_worksheet(name[:31])
        cols = max(1, cols)
        for i in range(cells):
            ws.write(i // cols, i % cols, pool[k])
            k = k + 1 if k + 1 < n else 0
    wb.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
