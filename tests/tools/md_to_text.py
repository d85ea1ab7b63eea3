#!/usr/bin/env python3
"""The reference Markdown-to-text step (score.py's markdown_to_text), as a filter.

  md_to_text.py < IN.jsonl > OUT.jsonl

IN lines: {"id": ..., "markdown": ...}; OUT lines: {"id": ..., "text": ...}, in order.
Used by tests/markdown_text.rs to check that the Markdown says what the article text says.
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from score import markdown_to_text  # noqa: E402

for line in sys.stdin:
    rec = json.loads(line)
    print(json.dumps({"id": rec["id"], "text": markdown_to_text(rec["markdown"])}, ensure_ascii=False))
