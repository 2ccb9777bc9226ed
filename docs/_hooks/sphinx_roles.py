"""MkDocs hook: turn numpydoc's Sphinx roles and "See Also" entries into cross-references.

The docstrings follow numpydoc and write references as Sphinx roles, for example
``:class:`~skltsm.preprocessing.LagFramer``` or ``:meth:`walk_forward```, and list related
objects under "See Also" as ``name : description`` lines. mkdocstrings renders the roles
as the literal text ``:class:`` followed by code, and a "See Also" section as one run-on
paragraph. This hook

1. collects, on every page, the ids of the API headings that mkdocstrings rendered
   (``id="skltsm.preprocessing.LagFramer"``), then
2. once all pages are rendered, rewrites every role, and every "See Also" entry (as an
   item of a list), into an ``<autoref>`` tag for the object it names, which
   mkdocs-autorefs turns into a link (it runs later, at ``on_env`` priority -50).

A name resolves when it is a documented id, or when exactly one documented id ends with
``.name`` (so ``LagFramer`` and ``StatefulLSTMRegressor.walk_forward`` resolve). A name
that matches nothing or several ids (``predict``) stays as plain code, without a warning,
as do references to other projects (``matplotlib.figure.Figure``). A leading ``~``
shows only the last component, as in Sphinx.
"""

import html
import re

ROLE = re.compile(r":(?:class|func|meth|mod|attr|obj|data|exc):<code>(?P<target>[^<]+)</code>")
SEE_ALSO = re.compile(
    r"(<details class=\"see-also\"[^>]*>\s*<summary>See Also</summary>\s*)<p>(?P<body>.*?)</p>",
    re.DOTALL,
)
SEE_ALSO_ENTRY = re.compile(r"^(?P<names>[\w.~]+(?:, [\w.~]+)*)(?: : (?P<text>.*))?$")
API_ID = re.compile(r'\bid="(?P<id>skltsm(?:\.[A-Za-z_][A-Za-z0-9_]*)+)"')

_ids = set()


def on_pre_build(config):
    """Forget the ids of a previous build (``mkdocs serve`` rebuilds in one process)."""
    _ids.clear()


def on_page_content(html_text, page, config, files):
    """Record the ids of the API objects rendered on this page."""
    _ids.update(match["id"] for match in API_ID.finditer(html_text))
    return html_text


def on_env(env, config, files):
    """Rewrite the roles of every page now that all API ids are known."""
    for file in files:
        page = file.page
        if page is not None and page.content:
            page.content = SEE_ALSO.sub(_see_also, ROLE.sub(_replace, page.content))
    return env


def resolve(name, ids):
    """Return the documented id that ``name`` refers to, or None."""
    if name in ids:
        return name
    for candidate in (name, name.rsplit(".", 1)[-1]):
        matches = [i for i in ids if i.endswith("." + candidate)]
        if len(matches) == 1:
            return matches[0]
    return None


def _replace(match):
    return _reference(html.unescape(match["target"]).strip())


def _reference(target):
    """Return the HTML of a reference to ``target``: a link when it resolves, else code."""
    short = target.startswith("~")
    name = target.lstrip("~")
    shown = html.escape(name.rsplit(".", 1)[-1] if short else name)
    identifier = resolve(name, _ids)
    if identifier is None:
        return f"<code>{shown}</code>"
    return f'<autoref identifier="{identifier}" optional><code>{shown}</code></autoref>'


def _see_also(match):
    """Render the ``name : description`` lines of a "See Also" section as a list."""
    items = []
    for line in match["body"].splitlines():
        line = line.strip()
        entry = SEE_ALSO_ENTRY.match(line)
        if entry:
            names = ", ".join(_reference(name) for name in entry["names"].split(", "))
            text = f" - {entry['text']}" if entry["text"] else ""
            items.append(names + text)
        elif items and line:
            items[-1] += " " + line
        elif line:
            return match.group(0)  # not numpydoc's format: leave it alone
    body = "".join(f"<li>{item}</li>" for item in items)
    return f"{match.group(1)}<ul>{body}</ul>"
