"""Spanish names and their forms: plurals, and the same letters without accents.

Readers write a Spanish name with or without its accents ("información" or "informacion", on a
phone or an English keyboard) and in the plural ("conjuntos limitados de datos"). The linker and
the search compare names with accents folded away, so a form only has to get the letters right.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# Where the noun phrase a plural changes ends: "acuerdo de uso de datos" -> "acuerdos de uso de datos".
_PREPOSITIONS = frozenset({"a", "al", "bajo", "con", "contra", "de", "del", "en", "entre", "para", "por",
                           "según", "segun", "sin", "sobre"})
_VOWELS = "aeiouáéíóú"
_STRESSED = "áéíóú"


@lru_cache(maxsize=1)
def _folding_table() -> dict[int, str]:
    """Each precomposed Latin letter with a mark -> its base letter ("é" -> "e", "Ñ" -> "N")."""
    table = {}
    for code in range(0xC0, 0x250):
        base = unicodedata.normalize("NFD", chr(code))
        if len(base) > 1 and base[0].isascii() and base[0].isalpha():
            table[code] = base[0]
    return table


def fold_accents(text: str) -> str:
    """`text` without accents, letter for letter: the result has the same length, so a place found
    in it is the same place in `text`."""
    return text.translate(_folding_table())


def spanish_name_forms(name: str) -> list[str]:
    """The name and its plural: each word before the first preposition takes the plural ending
    ("sistema integrado de datos" -> "sistemas integrados de datos"). Abbreviations in capitals
    take an "s" as in English ("IRBs"), which Spanish texts also write."""
    if name.isupper() and name.isalpha():
        return [name, name + "s"]
    words = name.split()
    plural = []
    for index, word in enumerate(words):
        if word.lower() in _PREPOSITIONS and index:
            plural += words[index:]
            break
        plural.append(_plural(word))
    forms = [name]
    joined = " ".join(plural)
    if joined != " ".join(words):
        forms.append(joined)
    return forms


def _plural(word: str) -> str:
    """The plural of one Spanish word, by its ending (the rules of the Real Academia's grammar that
    do not need to know where the stress falls, or that accent folding makes moot)."""
    lower = word.lower()
    if not lower[-1:].isalpha() or word.isupper():
        return word
    last = lower[-1]
    before = lower[-2] if len(lower) > 1 else ""  # the letter before the last
    if last in "aeoáéó" or (last in "iu" and len(lower) > 1):
        return word + "s"
    if last in "íú":
        return word + "es"
    if last == "z":
        return word[:-1] + "ces"
    if last in "sx":
        # "datos", "análisis" stay as they are; a stressed last syllable takes -es ("país", "inglés").
        return fold_accents(word) + "es" if before and before in _STRESSED else word
    if last in _VOWELS:
        return word + "s"
    # A consonant: -es; a written accent on the last syllable goes ("información" -> "informaciones").
    if before and before in _STRESSED:
        return word[:-2] + fold_accents(word[-2]) + word[-1] + "es"
    return word + "es"
