"""Quick timing of the rule engine on 280-character texts: texts/s, p50/p99 latency, import time."""

from __future__ import annotations

import random
import statistics
import sys
import time

T0 = time.perf_counter()
from suar.safety import Engine, analyze  # noqa: E402

IMPORT_S = time.perf_counter() - T0

# Hand-written fragments, recombined into 280-character texts. RISKY fragments each trigger
# rules; BENIGN ones are what most community posts look like.
RISKY = [
    "aku capek banget hari ini, kerjaan numpuk dan bos marah-marah terus",
    "gw pengen mati aja rasanya, udah nggak kuat",
    "anjir keren banget acaranya kemarin, makasih ya semua",
    "dulu aku pernah pengen bunuh diri, sekarang udah 2 tahun pulih",
    "lo tuh goblok banget sih, dasar babi",
    "hubungi aku di 0812-3456-7890 atau email budi.santoso@gmail.com",
    "I used to self-harm, but I'm three years clean now and grateful",
    "this exam is killing me lol, but I'm doing fine honestly",
    "slot gacor maxwin hari ini, klik link di bio",
    "Seorang pria ditemukan meninggal di jembatan karena putus cinta",
    "kalau kamu pengen bunuh diri, hubungi 119 ext 8 atau healing119.id",
    "mantan pecandu juga manusia, jangan dihakimi ya",
]
BENIGN = [
    "semangat ya teman-teman, kita pasti bisa melewati ini bersama",
    "terima kasih sudah mendengarkan ceritaku, aku merasa lebih baik",
    "hari ini aku ikut kelompok dukungan lagi dan rasanya lega banget",
    "Thank you all for the kind words, I finally slept well last night",
    "udah enam bulan aku rutin konseling, pelan-pelan tapi pasti",
    "Besok ada sesi tanya jawab dengan psikolog, jangan lupa daftar ya",
    "I went for a walk this morning and it helped more than I expected",
    "makasih kak udah berbagi, ceritamu bikin aku nggak merasa sendirian",
    "gimana cara kalian tetap konsisten olahraga pas lagi down?",
    "Self-care tip: minum air putih dan tidur cukup itu penting banget",
]


def make_texts(n: int, *, risky_share: float, seed: int = 7) -> list[str]:
    """280-character texts; each fragment is risky with probability `risky_share`."""
    rng = random.Random(seed)
    texts = []
    for _ in range(n):
        parts: list[str] = []
        while sum(len(p) + 2 for p in parts) < 280:
            parts.append(rng.choice(RISKY if rng.random() < risky_share else BENIGN))
        texts.append(". ".join(parts)[:280])
    return texts


def main() -> None:
    use_model = "--model" in sys.argv
    print(f"model: {use_model}")
    print(f"import: {IMPORT_S * 1000:.0f} ms")
    for share in (0.2, 1.0):
        measure(share, use_model)


def measure(risky_share: float, use_model: bool) -> None:
    run = analyze if use_model else Engine().analyze
    texts = make_texts(2000, risky_share=risky_share)
    for t in texts[:200]:
        run(t)  # warm caches
    # CPU time of this thread, so that other processes on a busy machine do not count.
    lat = []
    cpu_start = time.thread_time()
    for _ in range(3):
        for t in texts:
            t0 = time.thread_time()
            run(t)
            lat.append(time.thread_time() - t0)
    cpu_total = time.thread_time() - cpu_start
    lat.sort()
    p50 = statistics.median(lat) * 1e6
    p99 = lat[int(len(lat) * 0.99)] * 1e6
    print(
        f"risky fragments {risky_share:.0%}: {len(lat) / cpu_total:,.0f} texts/s per core "
        f"(CPU time)  p50 {p50:.0f} us  p99 {p99:.0f} us"
    )


if __name__ == "__main__":
    main()
