"""Reading one cell's value by its kind (lkj_excel.read.values)."""

from __future__ import annotations

import datetime as dt
import math
import re

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from lkj_excel.read.values import (
    Parsed,
    is_blank,
    parse_amount,
    parse_code,
    parse_date,
    parse_nip,
    parse_number,
    parse_percent,
    parse_triwulan,
    parse_whole,
    parse_year,
    terbilang,
)

PROP = settings(derandomize=True, max_examples=300, deadline=None)


# --- amounts ----------------------------------------------------------------------------

@pytest.mark.parametrize(
    "raw, sen",
    [
        ("1.750.000,-", 175_000_000),
        ("Rp. 5.113.215.", 511_321_500),
        ("1,169,899,860", 116_989_986_000),
        ("1.913.315.062,00", 191_331_506_200),
        ("Rp 3.000.000", 300_000_000),
        ("1750000", 175_000_000),
        ("1.234.567,5", 123_456_750),
        ("1,234,567.89", 123_456_789),
        ("1.234,56", 123_456),
        ("1,234.56", 123_456),
        ("Rp1.000.000", 100_000_000),
        ("IDR 2.500.000", 250_000_000),
        ("rp. 2.500.000,-", 250_000_000),
        ("Rp 1.750.000.-", 175_000_000),
        ("-1.750.000", -175_000_000),
        ("-Rp 1.750.000", -175_000_000),
        ("Rp -1.750.000", -175_000_000),
        ("(1.750.000)", -175_000_000),
        ("\u22121.750.000", -175_000_000),  # a typographic minus
        ("  1.750.000 \xa0", 175_000_000),
        ("1 750 000", 175_000_000),
        ("1234.5", 123_450),
        ("0,5", 50),
        ("1.234,-", 123_400),  # `,-` says the comma is the decimal separator
        ("1,234.-", 123_400),
        ("-", 0),
        ("\u2014", 0),
        ("Rp -", 0),
        ("Rp. -", 0),
        ("1.000.000.000.000.000", 10**17),
    ],
)
def test_amount_text(raw, sen):
    p = parse_amount(raw)
    assert p == Parsed(sen, "text", p.note)
    assert p.note.startswith("nominal diketik sebagai teks: ")
    assert f"'{raw.strip()}'" in p.note


def test_amount_text_note():
    assert parse_amount("1.750.000,-").note == (
        "nominal diketik sebagai teks: '1.750.000,-' dibaca Rp 1.750.000"
    )
    assert parse_amount("1,234,567.89").note.endswith("dibaca Rp 1.234.567,89")


@pytest.mark.parametrize(
    "raw, sen, sep",
    [
        ("1.234", 123_400, "titik"),
        ("1,234", 123_400, "koma"),
        ("Rp 1.234", 123_400, "titik"),
        ("Rp. 999.999", 99_999_900, "titik"),
        ("-1.234", -123_400, "titik"),
        ("1.234.", 123_400, "titik"),  # a stray dot does not settle it
        ("1.234.-", 123_400, "titik"),  # nor does `.-` after a dot
    ],
)
def test_amount_ambiguous(raw, sen, sep):
    p = parse_amount(raw)
    assert (p.value, p.flag) == (sen, "ambiguous")
    assert f"{sep} dianggap pemisah ribuan" in p.note


@pytest.mark.parametrize(
    "raw, sen",
    [
        ("1.234.56", 123_456),  # three digits: thousands; two after the last separator: sen
        ("1,234,56", 123_456),
        ("Rp 1.234.567.8", 123_456_780),
        ("1,234,567,89", 123_456_789),
        ("1234.567.890", 123_456_789_000),  # every separator followed by three digits
    ],
)
def test_amount_sen_after_thousands_of_the_same_separator(raw, sen):
    p = parse_amount(raw)
    assert p == Parsed(sen, "text", p.note)
    assert p.note.startswith("nominal diketik sebagai teks: ")


