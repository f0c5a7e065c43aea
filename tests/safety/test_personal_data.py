"""Personal data: Indonesian phones, e-mail, NIK, NPWP, passports, bank accounts, addresses."""

import pytest

from suar.safety import Category, Engine, Severity

engine = Engine()


def pii(text: str) -> list:
    return list(engine.analyze(text).of(Category.PERSONAL_DATA))


def spans(text: str) -> list[tuple[str, str]]:
    return sorted((f.rule.split(".")[-1], text[f.start : f.end]) for f in pii(text))


@pytest.mark.parametrize(
    "number",
    [
        "081234567890",
        "0812-3456-7890",
        "0812 3456 7890",
        "0812.3456.7890",
        "+6281234567890",
        "+62 812 3456 7890",
        "+62-812-3456-7890",
        "6281234567890",
        "0857 1234 567",
        "08111234567",
        "(021) 5551234",
        "021-5551234",
        "0274 512345",
        "+62 21 5551234",
    ],
)
def test_phone_numbers(number: str) -> None:
    text = f"hubungi aku di {number} ya"
    assert spans(text) == [("phone", number)]


@pytest.mark.parametrize(
    "text",
    [
        "hubungi 119 ext 8",
        "telepon 112 kalau darurat",
        "JakCare 0800-1500-119",
        "BNN 184",
        "skor 12345",
        "tahun 2024",
        "harga Rp 150.000",
        "kode 1234567",
        "tanggal 12-05-2024",
        "aku udah 2 tahun pulih",
    ],
)
def test_not_personal_numbers(text: str) -> None:
    assert pii(text) == []


@pytest.mark.parametrize(
    "email",
    [
        "budi@gmail.com",
        "budi.santoso@gmail.com",
        "siti_nur+suar@yahoo.co.id",
        "A.Person@Example.org",
    ],
)
def test_email(email: str) -> None:
    assert spans(f"email: {email}.") == [("email", email)]


@pytest.mark.parametrize("text", ["@budi makasih ya", "halo @suar_id", "a@b"])
def test_mentions_are_not_email(text: str) -> None:
    assert pii(text) == []


@pytest.mark.parametrize(
    "email",
    [
        "budi [at] gmail [dot] com",
        "budi(at)gmail(dot)com",
        "budi.santoso [at] yahoo.co.id",
        "budi_s AT gmail DOT com",
        "budi at gmail dot com",
        "budi [et] gmail [titik] com",
        "siti.nur (at) outlook (dot) co (dot) id",
    ],
)
def test_spelt_out_email(email: str) -> None:
    assert spans(f"kontak aku: {email} ya") == [("email", email)]


@pytest.mark.parametrize(
    "text",
    [
        "look at this dot",
        "I'm at home, dot the i's",
        "lagi di rumah (at) jakarta",
        "we meet at school.com or at the park",
        "connect the dots at the end",
    ],
)
def test_words_at_and_dot_alone_are_not_email(text: str) -> None:
    assert pii(text) == []


@pytest.mark.parametrize(
    "nik",
    [
        "3174012505900003",  # DKI Jakarta, born 25-05-1990
        "3273016502950001",  # Jawa Barat, woman (day + 40), born 25-02-1995
        "5171010101010001",  # Bali, born 01-01-2001
        "3174 0125 0590 0003",
    ],
)
def test_valid_nik(nik: str) -> None:
    found = pii(f"NIK saya {nik}")
    assert [(f.rule, f.severity) for f in found] == [("personal_data.nik", Severity.HIGH)]


@pytest.mark.parametrize(
    "number",
    [
        "9974012505900003",  # no such province
        "3174013205900003",  # day 32
        "3174012513900003",  # month 13
        "1234567812345678",
    ],
)
def test_invalid_nik_without_keyword_is_not_nik(number: str) -> None:
    assert all(f.rule != "personal_data.nik" for f in pii(f"kode {number}"))


def test_npwp_formatted() -> None:
    assert spans("NPWP 01.234.567.8-901.000") == [("npwp", "01.234.567.8-901.000")]


def test_npwp_with_keyword() -> None:
    assert spans("npwp: 012345678901000") == [("npwp", "012345678901000")]


def test_passport_with_keyword() -> None:
    assert spans("nomor paspor saya C1234567") == [("passport", "C1234567")]


@pytest.mark.parametrize(
    "text",
    [
        "transfer ke rek BCA 1234567890",
        "no rek 0123456789 a.n. Budi",
        "rekening mandiri 1230004567890",
    ],
)
def test_bank_account_with_hint(text: str) -> None:
    assert [f.rule for f in pii(text)] == ["personal_data.bank_account"]


