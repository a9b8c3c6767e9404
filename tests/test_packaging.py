"""An installed reportgen renders without the checkout: the wheel carries the templates.

The wheel is built offline from a copy of the project (nothing is written into the checkout),
unpacked into a folder of its own and run from there, far from the repository's templates/.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "data" / "shenzhen-yantian-zgh-2022.yaml"


def build_wheel(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    project.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, project / name)
    for name in ("reportgen", "templates"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                    "--no-index", "-w", str(wheels), str(project)], check=True, capture_output=True, text=True)
    (wheel,) = wheels.glob("reportgen-*.whl")
    return wheel


def test_the_wheel_ships_every_template_and_renders_from_anywhere(tmp_path):
    wheel = build_wheel(tmp_path)
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {f"reportgen/templates/{p.relative_to(ROOT / 'templates').as_posix()}"
               for pattern in ("*.j2", "版式.yaml") for p in (ROOT / "templates").rglob(pattern)}
    assert shipped and shipped <= names, sorted(shipped - names)
    assert "reportgen/source/source_schema.yaml" in names
    # every module and data file of the package (a sub-package left out of pyproject.toml would be missing)
    modules = {p.relative_to(ROOT).as_posix() for pattern in ("*.py", "*.yaml")
               for p in (ROOT / "reportgen").rglob(pattern) if "__pycache__" not in p.parts}
    assert modules <= names, sorted(modules - names)
    assert "reportgen/writers/pdf_fonts.conf" in names  # the PDF step's font mapping
    assert {"reportgen/readers/text/vocabulary.yaml", "reportgen/importing/text/text_parts.yaml",
            "reportgen/templates/layouts/default/导入.yaml", "reportgen/templates/layouts/shanghai/导入.yaml"} <= names

    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    work = tmp_path / "work"
    work.mkdir()
    shutil.copy(SOURCE, work / SOURCE.name)
    env = {**os.environ, "PYTHONPATH": str(site)}
    where = subprocess.run([sys.executable, "-c", "import reportgen.base.locations as l; print(l.__file__); "
                            "print(l.DEFAULT_TEMPLATES)"], cwd=work, env=env, capture_output=True, text=True, check=True)
    module, templates = where.stdout.split()
    assert Path(module).is_relative_to(site) and Path(templates) == site / "reportgen" / "templates"

    run = subprocess.run([sys.executable, "-m", "reportgen", "render", SOURCE.name, "-o", "out"],
                         cwd=work, env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    html = (work / "out" / f"{SOURCE.stem}.html").read_text(encoding="utf-8")
    assert "深圳市盐田区总工会" in html and "1,273.52" in html
    assert (work / "out" / f"{SOURCE.stem}.docx").stat().st_size > 10_000
    # the console script pip writes calls the entry the wheel names: the program, exiting with the command's code
    entry = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    assert "reportgen = reportgen.__main__:run" in zipfile.ZipFile(wheel).read(entry).decode("utf-8")
    script = subprocess.run([sys.executable, "-c", "import sys\nfrom reportgen.__main__ import run\n"
                             "sys.argv = ['reportgen', 'check', sys.argv[1]]\nsys.exit(run())", SOURCE.name],
                            cwd=work, env=env, capture_output=True, text=True)
    assert script.returncode == 0 and "0 个错误" in script.stdout + script.stderr, script.stderr
    shanghai = subprocess.run([sys.executable, "-m", "reportgen", "render", SOURCE.name, "-o", "sh", "--layout", "上海"],
                              cwd=work, env=env, capture_output=True, text=True)
    assert shanghai.returncode == 0, shanghai.stderr
    assert "年部门财务收支预算总表" in (work / "sh" / f"{SOURCE.stem}.html").read_text(encoding="utf-8")
    rolled = subprocess.run([sys.executable, "-m", "reportgen", "rollover", SOURCE.name, "--year", "2023",
                             "-o", "2023.yaml"], cwd=work, env=env, capture_output=True, text=True)
    assert rolled.returncode == 0, rolled.stderr
    assert "待填写" in (work / "2023.yaml").read_text(encoding="utf-8")
