"""Warning signs the rules used to leave to the model, or miss: doubting one gets through the
night, asking how many pills it would take, a household poison to drink, a vehicle as the
means, not wanting to wake up, burdensomeness, collecting means, asking God to take one's
life, fear of what one might do, goodbye letters; and the same words in everyday posts."""

import pytest

from suar.safety import Category, Engine, Severity

engine = Engine()  # the rules alone: these must not depend on a trained model


def crisis_severity(text: str) -> Severity | None:
    found = engine.analyze(text).of(Category.CRISIS)
    return max((f.severity for f in found), default=None)


@pytest.mark.parametrize(
    "text",
    [
        "I'm not sure I'll make it through the night",
        "I don't know if I'll make it to tomorrow",
        "I won't make it through tonight",
        "honestly I don't think I'll survive another night",
        "aku ga yakin bisa bertahan sampai besok",
        "gue ga sanggup ngelewatin malam ini",
        "I don't think I can make it through another day",
        "I can't survive another day like this",
        "aku gak sanggup bertahan sehari lagi",
        "I've been researching how many pills it would take",
        "how many pills would it take to die",
        "been googling how many paracetamol is lethal",
        "berapa banyak obat tidur biar ga bangun lagi",
        "berapa butir panadol buat overdosis",
        "gue beli baygon tadi buat diminum",
        "pengen minum bayclin aja",
        "kepikiran nabrakin motor ke truk",
        "pengen nabrakin diri ke kereta",
        "I know how it feels to want to die, I still do",
        "aku tahu rasanya pengen mati, aku juga masih",
        "I wrote goodbye letters to everyone",
        "aku udah nulis pesan perpisahan buat semua orang",
        "kalau besok aku ga bangun juga gapapa",
        "I hope I don't wake up tomorrow",
        "semoga besok ga bangun",
        "aku cuma jadi beban buat keluarga",
        "I saved up my pills",
        "aku ngumpulin obat dari bulan lalu",
        "ya allah cabut aja nyawaku",
        "tuhan ambil aja aku sekarang",
        "I'm scared of what I might do to myself tonight",
        "I took all my pills at once today",
        "I swallowed all my pills",
        "semoga nggak bangun lagi",
        "i burned myself with a lighter again",
        "ya allah kenapa aku masih dikasih hidup",
        "kenapa tuhan masih biarin aku hidup",
        "I want to cut myself in the kitchen tonight",
        # Jakarta slang
        "nyerah aja lah sama hidup",
        "pengen kabur dr dunia ini",
        "kyknya mending gw ga ada",
        "semoga cepet mati",
        "kapan ya tuhan manggil aku",
        "aku mau minum obat banyak2 biar tidur terus",
    ],
)
def test_warning_sign_is_high(text: str) -> None:
    severity = crisis_severity(text)
    assert severity is not None and severity >= Severity.HIGH, (text, severity)


@pytest.mark.parametrize(
    "text",
    [
        # getting through the night, said as done, hoped for someone else, or of something else
        "I made it through the night without drinking",
        "I made it through the night, day 12 sober",
        "I didn't think I'd make it through the night, but I did",
        "I can't believe I made it through the night",
        "I hope you make it through the night, we're here",
        "if you feel like you won't make it through the night, call 119 ext 8",
        "I don't think my phone will make it through the night",
        "I don't think my dad will make it through the night, he's in the ICU",
        "I won't make it through tonight's meeting lol",
        "I won't make it to tomorrow's class, I'm sick",
        "I don't think I'll make it to the party tomorrow",
        "akhirnya aku berhasil bertahan sampai pagi tanpa minum",
        "gak sabar lewatin malam ini bareng kalian",
        "nggak nyangka aku bisa lewatin malam ini",
        "kamu pasti bisa bertahan sampai besok",
        "I made it through another day sober",
        "can't wait to survive another day with you guys",
        # doses and poisons in everyday use
        "how many pills would it take to fix my back lol",
        "how many pills do I take for a cold",
        "berapa banyak obat yang harus aku minum sehari?",
        "aku beli baygon buat nyamuk di kamar",
        "jangan minum baygon, bahaya",
        # roads, mornings, burdens, prayers
        "we drove off the road into a ditch during the storm",
        "semoga besok ga hujan",
        "semoga besok aku bangun pagi",
        "kalau besok aku ga bangun pagi juga gapapa, libur",
        "aku nggak mau jadi beban buat kamu",
        "aku jadi beban pikiran",
        "tuhan ambil alih hidupku",
        "ya allah cabut penyakitku",
        "I know how it feels to want to die, it gets better",
        "I know how it feels to want to die, I really do",
        "ketawa sampe mau mati liat video ini",
        "ngakak sampe mau mati",
        # household accidents
        "I burned myself cooking dinner",
        "I accidentally cut myself with the knife",
        "cut myself shaving again ugh",
        "aku nggak liat masa depan cerah buat tim ini",
        "aku nggak mau nyerah sama hidup",
        "semoga cepet mati lampu biar libur",
        "kapan aku mati gaya lagi ya",
        "tuhan panggil aku untuk melayani",
    ],
)
def test_same_words_in_everyday_posts_are_no_crisis(text: str) -> None:
    assert crisis_severity(text) is None, text