def test_card_number_with_luhn() -> None:
    assert [f.rule for f in pii("kartu 4539 1488 0343 6467")] == ["personal_data.card"]


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("rumahku di Jl. Merdeka No. 10, Jakarta", "Jl. Merdeka No. 10"),
        ("alamat: Jalan Kenanga Raya no 5A", "Jalan Kenanga Raya no 5A"),
        ("Gg. Mawar No.3 ya", "Gg. Mawar No.3"),
        ("jln sudirman nomor 21", "jln sudirman nomor 21"),
        ("RT 03/RW 05", "RT 03/RW 05"),
    ],
)
def test_street_addresses(text: str, address: str) -> None:
    assert spans(text) == [("address", address)]


def test_several_items_with_exact_spans() -> None:
    text = "hubungi 0812-3456-7890 atau budi@gmail.com, NIK 3174012505900003, Jl. Merdeka No. 10"
    assert spans(text) == [
        ("address", "Jl. Merdeka No. 10"),
        ("email", "budi@gmail.com"),
        ("nik", "3174012505900003"),
        ("phone", "0812-3456-7890"),
    ]


def test_two_phone_numbers_separated_by_space() -> None:
    assert spans("081234567890 081298765432") == [
        ("phone", "081234567890"),
        ("phone", "081298765432"),
    ]


def test_phone_is_a_warning_with_advice() -> None:
    f = pii("wa aku 081234567890")[0]
    assert f.severity == Severity.WARN
    assert f.suggestion and f.explanation_id and f.explanation_en


@pytest.mark.parametrize(
    ("text", "rule", "value"),
    [
        ("NIP 198501012010011001", "personal_data.nip", "198501012010011001"),
        ("nip: 19850101 201001 1 001", "personal_data.nip", "19850101 201001 1 001"),
        ("no SIM aku 120512345678", "personal_data.sim", "120512345678"),
        ("NISN: 0051234567", "personal_data.nisn", "0051234567"),
        ("kartu BPJS 0001234567891", "personal_data.bpjs", "0001234567891"),
        ("rumahku di Jl. Merdeka 10 ya", "personal_data.address", "Jl. Merdeka 10"),
        ("alamat: Jalan Kenanga Raya 5A", "personal_data.address", "Jalan Kenanga Raya 5A"),
        ("Perumahan Indah blok C-12", "personal_data.address", "blok C-12"),
        ("motornya B 1234 XYZ warna merah", "personal_data.plate", "B 1234 XYZ"),
        ("nopol AB1234CD", "personal_data.plate", "AB1234CD"),
        ("kartu keluarga 3174010101010001", "personal_data.kk", "3174010101010001"),
        ("aku lahir 12 Januari 1990 di Solo", "personal_data.birth_date", "12 Januari 1990"),
        ("TTL: Bandung, 05-08-1995", "personal_data.birth_date", "05-08-1995"),
        ("born 3 March 2001", "personal_data.birth_date", "3 March 2001"),
    ],
)
def test_more_identity_formats(text: str, rule: str, value: str) -> None:
    found = [(f.rule, text[f.start : f.end]) for f in pii(text)]
    assert (rule, value) in found


@pytest.mark.parametrize(
    "text",
    [
        "jalan jalan ke mall 2 jam",
        "aku jalan 5 km tiap pagi",
        "tahun 2010 dan 2011 aku sakit",
        "ketemu di Blok M 2 jam lagi",
        "nomor 18 digit acak 123456789012345678",
        "skor 10 dari 10",
    ],
)
def test_ordinary_numbers_and_walks_are_not_identity_data(text: str) -> None:
    assert pii(text) == [], text


@pytest.mark.parametrize(
    ("text", "rule", "value"),
    [
        ("call me at (415) 555-0100", "phone", "(415) 555-0100"),
        ("my number is 415-555-0100", "phone", "415-555-0100"),
        ("text me 415.555.0100", "phone", "415.555.0100"),
        ("text 1-415-555-0100 pls", "phone", "1-415-555-0100"),
        ("+1 415 555 0100 is mine", "phone", "+1 415 555 0100"),
        ("nomor aku di London +44 20 7946 0958", "phone", "+44 20 7946 0958"),
        ("WA Malaysia +60 12-345 6789", "phone", "+60 12-345 6789"),
        ("my ssn is 123-45-6789", "ssn", "123-45-6789"),
        ("SSN: 123456789", "ssn", "123456789"),
    ],
)
def test_numbers_of_members_abroad(text: str, rule: str, value: str) -> None:
    assert spans(text) == [(rule, value)]
    (finding,) = pii(text)
    assert finding.severity == (Severity.HIGH if rule == "ssn" else Severity.WARN)


