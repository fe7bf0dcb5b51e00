"""Every third-party package our code imports is pinned exactly in pyproject.toml: the
site's code (site/) in the dependencies, tests, test factories and benchmarks in the
dependencies or the dev extras. A package that is only installed because another one
requires it can change under us at any upgrade."""

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROJECT = ROOT / "pyproject.toml"


def normalised(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(requirements):
    pinned = {}
    for requirement in requirements:
        name, _, version = requirement.partition("==")
        pinned[normalised(re.sub(r"\[.*\]", "", name))] = version
    return pinned


def imported_modules(path):
    """Top-level names of the absolute imports in one file (at any depth: lazy imports too)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            yield node.module.split(".")[0]


def third_party_imports(paths):
    ours = {path.name for path in (ROOT / "site").iterdir() if path.is_dir()}
    ours |= {"tests", "_setup"}  # the tests package, bench/_setup.py
    found = {}
    for path in paths:
        for module in imported_modules(path):
            if module not in ours and module not in sys.stdlib_module_names:
                found.setdefault(module, path.relative_to(ROOT))
    return found


def test_every_imported_package_is_pinned():
    project = tomllib.loads(PROJECT.read_text(encoding="utf-8"))["project"]
    main = pins(project["dependencies"])
    dev = pins(project["optional-dependencies"]["dev"])
    for requirement in project["dependencies"] + project["optional-dependencies"]["dev"]:
        assert "==" in requirement, f"{requirement} is not pinned to one version"

    distributions = packages_distributions()
    code = [
        path
        for path in (ROOT / "site").rglob("*.py")
        if path.name != "factories.py" and "migrations" not in path.parts
    ]
    dev_only = [
        *(ROOT / "site").rglob("factories.py"),
        *(ROOT / "tests").rglob("*.py"),
        *(ROOT / "bench").rglob("*.py"),
    ]
    for files, allowed, where in (
        (code, main, "dependencies"),
        (dev_only, main | dev, "dependencies or dev extras"),
    ):
        for module, path in third_party_imports(files).items():
            names = {normalised(name) for name in distributions.get(module, [module])}
            assert names & allowed.keys(), f"{path} imports {module}: pin it in the {where}"
