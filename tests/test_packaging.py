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
    test_command = next(c for c in _readme_commands() if "pytest" in c)
    ci_lines = [
        line
        for line in (ROOT / ".ci" / "run").read_text().splitlines()
        if line and not line.startswith(("#", "set ", "cd "))
    ]
    assert ci_lines == [test_command.strip()]
