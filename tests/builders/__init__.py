"""Builders: the functions that make what tests need (people, lessons, networks, themes, drafts
of the sharing form) and read what pages answer, one module per part of the site.

Tests and fixtures import helpers from here and from nowhere else in `tests/`: never from a
conftest (fixtures are found by name, never imported) and never from another test module.
Ruff's banned imports (TID251, in pyproject.toml) and tests/test_imports.py hold that rule.
"""
