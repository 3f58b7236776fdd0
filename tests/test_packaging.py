"""vanban installs from a wheel and works outside a checkout, templates and examples included."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import tomllib
from pathlib import Path

import pytest
from support.paths import ROOT


def _listed_packages() -> set[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return set(config["tool"]["setuptools"]["packages"])


def test_every_python_package_is_listed_in_pyproject():
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for top in ("vanban", "flows")
        for init in (ROOT / top).rglob("__init__.py")
        if "__pycache__" not in init.parts
    }
    assert found <= _listed_packages(), f"add to [tool.setuptools] packages: {sorted(found - _listed_packages())}"
    assert "vanban.doc_templates" in _listed_packages()


@pytest.mark.slow
def test_wheel_installs_into_a_fresh_virtualenv_and_renders_the_bundled_example(tmp_path):
    """Build the wheel, install it (without dependencies) into a new virtualenv outside the
    repository, let that virtualenv see the test environment's dependencies, and run `vanban plan`
    on the example shipped inside the package, from a folder outside the checkout."""
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", str(ROOT), "-w", str(wheels)],
        check=True,
        capture_output=True,
        text=True,
        timeout=600,
    )
    [wheel] = wheels.glob("vanban-*.whl")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    python = venv / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)],
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
    )
    # Dependencies from this environment; added after the venv's own site-packages, so the
    # installed vanban wins over the checkout's editable one (whose finder is never loaded).
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    (Path(site) / "zz-test-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")

    work = tmp_path / "office"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VANBAN_", "PYTHON"))}
    env["VANBAN_RESIDENT"] = "off"  # the wheel, not the resident process, is under test
    env.update(
        VANBAN_DATA_DIR=str(tmp_path / "register"),
        PREFECT_HOME=str(tmp_path / "prefect"),
        PREFECT_SERVER_ANALYTICS_ENABLED="false",
        PREFECT_LOGGING_LEVEL="WARNING",
    )
    where = subprocess.run(
        [str(python), "-c", "import vanban.resources as r; print(r.__file__); print(r.bundled_dir())"],
        cwd=work,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    assert all(Path(p).is_relative_to(venv) for p in where), where
    examples = subprocess.run(
        [str(venv / "bin" / "vanban"), "examples", "examples"],
        cwd=work,
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "ke-hoach-ldld-lai-chau-2021.md" in examples.stdout
    result = subprocess.run(
        [str(venv / "bin" / "vanban"), "plan", "examples/ke-hoach-ldld-lai-chau-2021.md", "--now"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    written = [Path(line) for line in result.stdout.split() if line.endswith((".docx", ".pdf"))]
    assert {p.suffix for p in written} == {".docx", ".pdf"}
    assert all(p.is_file() and p.resolve().is_relative_to(work.resolve()) for p in written), written
