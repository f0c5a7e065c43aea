"""Language identification: id, en, mixed or unknown, offline and fast."""

import pytest

from suar.safety import Engine

engine = Engine()


@pytest.mark.parametrize(
    "text",
    [
        "aku capek banget hari ini",
        "gw pengen cerita dikit nih",
        "Terima kasih sudah mendengarkan ceritaku",
        "Pemerintah meluncurkan layanan kesehatan jiwa",
        "kamu nggak sendirian kok",
        "semangat ya, kita pasti bisa",
        "udah 2 tahun aku pulih dari kecanduan",
        "lo tuh goblok",
    ],
)
def test_indonesian(text: str) -> None:
    assert engine.analyze(text).language == "id"


@pytest.mark.parametrize(
    "text",
    [
        "I am so tired today",
        "Thank you for listening to my story",
        "you are not alone in this",
        "I used to self-harm, 3 years clean now",
        "What do you think about recovery?",
        "this exam is killing me",
    ],
)
def test_english(text: str) -> None:
    assert engine.analyze(text).language == "en"


@pytest.mark.parametrize(
    "text",
    [
        "aku capek banget, I really need a break",
        "honestly aku nggak tau harus gimana, I feel so lost",
        "thank you ya udah dengerin aku, it means a lot",
        "Jujur aku takut, but I know I will be okay",
    ],
)
def test_mixed(text: str) -> None:
    assert engine.analyze(text).language == "mixed"


@pytest.mark.parametrize("text", ["", "😭😭😭", "12345", "!!!", "   ", "https://x.y"])
def test_unknown(text: str) -> None:
    assert engine.analyze(text).language == "unknown"


def test_caller_can_force_the_language() -> None:
    assert engine.analyze("halo", lang="en").language == "en"


def test_unknown_language_code_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="lang must be one of"):
        engine.analyze("halo", lang="fr")


def test_indonesian_chat_laughter_is_indonesian() -> None:
    from suar.safety import analyze

    assert analyze("wkwkwk lucu").language == "id"
    assert analyze("wkwk").language == "id"