@pytest.mark.parametrize(
    "raw, sen, sep",
    [
        ("1234,567", 123_456_700, "koma"),  # a single separator and three digits after it
        ("1234.567", 123_456_700, "titik"),
        ("0.500", 50_000, "titik"),
        ("1.234,567", 123_456_700, "koma"),  # three digits after the last separator
        ("1,234.567", 123_456_700, "titik"),
        ("1.000.000,555", 100_000_055_500, "koma"),
    ],
)
def test_amount_three_digits_after_last_separator_are_thousands(raw, sen, sep):
    p = parse_amount(raw)
    assert (p.value, p.flag) == (sen, "ambiguous")
    assert f"{sep} dianggap pemisah ribuan" in p.note


def test_amount_ambiguous_note():
    assert parse_amount("1.234").note == (
        "'1.234' dibaca sebagai Rp 1.234 "
        "(seribu dua ratus tiga puluh empat rupiah; titik dianggap pemisah ribuan)"
    )


@pytest.mark.parametrize(
    "raw",
    [
        "nihil", "abc", "Rp", "Rp.", "1.23.4", "12.34.567", "1,23,456", "1.2345",
        "1.234.5678", "1,234,5678", "1..000", ".5", "1 75 000", "--5", "-Rp -5", "1e6",
        "12abc", "Rp 1.000 rupiah", "1.000.000.000.000.001", "Rp 9.999.999.999.999.999",
    ],
)
def test_amount_invalid_text(raw):
    p = parse_amount(raw)
    assert p.value is None and p.flag == "invalid" and p.note


def test_amount_invalid_notes():
    assert parse_amount("abc").note == "'abc' bukan nominal"
    assert "terlalu besar" in parse_amount("Rp 9.999.999.999.999.999").note
    assert "terlalu besar" in parse_amount(10**15 + 1).note


@pytest.mark.parametrize(
    "raw, sen",
    [
        (1750000, 175_000_000),
        (0, 0),
        (-5, -500),
        (1750000.0, 175_000_000),
        (1234.56, 123_456),
        (0.1 + 0.2, 30),
        (1234.565, 123_457),  # half up
        (-1234.565, -123_457),
        (0.005, 1),
        (10**15, 10**17),
        (-(10**15), -(10**17)),
        (1e15, 10**17),
    ],
)
def test_amount_number(raw, sen):
    assert parse_amount(raw) == Parsed(sen, None, "")


@pytest.mark.parametrize(
    "raw",
    [float("nan"), float("inf"), -float("inf"), True, False, dt.date(2023, 1, 1),
     dt.datetime(2023, 1, 1), dt.time(1, 2), 10**15 + 1, 1e16, -1e16],
)
def test_amount_number_invalid(raw):
    p = parse_amount(raw)
    assert p.value is None and p.flag == "invalid" and p.note


@pytest.mark.parametrize("raw", [None, "", "   ", "\xa0", " \u200b\t"])
def test_amount_blank(raw):
    p = parse_amount(raw)
    assert p.value is None and p.flag == "blank"


def test_terbilang():
    assert terbilang(1234) == "seribu dua ratus tiga puluh empat"
    assert terbilang(0) == "nol"
    assert terbilang(11) == "sebelas"
    assert terbilang(115) == "seratus lima belas"
    assert terbilang(1_000_000) == "satu juta"
    assert terbilang(999_999) == (
        "sembilan ratus sembilan puluh sembilan ribu sembilan ratus sembilan puluh sembilan"
    )
    assert terbilang(2_001_000_000) == "dua miliar satu juta"


# --- percents ---------------------------------------------------------------------------

