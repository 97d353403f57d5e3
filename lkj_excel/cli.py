"""The `lkj-excel` command. Each command parses its options, calls the API, prints, exits.

python-calamine and xlsxwriter are imported only inside the commands that need them, so
`lkj-excel --help` stays fast.
"""

from __future__ import annotations

import json
import sys

import click

from . import __version__

EXIT_OK, EXIT_ERRORS, EXIT_FAILED = 0, 1, 2


def _config_option(f):
    return click.option(
        "--config", "config", type=click.Path(dir_okay=False),
        help="Berkas pengaturan TOML (predikat, metode efisiensi, nomenklatur tambahan).",
    )(f)


def _load_settings(config):
    from .settings import SettingsError, load_settings

    try:
        return load_settings(config)
    except SettingsError as exc:
        click.echo(f"Kesalahan pengaturan: {exc}", err=True)
        sys.exit(EXIT_FAILED)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="lkj-excel", message="%(prog)s %(version)s")
def main() -> None:
    """lkj-excel: Laporan Kinerja (LKj) dari workbook isian ke workbook laporan.

    \b
    Alur kerja:
      1. lkj-excel template     tulis workbook isian kosong
      2. kantor mengisi workbook dan mengirimkannya
      3. lkj-excel check        periksa isian sebelum dikirim (sel demi sel)
      4. lkj-excel process      rekonsiliasi dan tulis workbook LKj

    Kode keluar: 0 tanpa kesalahan, 1 ada kesalahan, 2 ada berkas tak terbaca
    atau perintah salah pakai.
    """


@main.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Nama berkas yang ditulis.")
@click.option("--perangkat-daerah", help="Isi Perangkat Daerah di sheet Identitas.")
@click.option("--pemerintah-daerah", help="Isi Pemerintah Daerah.")
@click.option("--tahun", type=click.IntRange(2000, 2100), help="Isi Tahun Anggaran.")
@click.option("--triwulan", type=click.Choice(["I", "II", "III", "IV", "1", "2", "3", "4"]),
              help="Isi Triwulan.")
@click.option("--nama-kepala", help="Isi Nama Kepala.")
@click.option("--nip-kepala", help="Isi NIP Kepala.")
@click.option("--jabatan-kepala", help="Isi Jabatan Kepala.")
def template(output, perangkat_daerah, pemerintah_daerah, tahun, triwulan, nama_kepala,
             nip_kepala, jabatan_kepala) -> None:
    """Tulis workbook isian standar (template) yang diisi kantor.

    \b
    Contoh:
      lkj-excel template
      lkj-excel template --perangkat-daerah "Kecamatan Tempursari" --tahun 2023 --triwulan I
    """
    from .contract import IDENTITY_ITEMS
    from .write.template import make_template, template_filename

    given = {"perangkat_daerah": perangkat_daerah, "pemerintah_daerah": pemerintah_daerah,
             "tahun": tahun, "triwulan": _roman(triwulan), "nama_kepala": nama_kepala,
             "nip_kepala": nip_kepala, "jabatan_kepala": jabatan_kepala}
    identity = {i.isian: given[i.option] for i in IDENTITY_ITEMS
                if i.option and given.get(i.option) is not None}
    path = output or template_filename(identity)
    try:
        written = make_template(path, identity)
    except ValueError as exc:
        click.echo(f"Isian tidak valid: {exc}", err=True)
        sys.exit(EXIT_FAILED)
    except Exception as exc:  # OSError, xlsxwriter's FileCreateError (disk full, ...)
        click.echo(f"Gagal menulis {path}: {getattr(exc, 'strerror', None) or exc}", err=True)
        sys.exit(EXIT_FAILED)
    click.echo(f"Template ditulis: {written}")


def _roman(tw):
    return {"1": "I", "2": "II", "3": "III", "4": "IV"}.get(tw, tw)


@main.command("checks")
def checks_cmd() -> None:
    """Daftar semua pemeriksaan: id, tingkat, dan artinya."""
    from .findings import CATALOGUE

    width = max(len(c.id) for c in CATALOGUE)
    for c in CATALOGUE:
        sev = "kesalahan " if c.severity == "error" else "peringatan"
        click.echo(f"{c.id:<{width}}  {sev}  {c.description}")


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Cetak hasil sebagai JSON.")
@_config_option
def check(inputs, as_json, config) -> None:
    """Periksa satu atau banyak workbook isian tanpa menulis apa pun.

    INPUTS boleh berkas, folder (dicari rekursif) atau pola glob.

    \b
    Contoh:
      lkj-excel check isian-tw1.xlsx
      lkj-excel check kotak-masuk/ --json > temuan.json
    """
    from .api import check_inputs

    settings = _load_settings(config)
    reports, missing = check_inputs(list(inputs), settings)
    _finish(reports, missing, as_json)


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", type=click.Path(),
              help="Folder keluaran (atau nama berkas .xlsx untuk satu masukan).")
