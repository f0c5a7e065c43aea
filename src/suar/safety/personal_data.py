"""Personal data: Indonesian phones, e-mail, NIK, NPWP, passports, bank accounts, addresses;
international (+country code) and North American phone numbers and US Social Security
numbers for members who write from abroad; social media accounts in community texts."""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections.abc import Iterator
from collections.abc import Set as AbstractSet

from suar.safety import scope
from suar.safety.report import Category, Context, Finding, Severity

# Digit runs that may be a number someone shares: "0812-3456-7890", "+62 812 3456 7890",
# "(021) 555 1234", "3174012505900003". Starts only where no word character precedes, and
# every quantifier is bounded, so a megabyte of digits is still scanned in linear time.
# `(?<![\w+])\+?\(?\d[\d \t().-]{5,26}\d(?!\w)`, written to start with a character class (the
# engine then skips ahead to candidate characters instead of trying the look-behind at every
# position): the first character is "+", "(" or a digit, and the look-behinds after it say
# which, and that no word character or "+" precedes it.
_NUMBER_RE = re.compile(
    r"[+(\d](?<![\w+].)(?:(?<=\+)\(?\d|(?<=\()\d|(?<=\d))[\d \t().-]{5,26}\d(?!\w)"
)
_EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,4}")
# Addresses spelt out to slip past filters and scrapers: "budi [at] gmail [dot] com",
# "budi(at)gmail.com", "budi at gmail dot com", "budi [et] gmail [titik] com". The plain-word
# form needs a spelt-out "dot" ("meet at school.com" is no address) and every form ends in a
# common top-level domain, so "look at this dot" is not one either. Bounded quantifiers only.
_AT = r"(?:\s{0,2}[\[({<]\s{0,2}(?:at|et)\s{0,2}[\])}>]\s{0,2})"
_DOT = r"(?:\s{0,2}[\[({<]\s{0,2}(?:dot|titik)\s{0,2}[\])}>]\s{0,2}|\s{1,2}(?:dot|titik)\s{1,2})"
_TLD_WORDS = frozenset(
    {"com", "net", "org", "id", "co", "ac", "edu", "gov", "io", "me", "info", "biz", "app"}
    | {"dev", "uk", "my", "sg", "au"}
)
_TLD = r"(?:" + "|".join(sorted(_TLD_WORDS)) + r")\b"
_SPELT_AT = frozenset({"at", "et"})
_SPELT_EMAIL_RE = re.compile(
    r"(?<![\w.+-])[\w.+-]{1,64}(?:"
    + _AT
    + r"[\w-]{1,63}(?:(?:\.|"
    + _DOT
    + r")[\w-]{1,63}){0,3}(?:\.|"
    + _DOT
    + r")"
    + _TLD
    + r"|\s{1,2}at\s{1,2}[\w-]{1,63}(?:"
    + _DOT
    + r"[\w-]{1,63}){0,3}"
    + _DOT
    + _TLD
    + r")",
    re.IGNORECASE,
)
_WORD_RE = re.compile(r"\w+")
# Phone numbers spelt out, digit by digit, to slip past filters: "nol delapan satu dua ...",
# "zero eight one two ...", or mixed with digits ("0812 tiga empat lima ..."). Read only
# where at least three digit words are spelt (all-digit numbers are _NUMBER_RE's) and the
# digits make an Indonesian mobile number; compound numerals ("dua puluh") are not read.
_DIGIT_WORDS: dict[str, str] = {
    **dict.fromkeys(("nol", "kosong", "zero", "oh"), "0"),
    **{w: str(d) for d, w in enumerate(("satu", "dua", "tiga", "empat", "lima"), 1)},
    **{w: str(d) for d, w in enumerate(("enam", "tujuh", "delapan", "sembilan"), 6)},
    **{w: str(d) for d, w in enumerate(("one", "two", "three", "four", "five"), 1)},
    **{w: str(d) for d, w in enumerate(("six", "seven", "eight", "nine"), 6)},
}
_DIGIT_WORD_SET = frozenset(_DIGIT_WORDS)
_SPELT_DIGIT = r"(?:" + "|".join(sorted(_DIGIT_WORDS, key=len, reverse=True)) + r"|\d{1,4})"
# Bounded: a phone has at most 13 digits, so at most 13 pieces (a longer run is cut there
# and read again from where the match ended); the digits they make are counted afterwards.
_SPELT_PHONE_RE = re.compile(
    r"(?<!\w)" + _SPELT_DIGIT + r"(?:[ ,.-]{1,3}" + _SPELT_DIGIT + r"){3,12}(?!\w)",
    re.IGNORECASE,
)
_SPELT_MIN_WORDS = 3
# Social media accounts (December 2026). In the community (a story, a reply, a question) an
# account ties a member who posts anonymously to a real profile, and peer-support platforms
# keep contact details out of public threads; a Studio post, a comment pulled in from a
# platform and a news text name accounts as a matter of course, so only these contexts.
_HANDLE_CONTEXTS = frozenset({Context.STORY, Context.REPLY, Context.QUESTION})
_AT_HANDLE_RE = re.compile(
    r"(?<![\w.@/])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?(?![\w@])"
)
_PROFILE_URL_RE = re.compile(
    r"(?<![\w.])(?:https?://)?(?:www\.)?"
    r"(?:instagram\.com|tiktok\.com|twitter\.com|x\.com|facebook\.com|fb\.com|t\.me|threads\.net)"
    r"/@?([A-Za-z0-9_.]{2,30})",
    re.IGNORECASE,
)
# Paths of a profile address that name a page, not an account ("instagram.com/reel/...").
_NOT_ACCOUNT_PATHS = frozenset(
    {"reel", "reels", "explore", "tv", "watch", "share", "hashtag", "video", "videos"}
    | {"search", "photo", "photos", "groups", "events", "status", "home", "login", "tag"}
)
_PLATFORMS = frozenset(
    {"ig", "insta", "instagram", "tiktok", "twitter", "telegram", "threads", "fb", "facebook"}
)
# "ig aku: rina_pulih", "tiktok gue rina.pulih02", "instagram = budi99": a platform, maybe a
# possessive, then a name (_handles keeps the names that look like accounts).
_PLATFORM_NAME_RE = re.compile(
    r"\b(?:" + "|".join(sorted(_PLATFORMS)) + r")(?:\s{1,2}(?:aku|ku|gue|gw|saya|me|my))?"
    r"(?:\s{1,2}(?:is|itu|adalah))?\s{0,2}[:=]?\s{0,2}@?"
    r"(?<=[\s:=@])([A-Za-z0-9_][A-Za-z0-9_.]{1,29})(?![\w@])",  # a name after a space, ":", "@"
    re.IGNORECASE,
)
_HANDLE_MARKS = frozenset("0123456789_.")
_HANDLE_WHY = (
    "Akun media sosial bisa menunjukkan siapa kamu. Di komunitas, bagikan lewat pesan pribadi "
    "saja, atau hapus.",
    "A social media account can show who you are. In the community, share it in a private "
    "message, or remove it.",
)
_ADDRESS_RE = re.compile(
    r"\b(?:jl|jln|jalan|gg|gang)\.?\s{1,3}[^\n,;]{2,50}?\s(?:no|nomor|nomer)\.?\s{0,2}\d{1,4}[a-z]?\b"
    r"|\brt\.?\s{0,2}\d{1,3}\s{0,2}/\s{0,2}rw\.?\s{0,2}\d{1,3}\b"
    r"|\b(?:blok|block)\s{1,2}[a-z]{1,2}-?\d{1,3}\b",
    re.IGNORECASE,
)
# "Jl. Merdeka 10", "Jalan Kenanga Raya 5A": a capitalised street name, then a house number.
_STREET_NUMBER_RE = re.compile(
    r"\b(?:[Jj]l|[Jj]ln|[Jj]alan|[Gg]g|[Gg]ang)\.?\s{1,3}(?:[A-Z][\w'-]{1,20}\s{1,2}){1,4}"
    r"\d{1,4}[a-zA-Z]?\b"
)
# Vehicle plates (Korlantas format): region letters, 1-4 digits, up to three letters, written
# with spaces ("B 1234 XYZ"), or any spacing after "plat/nopol/nomor polisi".
# A birth date after "lahir/tgl lahir/TTL/born/DOB": with the name it identifies a person.
_MONTHS = (
    r"jan(?:uari|uary)?|feb(?:ruari|ruary)?|mar(?:et|ch)?|apr(?:il)?|mei|may|jun[ie]?|jul[iy]?"
    r"|agu(?:stus)?|aug(?:ust)?|sep(?:tember)?|okt(?:ober)?|oct(?:ober)?|nov(?:ember)?"
    r"|des(?:ember)?|dec(?:ember)?"
)
_BIRTH_RE = re.compile(
    r"\b(?:lahir|tgl\.? lahir|tanggal lahir|ttl|born|date of birth|dob)\b[^\n\d]{0,25}?"
    r"(\d{1,2}[ /.-]{1,2}(?:\d{1,2}|" + _MONTHS + r")[ /.-]{1,2}(?:19|20)\d{2})\b",
    re.IGNORECASE,
)
# `\b[A-Z]{1,2}\s\d{1,4}\s[A-Z]{1,3}\b`, written to start with a letter class so that the
# regex engine skips ahead to candidate letters instead of trying `\b` at every position:
# after the first letter, "no word character before it" is `\b` there.
_PLATE_RE = re.compile(r"[A-Z](?<!\w[A-Z])[A-Z]?\s\d{1,4}\s[A-Z]{1,3}\b")
_PLATE_LOOSE_RE = re.compile(
    r"\b(?:plat|plat nomor|nopol|nomor polisi|no\.? pol)\b[^\n\w]{0,3}"
    r"([a-z]{1,2}\s?\d{1,4}\s?[a-z]{0,3})\b",
    re.IGNORECASE,
)
# `\b(?:jl|jln|jalan|gg|gang|rt|blok|block)\b` over lowercased text, written so that every
# alternative starts with its letter (a fast scan for j, g, r, b); the look-behind after that
# letter is the `\b` before it.
_ADDRESS_HINT_RE = re.compile(
    r"(?:j(?<!\wj)(?:l|ln|alan)|g(?<!\wg)(?:g|ang)|r(?<!\wr)t|b(?<!\wb)(?:lok|lock))\b"
)
# Substrings one of which every match of _ADDRESS_HINT_RE holds: a cheap test before it.
_ADDRESS_HINTS = ("jl", "jalan", "gg", "gang", "rt", "blok", "block")
_MIN_DIGITS = 8
_NOT_DIGITS = bytes(i for i in range(256) if not 48 <= i <= 57)  # deleted, the digits are left
_PASSPORT_RE = re.compile(
    r"\b(?:paspor|passport)\b[^\n\d]{0,30}?\b([a-z]{1,2}\s?\d{6,7})\b", re.IGNORECASE
)
_BANK_HINT_RE = re.compile(
    r"\b(?:rek|rekening|norek|no\.?\s?rek|account|acc|a/c|va|virtual account|bca|bri|bni|mandiri"
    r"|bsi|cimb|niaga|permata|danamon|btn|jago|seabank|ocbc|dana|ovo|gopay)\b[^\n]{0,25}$",
    re.IGNORECASE,
)
_NPWP_HINT_RE = re.compile(r"\bnpwp\b[^\n]{0,20}$", re.IGNORECASE)
_ID_HINT_RE = re.compile(r"\b(?:nik|ktp|kk|kartu keluarga)\b[^\n]{0,20}$", re.IGNORECASE)
# Keyword-anchored identity numbers (the keyword within a few words before the number):
# SIM (driving licence, 12-16 digits), NISN (pupil number, 10), BPJS/KIS (health insurance,
# 11 or 13). Formats as published by Korlantas Polri, Kemendikbud and BPJS Kesehatan.
_KK_HINT_RE = re.compile(r"\b(?:kk|kartu keluarga)\b[^\n\d]{0,20}$", re.IGNORECASE)
_SIM_HINT_RE = re.compile(
    r"\b(?:sim|surat izin mengemudi|driving licen[cs]e)\b[^\n\d]{0,20}$", re.I
)
_NISN_HINT_RE = re.compile(r"\b(?:nisn|nomor induk siswa)\b[^\n\d]{0,20}$", re.IGNORECASE)
_BPJS_HINT_RE = re.compile(r"\b(?:bpjs|jkn|kis|kartu indonesia sehat)\b[^\n\d]{0,25}$", re.I)
_NPWP_FORMAT_RE = re.compile(r"^\d{2}\.\d{3}\.\d{3}\.\d-\d{3}\.\d{3}$")
# Province codes that open a NIK (Kemendagri; 91-97 cover the Papua provinces old and new).
_PROVINCES = frozenset(
    {11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53}
    | {61, 62, 63, 64, 65, 71, 72, 73, 74, 75, 76, 81, 82, 91, 92, 93, 94, 95, 96, 97}
)
# Toll-free and premium service prefixes belong to organisations (JakCare is 0800-1500-119).
_SERVICE_PREFIXES = ("0800", "0804", "0807", "0809")
# A North American (NANP) number written the way people write one, with separators: "(415)
# 555-0100", "415-555-0100", "415.555.0100", "1-415-555-0100". Area codes and exchanges start
# with 2-9 (NANPA), so no Indonesian number (a leading 0) has this shape; without separators
# ten digits are too often something else.
_NANP_RE = re.compile(r"^(?:\+?1[ .-]?)?(?:\([2-9]\d{2}\) ?|[2-9]\d{2}[ .-])[2-9]\d{2}[ .-]\d{4}$")
# US toll-free area codes belong to organisations, as Indonesia's 0800 (988 is three digits).
_NANP_TOLL_FREE = frozenset({"800", "833", "844", "855", "866", "877", "888"})
# A US Social Security number as it is written, 3-2-4 digits with dashes; area 000, 666 and
# 900-999, group 00 and serial 0000 are never issued (SSA), or nine digits after "SSN".
_SSN_RE = re.compile(r"^(?!000|666|9)\d{3}-(?!00)\d{2}-(?!0000)\d{4}$")
_SSN_HINT_RE = re.compile(r"\b(?:ssn|social security(?: number| no\.?)?)\b[^\n\d]{0,20}$", re.I)

