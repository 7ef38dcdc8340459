"""The HTML graph in a real headless Chromium, with every network request recorded and refused."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from kg.projection import project

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]  # fmt: skip


def chromium_path() -> str:
    found = os.environ.get("ILKG_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    assert found, "Chromium is missing: install Debian's chromium package (.ci/run does)"
    return found


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=chromium_path(), args=ARGS)
        yield instance
        instance.close()


class Page:
    """A page opened from a file, with its console errors, dialogs and outgoing requests recorded."""

    def __init__(self, browser, path: Path) -> None:
        self.page = browser.new_page(viewport={"width": 1200, "height": 800})
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        own = path.resolve().as_uri()

        def route(r) -> None:
            if r.request.url == own:
                r.continue_()
            else:
                self.requests.append(r.request.url)
                r.abort()

        self.page.route("**/*", route)
        self.page.goto(own)
        self.page.wait_for_function("window.ilkgDrawnAt !== undefined", timeout=30000)

    def js(self, code: str):
        return self.page.evaluate(code)


@pytest.fixture
def open_page(browser):
    pages = []

    def opener(path: Path) -> Page:
        page = Page(browser, path)
        pages.append(page)
        return page

    yield opener
    for page in pages:
        page.page.close()


@pytest.fixture(scope="module")
def whole_graph_html(tmp_path_factory) -> Path:
    from click.testing import CliRunner

    from cli.main import cli

    out = tmp_path_factory.mktemp("viz") / "ilkg.html"
    assert CliRunner().invoke(cli, ["viz", "-o", str(out)]).exit_code == 0
    return out


def test_loads_offline_without_errors(open_page, whole_graph_html):
    page = open_page(whole_graph_html)
    assert page.errors == []
    assert page.requests == []
    assert page.dialogs == []


def test_holds_every_node_and_edge(open_page, whole_graph_html, graph):
    projected = project(graph)
    page = open_page(whole_graph_html)
    assert page.js("window.ilkgNetwork.body.data.nodes.length") == projected.number_of_nodes()
    assert page.js("window.ilkgNetwork.body.data.edges.length") == projected.number_of_edges()


def test_search_focuses_a_node(open_page, whole_graph_html):
    page = open_page(whole_graph_html)
    page.page.fill("#search", "IL-17A")
    page.page.dispatch_event("#search", "change")
    assert "ilkg:IL17A" in page.js("window.ilkgNetwork.getSelectedNodes()")
    assert "IL-17A" in page.page.inner_text("#details")
    assert "https://www.uniprot.org/uniprotkb/Q16552/entry" in page.js(
        "Array.from(document.querySelectorAll('#details a')).map(a => a.href)"
    )


def test_filter_hides_a_class(open_page, whole_graph_html, graph):
    cells = sum(1 for _, d in project(graph).nodes(data=True) if d["kind"] == "CellType")
    page = open_page(whole_graph_html)
    before = page.js("window.ilkgView.length")
    page.page.uncheck("input[data-kind='CellType']")
    assert page.js("window.ilkgView.length") == before - cells
    page.page.check("input[data-kind='CellType']")
    assert page.js("window.ilkgView.length") == before


def test_click_highlights_the_neighbourhood(open_page, whole_graph_html, graph):
    page = open_page(whole_graph_html)
    page.js("window.ilkgNetwork.focus('ilkg:IL6', {scale: 1.0, animation: false})")
    position = page.js("window.ilkgNetwork.canvasToDOM(window.ilkgNetwork.getPosition('ilkg:IL6'))")
    box = page.page.locator("#graph").bounding_box()
    page.page.mouse.click(box["x"] + position["x"], box["y"] + position["y"])
    selected = set(page.js("window.ilkgNetwork.getSelectedNodes()"))
    assert "ilkg:IL6" in selected and "CL:0000235" in selected  # IL-6 and a producer of it


def test_hostile_labels_run_nothing(open_page, tmp_path, invoke):
    hostile = tmp_path / "hostile.ttl"
    hostile.write_text(
        """@prefix ilkg: <https://w3id.org/ilkg/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
ilkg:Evil a ilkg:Interleukin ; rdfs:label "<img src=x onerror=alert(1)>" ;
    dcterms:description "</script><script>alert(2)</script>" ;
    ilkg:producedBy <http://purl.obolibrary.org/obo/CL_0000235> .
""",
        encoding="utf-8",
    )
    out = tmp_path / "hostile.html"
    assert invoke("--data", str(hostile), "viz", "-o", str(out)).exit_code == 0
    page = open_page(out)
    page.page.fill("#search", "<img")
    page.page.dispatch_event("#search", "change")
    assert page.dialogs == []
    assert page.js("document.querySelectorAll('img').length") == 0
    assert page.js("document.scripts.length") == 3
    assert "<img src=x onerror=alert(1)>" in page.page.inner_text("#details")
    assert page.requests == []  # nothing tried to load "x"


def test_focus_entities_are_emphasised(open_page, tmp_path, invoke):
    out = tmp_path / "il6.html"
    assert invoke("viz", "IL-6", "--depth", "1", "-o", str(out)).exit_code == 0
    page = open_page(out)
    sizes = page.js("Object.fromEntries(window.ilkgNetwork.body.data.nodes.get().map(n => [n.id, n.size]))")
    assert sizes["ilkg:IL6"] > max(v for k, v in sizes.items() if k != "ilkg:IL6")
