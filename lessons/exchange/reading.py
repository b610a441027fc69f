"""A lessons/v1 document read from a file a lesson at a time, so that an import's memory does not
grow with the file: the top of the document (its format, its networks and any other key) is
read whole, its `lessons` one by one, each time they are asked for (validation reads them once,
writing once or twice more). The format is the contract's one JSON document, unchanged.

A document already in memory (a dict, as tests and the demo loader have) is a Source too.
"""

import codecs
import hashlib
import json
import sys
from json import JSONDecoder

CHUNK = 1 << 20  # characters read at a time
_DECODER = JSONDecoder()
_SPACE = " \t\n\r"


class UnreadableFile(Exception):
    """The file cannot be read as JSON; the message names the file and says why."""


class Source:
    """A lessons/v1 document: `head` is the document without its lessons (as written, with
    `lessons` an empty list when the file has a list there), `lessons()` its lessons in
    order, read again at each call."""

    def __init__(self, document):
        self._document = document
        if isinstance(document, dict) and isinstance(document.get("lessons"), list):
            self.head = {**document, "lessons": []}
        else:
            self.head = document

    def lessons(self):
        yield from self._lesson_list()

    def _lesson_list(self):
        if isinstance(self._document, dict) and isinstance(self._document.get("lessons"), list):
            return self._document["lessons"]
        return []


def as_source(document):
    return document if isinstance(document, Source) else Source(document)


class FileSource(Source):
    """A lessons/v1 file read a lesson at a time. Each reading after the first checks that
    the file is still the one first read (its bytes' hash), and raises UnreadableFile if not:
    an import reads it inside its transaction, so a file changed meanwhile imports nothing."""

    def __init__(self, path):
        self.path = path
        self._digest = None
        # Which `lessons` key is streamed (json keeps the last of a repeated key), counted
        # from 1; None when the lessons are not a list (read whole, for validation to refuse).
        self._lessons_key = None
        head = {}
        try:
            with open(path, "rb") as handle:
                reader = _Reader(handle)
                if reader.peek() != "{":
                    super().__init__(self._whole())
                    return
                seen = 0
                for key in reader.members():
                    if key != "lessons":
                        head[key] = reader.value()
                        continue
                    seen += 1
                    if reader.peek() == "[":
                        reader.skip_array()
                        head[key], self._lessons_key = [], seen
                    else:
                        head[key], self._lessons_key = reader.value(), None
                reader.end()
                self._digest = reader.digest()
        except FileNotFoundError:
            raise UnreadableFile(f"{path}: no such file.") from None
        except IsADirectoryError:
            raise UnreadableFile(
                f"{path}: is a directory; give the path of a lessons/v1 JSON file. Nothing was "
                "imported."
            ) from None
        except PermissionError:
            raise UnreadableFile(f"{path}: not allowed to read it.") from None
        except (ValueError, RecursionError):
            super().__init__(self._whole())  # raises json's own words: it is not JSON
            return
        self._document = self.head = head

    def lessons(self):
        if self._lessons_key is None:
            yield from self._lesson_list()
            return
        try:
            with open(self.path, "rb") as handle:
                reader = _Reader(handle)
                seen = 0
                for key in reader.members():
                    if key != "lessons":
                        reader.value()
                        continue
                    seen += 1
                    if seen == self._lessons_key:
                        yield from reader.array_items()
                    else:
                        reader.value()
                reader.end()
                digest = reader.digest()
        except (OSError, ValueError, RecursionError):
            raise self._changed() from None
        if digest != self._digest:
            raise self._changed()

    def _changed(self):
        return UnreadableFile(f"{self.path}: changed while it was imported; nothing was imported.")

    def _whole(self):
        """The file parsed whole, as json.load does: for what is not a streamable document,
        and for json's own words about why a file is not JSON."""
        path = self.path
        try:
            with open(path, encoding="utf-8") as handle:
                return json.load(handle)
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise UnreadableFile(f"{path}: not valid JSON ({error}).") from None
        except ValueError:
            # Python refuses to read an integer of more than sys.get_int_max_str_digits()
            # digits (4,300): no number lessons/v1 allows comes near.
            raise UnreadableFile(
                f"{path}: a number in it has more than {sys.get_int_max_str_digits():,} digits, "
                "more than lessons/v1 allows anywhere; nothing was imported."
            ) from None
        except RecursionError:
            raise UnreadableFile(f"{path}: not valid JSON (nested too deeply).") from None


class _Reader:
    """JSON text read a chunk at a time: the members of the top object, each value parsed
    whole by json's own decoder, or the items of an array one at a time."""

    def __init__(self, handle):
        self.handle = handle
        self.text = ""
        self.at = 0
        self.eof = False
        self.decoder = codecs.getincrementaldecoder("utf-8")()
        self.hash = hashlib.sha256()

    def _more(self):
        if self.eof:
            return False
        data = self.handle.read(CHUNK)
        self.hash.update(data)
        if not data:
            self.eof = True
            self.text = self.text[self.at :] + self.decoder.decode(b"", final=True)
        else:
            self.text = self.text[self.at :] + self.decoder.decode(data)
        self.at = 0
        return True

    def peek(self):
        while True:
            while self.at < len(self.text) and self.text[self.at] in _SPACE:
                self.at += 1
            if self.at < len(self.text):
                return self.text[self.at]
            if not self._more():
                return ""

    def _expect(self, char):
        if self.peek() != char:
            raise ValueError(f"expected {char!r}")
        self.at += 1

    def value(self):
        self.peek()
        while True:
            try:
                value, end = _DECODER.raw_decode(self.text, self.at)
            except ValueError:
                if self._more():
                    continue
                raise
            if end == len(self.text) and self._more():
                continue  # a number may go on in the next chunk
            self.at = end
            return value

    def members(self):
        """The key of each member of the top object; the caller reads its value."""
        self._expect("{")
        if self.peek() == "}":
            self.at += 1
            return
        while True:
            if self.peek() != '"':
                raise ValueError("expected a key")
            key = self.value()
            self._expect(":")
            yield key
            separator = self.peek()
            self.at += 1
            if separator == "}":
                return
            if separator != ",":
                raise ValueError("expected ',' or '}'")

    def array_items(self):
        self._expect("[")
        if self.peek() == "]":
            self.at += 1
            return
        while True:
            yield self.value()
            separator = self.peek()
            self.at += 1
            if separator == "]":
                return
            if separator != ",":
                raise ValueError("expected ',' or ']'")

    def skip_array(self):
        for _ in self.array_items():
            pass

    def end(self):
        if self.peek() != "":
            raise ValueError("extra data")

    def digest(self):
        while self._more():
            pass
        return self.hash.hexdigest()
