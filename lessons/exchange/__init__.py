"""The lessons/v1 exchange format: validate a document, apply it to the site, write it back out.

import_lessons and export_lessons are thin commands over this package:
- format: the format's name and its JSON Schema (a byte copy of the contract's);
- reading: a file read a lesson at a time (FileSource), or a document in memory (Source);
- validation: complete before anything is written (one reading of the lessons, keeping only
  slugs, networks and links); every error is collected with its JSON path, and a document
  with any error changes nothing;
- importer: apply_lesson, the one mapping from a lessons/v1 lesson to the model (used by the
  importer, the demo loader and bench_search), and one import at a time;
- exporter: lesson_to_dict, apply_lesson's inverse.
"""
