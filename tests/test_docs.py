"""The documentation site builds with ``mkdocs build --strict`` and covers the public API.

mkdocs, mkdocs-material and mkdocstrings[python] must be installed for these tests to
run: they belong in the `test` extra so that CI builds the docs. Without mkdocs the build
tests are skipped with that reason; the checks on the sources still run.
"""

import hashlib
import html
import importlib.util
import json
import os
import re
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"

# Every module whose ``__all__`` is public API; each name must appear in the reference.
PUBLIC_MODULES = [
    "skltsm.preprocessing",
    "skltsm.regression",
    "skltsm.forecasting",
    "skltsm.datasets",
    "skltsm.plotting",
    "skltsm.networks",
    "skltsm.persistence",
]

needs_mkdocs = pytest.mark.skipif(
    importlib.util.find_spec("mkdocs") is None,
    reason="mkdocs is not installed: add mkdocs, mkdocs-material and mkdocstrings[python] "
    "to the `test` extra in pyproject.toml so that CI builds the docs",
)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """Build the site once, strictly, into a temporary directory."""
    site_dir = tmp_path_factory.mktemp("site")
    out = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},  # mkdocs-material's banner
    )
    return out, site_dir


@needs_mkdocs
def test_mkdocs_build_strict_passes(site):
    out, site_dir = site
    assert out.returncode == 0, out.stdout[-4000:] + out.stderr[-6000:]
    assert (site_dir / "index.html").is_file()


@needs_mkdocs
def test_api_reference_documents_every_public_name(site):
    out, site_dir = site
    assert out.returncode == 0, out.stderr[-4000:]
    documented = _inventory_names(site_dir / "objects.inv")
    missing = [
        f"{module}.{name}"
        for module in PUBLIC_MODULES
        for name in _public_names(module)
        if f"{module}.{name}" not in documented
    ]
    assert not missing, f"not in the API reference (docs/api/): {missing}"


@needs_mkdocs
def test_numpydoc_references_are_rendered_not_left_raw(site):
    # docs/_hooks/sphinx_roles.py turns :class:`X` roles and "See Also" lines into links
    out, site_dir = site
    assert out.returncode == 0, out.stderr[-4000:]
    raw = re.compile(r":(class|func|meth|mod|attr):<code>|<summary>See Also</summary>\s*<p>")
    leftovers = [
        str(page.relative_to(site_dir))
        for page in site_dir.rglob("*.html")
        if raw.search(page.read_text(encoding="utf-8"))
    ]
    assert not leftovers, f"raw Sphinx roles or See Also paragraphs left in {leftovers}"


@needs_mkdocs
def test_examples_page_shows_the_source_of_every_script(site):
    out, site_dir = site
    assert out.returncode == 0, out.stderr[-4000:]
    page = (site_dir / "examples" / "index.html").read_text(encoding="utf-8")
    text = html.unescape(re.sub(r"<[^>]+>", "", page))
    missing = [
        p.name
        for p in sorted((ROOT / "examples").glob("*.py"))
        if "def main(" not in text or p.read_text().splitlines()[0] not in text
    ]
    assert not missing, f"the built examples page does not show the source of {missing}"


def test_every_example_is_on_the_examples_page():
    page = (DOCS / "examples.md").read_text()
    missing = [
        p.name
        for p in sorted((ROOT / "examples").glob("*.py"))
        if f'--8<-- "examples/{p.name}"' not in page
    ]
    assert not missing, f"docs/examples.md does not include {missing}"


def test_every_page_is_in_the_nav():
    config = (ROOT / "mkdocs.yml").read_text()
    pages = [
        p.relative_to(DOCS).as_posix()
        for p in DOCS.rglob("*.md")
        if not p.relative_to(DOCS).parts[0].startswith("_")
    ]
    missing = [page for page in pages if page not in config]
    assert not missing, f"pages missing from the nav of mkdocs.yml: {missing}"


def test_index_shows_the_readme_commands():
    readme_commands = re.findall(r"```bash\n(.*?)\n```", (ROOT / "README.md").read_text(), re.S)
    index = (DOCS / "index.md").read_text()
    missing = [command for command in readme_commands if command not in index]
    assert not missing, f"docs/index.md lacks the README commands {missing}"


# Runs every ```python block of a page in order, in one namespace, with tiny epochs.
_RUN_BLOCKS = """
import re, sys
for page in sys.argv[1:]:
    text = open(page, encoding="utf-8").read()
    namespace = {}
    for number, block in enumerate(re.findall(r"```python\\n(.*?)```", text, re.S)):
        block = re.sub(r"epochs=\\d+", "epochs=2", block).replace("range(5)", "range(2)")
        exec(compile(block, f"{page} python block {number}", "exec"), namespace)
"""


def test_python_blocks_of_the_pages_run():
    pages = sorted(str(p.relative_to(ROOT)) for p in DOCS.glob("*.md"))
    out = subprocess.run(
        [sys.executable, "-c", _RUN_BLOCKS, *pages],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "MPLBACKEND": "Agg"},
    )
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-3000:]


def _public_names(module):
    """Read ``__all__`` from the module's source without importing it (no TensorFlow)."""
    path = ROOT / Path(*module.split("."))
    source = path / "__init__.py" if path.is_dir() else path.with_suffix(".py")
    match = re.search(r"__all__\s*=\s*\[(.*?)\]", source.read_text(), re.S)
    assert match, f"{source} has no literal __all__"
    return re.findall(r"[\"']([A-Za-z_][A-Za-z0-9_]*)[\"']", match.group(1))


def _inventory_names(path):
    """Return the object names in a Sphinx ``objects.inv`` (version 2) written by mkdocs."""
    data = path.read_bytes()
    body = zlib.decompress(data.split(b"\n", 4)[4]).decode("utf-8")
    return {line.split(" ", 1)[0] for line in body.splitlines() if line}


def _make_figures():
    spec = importlib.util.spec_from_file_location("make_figures", DOCS / "make_figures.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_figures_are_drawn_by_the_current_code():
    """Every PNG the pages show is drawn by docs/make_figures.py from today's sources."""
    figures = _make_figures()
    recorded = json.loads((DOCS / "images" / "figures.json").read_text())
    for name, expected in figures.expected_manifest().items():
        assert name in recorded, f"{name}: run python docs/make_figures.py --only {name}"
        entry = recorded[name]
        assert entry["command"] == expected["command"], name
        stale = [p for p, h in expected["sources"].items() if entry["sources"].get(p) != h]
        assert not stale, f"{name} predates changes to {stale}: run docs/make_figures.py"
        png = (DOCS / "images" / f"{name}.png").read_bytes()
        assert png[:8] == b"\x89PNG\r\n\x1a\n", name
        assert hashlib.sha256(png).hexdigest() == entry["png_sha256"], f"{name}.png edited"
    shown = {
        match
        for page in DOCS.rglob("*.md")
        for match in re.findall(r"\]\((?:\.\./)*images/([\w-]+)\.png\)", page.read_text())
    }
    assert shown <= set(figures.FIGURES), shown - set(figures.FIGURES)
    assert "cli-shampoo" in set(
        re.findall(r"images/([\w-]+)\.png", (DOCS / "index.md").read_text())
    )


@needs_mkdocs
def test_built_site_carries_the_figures(site):
    _, site_dir = site
    for name in _make_figures().FIGURES:
        assert (site_dir / "images" / f"{name}.png").is_file(), name