_WHY = (
    "Data pribadi. Pastikan pemiliknya setuju sebelum dibagikan.",
    "Personal data. Make sure its owner agrees before it is shared.",
)
_SENSITIVE = (
    "Nomor identitas atau keuangan. Jangan bagikan di tempat umum.",
    "An identity or financial number. Do not share it publicly.",
)
_ADVICE_ID = "Hapus atau samarkan data ini (mis. 0812-xxxx-xx90)."
_ADVICE_EN = "Remove or mask this data (e.g. 0812-xxxx-xx90)."


def detect(
    text: str,
    *,
    lang: str,
    has_digit: bool | None = None,
    words: AbstractSet[str] | None = None,
    context: Context = Context.POST,
) -> list[Finding]:
    """`has_digit`: whether the text holds a decimal digit, when the caller knows already
    (the tokenizer does); everything after the e-mail check needs one. `words`: the text's
    lowercased words, when the caller has them (Doc.wordset), for the spelt-out e-mail check."""
    advice = scope.pick(lang, _ADVICE_ID, _ADVICE_EN)
    out: list[Finding] = []
    if "@" in text:
        for m in _emails(text):
            if any(ch.isalpha() for ch in m.group().rsplit(".", 1)[-1]):
                out.append(_make(m.start(), m.end(), "personal_data.email", Severity.WARN, advice))
    if _may_spell_email(text, words):
        for m in _SPELT_EMAIL_RE.finditer(text):
            out.append(_make(m.start(), m.end(), "personal_data.email", Severity.WARN, advice))
    if context in _HANDLE_CONTEXTS:
        out += _handles(text, words)
    if _may_spell_phone(text, words):
        for start, end in _spelt_phones(text):
            out.append(_make(start, end, "personal_data.phone", Severity.WARN, advice))
    if has_digit is None:
        has_digit = _has_digit(text)
    if not has_digit:
        return out
    low = text.lower()
    taken: list[tuple[int, int]] = []
    passports = _PASSPORT_RE.finditer(text) if "pasp" in low or "passp" in low else ()
    for m in passports:
        out.append(_make(m.start(1), m.end(1), "personal_data.passport", Severity.HIGH, advice))
        taken.append(m.span(1))
    taken_starts = [a for a, _ in taken]  # passports, in text order, never overlapping
    # Every number rule needs at least 8 digits (a bank account; phones 9, NIK 16): a text
    # with fewer cannot hold one. Counted at C speed in ASCII text, where `\d` is 0-9.
    numbers = (
        _NUMBER_RE.finditer(text)
        if not text.isascii()
        or len(text.encode("ascii").translate(None, _NOT_DIGITS)) >= _MIN_DIGITS
        else ()
    )
    for m in numbers:
        for start, end, rule in _classify(text, m.start(), m.group()):
            k = bisect_left(taken_starts, end) - 1  # the last passport starting before `end`
            if k >= 0 and start < taken[k][1]:
                continue
            severity = Severity.WARN if rule == "personal_data.phone" else Severity.HIGH
            out.append(_make(start, end, rule, severity, advice))
    if _has_address_hint(low):
        spans = [m.span() for m in _ADDRESS_RE.finditer(text)]
        for m in _STREET_NUMBER_RE.finditer(text):
            if not any(a <= m.start() < b for a, b in spans[-3:]):
                spans.append(m.span())
        for a, b in sorted(spans):
            out.append(_make(a, b, "personal_data.address", Severity.WARN, advice))
    if "lahir" in low or "born" in low or "dob" in low or "ttl" in low:
        for m in _BIRTH_RE.finditer(text):
            out.append(_make(*m.span(1), "personal_data.birth_date", Severity.WARN, advice))
    plates = [m.span() for m in _PLATE_RE.finditer(text)] if _may_hold_plate(text) else []
    if "pol" in low or "plat" in low:
        plates += [m.span(1) for m in _PLATE_LOOSE_RE.finditer(text)]
    for a, b in sorted(set(plates)):
        out.append(_make(a, b, "personal_data.plate", Severity.WARN, advice))
    return out