@pytest.mark.parametrize(
    "raw, fmt, value, flag",
    [
        (0.9, True, 90.0, None),
        (1, True, 100.0, None),
        (0.5555, True, 55.55, None),
        (1.2, True, 120.0, None),
        (0.9, False, 90.0, "ambiguous"),
        (90, False, 90.0, None),
        (55.55, False, 55.55, None),
        (1, False, 1.0, None),
        (0, False, 0.0, None),
        (0.9, None, 90.0, "ambiguous"),
        (1, None, 100.0, "ambiguous"),
        (1.0, None, 100.0, "ambiguous"),
        (90, None, 90.0, None),
        (0, None, 0.0, None),
        (1.5, None, 1.5, None),
        ("90 %", None, 90.0, "text"),
        ("55,55%", False, 55.55, "text"),
        ("55,55%", True, 55.55, "text"),
        ("90", None, 90.0, "text"),
        ("55.55", None, 55.55, "text"),
        ("0,9", None, 90.0, "ambiguous"),
        ("0.9", False, 90.0, "ambiguous"),
        ("0,9%", None, 0.9, "text"),
        ("1", None, 1.0, "text"),  # text has no percent format: 1 is 1%
        ("0", None, 0.0, "text"),
        ("1.000", None, 1.0, "text"),  # a single separator is a decimal in a percent
        ("12,345 %", None, 12.345, "text"),
        ("100 persen", None, 100.0, "text"),
        ("1.234,5%", None, 1234.5, "text"),
    ],
)
def test_percent(raw, fmt, value, flag):
    p = parse_percent(raw, fmt)
    assert p.value == pytest.approx(value, abs=1e-12)
    assert p.flag == flag
    assert bool(p.note) == (flag is not None)


def test_percent_exact_times_100():
    # 0.9 * 100 would be 90.00000000000001 in float arithmetic
    assert parse_percent(0.9, True).value == 90.0
    assert parse_percent(0.07, True).value == 7.0
    assert parse_percent("0,07", None).value == 7.0


def test_percent_notes():
    assert parse_percent("55,55%", None).note == (
        "persen diketik sebagai teks: '55,55%' dibaca 55,55%"
    )
    assert "90%" in parse_percent(0.9, False).note


@pytest.mark.parametrize(
    "raw", ["abc", "-", "%", "nihil", "90%%", True, dt.date(2023, 1, 1), float("nan"),
            float("inf"), "1.2.3"],
)
def test_percent_invalid(raw):
    p = parse_percent(raw, None)
    assert p.value is None and p.flag == "invalid" and p.note


def test_percent_blank():
    assert parse_percent(None, True).flag == "blank"
    assert parse_percent("  ", None).flag == "blank"


# --- plain numbers ----------------------------------------------------------------------

@pytest.mark.parametrize(
    "raw, value, flag",
    [
        (12, 12.0, None),
        (3.5, 3.5, None),
        (-2, -2.0, None),
        ("12", 12.0, "text"),
        ("3,5", 3.5, "text"),
        ("3.5", 3.5, "text"),
        ("1.250", 1250.0, "ambiguous"),
        ("1,250", 1250.0, "ambiguous"),
        ("1.250,75", 1250.75, "text"),
        ("1.250.000", 1_250_000.0, "text"),
        ("0,125", 0.125, "text"),  # a leading 0 cannot start a thousands group
        ("3,14159", 3.14159, "text"),
        ("-2,5", -2.5, "text"),
    ],
)
def test_number(raw, value, flag):
    p = parse_number(raw)
    assert p.value == pytest.approx(value, abs=1e-12)
    assert p.flag == flag
    assert isinstance(p.value, float)


@pytest.mark.parametrize("raw", ["abc", "-", "1.23.4", True, float("nan"), dt.date(2023, 1, 1)])
def test_number_invalid(raw):
    p = parse_number(raw)
    assert p.value is None and p.flag == "invalid" and p.note


# --- dates ------------------------------------------------------------------------------

D = dt.date(2023, 2, 23)


