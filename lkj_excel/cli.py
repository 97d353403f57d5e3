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


def _archive_options(f):
    f = click.option("--tanpa-arsip", "tanpa_arsip", is_flag=True,
                     help="Jangan membaca atau menulis arsip.")(f)
    return click.option(
        "--arsip", "arsip", type=click.Path(),
        help="Berkas arsip (bawaan: [arsip] path di pengaturan, LKJ_ARSIP, atau folder data "
             "pengguna).")(f)


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
      5. lkj-excel archive      arsip laporan: daftar, ambil, tarik, ekspor

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
@_archive_options
@_config_option
def check(inputs, as_json, tandai, output, arsip, tanpa_arsip, config) -> None:
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
    reports, missing = _call(api.check_inputs, inputs, settings, tandai=tandai, output=output,
                             arsip=arsip, tanpa_arsip=tanpa_arsip,
                             output_prefix="Gagal menulis salinan bertanda: ")
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
@_archive_options
@_config_option
def process(inputs, output, as_json, jobs, daftar, quiet, tandai, dokumen, arsip, tanpa_arsip,
            config) -> None:
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
        rep = _call(api.process, inputs[0], output or None, settings, tandai=tandai,
                    dokumen=dokumen or None, arsip=arsip, tanpa_arsip=tanpa_arsip,
                    output_prefix=WRITE_FAILED)
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
        result = _call(api.process_batch, inputs, output or "hasil", settings, jobs,
                       daftar or None, progress, tandai=tandai, dokumen=dokumen or None,
                       arsip=arsip, tanpa_arsip=tanpa_arsip, output_prefix=WRITE_FAILED)
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


@main.group(invoke_without_command=True)
@click.option("--arsip", "arsip", type=click.Path(), help="Berkas arsip.")
@click.option("--json", "as_json", is_flag=True, help="Cetak hasil sebagai JSON.")
@_config_option
@click.pass_context
def archive(ctx, arsip, as_json, config) -> None:
    """Arsip laporan: setiap laporan yang diproses, per kantor dan periode.

    Tanpa subperintah: di mana arsip berada dan apa isinya. Subperintah: list, add,
    get, withdraw, export (lihat lkj-excel archive list --help, dst.).

    \b
    Contoh:
      lkj-excel archive
      lkj-excel archive --arsip D:/lkj/arsip.sqlite
      lkj-excel archive --json
    """
    ctx.obj = {"arsip": arsip, "config": config, "json": as_json}
    if ctx.invoked_subcommand is not None:
        return
    from . import api_archive

    s = _call(api_archive.archive_summary, arsip, _load_settings(config))
    if as_json:
        click.echo(json.dumps(s.to_json(), ensure_ascii=False, indent=2))
        return
    periods = ", ".join(s.to_json()["periode"])
    click.echo(f"Arsip: {s.path} (skema versi {s.schema_version})")
    click.echo(f"{s.offices} kantor, {s.submissions} kiriman"
               + (f", {s.withdrawn} ditarik" if s.withdrawn else ""))
    click.echo(f"Periode: {periods or '-'}")


WRITE_FAILED = "Gagal menulis keluaran: "

def _call(fn, *args, output_prefix: str = "", **kwargs):
    """`fn(...)`, its errors as exit 2 with their message: an archive that cannot be used, a
    usage error, an output that cannot be written (after `output_prefix`)."""
    try:
        return fn(*args, **kwargs)
    except api.ArchiveError as exc:
        _fail(f"Arsip tidak dapat dipakai: {exc}")
    except api.UsageError as exc:
        _fail(str(exc))
    except api.OutputError as exc:
        _fail(f"{output_prefix}{exc}")


def _archive_args(ctx, arsip=None, config=None) -> tuple:
    """--arsip and --config given to the subcommand, else to `archive` itself."""
    obj = ctx.obj or {}
    return arsip or obj.get("arsip"), _load_settings(config or obj.get("config"))


def _archive_sub_options(f):
    f = _config_option(f)
    return click.option("--arsip", "arsip", type=click.Path(), help="Berkas arsip.")(f)


_KANTOR = click.argument("kantor")
_PERIODE = [click.argument("tahun", type=int), click.argument("triwulan")]
_PEMDA = click.option("--pemda", help="Pemerintah Daerah, bila ada dua kantor bernama sama.")