def _may_spell_email(text: str, words: AbstractSet[str] | None) -> bool:
    """Whether a spelt-out address can be there: every form holds the word "at" (or "et")
    and ends in a top-level domain word, two set tests of the text's words at C speed (eight
    substring scans of the text cost 1.8 us a text, about 1% of a report)."""
    if words is None:
        words = set(_WORD_RE.findall(text.lower()))
    return not words.isdisjoint(_SPELT_AT) and not words.isdisjoint(_TLD_WORDS)


def _handles(text: str, words: AbstractSet[str] | None) -> list[Finding]:
    """Social media accounts: "@name", a profile address, or a platform word then a name
    that holds a digit, "_" or "." and two letters ("ig aku: rina_pulih"); an e-mail's "@"
    has a word character before it and is not one."""
    spans: list[tuple[int, int]] = []
    if "@" in text:
        spans += (m.span() for m in _AT_HANDLE_RE.finditer(text))
    low = text.lower()
    if ".com/" in low or ".me/" in low or ".net/" in low:
        spans += (
            m.span()
            for m in _PROFILE_URL_RE.finditer(text)
            if m.group(1).lower() not in _NOT_ACCOUNT_PATHS
        )
    if words is None:
        words = set(_WORD_RE.findall(low))
    if not _PLATFORMS.isdisjoint(words):
        for m in _PLATFORM_NAME_RE.finditer(text):
            name = m.group(1).rstrip(".")
            if not _HANDLE_MARKS.isdisjoint(name) and sum(ch.isalpha() for ch in name) >= 2:
                spans.append((m.start(1), m.start(1) + len(name)))
    out: list[Finding] = []
    reach = -1
    for a, b in sorted(spans):
        if a < reach:
            continue  # "instagram.com/@rina": the address holds the "@name"
        reach = b
        out.append(
            Finding(
                Category.PERSONAL_DATA,
                Severity.WARN,
                a,
                b,
                "personal_data.handle",
                _HANDLE_WHY[0],
                _HANDLE_WHY[1],
                None,
                0.6,
            )
        )
    return out