@pytest.mark.parametrize(
    "raw, value",
    [
        (dt.datetime(2023, 2, 23, 10, 5), D),
        (D, D),
        ("2023-02-23", D),
        ("2023-02-23 00:00:00", D),
        ("2023-02-23T10:11", D),
        ("23/02/2023", D),
        ("23-02-2023", D),
        ("23.02.2023", D),
        ("23 Februari 2023", D),
        ("23 Feb 2023", D),
        ("23 Pebruari 2023", D),
        ("23 FEBRUARI 2023", D),
        ("23 february 2023", D),
        ("February 23, 2023", D),
        ("Kamis, 23 Februari 2023", D),
        ("23-Feb-2023", D),
        (" 23  Februari   2023 ", D),
        ("1 Agustus 2023", dt.date(2023, 8, 1)),
        ("31 Des 2023", dt.date(2023, 12, 31)),
        ("31 Desember 2023", dt.date(2023, 12, 31)),
        ("1 Mei 2023", dt.date(2023, 5, 1)),
        ("30 Nopember 2023", dt.date(2023, 11, 30)),
        ("5 Agt 2023", dt.date(2023, 8, 5)),
        ("5 Okt. 2023", dt.date(2023, 10, 5)),
        ("1/3/2023", dt.date(2023, 3, 1)),
    ],
)
def test_date(raw, value):
    assert parse_date(raw) == Parsed(value, None, "")


@pytest.mark.parametrize(
    "raw",
    ["31/02/2023", "2023-13-01", "30 Februari 2023", "29/02/2023", "32 Januari 2023",
     "abc", "23 Foo 2023", "23/02/23", "2023", "Februari 2023", dt.time(10, 0), True],
)
def test_date_invalid(raw):
    p = parse_date(raw)
    assert p.value is None and p.flag == "invalid" and p.note


def test_date_invalid_notes():
    assert "tidak ada" in parse_date("31/02/2023").note
    assert "tidak ada" in parse_date("2023-13-01").note
    assert parse_date(45000).note == "45000 adalah angka, bukan tanggal"


def test_date_serial():
    assert parse_date(44980).flag == "invalid"
    assert parse_date(44980, serial_ok=True) == Parsed(D, None, "")
    assert parse_date(44980.75, serial_ok=True).value == D
    assert parse_date(1, serial_ok=True).value == dt.date(1900, 1, 1)
    assert parse_date(59, serial_ok=True).value == dt.date(1900, 2, 28)
    assert parse_date(61, serial_ok=True).value == dt.date(1900, 3, 1)
    assert parse_date(2958465, serial_ok=True).value == dt.date(9999, 12, 31)
    for bad in (0, -1, 2958466, 60, 0.5, float("nan"), True):
        assert parse_date(bad, serial_ok=True).flag == "invalid"


def test_date_blank():
    assert parse_date(None).flag == "blank"
    assert parse_date(" ").flag == "blank"


# --- codes and NIPs ---------------------------------------------------------------------

@pytest.mark.parametrize(
    "raw, value",
    [
        ("7.01.01 ", "7.01.01"),
        ("7.01.01", "7.01.01"),
        ("\xa07.01.01.2.01.0001\xa0", "7.01.01.2.01.0001"),
        ("7.01.01.01.2", "7.01.01.01.2"),
        ("7. 01", "7. 01"),  # kept as typed; the code check reports it
        (7, "7"),
        (7.0, "7"),
        (701, "701"),
        (123456789012345.0, "123456789012345"),
    ],
)
def test_code(raw, value):
    assert parse_code(raw) == Parsed(value, None, "")


def test_code_float():
    assert parse_code(7.01) == Parsed(
        None, "invalid", "kode tersimpan sebagai angka 7.01; ketik kode sebagai teks"
    )


@pytest.mark.parametrize("raw", [7.1, 1e15, float("nan"), True, dt.date(2023, 1, 1)])
def test_code_invalid(raw):
    p = parse_code(raw)
    assert p.value is None and p.flag == "invalid" and p.note


NIP_LOST = "NIP tersimpan sebagai angka dan kehilangan digit di Excel; ketik NIP sebagai teks"


@pytest.mark.parametrize(
    "raw, value",
    [
        ("19750712 199703 1 002", "197507121997031002"),
        ("197507121997031002", "197507121997031002"),
        ("NIP 19750712 199703 1 002", "197507121997031002"),
        ("NIP. 19750712 199703 1 002", "197507121997031002"),
        ("NIP: 19750712 199703 1 002", "197507121997031002"),
        ("nip.197507121997031002", "197507121997031002"),
        (" 19750712\xa0199703 1 002 ", "197507121997031002"),
        ("1975-07-12", "1975-07-12"),  # not digits: the caller's NIP check reports it
        ("19750712 ABC", "19750712ABC"),
        (19750712, "19750712"),
        (19750712.0, "19750712"),
        (123456789012345, "123456789012345"),
    ],
)
def test_nip(raw, value):
    assert parse_nip(raw) == Parsed(value, None, "")


