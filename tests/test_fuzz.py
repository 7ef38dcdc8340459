"""The hostile-input fuzz suite: 3,212 generated cases over query, show, search, path, --param and --data.

Every case must end in exit code 0, 1 or 2 with at most a short error on stderr: no
traceback, no crash, no hang (every query runs under a time limit), and no connection to
the loopback listener that the SERVICE mutations aim at. The seed is fixed
(``derandomize``), so CI runs the same cases every time. Most cases run in-process through
Click's CliRunner over one shared graph and name index (the commands are the same; loading
the graph 3,000 times would only measure the loader); the cases that need a real process
(crashes, signals, hangs on FIFOs) are in test_safety.py, test_inputs.py and test_cli.py.

Run only this suite: ``python -m pytest -q tests/test_fuzz.py`` (about 3 minutes on 2 cores).
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from conftest import counting_listener
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg import queries

REAL = [q.bind({}, None) if not q.params else q.text for q in queries.bundled()]
NAMED = [(q.name, [p.name for p in q.params]) for q in queries.bundled() if q.params]


def cases(n: int):
    return settings(
        max_examples=n,
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


@pytest.fixture(scope="module")
def listener():
    """A loopback TCP listener that counts every connection it gets, for the whole suite."""
    with counting_listener(16) as (url, hits):
        yield url, hits
    assert hits == [], "a fuzz case reached the network"


@pytest.fixture
def run(monkeypatch, graph, index):
    """Invoke the CLI in-process with the shared graph and index (unless --data is given)."""
    import cli.main
    import kg.projection
    from cli.context import Session

    def session(*args, **kwargs):
        made = Session(*args, **kwargs)
        if not made.data and not made.endpoint:
            made.__dict__.update(graph=graph, index=index)
        return made

    projected = kg.projection.project(graph)
    original = kg.projection.project
    monkeypatch.setattr(cli.main, "Session", session)
    monkeypatch.setattr(
        kg.projection, "project", lambda g, **kw: projected if g is graph and not kw else original(g, **kw)
    )

    def invoke(*args: str, input: bytes | str | None = None):
        result = CliRunner().invoke(cli.main.cli, list(args), input=input)
        assert_clean(result)
        return result

    return invoke


def assert_clean(result) -> None:
    assert result.exit_code in (0, 1, 2), (result.exit_code, result.output)
    assert "Traceback" not in result.output, result.output
    if result.exception is not None:
        assert isinstance(result.exception, SystemExit), repr(result.exception)
    if result.exit_code:
        assert result.stderr.startswith(("Error: ", "Usage: ")), result.stderr
        if result.stderr.startswith("Error: "):
            assert len(result.stderr.strip().splitlines()) <= 3, result.stderr  # a message, a line, a caret


HOSTILE_TEXT = st.one_of(
    st.text(max_size=60),
    st.text(alphabet=st.characters(max_codepoint=0x20), max_size=20),
    st.sampled_from(
        [
            "\x1b]0;owned\x07",
            "β" * 5000,
            "x" * 20000,
            "IL-6\r\nIL-2",
            "'; DROP",
            "../../etc/passwd",
            "\\g<0>",
            "http://a\\q",
            "<http://127.0.0.1:9/>",
            "IL6",
            "interleukn 6",
            "melanom",
            "%s%n",
            "\u202eevil",
            "\ud800",
        ]
    ),
)
NAMES = st.one_of(
    HOSTILE_TEXT,
    st.sampled_from(
        ["IL-6", "IL6", "IL-2", "melanoma", "secukinumab", "psoriasis", "macrophage", "CL:0000235"]
    ),
)


@st.composite
def mutated_query(draw, url: str):
    text = draw(st.sampled_from(REAL))
    pieces = st.one_of(
        st.text(alphabet="{}()<>?$\"'#.;:,*^|/\\ \n\tSELECTWHEREilkg0123456789", min_size=1, max_size=6),
        st.sampled_from(
            [
                f" SERVICE <{url}> {{ ?s ?p ?o }} ",
                f" SERVICE SILENT <{url}> {{ }} ",
                f" FROM <{url}> ",
                " ilkg:a\\' ",
                " ilkg:a\\# ",
                ' """ ',
                " # ",
                "{" * 300,
                "(" * 300,
                "\\u0053ERVICE",
                "sErViCe",
            ]
        ),
    )
    for _ in range(draw(st.integers(1, 4))):
        if not text:
            break
        at = draw(st.integers(0, len(text) - 1))
        op = draw(st.sampled_from(["delete", "insert", "swap"]))
        piece = draw(pieces)
        if op == "delete":
            text = text[:at] + text[at + len(piece) :]
        elif op == "insert":
            text = text[:at] + piece + text[at:]
        else:
            text = text[:at] + piece + text[at + 1 :]
    return text


