"""Random text and mutated real queries never give a traceback, only exit codes 0, 1 or 2."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg import queries

REAL = [q.bind({}, None) if not q.params else q.text for q in queries.bundled()]


def _assert_clean(result) -> None:
    assert result.exit_code in (0, 1, 2), (result.exit_code, result.output)
    assert "Traceback" not in result.output
    if result.exception is not None:
        assert isinstance(result.exception, SystemExit), repr(result.exception)


@st.composite
def mutated_query(draw):
    text = draw(st.sampled_from(REAL))
    for _ in range(draw(st.integers(1, 4))):
        if not text:
            break
        at = draw(st.integers(0, len(text) - 1))
        op = draw(st.sampled_from(["delete", "insert", "swap"]))
        piece = draw(
            st.text(alphabet="{}()<>?$\"'#.;:,*^|/ \n\tSELECTWHEREilkg0123456789", min_size=1, max_size=6)
        )
        if op == "delete":
            text = text[:at] + text[at + len(piece) :]
        elif op == "insert":
            text = text[:at] + piece + text[at:]
        else:
            text = text[:at] + piece + text[at + 1 :]
    return text


SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@SETTINGS
@given(text=st.text(max_size=80))
def test_query_random_text(invoke, text):
    _assert_clean(invoke("query", text or " ", "--format", "tsv", "--timeout", "5"))


@SETTINGS
@given(text=mutated_query())
def test_query_mutated_real_queries(invoke, text):
    _assert_clean(invoke("query", text, "--format", "tsv", "--timeout", "5"))


@SETTINGS
@given(text=st.text(max_size=40))
def test_show_random_text(invoke, text):
    _assert_clean(invoke("show", text))


@SETTINGS
@given(text=st.text(max_size=40))
def test_search_random_text(invoke, text):
    _assert_clean(invoke("search", text))
