"""The package's promises about itself: light import, README commands, CI script."""

import re
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


def test_ci_runs_exactly_the_readme_test_command():
    test_command = next(c for c in _readme_commands() if "[test]" in c)
    # the whole suite on the newest versions, then the lowest-versions session
    assert "python -m pytest" in test_command
    assert test_command.strip().endswith("python -m nox -s lowest")
    ci_lines = [
        line
        for line in (ROOT / ".ci" / "run").read_text().splitlines()
        if line and not line.startswith(("#", "set ", "cd "))
    ]
    assert ci_lines == [test_command.strip()]


def test_readme_first_command_installs_and_runs_the_main_job(tmp_path):
    """The README's first command, verbatim: install, then the forecast on bundled data."""
    install, forecast = (part.strip() for part in _readme_commands()[0].split("&&"))
    assert install.startswith("python -m pip install -e .")
    assert forecast == "python -m skltsm forecast"
    for command, cwd in ((install, ROOT), (forecast, tmp_path)):
        out = subprocess.run(
            command, shell=True, cwd=cwd, capture_output=True, text=True, timeout=900
        )
        assert out.returncode == 0, out.stderr[-3000:]
    assert "Test RMSE" in out.stdout and "persistence: 136.761" in out.stdout
    assert (tmp_path / "forecast.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_readme_python_examples_run():
    blocks = re.findall(r"```python\n(.*?)\n```", (ROOT / "README.md").read_text(), flags=re.S)
    assert len(blocks) >= 2
    for block in blocks:
        exec(compile(block, "README.md", "exec"), {})