@pytest.mark.parametrize(
    "raw", [197507121997031002, 1234567890123456, 1.97507121997031e17, 1234567890123456.0]
)
def test_nip_lost_digits(raw):
    assert parse_nip(raw) == Parsed(None, "invalid", NIP_LOST)


@pytest.mark.parametrize("raw", [1975.5, -5, True, dt.date(2023, 1, 1), float("nan")])
def test_nip_invalid(raw):
    p = parse_nip(raw)
    assert p.value is None and p.flag == "invalid" and p.note


def test_nip_blank():
    assert parse_nip(None).flag == "blank"
    assert parse_nip("  ").flag == "blank"
    assert parse_nip("NIP.").flag == "blank"


# --- whole numbers, years, triwulan -------------------------------------------------------

@pytest.mark.parametrize(
    "raw, value, flag",
    [(7, 7, None), (7.0, 7, None), ("7", 7, None), (" 7 ", 7, None), ("1", 1, None),
     ("7,0", 7, None), ("1.000", 1000, "ambiguous")],
)
def test_whole(raw, value, flag):
    p = parse_whole(raw)
    assert (p.value, p.flag) == (value, flag)
    assert type(p.value) is int


@pytest.mark.parametrize("raw", [7.5, "7,5", "7 desa", "tujuh", True, float("nan")])
def test_whole_invalid(raw):
    p = parse_whole(raw)
    assert p.value is None and p.flag == "invalid" and p.note


@pytest.mark.parametrize(
    "raw, value", [(2023, 2023), (2023.0, 2023), ("2023", 2023), (" 2023 ", 2023),
                   ("Tahun 2023", 2023), (2000, 2000), (2100, 2100)],
)
def test_year(raw, value):
    assert parse_year(raw) == Parsed(value, None, "")


@pytest.mark.parametrize(
    "raw", [1999, 2101, 2023.5, "23", "abc", "2023/2024", True, dt.date(2023, 1, 1)]
)
def test_year_invalid(raw):
    p = parse_year(raw)
    assert p.value is None and p.flag == "invalid" and p.note


@pytest.mark.parametrize(
    "raw, value",
    [
        ("I", "I"), ("II", "II"), ("III", "III"), ("IV", "IV"), ("iv", "IV"),
        ("1", "I"), ("4", "IV"), (1, "I"), (2, "II"), (3.0, "III"), (4, "IV"),
        ("Triwulan I", "I"), ("TRIWULAN III", "III"), ("Triwulan 2", "II"),
        ("TW 1", "I"), ("TW-II", "II"), ("tw3", "III"), ("TW IV", "IV"), ("Tw.4", "IV"),
        (" I ", "I"),
    ],
)
def test_triwulan(raw, value):
    assert parse_triwulan(raw) == Parsed(value, None, "")


@pytest.mark.parametrize("raw", ["V", "0", 5, 0, 1.5, "TW 5", "Triwulan", "abc", True])
def test_triwulan_invalid(raw):
    p = parse_triwulan(raw)
    assert p.value is None and p.flag == "invalid" and p.note


def test_is_blank():
    assert is_blank(None)
    assert is_blank("")
    assert is_blank("   ")
    assert is_blank("\xa0 \t\n")
    assert not is_blank("a")
    assert not is_blank(0)
    assert not is_blank(0.0)
    assert not is_blank(False)


@pytest.mark.parametrize(
    "parser",
    [parse_amount, parse_number, parse_date, parse_code, parse_nip, parse_whole, parse_year,
     parse_triwulan, lambda r: parse_percent(r, None)],
)
def test_blank_everywhere(parser):
    for raw in (None, "", " ", "\xa0"):
        assert parser(raw) == Parsed(None, "blank", parser(raw).note)


