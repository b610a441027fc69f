"""TWO_FACTOR_REQUIRED: on in production unless the environment turns it off, off in
development and tests, and a value that is neither on nor off is refused by name."""

import runpy
import subprocess
import sys

from django.core.exceptions import ImproperlyConfigured

import pytest

from tests.builders.production import ROOT, production_environment

READ = "from django.conf import settings; print(settings.TWO_FACTOR_REQUIRED)"


def production_setting(**environment):
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {READ}"],
        cwd=ROOT,
        env=production_environment(**environment),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_production_requires_two_factor_unless_told_not_to():
    assert production_setting() == "True"
    assert production_setting(TWO_FACTOR_REQUIRED="0") == "False"


def test_development_does_not_require_it(monkeypatch):
    monkeypatch.delenv("TWO_FACTOR_REQUIRED", raising=False)
    assert runpy.run_path(str(ROOT / "config/settings/base.py"))["TWO_FACTOR_REQUIRED"] is False


def test_a_value_neither_on_nor_off_is_refused_by_name(monkeypatch):
    monkeypatch.setenv("TWO_FACTOR_REQUIRED", "sometimes")
    with pytest.raises(ImproperlyConfigured, match="TWO_FACTOR_REQUIRED must be 1 or 0"):
        runpy.run_path(str(ROOT / "config/settings/base.py"))
