"""Keys a person typed into a lessons/v1 file are reported as errors, whatever they look like."""

import pytest

from lessons.exchange import validate
from tests.conftest import document, lesson


@pytest.mark.parametrize("key", ["5", "²"])  # a list position; a digit int() refuses
def test_a_key_that_looks_like_a_number_is_reported_not_a_traceback(db, key):
    odd = lesson(title=5)
    odd[key] = "a value"
    errors = validate(document(odd), dimension_codes={"qiof-2"})
    assert sorted(errors) == sorted(
        [
            f"lessons[0].{key}: is not a known field (check the spelling)",
            "lessons[0].title: must be a string",
        ]
    )
