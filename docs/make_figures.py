"""Draw the docs' pictures from the code: the examples' and the CLI's own plots.

Each figure is what a command of the project writes with ``--plot``, run here in its
full (not ``--quick``) mode; nothing is drawn by hand. ``docs/images/figures.json``
records, for each PNG, the command that drew it and the SHA-256 of the sources it came
from (the script and ``skltsm/plotting.py``); ``tests/test_docs.py`` fails when a source
changed since its figure was drawn, or when a page shows a figure this script does not
make. Run it again after changing an example, the CLI or the plotting code::

    python docs/make_figures.py                 # all figures, a few minutes on 2 cores
    python docs/make_figures.py --only cli-shampoo
    python docs/make_figures.py --list          # the commands, as JSON
"""

import argparse
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
IMAGES = ROOT / "docs" / "images"
MANIFEST = IMAGES / "figures.json"
PLOTTING = "skltsm/plotting.py"

# name -> (the command after the interpreter, the sources whose change makes it stale)
FIGURES = {
    "cli-shampoo": (["-m", "skltsm", "forecast", "--quiet"], ["skltsm/cli.py"]),
    "cli-airline": (
        ["-m", "skltsm", "forecast", "--quiet", "--dataset", "airline"],
        ["skltsm/cli.py"],
    ),
    "stateful-shampoo": (["examples/plot_stateful_shampoo.py"], []),
    "sine-lstm": (["examples/plot_sine_lstm.py"], []),
    "grid-search": (["examples/grid_search_pipeline.py"], []),
    "many-series": (["examples/plot_many_series.py"], []),
}


def sources(name):
    """Return the project files a figure is drawn from, relative to the root."""
    command, extra = FIGURES[name]
    scripts = [part for part in command if part.endswith(".py")]
    return sorted({*scripts, *extra, PLOTTING})


def digest(path):
    """Return the SHA-256 of a project file, hex."""
    return hashlib.sha256((ROOT / path).read_bytes()).hexdigest()


def expected_manifest():
    """Return what figures.json must say for the current sources (PNG digests aside)."""
    return {
        name: {
            "command": ["python", *FIGURES[name][0], "--plot", f"docs/images/{name}.png"],
            "sources": {path: digest(path) for path in sources(name)},
        }
        for name in FIGURES
    }


def draw(name):
    """Run the command of one figure; return its manifest entry."""
    entry = expected_manifest()[name]
    env = {**os.environ, "MPLBACKEND": "Agg", "TF_CPP_MIN_LOG_LEVEL": "3"}
    subprocess.run([sys.executable, *entry["command"][1:]], cwd=ROOT, env=env, check=True)
    entry["png_sha256"] = digest(f"docs/images/{name}.png")
    return entry


def main(argv=None):
    """Draw the figures named (all by default) and update the manifest."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", action="append", choices=sorted(FIGURES))
    parser.add_argument("--list", action="store_true", help="print the commands and exit")
    args = parser.parse_args(argv)
    if args.list:
        print(json.dumps(expected_manifest(), indent=2))
        return 0
    IMAGES.mkdir(parents=True, exist_ok=True)
    manifest = json.loads(MANIFEST.read_text()) if MANIFEST.exists() else {}
    for name in args.only or FIGURES:
        print(f"drawing {name}", flush=True)
        manifest[name] = draw(name)
        MANIFEST.write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