# --- properties -------------------------------------------------------------------------

SEN = st.integers(min_value=-(10**17), max_value=10**17)


def _single_sep_three(text: str) -> bool:
    """The contract's ambiguous case: a single separator followed by exactly three digits."""
    core = re.sub(r"^-?(?:Rp\.? ?)?", "", text)
    return re.fullmatch(r"\d{1,3}[.,]\d{3}", core) is not None


def _id_format(sen: int, rp: bool, dash: bool, zeros: bool) -> str:
    rupiah, cents = divmod(abs(sen), 100)
    body = f"{rupiah:,}".replace(",", ".")
    if cents:
        body += f",{cents:02d}"
    elif dash:
        body += ",-"
    elif zeros:
        body += ",00"
    return ("-" if sen < 0 else "") + ("Rp " if rp else "") + body


def _en_format(sen: int, rp: bool, zeros: bool) -> str:
    rupiah, cents = divmod(abs(sen), 100)
    body = f"{rupiah:,}"
    if cents or zeros:
        body += f".{cents:02d}"
    return ("-" if sen < 0 else "") + ("Rp " if rp else "") + body


@PROP
@given(SEN, st.booleans(), st.booleans(), st.booleans())
def test_prop_amount_indonesian(sen, rp, dash, zeros):
    text = _id_format(sen, rp, dash, zeros)
    p = parse_amount(text)
    assert p.value == sen, text
    assert p.flag == ("ambiguous" if _single_sep_three(text) else "text"), text


@PROP
@given(SEN, st.booleans(), st.booleans())
def test_prop_amount_english(sen, rp, zeros):
    text = _en_format(sen, rp, zeros)
    p = parse_amount(text)
    assert p.value == sen, text
    assert p.flag == ("ambiguous" if _single_sep_three(text) else "text"), text


@PROP
@given(st.integers(min_value=1000, max_value=999_999), st.sampled_from([".", ","]),
       st.booleans())
def test_prop_amount_single_separator_is_ambiguous_thousands(rupiah, sep, rp):
    text = ("Rp " if rp else "") + f"{rupiah:,}".replace(",", sep)
    p = parse_amount(text)
    assert (p.value, p.flag) == (rupiah * 100, "ambiguous")
    # ...while the same figure with `,-` or `,00` (Indonesian) or `.00` (English) is plain text
    if sep == ".":
        assert parse_amount(text + ",-") == (rupiah * 100, "text", parse_amount(text + ",-").note)
        assert parse_amount(text + ",00").flag == "text"
    else:
        assert parse_amount(text + ".00").flag == "text"


@PROP
@given(st.integers(min_value=10**17 + 1, max_value=10**20), st.booleans())
def test_prop_amount_too_big(sen, english):
    text = _en_format(sen, False, False) if english else _id_format(sen, False, False, False)
    assert parse_amount(text).flag == "invalid"


@PROP
@given(st.integers(min_value=-(10**15) + 1, max_value=10**15 - 1))
def test_prop_amount_numbers(sen):
    # sen / 100 as a float has at most 15 significant digits: it round-trips exactly
    assert parse_amount(sen / 100) == Parsed(sen, None, "")
    if sen % 100 == 0:
        assert parse_amount(sen // 100) == Parsed(sen, None, "")


@PROP
@given(st.integers(min_value=0, max_value=100_000), st.sampled_from([",", "."]),
       st.sampled_from(["%", " %"]))
def test_prop_percent_hundredths(h, sep, pct):
    text = f"{h // 100}{sep}{h % 100:02d}{pct}"
    p = parse_percent(text, None)
    assert p.flag == "text"
    assert abs(p.value - h / 100) < 1e-9


@PROP
@given(st.floats(min_value=0, max_value=10_000, allow_nan=False), st.sampled_from([",", "."]),
       st.integers(min_value=0, max_value=6), st.booleans(), st.sampled_from([None, True, False]))
def test_prop_percent_text(x, sep, decimals, sign, fmt):
    shown = f"{x:.{decimals}f}"
    text = shown.replace(".", sep) + ("%" if sign else "")
    expected = float(shown)
    p = parse_percent(text, fmt)
    if not sign and 0 < expected < 1:
        assert p.flag == "ambiguous"
        assert abs(p.value - expected * 100) < 1e-9
    else:
        assert p.flag == "text"
        assert abs(p.value - expected) < 1e-9


@PROP
@given(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False), st.sampled_from([None, True, False]))
def test_prop_percent_numbers(x, fmt):
    assume(x == 0 or abs(x) >= 1e-4)  # below 1e-6 (after scaling) is out of range, see below
    p = parse_percent(x, fmt)
    scaled = fmt is True or (fmt is False and 0 < x < 1) or (fmt is None and 0 < x <= 1)
    assert math.isclose(p.value, x * 100 if scaled else x, rel_tol=1e-12, abs_tol=1e-12)
    assert p.flag == ("ambiguous" if scaled and fmt is not True else None)


