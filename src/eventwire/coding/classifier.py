"""The statistical half of the hybrid coder: category and mode of one candidate.

A candidate is a sentence plus, when the rule stage found one, a trigger token.
:func:`featurize` turns it into a sparse ``{feature: value}`` dict built only from
attribute look-ups on the parse (the trigger, its dependents, its governors, the
modal and negation cues around it, a small window and a low-weight bag of the
sentence's content lemmas). :class:`EventClassifier` holds two linear models (one
over the 16 PLOVER categories, one over ``CATEGORY:mode`` labels) as plain numpy
arrays, so prediction is a few array look-ups per candidate and the object pickles
small. It is trained by :mod:`eventwire.training.train` on generated sentences.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import numpy as np
from spacy.tokens import Span, Token

from ..errors import ModelError

CATEGORIES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
DEFAULT_PATH = Path(__file__).resolve().parent.parent / "models" / "classifier.pkl"
FORMAT_VERSION = 1

# Verbs that only report another event: with no trigger, code their complement.
SPEECH_VERBS = frozenset({"say", "tell", "announce", "report", "state", "add", "note",
                          "confirm", "quote", "write", "tweet", "declare"})
# Dependents read by relation; the values are the feature prefixes.
CHILD_DEPS = frozenset({"dobj", "prt", "xcomp", "ccomp", "dative", "attr", "acomp", "oprd",
                        "nsubj", "nsubjpass", "advmod", "mark", "compound", "amod", "poss"})
# Lemmas that change what the embedded event means (threatened to attack, denied...).
CUE_LEMMAS = frozenset({"will", "would", "could", "might", "may", "must", "should", "can",
                        "threaten", "vow", "warn", "deny", "refuse", "reject", "agree",
                        "promise", "pledge", "offer", "call", "urge", "demand", "ask",
                        "accuse", "condemn", "blame", "investigate", "not", "never", "if",
                        "plan", "expect", "decline", "fail", "allege", "criticize",
                        "criticise", "announce", "say", "want", "seek", "try"})
CONTENT_POS = frozenset({"NOUN", "VERB", "ADJ"})
WINDOW = 2
BAG_WEIGHT = 0.2
GOVERNOR_DEPTH = 3
NO_MODE = ""  # mode label of templates that name a category but no mode


def _focus(sent: Span, trigger: Token | None, feats: dict[str, float]) -> Token:
    """The token the features centre on: the trigger, else the main-clause verb."""
    if trigger is not None:
        return trigger
    feats["notrigger"] = 1.0
    root = sent.root
    if root.lemma_ in SPEECH_VERBS:
        for child in root.children:
            if child.dep_ in {"ccomp", "parataxis"} and child.pos_ in {"VERB", "AUX"}:
                feats["speech=" + root.lemma_] = 1.0
                return child
    return root


def featurize(sent: Span, trigger: Token | None) -> dict[str, float]:
    """Sparse features of a candidate (the sentence and its trigger token).

    Reads the trigger's lemma, POS, tag and relation; its dependents by relation
    (objects, particles, prepositions with their objects, xcomp/ccomp, negation,
    auxiliaries, subjects); up to three governing words (for nouns under light verbs
    and verbs under ``threaten``/``agree``/``deny``...) with their modals and
    negation; the lemmas in a two-token window; and a low-weight bag of the
    sentence's content lemmas. With ``trigger=None`` the sentence root is used, or
    the complement of a root speech verb (``officials said the army shelled...``).
    """
    feats: dict[str, float] = {"bias": 1.0}
    tok = _focus(sent, trigger, feats)
    lemma = tok.lemma_.lower()
    feats["l=" + lemma] = 1.0
    feats["p=" + tok.pos_] = 1.0
    feats["t=" + tok.tag_] = 1.0
    feats["d=" + tok.dep_] = 1.0
    _children(tok, lemma, "", feats)
    _governors(tok, feats)
    _window(sent, tok, feats)
    for other in sent:
        if other.pos_ in CONTENT_POS and not other.is_stop:
            key = "s=" + other.lemma_.lower()
            feats[key] = feats.get(key, 0.0) + BAG_WEIGHT
    return feats


def _children(tok: Token, lemma: str, prefix: str, feats: dict[str, float]) -> None:
    """Dependents of ``tok`` by relation; ``prefix`` marks a governor's dependents."""
    for child in tok.children:
        dep = child.dep_
        clem = child.lemma_.lower()
        if dep == "prep" or dep == "agent":
            feats[f"{prefix}prep={clem}"] = 1.0
            for grand in child.children:
                if grand.dep_ in {"pobj", "pcomp"}:
                    feats[f"{prefix}prep_{clem}={grand.lemma_.lower()}"] = 1.0
        elif dep == "neg":
            feats[prefix + "neg"] = 1.0
        elif dep in {"aux", "auxpass"}:
            feats[f"{prefix}{dep}={child.lower_}"] = 1.0
        elif dep in CHILD_DEPS:
            feats[f"{prefix}{dep}={clem}"] = 1.0
            if not prefix and dep in {"dobj", "prt", "xcomp"}:
                feats[f"lc={lemma}|{clem}"] = 1.0
            if not prefix and dep in {"xcomp", "ccomp", "dobj"}:
                for grand in child.children:
                    if grand.dep_ in {"dobj", "prt", "neg", "aux"}:
                        feats[f"{dep}_{grand.dep_}={grand.lemma_.lower()}"] = 1.0


