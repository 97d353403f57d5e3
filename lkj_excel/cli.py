"""The `lkj-excel` command. Each command parses its options, calls the library API
(`lkj_excel.api`), prints the result (`lkj_excel.render`) and exits.

The API raises `UsageError`, `SettingsError` or `OutputError` for what stops a command;
each becomes a message on stderr and exit code 2. Neither this module nor the API imports
the workbook reader or writers at module level, so `lkj-excel --help` stays fast.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import NoReturn

import click

from . import __version__, api

EXIT_OK, EXIT_ERRORS, EXIT_FAILED = 0, 1, 2


def _config_option(f):
    return click.option(
        "--config", "config", type=click.Path(dir_okay=False),
        help="Berkas pengaturan TOML (predikat, metode efisiensi, nomenklatur tambahan).",
    )(f)


def _fail(message: str) -> NoReturn:
    click.echo(message, err=True)
    sys.exit(EXIT_FAILED)


def _load_settings(config):
    try:
        return api.load_settings(config)
    except api.SettingsError as exc:
        _fail(f"Kesalahan pengaturan: {exc}")


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
    identity = {"perangkat_daerah": perangkat_daerah, "pemerintah_daerah": pemerintah_daerah,
                "tahun": tahun, "triwulan": triwulan, "nama_kepala": nama_kepala,
                "nip_kepala": nip_kepala, "jabatan_kepala": jabatan_kepala}
    try:
        written = api.make_template(output or None, identity)
    except api.UsageError as exc:
        _fail(str(exc))
    except api.OutputError as exc:
        _fail(f"Gagal menulis {exc}")
    click.echo(f"Template ditulis: {written}")


@main.command("checks")
def checks_cmd() -> None:
    """Daftar semua pemeriksaan: id, tingkat, dan artinya.

    \b
    Contoh:
      lkj-excel checks
      lkj-excel checks > daftar-pemeriksaan.txt
    """
    catalogue = api.checks()
    width = max(len(c.id) for c in catalogue)
    for c in catalogue:
        sev = "kesalahan " if c.severity == "error" else "peringatan"
        click.echo(f"{c.id:<{width}}  {sev}  {c.description}")


def _tandai_option(f):
    return click.option(
        "--tandai", is_flag=True,
        help="Tulis salinan workbook kantor dengan sel bertemuan diwarnai dan diberi komentar "
             "(<nama>-diperiksa.xlsx), dengan sheet Hasil Pemeriksaan di depan.",
    )(f)


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Cetak hasil sebagai JSON.")
@_tandai_option
@click.option("-o", "--output", type=click.Path(file_okay=False),
              help="Folder untuk salinan bertanda (--tandai); bawaan: di sebelah masukan.")
@_config_option
def check(inputs, as_json, tandai, output, config) -> None:
    """Periksa satu atau banyak workbook isian; tanpa --tandai tidak menulis apa pun.

    INPUTS boleh berkas, folder (dicari rekursif) atau pola glob. Dengan --tandai, setiap
    workbook yang bertemuan mendapat salinan bertanda untuk dikirim kembali ke kantor.

    \b
    Contoh:
      lkj-excel check isian-tw1.xlsx
      lkj-excel check kotak-masuk/ --json > temuan.json
      lkj-excel check kotak-masuk/ --tandai -o kembali/
    """
    if output and not tandai:
        _fail("-o pada check hanya dipakai bersama --tandai.")
    settings = _load_settings(config)
    try:
        reports, missing = api.check_inputs(inputs, settings, tandai=tandai, output=output)
    except api.OutputError as exc:
        _fail(f"Gagal menulis salinan bertanda: {exc}")
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
@_tandai_option
@click.option("--dokumen", is_flag=True,
              help="Tulis juga dokumen LKj (.docx) di sebelah workbook LKj, dengan nama yang "
                   "sama (atau [dokumen] tulis = true di pengaturan).")
@_config_option
def process(inputs, output, as_json, jobs, daftar, quiet, tandai, dokumen, config) -> None:
    """Rekonsiliasi workbook isian dan tulis workbook LKj (dan Rekap untuk batch).

    INPUTS boleh berkas workbook, folder (dicari rekursif), pola glob, atau e-mail
    tersimpan (.eml, .mbox) yang lampirannya workbook. Satu masukan: LKj ditulis di
    sebelahnya (atau di -o). Banyak masukan: satu LKj per berkas dan Rekap di -o
    (bawaan: folder hasil/). Dengan --tandai, setiap workbook yang bertemuan juga
    mendapat salinan bertanda di folder yang sama.

    \b
    Contoh:
      lkj-excel process isian-tw1.xlsx
      lkj-excel process kotak-masuk/ -o hasil/ --daftar kecamatan.txt
      lkj-excel process kotak-masuk/ -o hasil/ --tandai
      lkj-excel process isian-tw1.xlsx --dokumen
    """
    settings = _load_settings(config)
    single = (len(inputs) == 1 and Path(inputs[0]).is_file()
              and Path(inputs[0]).suffix.lower() not in (".eml", ".mbox") and daftar is None)
    if single:
        try:
            rep = api.process(inputs[0], output or None, settings, tandai=tandai,
                              dokumen=dokumen or None)
        except api.UsageError as exc:
            _fail(str(exc))
        except api.OutputError as exc:
            _fail(f"Gagal menulis keluaran: {exc}")
        _finish([rep], [], as_json)
        return
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
        result = api.process_batch(inputs, output or "hasil", settings, jobs, daftar or None,
                                   progress, tandai=tandai, dokumen=dokumen or None)
    except api.UsageError as exc:
        _fail(str(exc))
    except api.OutputError as exc:
        _fail(f"Gagal menulis keluaran: {exc}")
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
