"""The explain knowledge base (data/errors/patterns.json) is valid and gets every corpus case right."""

from tests.explain import check_kb


def test_knowledge_base_and_corpus(capsys):
    status = check_kb.main([])
    out = capsys.readouterr().out
    assert status == 0, out
    assert "accuracy:" in out


def test_matcher_rule_longest_wins_and_ties_go_to_the_earlier():
    a = check_kb.Pattern({"id": "a", "stack": "generic", "match": "handshake failure", "regex": None})
    b = check_kb.Pattern({"id": "b", "stack": "go", "match": "remote error: tls: handshake failure", "regex": None})
    c = check_kb.Pattern({"id": "c", "stack": "go", "match": "handshake failure", "regex": None})
    best, _ = check_kb.explain([a, b, c], 'Get "https://x/": Remote Error: TLS: Handshake Failure')
    assert best is b
    best, _ = check_kb.explain([a, c], "sslv3 alert handshake failure")
    assert best is a
    best, _ = check_kb.explain([a, b], "connection refused by database")
    assert best is None
