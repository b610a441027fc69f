"""manage.py load_test (README, "Load test") refuses counts it cannot run, before building."""

from django.core.management import CommandError, call_command

import pytest


@pytest.mark.parametrize(
    ("flag", "value"), [("users", "0"), ("users", "twenty"), ("seconds", "-5"), ("seconds", "1.5")]
)
def test_a_count_that_is_not_a_whole_number_of_one_or_more_is_refused_by_name(flag, value):
    with pytest.raises(CommandError) as refused:
        call_command("load_test", f"--{flag}={value}")
    assert str(refused.value) == f"--{flag} must be a whole number of 1 or more, not {value!r}"
