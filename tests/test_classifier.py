"""The event classifier: featurizer, a small trained model, persistence, errors.

The model is trained once per session on a small slice of generated data; the
checks use sentences written for this file, in wordings the templates do not use.
"""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc, Token

from eventwire.coding.classifier import CATEGORIES, EventClassifier, featurize
from eventwire.errors import ModelError
from eventwire.nlp.spacy_model import load_model
from eventwire.training.generate import generate, load_groups, load_slots
from eventwire.training.train import featurize_examples, fit

# (sentence, trigger word, expected category)
FRESH = [
    ("Rebel fighters shelled the outskirts of the provincial capital late Tuesday.",
     "shelled", "ASSAULT"),
    ("The prime minister threatened to retaliate against any incursion.",
     "threatened", "THREATEN"),
    ("Lawmakers from the ruling coalition condemned the bombing of the market.",
     "condemned", "ACCUSE"),
    ("The two governments signed a border treaty after months of wrangling.",
     "signed", "SUPPORT"),
    ("Authorities detained the editor of an independent weekly.", "detained", "COERCE"),
    ("Thousands of nurses marched to the health ministry demanding better pay.",
     "marched", "PROTEST"),
    ("The ministry freed forty political detainees ahead of the holiday.", "freed", "RETREAT"),
    ("Brussels slapped fresh sanctions on the regime's oil exports.", "sanctions", "SANCTION"),
    ("The envoy urged both parties to resume negotiations without preconditions.",
     "urged", "REQUEST"),
    ("Moscow rejected the proposal as unacceptable.", "rejected", "REJECT"),
    ("The defence ministry deployed additional tanks to the frontier.", "deployed", "MOBILIZE"),
    ("The foreign minister met his Egyptian counterpart in Cairo to discuss the crisis.",
     "met", "CONSULT"),
    ("Japan shipped tonnes of rice to the flood-hit provinces.", "shipped", "AID"),
    ("The government lifted the nationwide curfew after the elections.", "lifted", "CONCEDE"),
    ("The two navies held joint drills in the strait.", "drills", "COOPERATE"),
    ("The opposition agreed to join a unity government.", "agreed", "AGREE"),
    ("The court accused the former president of embezzling public funds.", "accused", "ACCUSE"),
    ("The militia abducted a dozen schoolchildren from a boarding school.",
     "abducted", "ASSAULT"),
    ("The finance minister resigned following the corruption scandal.", "resigned", "RETREAT"),
    ("The president praised the mediators for their efforts.", "praised", "SUPPORT"),
    ("The army denied that its soldiers had fired on the crowd.", "denied", "REJECT"),
    ("Militants threatened to attack polling stations.", "attack", "THREATEN"),
]

# Classifier-only (trigger=None) sentences, the main clause carries the event.
FRESH_NO_TRIGGER = [
    ("A spokesman said the air force bombed rebel hideouts near the lake.", "ASSAULT"),
    ("Riot police arrested dozens of students outside the university.", "COERCE"),
    ("The union called for the immediate release of the detained organisers.", "REQUEST"),
    ("The rebels vowed to avenge the death of their leader.", "THREATEN"),
    ("Washington imposed sanctions on three shipping firms.", "SANCTION"),
]


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_model()


@pytest.fixture(scope="session")
def model(nlp: Language) -> EventClassifier:
    examples = generate(4000, seed=7)
    return fit(featurize_examples(examples, nlp))


def _trigger(doc: Doc, word: str) -> Token:
    for tok in doc:
        if tok.text == word:
            return tok
    raise AssertionError(f"{word!r} not in {doc.text!r}")


def test_fresh_sentences_get_the_right_category(model: EventClassifier, nlp: Language) -> None:
    wrong = []
    for text, word, expected in FRESH:
        doc = nlp(text)
        tok = _trigger(doc, word)
        (top, _), = model.top([featurize(tok.sent, tok)])
        if top != expected:
            wrong.append((text, expected, top))
    assert len(FRESH) - len(wrong) >= 18, wrong


def test_classifier_only_reads_the_main_clause(model: EventClassifier, nlp: Language) -> None:
    hits = 0
    for text, expected in FRESH_NO_TRIGGER:
        doc = nlp(text)
        feats = featurize(next(iter(doc.sents)), None)
        assert feats["notrigger"] == 1.0
        (top, _), = model.top([feats])
        hits += top == expected
    assert hits >= 4


