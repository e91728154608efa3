"""A fast "is this English?" check, good enough to keep foreign text out of an English coder.

Two signals, both cheap:

* the share of letters outside the Latin script (Arabic, Cyrillic, CJK, ...);
* the share of common English function words among alphabetic tokens, against the
  share of function words of the Western European languages most often confused
  with English in news feeds (French, Spanish, German, Italian, Portuguese, Dutch).

Short texts (under five words) carry too little evidence and are accepted, as are
short headlines with no foreign function words at all ("Government announces new
budget cuts" has no English function words either).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MIN_WORDS = 5
LONG_TEXT_WORDS = 20
MIN_LETTERS_FOR_SCRIPT = 10
MAX_NON_LATIN_SHARE = 0.3
MIN_ENGLISH_SHARE = 0.1
MIN_FOREIGN_SHARE = 0.1
MIN_FOREIGN_WORDS = 2

_ENGLISH = """
a about above after against all also an and any are as at be because been before being
between both but by can could did do does during each for from had has have he her his
how i if in into is it its last more most my no not of on one only or other our out over
said says she should since so some such than that the their them then there these they
this those through to under until up was we were what when where which while who whom
why will with would you your
"""
ENGLISH_WORDS = frozenset(_ENGLISH.split())

# Common words of other languages. Words that are also English ("a", "in", "was") are
# removed below so they count once; words frequent in English news as names or
# prefixes ("al", "non", "per", "van", "met", "com") are left out on purpose.
_FOREIGN = """
le la les des du un une et est sont dans pour par sur au aux qui que ce cette ces il ils
elle elles nous vous leur pas ne se sa ses avec mais ont été était selon
el los las del una y en por con para es su sus lo como pero más fue han ha según entre
der die das den dem des ein eine einer und ist sind nicht mit auf für von zu im sich auch
dass wurde hat bei nach wie oder aus werden
il di e che della dei delle gli sono nel nella è anche ma
o os da dos das em um uma não foi pelo pela ao à
de het een en op te dat voor zijn niet ook
"""
FOREIGN_WORDS = frozenset(_FOREIGN.split()) - ENGLISH_WORDS

_TOKEN = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True, slots=True)
class LanguageEvidence:
    """What :func:`looks_english` decides from: counts of tokens and letters."""

    words: int
    letters: int
    english_words: int
    foreign_words: int
    non_latin_letters: int

    @property
    def english_share(self) -> float:
        """Share of alphabetic tokens that are English function words."""
        return self.english_words / self.words if self.words else 0.0

    @property
    def foreign_share(self) -> float:
        """Share of alphabetic tokens that are other languages' function words."""
        return self.foreign_words / self.words if self.words else 0.0

    @property
    def non_latin_share(self) -> float:
        """Share of letters outside the Latin script."""
        return self.non_latin_letters / self.letters if self.letters else 0.0

    def describe(self) -> str:
        """A short human summary for failure messages."""
        if self.non_latin_share > MAX_NON_LATIN_SHARE:
            return f"{self.non_latin_share:.0%} of letters are not in the Latin script"
        return (f"{self.english_share:.0%} English function words against "
                f"{self.foreign_share:.0%} French/Spanish/German/Italian/Portuguese/Dutch ones")


def _is_latin(char: str) -> bool:
    code = ord(char)
    # Basic Latin through Latin Extended-B, plus Latin Extended Additional.
    return code <= 0x024F or 0x1E00 <= code <= 0x1EFF


def language_evidence(text: str) -> LanguageEvidence:
    """Count what :func:`looks_english` uses (one regex pass, then set look-ups)."""
    tokens = _TOKEN.findall(text)
    lowered = [t.lower() for t in tokens]
    return LanguageEvidence(
        words=len(tokens),
        letters=sum(len(t) for t in tokens),
        english_words=sum(1 for t in lowered if t in ENGLISH_WORDS),
        foreign_words=sum(1 for t in lowered if t in FOREIGN_WORDS),
        non_latin_letters=sum(1 for t in tokens for c in t if not _is_latin(c)),
    )


def judge(evidence: LanguageEvidence) -> bool:
    """The decision rule, separate from measurement so tests can probe it directly."""
    if (evidence.letters >= MIN_LETTERS_FOR_SCRIPT
            and evidence.non_latin_share > MAX_NON_LATIN_SHARE):
        return False
    if evidence.words < MIN_WORDS:
        return True
    # One foreign word is usually a name ("Lula da Silva", "El Salvador"): need two.
    if (evidence.foreign_words >= MIN_FOREIGN_WORDS
            and evidence.foreign_share >= MIN_FOREIGN_SHARE
            and evidence.foreign_words > evidence.english_words):
        return False
    if evidence.words >= LONG_TEXT_WORDS:
        return evidence.english_share >= MIN_ENGLISH_SHARE
    return True


def looks_english(text: str) -> bool:
    """True if ``text`` is plausibly English; texts under five words are accepted.

    Non-Latin script is judged on letters, so a Chinese paragraph (few space-separated
    "words") is still rejected.
    """
    return judge(language_evidence(text))
