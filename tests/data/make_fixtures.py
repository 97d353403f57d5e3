"""Regenerate the binary fixtures in this folder (run by hand, not by the tests).

- terkunci.xlsx: the sample encrypted with the password "rahasia" (needs msoffcrypto-tool).
- tempursari.ods / tempursari.xls: the sample saved by LibreOffice (needs soffice).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SAMPLE = HERE.parent.parent / "samples" / "tempursari-2023-tw1.xlsx"


def main() -> None:
    from msoffcrypto.format.ooxml import OOXMLFile

    with SAMPLE.open("rb") as src, (HERE / "terkunci.xlsx").open("wb") as out:
        OOXMLFile(src).encrypt("rahasia", out)
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "tempursari.xlsx"
        shutil.copy(SAMPLE, copy)
        for fmt in ("ods", "xls"):
            subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp}/profile", "--headless",
                            "--convert-to", fmt, "--outdir", str(HERE), str(copy)],
                           check=True, capture_output=True, timeout=180)


if __name__ == "__main__":
    main()
