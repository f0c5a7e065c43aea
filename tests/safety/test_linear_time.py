"""Long texts are analysed in linear time: four times the text is about four times the work.

Work is counted, not timed, where it can be: every Python line the engine executes is an
event for sys.settrace, so the count is the same on a quiet and on a busy machine. The regular
expressions run in C and are invisible to the tracer; for them a timing check with a generous
bound (best of three runs of this thread's CPU time, 4x the text must stay under 10x the time,
quadratic would be 16x) catches catastrophic backtracking.
"""

from __future__ import annotations

import gc
import sys
import time
from types import FrameType
from typing import Any

import pytest

from suar.safety import Engine, normalize

engine = Engine()

# Repeated units that stress one part each: tokens, digits (phones, NIK), e-mail and mention
# characters, spelt-out e-mail addresses, street addresses, spaced-out letters, clause marks,
# quotes, crisis and insult phrases, long sentences, warning-sign pairs.
UNITS = [
    "aaa bbb ",
    "a",
    "1",
    "a@",
    "0812-",
    "jl. ",
    "b a ",
    "b a n g s a t ",
    ", ",
    "'x' ",
    "aku pengen mati. ",
    "lo goblok, ",
    "slot gacor www.x.com ",
    "budi at gmail dot ",  # a spelt-out e-mail address that never reaches its domain
    "x [at] y [dot] z ",
    "😭",
    # One endless sentence, no stop or comma: each phrase reads its sentence and clause for
    # context, which grew with the text until ranges were bounded (normalize.RANGE_REACH)
    "self harm lagi ",
    "kill myself ",
    # warning signs in pairs, many of both kinds
    "goodbye. dia selamanya aku. ",
    "gave away my stuff, she will not need ",
    # the words for online gambling in a recovery story, told many times
    "berhenti judi online, ",
]


def line_events(text: str) -> int:
    """Python lines executed by one analysis, with the per-word caches empty (cold)."""
    normalize._CACHE.clear()
    normalize._INFO.clear()
    count = 0

    def tracer(frame: FrameType, event: str, arg: Any) -> Any:
        nonlocal count
        count += 1
        return tracer

    sys.settrace(tracer)
    try:
        engine.analyze(text)
    finally:
        sys.settrace(None)
    return count


@pytest.mark.parametrize("unit", UNITS)
def test_python_work_grows_linearly(unit: str) -> None:
    small = line_events(unit * 500)
    big = line_events(unit * 2000)
    assert big <= small * 4.5, (unit, small, big)


def best_time(text: str) -> float:
    """Best of three, with the garbage collector paused so that its passes do not count.
    CPU time of this thread, not the wall clock: other processes on a busy machine (a
    benchmark on the other core) then cost nothing here; with perf_counter 4x the text once
    measured 10.2x the time under such load and 3.3-4.5x alone."""
    best = float("inf")
    gc.collect()
    gc.disable()
    try:
        for _ in range(3):
            started = time.thread_time()
            engine.analyze(text)
            best = min(best, time.thread_time() - started)
    finally:
        gc.enable()
    return best


@pytest.mark.parametrize("unit", UNITS)
def test_regex_time_grows_linearly(unit: str) -> None:
    # 20 kB and 80 kB: large enough that memory-cache effects of tiny inputs do not count.
    n = 20_000 // len(unit)
    small = best_time(unit * n)
    big = best_time(unit * (4 * n))
    assert big < max(small, 0.002) * 10, (unit, small, big)
