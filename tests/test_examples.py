"""Every script in examples/ runs in its --quick mode, prints a result line, saves a PNG.

The scripts are found by glob, so a new example is covered without editing this file.
Each runs in its own subprocess (as a user runs it), two at a time: most of a quick run is
the TensorFlow import and graph tracing of one process, and CI has two cores.
"""

import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*.py"))
WORKERS = 2
TIMEOUT = 600  # per script; a quick run takes 10-40 s

# The honest-reporting convention of the examples (see docs/evaluation.md).
RESULT_LINE = re.compile(r"^result: .+ \| protocol: .+ \| split: .+ \| .+$", re.MULTILINE)


def _run(script, png):
    env = {
        **os.environ,
        "TF_CPP_MIN_LOG_LEVEL": "3",
        "MPLBACKEND": "Agg",
        # two scripts share two cores: keep each from starting a thread per core
        "TF_NUM_INTRAOP_THREADS": "1",
        "TF_NUM_INTEROP_THREADS": "1",
        "OMP_NUM_THREADS": "1",
    }
    return subprocess.run(
        [sys.executable, str(script), "--quick", "--plot", str(png)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )


@pytest.fixture(scope="module")
def quick_runs(request, tmp_path_factory):
    """Start the selected examples, two at a time; map script name -> (future, png).

    Under pytest-xdist a worker does not know which of the collected tests it will run,
    so there each test starts its own script when it runs (the workers are the pool).
    """
    selected = set()
    if not hasattr(request.config, "workerinput"):
        selected = {
            item.callspec.params["script"]
            for item in request.session.items
            if getattr(item, "originalname", None) == "test_example_runs_quick"
            and item.module is request.module
        }
    out = tmp_path_factory.mktemp("examples")
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        runs = {}

        def start(script):
            png = out / f"{script.stem}.png"
            runs[script.name] = (pool.submit(_run, script, png), png)
            return runs[script.name]

        for script in sorted(selected):
            start(script)
        yield lambda script: runs.get(script.name) or start(script)
        for future, _ in runs.values():
            future.cancel()


def test_examples_are_found():
    assert len(EXAMPLES) >= 6, [p.name for p in EXAMPLES]


@pytest.mark.parametrize("script", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_example_runs_quick(script, quick_runs):
    future, png = quick_runs(script)
    out = future.result()
    log = f"\n--- stdout ---\n{out.stdout[-3000:]}\n--- stderr ---\n{out.stderr[-3000:]}"
    assert out.returncode == 0, f"{script.name} --quick exited {out.returncode}{log}"
    assert RESULT_LINE.search(out.stdout), (
        f"{script.name} printed no line 'result: ... | protocol: ... | split: ... | ...'{log}"
    )
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", f"{script.name} saved no PNG{log}"


@pytest.mark.parametrize("script", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_example_has_quick_and_plot_flags_and_never_shows(script):
    source = script.read_text()
    assert '"--quick"' in source and '"--plot"' in source, script.name
    assert ".show(" not in source, f"{script.name} calls show(); save with --plot instead"