@archive.command("list")
@click.option("--tahun", type=int, help="Hanya tahun ini.")
@click.option("--triwulan", help="Hanya triwulan ini (I, II, III, IV).")
@click.option("--json", "as_json", is_flag=True, help="Cetak hasil sebagai JSON.")
@_archive_sub_options
@click.pass_context
def archive_list(ctx, tahun, triwulan, as_json, arsip, config) -> None:
    """Satu baris per kantor dan periode: versi, temuan versi terakhir, kapan, berkas.

    \b
    Contoh:
      lkj-excel archive list
      lkj-excel archive list --tahun 2023 --triwulan II
      lkj-excel archive list --json > arsip.json
    """
    from . import api_archive

    rows = _call(api_archive.archive_list, tahun, triwulan,
                         *_archive_args(ctx, arsip, config))
    if as_json or (ctx.obj or {}).get("json"):
        click.echo(json.dumps([r.to_json() for r in rows], ensure_ascii=False, indent=2))
        return
    if not rows:
        click.echo("Arsip tidak memuat laporan untuk periode itu.")
    for r in rows:
        v = r.latest
        click.echo(f"{r.office.perangkat_daerah} ({r.office.pemda or '-'}) {v.period}: "
                   f"{r.versions} versi, versi {v.versi} {v.errors} kesalahan "
                   f"{v.warnings} peringatan, diproses {v.processed_at:%d-%m-%Y %H:%M}, "
                   f"{v.file_name}")


@archive.command("add")
@click.argument("inputs", nargs=-1, required=True)
@_archive_sub_options
@click.pass_context
def archive_add(ctx, inputs, arsip, config) -> None:
    """Catat masukan ke arsip tanpa menulis workbook LKj (mis. laporan tahun lalu).

    INPUTS sama seperti pada process: berkas, folder, pola glob, e-mail tersimpan.

    \b
    Contoh:
      lkj-excel archive add laporan-2022/
      lkj-excel archive add tw4-2022.xlsx --arsip D:/lkj/arsip.sqlite
    """
    from . import api_archive

    res = _call(api_archive.archive_add, inputs, *_archive_args(ctx, arsip, config))
    for m in res.missing:
        click.echo(f"Tidak ditemukan: {m}", err=True)
    for msg in res.errors:
        click.echo(f"Gagal: {msg}", err=True)
    for rep in res.reports:
        what = (f"{rep.errors} kesalahan, {rep.warnings} peringatan" if rep.readable
                else rep.findings[0].message)
        versi = f", versi {rep.meta['versi']}" if rep.meta.get("versi") else ""
        click.echo(f"{rep.file}: {what}{versi}")
    for line in res.lines:
        click.echo(line)
    sys.exit(EXIT_FAILED if res.missing or res.errors or not res.reports else EXIT_OK)


@archive.command("get")
@_KANTOR
@_PERIODE[0]
@_PERIODE[1]
@click.option("--versi", type=int, help="Nomor versi (bawaan: versi terakhir).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), required=True,
              help="Berkas yang ditulis.")
@_PEMDA
@_archive_sub_options
@click.pass_context
def archive_get(ctx, kantor, tahun, triwulan, versi, output, pemda, arsip, config) -> None:
    """Ambil workbook yang dikirim kantor, persis byte demi byte.

    KANTOR adalah nama Perangkat Daerah; TRIWULAN I, II, III atau IV.

    \b
    Contoh:
      lkj-excel archive get "Kecamatan Tempursari" 2023 I -o tw1.xlsx
      lkj-excel archive get "Kecamatan Tempursari" 2023 I --versi 1 -o tw1-v1.xlsx
    """
    from . import api_archive

    path = _call(api_archive.archive_get, kantor, tahun, triwulan, output, versi, pemda,
                         *_archive_args(ctx, arsip, config))
    click.echo(f"Ditulis: {path}")


@archive.command("withdraw")
@_KANTOR
@_PERIODE[0]
@_PERIODE[1]
@click.option("--versi", type=int, required=True, help="Nomor versi yang ditarik.")
@_PEMDA
@_archive_sub_options
@click.pass_context
def archive_withdraw(ctx, kantor, tahun, triwulan, versi, pemda, arsip, config) -> None:
    """Tandai satu versi ditarik (mis. berkas terkirim atas nama kantor yang salah): tetap
    disimpan, tetapi dilewati di mana pun.

    \b
    Contoh:
      lkj-excel archive withdraw "Kecamatan Tempursari" 2023 I --versi 2
      lkj-excel archive withdraw Kalisat 2023 II --versi 1 --pemda "Kabupaten Jember"
    """
    from . import api_archive

    v = _call(api_archive.archive_withdraw, kantor, tahun, triwulan, versi, pemda,
                      *_archive_args(ctx, arsip, config))
    click.echo(f"Ditarik: {v.perangkat_daerah} {v.period} versi {v.versi} ({v.file_name})")


@archive.command("export")
@click.argument("output", type=click.Path(dir_okay=False))
@_archive_sub_options
@click.pass_context
def archive_export(ctx, output, arsip, config) -> None:
    """Tulis riwayat untuk analis (.xlsx): Kiriman, Capaian, Anggaran, Temuan, dan tabel
    capaian per kantor × indikator × triwulan.

    \b
    Contoh:
      lkj-excel archive export riwayat.xlsx
    """
    from . import api_archive

    path = _call(api_archive.archive_export, output, *_archive_args(ctx, arsip, config))
    click.echo(f"Ditulis: {path}")


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