def test_survival_doubt_names_its_own_rule_and_is_not_a_plan() -> None:
    """The time is part of the phrase ("to tomorrow"): it does not make a plan of it."""
    found = engine.analyze("I don't know if I'll make it to tomorrow").of(Category.CRISIS)
    assert [(f.rule, f.severity) for f in found] == [("crisis.survival", Severity.HIGH)]
    assert "night" in found[0].explanation_en


def test_a_craving_until_morning_is_not_a_survival_doubt() -> None:
    # A relapse risk the community answers, not the crisis rule's: no crisis finding.
    assert crisis_severity("I'm not sure I'll make it through the night without using") is None


@pytest.mark.parametrize(
    "text",
    [
        "Why should I not kill myself",
        "why shouldn't I just kill myself",
        "kenapa aku nggak bunuh diri aja",
        "why would I not want to die after all this",
        "Dont want help, just want to be dead",
        "nggak butuh bantuan, pengen mati aja",
    ],
)
def test_asking_why_not_and_refusing_help_are_no_denial(text: str) -> None:
    """A negation under "why" asks for a reason not to; help refused is not help offered."""
    severity = crisis_severity(text)
    assert severity is not None and severity >= Severity.HIGH, (text, severity)


@pytest.mark.parametrize(
    "text",
    [
        "why I'm not suicidal anymore: a thread",
        "kenapa aku nggak pengen mati lagi? karena kalian",
        "why don't I want to die anymore? therapy",
        "if you want to die, please get help",
        "I don't want to die, why would I",
    ],
)
def test_explanations_recoveries_and_offers_of_help_stay_clear(text: str) -> None:
    assert crisis_severity(text) is None, text


def test_an_overdose_told_of_someone_else_is_an_emergency_concern() -> None:
    report = engine.analyze("my brother took all his pills at once")
    assert [f.rule for f in report.of(Category.CONCERN)] == ["concern.other.attempt"]
    assert not report.has(Category.CRISIS)
    assert not engine.analyze("she took all her meds this morning like a champ").has(
        Category.CONCERN
    )


@pytest.mark.parametrize(
    "text",
    [
        "I'm a waste of oxygen",
        "aku ga liat masa depan apa-apa buat diriku",
        "aku ga punya masa depan",
        "mau end aja",
        "kpn ya gw mati",
    ],
)
def test_worthlessness_and_no_future_are_warn(text: str) -> None:
    """Hopeless, and also said as a joke: lowered, never silent."""
    assert crisis_severity(text) == Severity.WARN, text


def test_an_english_i_after_a_person_is_the_writer_not_a_possessive() -> None:
    """ "kakak aku" is "my sibling"; "sorry mom, I can't do this anymore" is the writer's."""
    assert crisis_severity("sorry mom, I can't do this anymore") == Severity.WARN
    report = engine.analyze("kakak aku pengen bunuh diri")
    assert report.has(Category.CONCERN) and not report.has(Category.CRISIS)


@pytest.mark.parametrize(
    "text", ["grieving a friend we lost to suicide", "we lost my brother to suicide last year"]
)
def test_someone_lost_to_suicide_is_grief(text: str) -> None:
    assert crisis_severity(text) is None, text