@click.option("--json", "as_json", is_flag=True, help="Cetak hasil sebagai JSON.")
@click.option("-j", "--jobs", type=click.IntRange(1, 64), default=None,
              help="Jumlah proses paralel untuk batch (bawaan: jumlah inti CPU).")
@click.option("--daftar", type=click.Path(exists=True, dir_okay=False),
              help="Daftar perangkat daerah (teks satu nama per baris, atau workbook) untuk "
                   "melihat siapa yang belum mengirim.")
@click.option("-q", "--quiet", is_flag=True, help="Tanpa bilah kemajuan.")
@_config_option
def process(inputs, output, as_json, jobs, daftar, quiet, config) -> None:
    """Rekonsiliasi workbook isian dan tulis workbook LKj (dan Rekap untuk batch).

    INPUTS boleh berkas workbook, folder (dicari rekursif), pola glob, atau e-mail
    tersimpan (.eml, .mbox) yang lampirannya workbook. Satu masukan: LKj ditulis di
    sebelahnya (atau di -o). Banyak masukan: satu LKj per berkas dan Rekap di -o
    (bawaan: folder hasil/).

    \b
    Contoh:
      lkj-excel process isian-tw1.xlsx
      lkj-excel process kotak-masuk/ -o hasil/ --daftar kecamatan.txt
    """
    import datetime as dt
    import os
    from pathlib import Path

    from .process import OutputError

    settings = _load_settings(config)
    single = (len(inputs) == 1 and Path(inputs[0]).is_file()
              and Path(inputs[0]).suffix.lower() not in (".eml", ".mbox") and daftar is None)
    if single:
        from .process import process_one

        out = Path(output) if output else None
        run_time = dt.datetime.now().astimezone().replace(microsecond=0)
        try:
            rep = process_one(Path(inputs[0]), inputs[0], out, settings, run_time)
        except OutputError as exc:
            click.echo(f"Gagal menulis keluaran: {exc}", err=True)
            sys.exit(EXIT_FAILED)
        _finish([rep], [], as_json)
        return
    from .batch import read_daftar, run_batch

    outdir = Path(output) if output else Path("hasil")
    if outdir.suffix.lower() == ".xlsx":
        click.echo("Untuk banyak masukan, -o harus berupa folder.", err=True)
        sys.exit(EXIT_FAILED)
    names = None
    if daftar:
        try:
            names = read_daftar(Path(daftar))
        except Exception as exc:  # an unreadable list is a usage error, not a crash
            click.echo(f"Daftar {daftar} tidak dapat dibaca: {exc}", err=True)
            sys.exit(EXIT_FAILED)
    show = not quiet and not as_json and sys.stderr.isatty()
    bar = None

    def progress(done: int, total: int) -> None:
        nonlocal bar
        if not show:
            return
        if bar is None:
            bar = click.progressbar(length=total, label="Memproses", file=sys.stderr)
            bar.__enter__()
        bar.update(1)

    try:
        result = run_batch(list(inputs), outdir, settings, jobs or os.cpu_count() or 1,
                           names, progress)
    except OutputError as exc:
        click.echo(f"Gagal menulis keluaran: {exc}", err=True)
        sys.exit(EXIT_FAILED)
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
    for msg in result.write_errors:
        click.echo(f"Gagal menulis: {msg}", err=True)
    if as_json:
        _finish(result.reports, result.missing, True, extra_fail=bool(result.write_errors))
        return
    from .render import batch_summary

    click.echo(batch_summary(result))
    _finish(result.reports, result.missing, False, extra_fail=bool(result.write_errors),
            quiet_text=True)


def _finish(reports, missing, as_json, extra_fail=False, quiet_text=False) -> None:
    from .render import exit_code, render_text

    for m in missing:
        click.echo(f"Tidak ditemukan: {m}", err=True)
    if as_json:
        click.echo(json.dumps({"files": [r.to_json() for r in reports]}, ensure_ascii=False,
                              indent=2))
    elif not quiet_text:
        click.echo(render_text(reports))
    code = exit_code(reports)
    if missing or not reports or extra_fail:
        code = EXIT_FAILED
    sys.exit(code)


if __name__ == "__main__":  # pragma: no cover
    main()