def _may_spell_phone(text: str, words: AbstractSet[str] | None) -> bool:
    """Whether a spelt-out phone number can be there: three different digit words at least
    (a mobile number's ten digits or more nearly always hold three), one C-level test."""
    if words is None:
        words = set(_WORD_RE.findall(text.lower()))
    return len(_DIGIT_WORD_SET.intersection(words)) >= _SPELT_MIN_WORDS


def _spelt_phones(text: str) -> Iterator[tuple[int, int]]:
    """Spans of phone numbers spelt out digit by digit (see _SPELT_PHONE_RE)."""
    for m in _SPELT_PHONE_RE.finditer(text):
        pieces = _WORD_RE.findall(m.group().lower())
        spelt = sum(p in _DIGIT_WORDS for p in pieces)
        if spelt < _SPELT_MIN_WORDS:
            continue
        digits = "".join(_DIGIT_WORDS.get(p, p) for p in pieces)
        national = "0" + digits[2:] if digits.startswith("62") else digits
        if national.startswith("08") and 10 <= len(national) <= 13:
            yield m.span()


def _emails(text: str) -> Iterator[re.Match[str]]:
    """What `_EMAIL_RE.finditer(text)` finds. Every address holds an "@" at most 64
    characters after its start, so each search may begin 64 before the next "@" (the
    look-behind still sees the character before), and none is needed after the last "@":
    searching the rest of the text, position by position, cost more than finding them."""
    end = 0
    while (at := text.find("@", end)) >= 0:
        m = _EMAIL_RE.search(text, max(end, at - 64))
        if m is None:
            return
        yield m
        end = m.end()


