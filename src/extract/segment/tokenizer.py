"""Segmentation: spaCy's Chinese language with the jieba segmenter.

jieba and spaCy share jieba's global dictionary, so the project's user
dictionary (data/userdict.txt) fixes both.
"""

from __future__ import annotations

import logging
from functools import cache

import jieba
import spacy
from spacy.language import Language

from extract.data import data_path


@cache
def load_user_dictionary() -> None:
    jieba.setLogLevel(logging.WARNING)
    with data_path("userdict.txt").open("r", encoding="utf-8") as handle:
        for line in handle:
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            word, *rest = line.split()
            freq = int(rest[0]) if rest else None
            tag = rest[1] if len(rest) > 1 else None
            jieba.add_word(word, freq, tag)
    jieba.initialize()


def blank_chinese() -> Language:
    """A blank zh pipeline whose tokenizer is jieba with the project dictionary."""
    load_user_dictionary()
    return spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