@pytest.mark.parametrize(
    "text",
    [
        "kayaknya dunia bakal lebih baik kalo gw ga ada",
        "nyokap bakal lebih tenang kalo gw ga ada",
        "obat2 udh gw kumpulin dari bulan lalu",
        "ga yakin bisa lewatin malam ini dgn selamat jujur",
        "tolong, gw ga bisa jamin gw aman sampe besok",
        "honestly gw ga bisa jaga diri gw sendiri malam ini, someone pls",
        "i can't promise i'll be safe tonight",
        "i don't think i'll be around much longer tbh",
        "mikirin mati terus dari pagi",
        "ngerasa terjebak bgt, ga ada jalan keluar selain mati",
        "there's no way out of this except dying",
        "udh ga mood apa2, udh ga pengen napas juga",
        "tadi sengaja nyakar tangan sampe berdarah",
        "i scratched my arms until they bled",
        "been stockpiling my meds for weeks",
        "tied a noose yesterday, just to see if i could",
        "survived another attempt and i hate it",
        "at least i'd be worth something dead",
        "ga ada yg bakal nangis kalo gw mati",
        "td gw sengaja ngebut di tol, berharap nabrak aja sekalian",
        "gw kepikiran buat minum cairan pembersih",
        "hidup gw udh tamat sebenernya",
        "lagi nyari2 cara yg paling ga sakit",
        "gue ga bisa janji ga ngelakuin hal bodoh ke diri sendiri malam ini",
    ],
)
def test_slang_and_indirect_warning_signs_are_high(text: str) -> None:
    severity = crisis_severity(text)
    assert severity is not None and severity >= Severity.HIGH, (text, severity)


@pytest.mark.parametrize(
    "text",
    [
        "password ada di buku biru, jaga2 kalo gw udh ga ada",
        "gue takut sama diri gue sendiri malam ini",
        "ini bukan curhat, ini pamitan",
        "nyilet lagi abis berantem sama bokap",  # the pronoun dropped: the writer's, WARN
    ],
)
def test_unclear_farewells_and_fear_of_oneself_are_warn_at_least(text: str) -> None:
    assert crisis_severity(text) is not None, text


@pytest.mark.parametrize(
    "text",
    [
        "temen gw bilang mau bunuh diri, gw harus ngapain?",  # the friend's, a concern
        "naik roller coaster td, kirain mau mati ternyata seru",
        "i'd jump off a cliff for this pizza honestly",
        "beli tali sepatu baru",
        "sepatu baru, lagi nyakar-nyakar kucing di rumah",
        "aku pikir mati lampu lagi",
    ],
)
def test_the_same_words_elsewhere_are_not_the_writers_crisis_at_high(text: str) -> None:
    severity = crisis_severity(text)
    assert severity is None or severity < Severity.HIGH, (text, severity)


@pytest.mark.parametrize(
    "text",
    [
        "nobody would miss me, so what's the point in staying",
        "no one would miss me anyway",
        "kalo nilai gw jelek lagi semester ini, gw ga akan lanjut hidup",
        "aku udah ga sanggup ngelanjutin hidup",
        "kenapa sih gw ga mati aja",
        "why didn't i die in that crash",
        "jujur gw nyesel masih hidup",
        "kmrn minum obat banyak, skrg nyesel knp masih bangun",
        "i just want to stop existing",
        "self harmed for the first time in 2 years tonight",
        "self harm lagi td, darahnya banyak tp gw ga peduli",
        "i'm not going to be a problem for anyone much longer",
        "gw udh nulis wasiat kecil2an di notes hp, buat jaga2 abis minggu ini",
    ],
)
def test_burden_regret_at_living_and_a_will_with_a_date_are_high(text: str) -> None:
    severity = crisis_severity(text)
    assert severity is not None and severity >= Severity.HIGH, (text, severity)


@pytest.mark.parametrize(
    "text",
    [
        "i'm writing my will at 23, that's where i am",
        "finally wrote my will at 40, adulting",  # the known cost of the row: WARN, not HIGH
    ],
)
def test_a_will_alone_is_warn(text: str) -> None:
    assert crisis_severity(text) is Severity.WARN, text


@pytest.mark.parametrize(
    "text",
    [
        "my grandpa is writing his will",
        "gw nyesel masih bangun jam 3 pagi buat main game",
        "knp ya gw selalu telat bangun",
        "td gw baca berita soal bunuh diri, sedih",
        "I used to self harm, I self harmed for years but I'm 3 years clean",
        "my old phone stopped existing lol",
        "I don't want to be a burden to anyone, so I asked my sister for help",
    ],
)
def test_the_new_rows_words_elsewhere_are_not_a_crisis(text: str) -> None:
    assert crisis_severity(text) is None, (text, crisis_severity(text))
