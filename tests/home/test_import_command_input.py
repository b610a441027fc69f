"""import_lessons given what it cannot read (issue 16, item 6): a clear error and status 1,
never a traceback."""

import io
import json
import subprocess
import sys
from pathlib import Path

from django.core.management import CommandError, call_command

import pytest

from lessons.models import LessonPage
from tests.builders.lessons import document, lesson

PROJECT = Path(__file__).resolve().parents[2]


def file_with_years(tmp_path, digits):
    """A lessons/v1 file whose first team member has `digits` nines of experience."""
    data = lesson()
    data["context"]["team"][0]["years_experience"] = 0
    text = json.dumps(document(data)).replace(
        '"years_experience": 0', f'"years_experience": {"9" * digits}', 1
    )
    path = tmp_path / "lessons.json"
    path.write_text(text)
    return path


def failure_of(*args):
    err = io.StringIO()
    with pytest.raises(CommandError) as failure:
        call_command("import_lessons", *map(str, args), stdout=io.StringIO(), stderr=err)
    assert failure.value.returncode == 1
    return str(failure.value), err.getvalue()


def test_a_5000_digit_integer_is_a_clear_error_and_nothing_is_imported(site_tree, tmp_path):
    message, _ = failure_of(file_with_years(tmp_path, 5000))
    assert "a number in it has more than 4,300 digits" in message
    assert "nothing was imported" in message
    assert not LessonPage.objects.exists()


def test_a_directory_given_as_the_file_is_a_clear_error(site_tree, tmp_path):
    message, _ = failure_of(tmp_path)
    assert message == f"{tmp_path}: is a directory; give the path of a lessons/v1 JSON file. " + (
        "Nothing was imported."
    )


def test_the_command_exits_1_without_a_traceback_for_a_directory_and_a_huge_number(tmp_path):
    for path in (tmp_path, file_with_years(tmp_path, 5000)):
        run = subprocess.run(
            [sys.executable, "manage.py", "import_lessons", "--dry-run", str(path)],
            cwd=PROJECT,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert run.returncode == 1, run.stderr
        assert "Traceback" not in run.stderr
        assert str(path) in run.stderr