def _has_address_hint(low: str) -> bool:
    """Whether `_ADDRESS_HINT_RE.search(low)` finds a street word. In ASCII text that is one
    of the words as a whole (word characters being a-z, 0-9 and _ in lowercased text),
    found with one set test of the text's words, where the pattern (j, g, r and b are common
    letters) stops at many places."""
    if not low.isascii():
        return any(hint in low for hint in _ADDRESS_HINTS) and bool(_ADDRESS_HINT_RE.search(low))
    return not _ADDRESS_WORDS.isdisjoint(low.encode("ascii").translate(_WORD_CHARS).split())


# Word characters (what `\w` matches in ASCII) kept, every other character a space.
_WORD_CHARS = bytes(i if chr(i).isascii() and re.match(r"\w", chr(i)) else 32 for i in range(256))
_ADDRESS_WORDS = frozenset(
    w.encode() for w in ("jl", "jln", "jalan", "gg", "gang", "rt", "blok", "block")
)


def _may_hold_plate(text: str) -> bool:
    """False only when _PLATE_RE cannot match: in ASCII text each plate has a capital, a
    whitespace character and a digit in a row (B 1234 XYZ), found by one translation and
    one substring test instead of the pattern stopping at every capital."""
    if not text.isascii():
        return True
    return b"A 0" in text.encode("ascii").translate(_PLATE_CLASSES)