def _governors(tok: Token, feats: dict[str, float]) -> None:
    """Governing words up the tree, and modality/negation cues on each."""
    node = tok
    for depth in range(1, GOVERNOR_DEPTH + 1):
        head = node.head
        if head.i == node.i:
            break
        hlem = head.lemma_.lower()
        feats[f"h{depth}={hlem}"] = 1.0
        feats[f"h{depth}d={node.dep_}|{hlem}"] = 1.0
        if hlem in CUE_LEMMAS:
            feats["cue=" + hlem] = 1.0
        if depth == 1:
            _children(head, hlem, "h_", feats)
        node = head
    for child in tok.children:
        cued = child.lower_ in CUE_LEMMAS or child.lemma_ in CUE_LEMMAS
        if cued and child.dep_ in {"aux", "neg", "mark"}:
            feats["cue=" + child.lemma_.lower()] = 1.0


def _window(sent: Span, tok: Token, feats: dict[str, float]) -> None:
    start = max(sent.start, tok.i - WINDOW)
    end = min(sent.end, tok.i + WINDOW + 1)
    doc = tok.doc
    for i in range(start, end):
        if i != tok.i:
            feats[f"w{i - tok.i:+d}={doc[i].lemma_.lower()}"] = 1.0


class EventClassifier:
    """Two linear models: categories and ``CATEGORY:mode`` labels.

    Weights are dense ``(n_features, n_labels)`` arrays indexed through a shared
    vocabulary; unknown features are ignored. Build one with :meth:`from_weights`
    (as :mod:`eventwire.training.train` does) or :meth:`load`.
    """

    categories: tuple[str, ...]

    def __init__(self, vocabulary: Mapping[str, int], categories: Sequence[str],
                 weights: np.ndarray, bias: np.ndarray, mode_labels: Sequence[str],
                 mode_weights: np.ndarray, mode_bias: np.ndarray,
                 info: Mapping[str, object] | None = None) -> None:
        self.vocabulary = dict(vocabulary)
        self.categories = tuple(categories)
        self.weights = np.asarray(weights, dtype=np.float32)
        self.bias = np.asarray(bias, dtype=np.float32)
        self.mode_labels = tuple(mode_labels)
        self.mode_weights = np.asarray(mode_weights, dtype=np.float32)
        self.mode_bias = np.asarray(mode_bias, dtype=np.float32)
        self.info = dict(info or {})
        self._mode_index = _index_modes(self.mode_labels)

    def __getstate__(self) -> dict[str, object]:
        state = dict(self.__dict__)
        state.pop("_mode_index", None)
        state["format_version"] = FORMAT_VERSION
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        state.pop("format_version", None)
        self.__dict__.update(state)
        self._mode_index = _index_modes(self.mode_labels)

    @classmethod
    def load(cls, path: str | Path | None = None) -> EventClassifier:
        """Read a pickled classifier (default: the package's ``models/classifier.pkl``)."""
        target = Path(path) if path is not None else DEFAULT_PATH
        if not target.is_file():
            raise ModelError(f"event classifier model not found at {target}; "
                             "run `make train` to build it", code="E031")
        try:
            with target.open("rb") as handle:
                model = pickle.load(handle)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError,
                TypeError, ValueError) as exc:
            raise ModelError(f"event classifier model at {target} is unreadable "
                             f"({type(exc).__name__}: {exc}); run `make train` to rebuild it",
                             code="E031") from exc
        if not isinstance(model, cls):
            raise ModelError(f"{target} does not hold an EventClassifier; "
                             "run `make train` to rebuild it", code="E031")
        return model

    def save(self, path: str | Path) -> None:
        """Pickle the classifier to ``path``, creating its directory."""
        target = Path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("wb") as handle:
            pickle.dump(self, handle, protocol=pickle.HIGHEST_PROTOCOL)

    def _scores(self, feats: Mapping[str, float], weights: np.ndarray,
                bias: np.ndarray) -> np.ndarray:
        vocab = self.vocabulary
        idx = [vocab[k] for k in feats if k in vocab]
        scores = bias.astype(np.float64)
        if idx:
            vals = np.fromiter((feats[k] for k in feats if k in vocab), dtype=np.float32,
                               count=len(idx))
            scores = scores + vals @ weights[idx]
        return scores

    def predict_proba(self, features: list[dict[str, float]]) -> list[dict[str, float]]:
        """Category -> probability for each candidate's features."""
        out = []
        for feats in features:
            probs = _softmax(self._scores(feats, self.weights, self.bias))
            out.append({cat: float(p) for cat, p in zip(self.categories, probs, strict=True)})
        return out

    def predict_mode(self, features: list[dict[str, float]],
                     categories: list[str]) -> list[str | None]:
        """The most likely mode of each candidate given its category, or None.

        None when the category has no modes or the model prefers "no mode".
        """
        if len(features) != len(categories):
            raise ValueError("predict_mode needs one category per feature dict")
        out: list[str | None] = []
        for feats, category in zip(features, categories, strict=True):
            columns = self._mode_index.get(category)
            if not columns:
                out.append(None)
                continue
            scores = self._scores(feats, self.mode_weights, self.mode_bias)
            best = max(columns, key=lambda c: scores[c])
            mode = self.mode_labels[best].split(":", 1)[1]
            out.append(mode or None)
        return out

    def top(self, features: Iterable[dict[str, float]]) -> list[tuple[str, float]]:
        """Best category and its probability for each candidate."""
        result = []
        for probs in self.predict_proba(list(features)):
            best = max(probs, key=lambda k: probs[k])
            result.append((best, probs[best]))
        return result


def _index_modes(labels: Sequence[str]) -> dict[str, list[int]]:
    index: dict[str, list[int]] = {}
    for i, label in enumerate(labels):
        index.setdefault(label.split(":", 1)[0], []).append(i)
    return index


def _softmax(scores: np.ndarray) -> np.ndarray:
    shifted = np.exp(scores - scores.max())
    result: np.ndarray = shifted / shifted.sum()
    return result


__all__ = ["CATEGORIES", "DEFAULT_PATH", "EventClassifier", "featurize"]
