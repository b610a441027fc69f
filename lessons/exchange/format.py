"""The lessons/v1 format: its name, its JSON Schema, and the words its errors share."""

import json
from pathlib import Path

from jsonschema import Draft202012Validator, FormatChecker

FORMAT = "lessons/v1"
SCHEMA = json.loads((Path(__file__).parent / "schema" / "lessons-v1.schema.json").read_text())
VALIDATOR = Draft202012Validator(SCHEMA, format_checker=FormatChecker())

NUL = "\x00"
NUL_MESSAGE = "must not contain a NUL character"
SURROGATE_MESSAGE = "must be valid Unicode text (it contains an unpaired surrogate)"
VISIBILITY_FLAG = "--allow-visibility-change"