# A-Z -> "A", what `\s` matches -> " ", what `\d` matches -> "0", the rest -> "x".
_PLATE_CLASSES = bytes(
    65 if 65 <= i <= 90 else 32 if chr(i).isspace() else 48 if chr(i).isdigit() else 120
    for i in range(256)
)


def _has_digit(text: str) -> bool:
    return _DIGIT_RE.search(text) is not None


_DIGIT_RE = re.compile(r"\d")


def _classify(text: str, start: int, raw: str) -> list[tuple[int, int, str]]:
    """Findings for one digit run; a run holding two numbers is split on whitespace."""
    rule = _kind(text, start, raw)
    if rule:
        return [(start, start + len(raw), rule)]
    if " " not in raw and "\t" not in raw:
        return []
    out: list[tuple[int, int, str]] = []
    parts = [(mm.start(), mm.group()) for mm in re.finditer(r"\S+", raw)]
    k = 0
    while k < len(parts):
        # Longest run of parts from k that reads as one number.
        for e in range(len(parts), k, -1):
            a = parts[k][0]
            b = parts[e - 1][0] + len(parts[e - 1][1])
            piece = raw[a:b]
            rule = _kind(text, start + a, piece)
            if rule:
                out.append((start + a, start + b, rule))
                k = e
                break
        else:
            k += 1
    return out


