"""JSON written for people and machines (scheduler/sanitize.py): the same value read back,
non-ASCII text as it is, control characters escaped."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from scheduler.sanitize import json_lines, json_text

ROWS = st.lists(st.dictionaries(st.text(max_size=8), st.one_of(
    st.text(), st.integers(), st.none(), st.lists(st.text(max_size=4), max_size=3)),
    max_size=4), max_size=6)


@given(ROWS)
def test_json_lines_reads_back_as_the_same_list(rows: list[dict[str, object]]) -> None:
    text = json_lines(rows)
    assert json.loads(text) == rows
    assert not any(0x7F <= ord(c) <= 0x9F for c in text)  # DEL and C1 escaped
    assert text.count("\n") == (len(rows) + 2 if rows else 1)  # one item a line


def test_json_lines_keeps_vietnamese_as_it_is() -> None:
    rows = [{"name": "Ban CHQS phường Hà Đông", "events": 3}, {"name": "x\u009by"}]
    text = json_lines(rows)
    assert text.splitlines() == ["[", json.dumps(rows[0], ensure_ascii=False) + ",",
                                 '{"name": "x\\u009by"}', "]"]
    assert json.loads(text) == json.loads(json_text(rows))
