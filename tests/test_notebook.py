"""docs/notebook.py, the notebook-style example: it builds the examples, ranks actors and plots a PNG."""

import subprocess
import sys

import matplotlib.image
import pytest

from tests.conftest import ROOT


@pytest.mark.model
def test_notebook_example_builds_ranks_and_plots(tmp_path):
    png = tmp_path / "plots" / "criticism.png"
    done = subprocess.run([sys.executable, str(ROOT / "docs" / "notebook.py"), str(tmp_path / "graph"), str(png)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "5 documents added" in done.stdout
    central = done.stdout.split("most central actors")[1].splitlines()[1:4]
    assert any("Russia" in line for line in central), done.stdout
    critics = done.stdout.split("who criticises whom:")[1]
    assert "Sergei Lavrov" in critics and "United States" in critics
    assert png.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    height, width, _ = matplotlib.image.imread(png).shape
    assert width > 600 and height > 200