def _kind(text: str, start: int, raw: str) -> str | None:
    digits = "".join(ch for ch in raw if ch.isdigit())
    before = text[max(0, start - 40) : start]
    if _NPWP_FORMAT_RE.match(raw) or (len(digits) in (15, 16) and _NPWP_HINT_RE.search(before)):
        return "personal_data.npwp"
    if len(digits) == 16 and _KK_HINT_RE.search(before):
        return "personal_data.kk"  # the family card number has the NIK's shape
    if len(digits) == 16 and _valid_nik(digits):
        return "personal_data.nik"
    if len(digits) == 16 and _ID_HINT_RE.search(before):
        return "personal_data.nik"
    if len(digits) == 18 and _valid_nip(digits):
        return "personal_data.nip"
    if 12 <= len(digits) <= 16 and _SIM_HINT_RE.search(before):
        return "personal_data.sim"
    if len(digits) == 10 and _NISN_HINT_RE.search(before):
        return "personal_data.nisn"
    if len(digits) in (11, 13) and _BPJS_HINT_RE.search(before):
        return "personal_data.bpjs"
    if _SSN_RE.match(raw) or (
        len(digits) == 9
        and _SSN_RE.match(f"{digits[:3]}-{digits[3:5]}-{digits[5:]}")
        and _SSN_HINT_RE.search(before)
    ):
        return "personal_data.ssn"
    national = digits
    if raw.startswith("+") and not raw.startswith("+62"):
        # Another country's number in international form (E.164: at most 15 digits).
        if _NANP_RE.match(raw) and _nanp_toll_free(digits):
            return None
        return "personal_data.phone" if 8 <= len(digits) <= 15 else None
    if raw.startswith("+62") or (raw.startswith("62") and len(digits) >= 11):
        national = "0" + digits[2:]
    if national.startswith(_SERVICE_PREFIXES):
        return None
    if national.startswith("08") and 10 <= len(national) <= 13:
        return "personal_data.phone"
    if (
        national.startswith("0")
        and national[1:2] in "234567"
        and 9 <= len(national) <= 12
        and (national != digits or any(ch in raw for ch in " -().") or len(national) >= 10)
    ):
        return "personal_data.phone"
    if 8 <= len(digits) <= 18 and _BANK_HINT_RE.search(before):
        return "personal_data.bank_account"
    if _NANP_RE.match(raw):
        return None if _nanp_toll_free(digits) else "personal_data.phone"
    if 13 <= len(digits) <= 19 and _luhn(digits) and len(set(digits)) > 2:
        return "personal_data.card"
    return None


def _nanp_toll_free(digits: str) -> bool:
    return digits[-10:-7] in _NANP_TOLL_FREE


def _valid_nik(d: str) -> bool:
    """Province, regency and district codes, then a birth date (women add 40 to the day)."""
    if int(d[0:2]) not in _PROVINCES or d[2:4] == "00" or d[4:6] == "00" or d[12:] == "0000":
        return False
    day, month, year = int(d[6:8]), int(d[8:10]), int(d[10:12])
    if day > 40:
        day -= 40
    for century in (1900, 2000):
        try:
            dt.date(century + year, month, day)
        except ValueError:
            continue
        return True
    return False


def _valid_nip(d: str) -> bool:
    """A civil servant's NIP (BKN): birth date (8), appointment year and month (6), gender 1/2,
    serial (3); appointed at 17 or older."""
    year, month, day = int(d[0:4]), int(d[4:6]), int(d[6:8])
    start_year, start_month = int(d[8:12]), int(d[12:14])
    if not (1940 <= year <= 2010 and 1970 <= start_year <= 2045 and 1 <= start_month <= 12):
        return False
    if start_year - year < 17 or d[14] not in "12":
        return False
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def _luhn(digits: str) -> bool:
    total = 0
    for k, ch in enumerate(reversed(digits)):
        n = ord(ch) - 48
        if k % 2:
            n *= 2
            if n > 9:
                n -= 9
        total += n
    return total % 10 == 0


def _make(start: int, end: int, rule: str, severity: Severity, advice: str) -> Finding:
    why = _WHY if severity == Severity.WARN else _SENSITIVE
    # Positional, in Finding's field order (cheaper than keywords, as in scope.finding).
    return Finding(
        Category.PERSONAL_DATA,
        severity,
        start,
        end,
        rule,
        why[0],
        why[1],
        advice,
        0.9 if severity == Severity.HIGH else 0.7,
    )