def test_query_random_text(run, listener):
    @cases(300)
    @given(text=st.one_of(st.text(max_size=80), HOSTILE_TEXT))
    def case(text):
        run("query", text or " ", "--format", "tsv", "--timeout", "5")

    case()


def test_query_mutated_real_queries(run, listener):
    url, hits = listener

    @cases(500)
    @given(data=st.data())
    def case(data):
        text = data.draw(mutated_query(url))
        fmt = data.draw(st.sampled_from(["tsv", "csv", "json", "table", "xml"]))
        run("query", text, "--format", fmt, "--timeout", "5")
        assert hits == [], text

    case()


def test_query_from_standard_input_bytes(run, listener):
    @cases(200)
    @given(data=st.binary(max_size=200))
    def case(data):
        run("query", input=data)

    case()


def test_show_random_names(run):
    @cases(450)
    @given(name=NAMES, fmt=st.sampled_from(["text", "json"]))
    def case(name, fmt):
        result = run("show", name, "--format", fmt)
        assert "\x1b" not in result.output

    case()


def test_search_random_text(run):
    @cases(500)
    @given(text=HOSTILE_TEXT, limit=st.integers(1, 50))
    def case(text, limit):
        run("search", text, "--limit", str(limit))

    case()


def test_path_random_pairs(run):
    @cases(350)
    @given(source=NAMES, target=NAMES, length=st.integers(1, 8))
    def case(source, target, length):
        run("path", source, target, "--max-length", str(length))

    case()


def test_param_random_values(run):
    @cases(400)
    @given(query=st.sampled_from(NAMED), value=NAMES, extra=st.booleans())
    def case(query, value, extra):
        name, params = query
        args = [
            "query",
            "--name",
            name,
            "--param",
            f"{params[0]}={value}",
            "--format",
            "tsv",
            "--timeout",
            "5",
        ]
        if extra:
            args += ["--param", f"{value}=x"]
        run(*args)

    case()


XML_PIECES = [
    '<?xml version="1.0"?>',
    '<!DOCTYPE rdf:RDF [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>',
    '<!DOCTYPE r [<!ENTITY % p "x">]>',
    '<!DOCTYPE r [<!ENTITY e SYSTEM "file:///etc/passwd">]>',
    '<!DOCTYPE r [<!ENTITY e SYSTEM "LISTENER">]>',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://x/">',
    '<rdf:Description rdf:about="http://x/a">',
    "<ex:p>",
    "</ex:p>",
    "&a;",
    "&b;",
    "&e;",
    "</rdf:Description>",
    "</rdf:RDF>",
    "<![CDATA[ < > ]]>",
    "<!-- -->",
]
JSON_PIECES = [
    '{"@id": "http://x/a", "http://x/p": ',
    '{"@list": [',
    "[",
    "]",
    "}",
    '"x"',
    "1",
    ",",
    '{"@context": "LISTENER"}',
]
TURTLE_PIECES = [
    "@prefix ex: <http://x/> .",
    "ex:a ex:p ex:b .",
    "(",
    ")",
    "[",
    "]",
    '"""',
    "ex:a ex:p ",
    " .",
    "<http://x/\\u0000>",
]


@st.composite
def hostile_file(draw):
    suffix = draw(st.sampled_from([".rdf", ".jsonld", ".ttl", ".nt", ".trig", ".nq", ".n3"]))
    pool = {".rdf": XML_PIECES, ".jsonld": JSON_PIECES}.get(suffix, TURTLE_PIECES)
    body = "".join(draw(st.lists(st.sampled_from(pool), max_size=40)))
    repeat = draw(st.sampled_from([1, 1, 1, 200, 5000]))
    tail = draw(st.sampled_from(["", body]))
    raw = draw(st.binary(max_size=40)) if draw(st.integers(0, 9)) == 0 else b""
    return suffix, (body * repeat + tail).encode("utf-8") + raw


def test_data_random_files(tmp_path, listener):
    from kg.errors import IlkgError
    from kg.store import Graph

    url, hits = listener

    @cases(500)
    @given(spec=hostile_file())
    def case(spec):
        suffix, data = spec
        path = tmp_path / f"fuzz{suffix}"
        path.write_bytes(data.replace(b"LISTENER", url.encode()))
        try:
            Graph.load([path], bundled=False)
        except IlkgError as err:
            assert "\n" not in str(err).strip()

    case()
    assert hits == []


def test_data_through_the_command_line(tmp_path, invoke):
    """A few --data cases through the whole CLI, bundled graph included."""

    @cases(12)
    @given(spec=hostile_file())
    def case(spec):
        suffix, data = spec
        path = tmp_path / f"cli{suffix}"
        path.write_bytes(data)
        assert_clean(invoke("--data", str(path), "query", "ASK { ?s ?p ?o }", "--timeout", "10"))

    case()
