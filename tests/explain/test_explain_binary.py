"""`tlsdoctor explain` itself over the corpus of real error texts: the binary
names the expected pattern for each (or honestly says "not recognised"),
fast, and never guesses."""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

CORPUS = json.loads((Path(__file__).parent / "corpus.json").read_text())["cases"]


def explain(tlsdoctor, text):
    proc = subprocess.run([str(tlsdoctor), "explain", "--json", "-"], input=text,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode in (0, 1), proc.stderr
    return proc.returncode, json.loads(proc.stdout)


def test_corpus_is_large_and_real():
    assert len(CORPUS) >= 60
    assert sum(1 for c in CORPUS if c["expect"] is None) >= 10
    assert len({c["stack"] for c in CORPUS if c["expect"]}) >= 10


def test_every_corpus_text(tlsdoctor):
    proc = subprocess.run([str(tlsdoctor), "explain", "--batch"],
                          input=json.dumps([c["text"] for c in CORPUS]),
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    answers = json.loads(proc.stdout)
    assert len(answers) == len(CORPUS)
    wrong = [(c["text"][:80], c["expect"], a.get("pattern"))
             for c, a in zip(CORPUS, answers)
             if a.get("pattern") != c["expect"] or a["recognised"] != (c["expect"] is not None)]
    assert wrong == [], wrong


def test_a_few_texts_one_process_each(tlsdoctor):
    """The plain path (text argument / stdin) agrees with the batch path."""
    for case in CORPUS[:: max(1, len(CORPUS) // 8)]:
        status, doc = explain(tlsdoctor, case["text"])
        assert doc.get("pattern") == case["expect"]
        assert (status == 0) == (case["expect"] is not None)


def test_answer_shape(tlsdoctor):
    status, doc = explain(tlsdoctor, 'Get "https://api.partner.example/": remote error: tls: handshake failure')
    assert status == 0
    assert doc["schema"] == "tlsdoctor.explain/1"
    assert doc["stack"] == "go"
    assert doc["causes"] and doc["causes"][0]["reason"] == "no_common_suite"
    assert doc["next"].startswith("tlsdoctor")
    status, doc = explain(tlsdoctor, "segmentation fault (core dumped)")
    assert status == 1 and doc["recognised"] is False and doc["next"]


def test_answers_quickly_even_for_a_huge_paste(tlsdoctor):
    big = ("2026-11-27 noise line without meaning\n" * 4000) + "remote error: tls: handshake failure\n"
    durations = []
    for _ in range(2):
        start = time.monotonic()
        status, doc = explain(tlsdoctor, big)
        durations.append(time.monotonic() - start)
        assert doc["recognised"] is True
    # Not a benchmark: a generous bound that only a pathological slowdown breaks.
    assert min(durations) < 10


def test_endless_input_is_read_only_up_to_its_bound(tlsdoctor):
    # A log piped in from a process that never stops: explain answers anyway.
    proc = subprocess.run(f"yes 'INFO nothing to see' | {tlsdoctor} explain", shell=True,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1
    assert "not recognised" in proc.stdout


def test_the_host_in_the_text_is_in_the_next_step(tlsdoctor):
    text = 'Get "https://api.partner.example:8443/v1": remote error: tls: handshake failure'
    proc = subprocess.run([str(tlsdoctor), "explain", "--json", text], capture_output=True,
                          text=True, timeout=60)
    assert json.loads(proc.stdout)["next"] == "tlsdoctor api.partner.example:8443 --client go-1.26"
