"""Tests share helpers through tests/builders/ only. Ruff's banned imports (TID251 in
pyproject.toml) name today's test packages; this test also holds for packages added later and
for relative imports, which that list cannot name."""

import ast
from pathlib import Path

import pytest

TESTS = Path(__file__).parent


def imported_names(source, package):
    """(line, dotted name) of everything the source imports, relative imports made absolute
    from its package: `from tests.x import y` gives tests.x.y, as y may be a module."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*parts, module] if module else parts)
            for alias in node.names:
                yield node.lineno, f"{module}.{alias.name}"


def is_forbidden(name):
    """Anything under tests/ but the builders."""
    in_tests = name == "tests" or name.startswith("tests.")
    builders = name == "tests.builders" or name.startswith("tests.builders.")
    return in_tests and not builders


def test_tests_import_helpers_only_from_the_builders():
    wrong = []
    for path in sorted(TESTS.rglob("*.py")):
        package = ".".join(path.relative_to(TESTS.parent).parent.parts)
        for line, name in imported_names(path.read_text(), package):
            if is_forbidden(name):
                wrong.append(f"{path.relative_to(TESTS.parent)}:{line}: {name}")
    assert wrong == [], "import these from tests/builders/ instead:\n" + "\n".join(wrong)


@pytest.mark.parametrize(
    ("source", "forbidden"),
    [
        ("from tests.conftest import lesson", True),
        ("from tests import conftest", True),
        ("from tests.lessons.test_admin import editor_form", True),
        ("from .test_admin import editor_form", True),
        ("from ..conftest import lesson", True),
        ("from . import conftest", True),
        ("import tests.search.test_applied", True),
        ("from tests.assessments.helpers import organisation", True),  # a package added later
        ("from tests.builders.lessons import lesson", False),
        ("from tests.builders import lessons", False),
        ("from ..builders.lessons import lesson", False),
        ("from lessons.models import LessonPage", False),
    ],
)
def test_the_rule_sees_every_way_of_importing_a_test_module(source, forbidden):
    names = [name for _, name in imported_names(source, "tests.lessons")]
    assert any(is_forbidden(name) for name in names) == forbidden