def test_featurize_without_trigger_looks_through_speech_verbs(nlp: Language) -> None:
    doc = nlp("Officials said the army shelled the town on Monday.")
    feats = featurize(doc[:], None)
    assert feats["l=shell"] == 1.0
    assert feats["speech=say"] == 1.0
    assert feats["dobj=town"] == 1.0
    assert all(isinstance(v, float) for v in feats.values())


def test_featurize_reads_governor_and_modality(nlp: Language) -> None:
    doc = nlp("The government would not agree to withdraw its troops.")
    feats = featurize(doc[:], _trigger(doc, "withdraw"))
    assert feats["h1=agree"] == 1.0
    assert feats["h_neg"] == 1.0
    assert feats["cue=agree"] == 1.0


def test_predict_proba_is_a_distribution(model: EventClassifier, nlp: Language) -> None:
    doc = nlp("The army shelled the town.")
    probs = model.predict_proba([featurize(doc[:], doc[2]), featurize(doc[:], None)])
    assert len(probs) == 2
    for p in probs:
        assert set(p) == set(CATEGORIES)
        assert abs(sum(p.values()) - 1.0) < 1e-6
    assert model.categories == CATEGORIES


def test_predict_mode_uses_the_manuals_mode_names(model: EventClassifier,
                                                  nlp: Language) -> None:
    doc = nlp("Police detained five journalists in the capital.")
    tok = _trigger(doc, "detained")
    doc2 = nlp("Dockworkers went on strike over unpaid wages.")
    tok2 = _trigger(doc2, "strike")
    feats = [featurize(tok.sent, tok), featurize(tok2.sent, tok2), featurize(tok.sent, tok)]
    modes = model.predict_mode(feats, ["COERCE", "PROTEST", "AGREE"])
    assert modes == ["arrest", "strike", None]
    with pytest.raises(ValueError):
        model.predict_mode(feats, ["COERCE"])


def test_pickle_round_trip(model: EventClassifier, nlp: Language, tmp_path: Path) -> None:
    doc = nlp("Demonstrators blocked the main highway into the city.")
    feats = [featurize(doc[:], _trigger(doc, "blocked"))]
    clone = pickle.loads(pickle.dumps(model))
    assert clone.predict_proba(feats) == model.predict_proba(feats)
    path = tmp_path / "sub" / "classifier.pkl"
    model.save(path)
    loaded = EventClassifier.load(path)
    assert loaded.predict_proba(feats) == model.predict_proba(feats)
    assert loaded.predict_mode(feats, ["PROTEST"]) == model.predict_mode(feats, ["PROTEST"])


def test_missing_model_raises_e031(tmp_path: Path) -> None:
    with pytest.raises(ModelError) as info:
        EventClassifier.load(tmp_path / "nope.pkl")
    assert info.value.code == "E031"
    assert "make train" in str(info.value)


def test_unreadable_model_raises_e031(tmp_path: Path) -> None:
    bad = tmp_path / "bad.pkl"
    bad.write_bytes(b"not a pickle")
    with pytest.raises(ModelError) as info:
        EventClassifier.load(bad)
    assert info.value.code == "E031"
    other = tmp_path / "other.pkl"
    other.write_bytes(pickle.dumps({"a": 1}))
    with pytest.raises(ModelError):
        EventClassifier.load(other)


def test_generation_is_deterministic_and_offsets_hit_the_trigger(nlp: Language) -> None:
    first = generate(300, seed=3)
    assert first == generate(300, seed=3)
    assert first != generate(300, seed=4)
    assert {e.category for e in first} == set(CATEGORIES)
    for example in first:
        assert example.trigger and " " not in example.trigger
        assert "*" not in example.text and "~" not in example.text and "{" not in example.text
    rows = featurize_examples(first[:50], nlp)
    assert len([r for r in rows if r.with_trigger]) == 50


def test_template_modes_are_the_manuals() -> None:
    plover = json.loads((Path(__file__).parents[1] / "src" / "eventwire" / "data"
                         / "plover.json").read_text())["categories"]
    for group in load_groups():
        assert group.category in plover
        if group.mode is not None:
            assert group.mode in plover[group.category]["modes"], group
    assert load_slots()["frames"]