ID_MONTHS = {
    1: ["Januari", "Jan"], 2: ["Februari", "Pebruari", "Feb", "Peb"], 3: ["Maret", "Mar"],
    4: ["April", "Apr"], 5: ["Mei"], 6: ["Juni", "Jun"], 7: ["Juli", "Jul"],
    8: ["Agustus", "Agu", "Agt", "Ags"], 9: ["September", "Sep", "Sept"],
    10: ["Oktober", "Okt"], 11: ["November", "Nopember", "Nov", "Nop"],
    12: ["Desember", "Des"],
}
DATES = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))


@PROP
@given(DATES, st.data())
def test_prop_dates(d, data):
    month = data.draw(st.sampled_from(ID_MONTHS[d.month]))
    case = data.draw(st.sampled_from([str, str.upper, str.lower]))
    texts = [
        d.isoformat(),
        f"{d.day:02d}/{d.month:02d}/{d.year}",
        f"{d.day}/{d.month}/{d.year}",
        f"{d.day:02d}-{d.month:02d}-{d.year}",
        f"{d.day:02d}.{d.month:02d}.{d.year}",
        case(f"{d.day} {month} {d.year}"),
        dt.datetime(d.year, d.month, d.day, 13, 45).isoformat(sep=" "),
    ]
    for text in texts:
        assert parse_date(text) == Parsed(d, None, ""), text


@PROP
@given(st.from_regex(r"\A[0-9]{8} [0-9]{6} [0-9] [0-9]{3}\Z"))
def test_prop_nip_text(text):
    assert parse_nip(text) == Parsed(text.replace(" ", ""), None, "")
    assert parse_nip("NIP. " + text) == Parsed(text.replace(" ", ""), None, "")


@PROP
@given(st.one_of(st.text(max_size=30), st.from_regex(r"\A[Rp\-., 0-9%]{0,20}\Z")))
def test_prop_never_raises(text):
    for parser in (parse_amount, parse_number, parse_date, parse_code, parse_nip, parse_whole,
                   parse_year, parse_triwulan):
        p = parser(text)
        assert p.flag in (None, "text", "ambiguous", "invalid", "blank")
        assert (p.value is None) == (p.flag in ("invalid", "blank"))
        assert (p.note == "") == (p.flag is None)
    for fmt in (None, True, False):
        p = parse_percent(text, fmt)
        assert (p.value is None) == (p.flag in ("invalid", "blank"))


@pytest.mark.parametrize("raw", [5e-324, 1e-10, 1e300, -1e12, "1e300"])
def test_figures_out_of_range_are_invalid(raw):
    """A capaian of 1e300 / 1e-300 would overflow: such a cell is cell.invalid."""
    for p in (parse_percent(raw, False), parse_number(raw)):
        assert p.value is None and p.flag == "invalid"


@pytest.mark.parametrize("raw", ["0001-01-01", "01/01/0001", "5 Mei 1899"])
def test_dates_before_1900_are_invalid(raw):
    assert parse_date(raw).flag == "invalid"
