"""The package's promises about itself: light import, README commands, CI script."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_import_is_light():
    code = (
        "import sys, skltsm\n"
        "heavy = [m for m in ('tensorflow', 'keras', 'scikeras', 'sktime', 'matplotlib')"
        " if m in sys.modules]\n"
        "assert not heavy, heavy\n"
        "assert {'Differencer', 'LagFramer', 'WindowReshaper'} <= set(skltsm.__all__)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)


def _readme_commands():
    text = (ROOT / "README.md").read_text()
    return re.findall(r"```bash\n(.*?)\n```", text, flags=re.S)


def test_ci_runs_the_readme_test_command_in_a_fresh_venv():
    test_command = next(c for c in _readme_commands() if "[test]" in c)
    # the whole suite on the newest versions, then the lowest-versions session
    assert "python -m pytest" in test_command
    assert test_command.strip().endswith("python -m nox -s lowest")
    ci_lines = [
        line
        for line in (ROOT / ".ci" / "run").read_text().splitlines()
        if line and not line.startswith(("#", "set ", "cd "))
    ]
    # a new virtual environment, entered, then the README's command verbatim
    assert re.fullmatch(r'ci_venv="\$\(mktemp -d\)/venv"', ci_lines[0]), ci_lines
    assert ci_lines[1:] == [
        'python -m venv "$ci_venv"',
        'source "$ci_venv/bin/activate"',
        test_command.strip(),
    ]


# What TensorFlow prints from C++ at import on a machine without a GPU (see
# skltsm/_native_log.py); none of it may reach the main job's output.
TF_STARTUP_NOISE = re.compile(r"absl::InitializeLog|cudart_stub|cpu_feature_guard|^I\d{4} ", re.M)


def _clean_copy(destination):
    """Copy the project's files as a clone has them (tracked and new, never ignored ones)."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():  # a tracked file deleted in the work tree is not copied
            target = destination / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)


def test_readme_first_command_in_a_fresh_venv_writes_the_plot_quietly(tmp_path):
    """The README's first command, verbatim, in a new venv on a clean copy of the project."""
    command = _readme_commands()[0].strip()
    install, forecast = (part.strip() for part in command.split("&&"))
    assert install == "python -m pip install -e ."
    assert forecast == "python -m skltsm forecast"
    project, venv = tmp_path / "skltsm", tmp_path / "venv"
    _clean_copy(project)
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env.update(VIRTUAL_ENV=str(venv), PATH=f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}")
    out = subprocess.run(
        command, shell=True, cwd=project, env=env, capture_output=True, text=True, timeout=1200
    )
    assert out.returncode == 0, out.stderr[-3000:]
    assert "Test RMSE" in out.stdout and "persistence: 136.761" in out.stdout
    assert not TF_STARTUP_NOISE.search(out.stdout + out.stderr), out.stderr[-3000:]
    assert (project / "forecast.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_readme_python_examples_run():
    blocks = re.findall(r"```python\n(.*?)\n```", (ROOT / "README.md").read_text(), flags=re.S)
    assert len(blocks) >= 2
    for block in blocks:
        exec(compile(block, "README.md", "exec"), {})
