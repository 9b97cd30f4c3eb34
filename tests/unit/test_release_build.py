"""The release build's promises that need no compiler: mypyc type-checks with CI's mypy,
and no compiled module sits in the sources (``make parity`` checks the compiled wheel)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def _pin(requirements: list[str], name: str) -> str:
    pins = [r for r in requirements if re.match(rf"{name}\s*==", r)]
    assert len(pins) == 1, f"{name} must be pinned with == once in {requirements}"
    return pins[0].replace(" ", "")


def test_mypyc_compiles_with_the_mypy_ci_type_checks_with() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    dev = project["project"]["optional-dependencies"]["dev"]
    hook = project["tool"]["hatch"]["build"]["targets"]["wheel"]["hooks"]["mypyc"]
    assert _pin(dev, "mypy") == _pin(hook["dependencies"], "mypy")
    assert hook["enable-by-default"] is False, "default and editable installs stay pure Python"
    assert hook["require-runtime-dependencies"] is True, "mypyc must see spaCy's stubs"


def test_no_compiled_module_shadows_the_sources() -> None:
    # Python imports an extension module before the .py beside it: one left in src/ by a
    # build would run instead of the code being edited.
    found = [p for p in (REPO / "src").rglob("*") if p.suffix in {".so", ".pyd"}]
    assert not found, f"compiled modules in src/ (delete them): {found}"