@pytest.mark.parametrize(
    "text",
    [
        "call 1-800-273-8255 or 988",  # toll-free and short US crisis lines: organisations
        "Lifeline +1 800 273 8255",
        "skor 2019-2020",
        "harga 100-200-3000",  # an area code never starts with 1
        "order 123-45-0000",  # serial 0000 is never issued
        "ref 666-12-3456",  # area 666 is never issued
        "kode 4155550100",  # ten digits without separators: too often something else
        "skor +5 1234",  # too short for an international number
    ],
)
def test_numbers_abroad_that_are_not_personal(text: str) -> None:
    assert pii(text) == []


def test_spelt_out_email_without_the_callers_words() -> None:
    from suar.safety import personal_data

    found = personal_data.detect("kontak: budi [at] gmail [dot] com", lang="id")
    assert [f.rule for f in found] == ["personal_data.email"]
    assert personal_data.detect("look at this dot", lang="en") == []


@pytest.mark.parametrize(
    ("text", "number"),
    [
        (
            "wa aku ya nol delapan satu dua tiga empat lima enam tujuh delapan sembilan",
            "nol delapan satu dua tiga empat lima enam tujuh delapan sembilan",
        ),
        (
            "call me zero eight one two, three four five six, seven eight nine zero",
            "zero eight one two, three four five six, seven eight nine zero",
        ),
        ("nomorku 0812 tiga empat lima enam 7890", "0812 tiga empat lima enam 7890"),
        (
            "KOSONG DELAPAN SATU TIGA-EMPAT LIMA ENAM TUJUH-DELAPAN SEMBILAN",
            "KOSONG DELAPAN SATU TIGA-EMPAT LIMA ENAM TUJUH-DELAPAN SEMBILAN",
        ),
        (
            "enam dua delapan satu tiga, empat lima enam tujuh, delapan sembilan nol",
            "enam dua delapan satu tiga, empat lima enam tujuh, delapan sembilan nol",
        ),
    ],
)
def test_phone_numbers_spelt_out_digit_by_digit(text: str, number: str) -> None:
    assert spans(text) == [("phone", number)]


@pytest.mark.parametrize(
    "text",
    [
        "satu dua tiga empat lima enam tujuh delapan, ayo senam!",  # counting, not a phone
        "one two three four five six seven eight nine ten",
        "I have two kids, one dog and three cats, five chickens, six fish",
        "kosong delapan satu satu",  # too short for a mobile number
        "dua puluh tiga ribu lima ratus",  # compound numerals are not digits
        "oh no, one more thing: two of us, three days",
    ],
)
def test_number_words_that_are_not_a_phone(text: str) -> None:
    assert pii(text) == [], text


def test_spelt_phone_is_found_without_the_callers_words() -> None:
    from suar.safety import personal_data

    text = "nol delapan satu dua tiga empat lima enam tujuh delapan"
    (f,) = personal_data.detect(text, lang="id")
    assert (f.rule, f.start, f.end, f.severity) == (
        "personal_data.phone",
        0,
        len(text),
        Severity.WARN,
    )


@pytest.mark.parametrize(
    ("text", "handle"),
    [
        ("follow ig aku ya @rina.pulih, aku sering share progress", "@rina.pulih"),
        ("ig aku: rina_pulih02", "rina_pulih02"),
        ("tiktok gue rina.pulih", "rina.pulih"),
        ("my fb is budi.santoso.77", "budi.santoso.77"),
        ("cek instagram.com/rina_pulih buat cerita lengkapnya", "instagram.com/rina_pulih"),
        ("https://www.instagram.com/@rina.pulih/ ya", "https://www.instagram.com/@rina.pulih"),
    ],
)
def test_social_media_accounts_in_community_texts(text: str, handle: str) -> None:
    for context in ("story", "reply", "question"):
        found = list(engine.analyze(text, context=context).of(Category.PERSONAL_DATA))
        assert [(f.rule, text[f.start : f.end], f.severity) for f in found] == [
            ("personal_data.handle", handle, Severity.WARN)
        ], (text, context)


@pytest.mark.parametrize(
    "text",
    [
        "ig aku rame banget hari ini",  # names no account
        "I posted it on threads 5.1 times",
        "harganya @ 5000",
        "jam 7 @ taman",
        "email aku rina@gmail.com",  # an e-mail, not an account
        "video ini bagus: https://www.instagram.com/reel/Cx1abc/",  # a page, not an account
    ],
)
def test_not_social_media_accounts(text: str) -> None:
    rules = {f.rule for f in engine.analyze(text, context="story").of(Category.PERSONAL_DATA)}
    assert "personal_data.handle" not in rules, text


def test_accounts_are_expected_in_studio_posts_comments_and_news() -> None:
    for context in ("post", "comment", "news"):
        report = engine.analyze("follow ig kami @suar_id ya", context=context)
        assert not report.has(Category.PERSONAL_DATA), context
