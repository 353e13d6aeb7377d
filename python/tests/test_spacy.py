"""The spaCy component, on English and Korean text, with spaCy's blank pipelines (no model download)."""

import pytest

spacy = pytest.importorskip("spacy", reason="spaCy is not installed: pip install spacy")

import nkner  # noqa: E402

README_SENTENCE = (
    "Agents of the Ministry of State Security (MSS) arrested smugglers in "
    "Hyesan, Ryanggang Province, and in Pochon and Samsu counties."
)
KOREAN = "보위부는 량강도 혜산시에서 밀수꾼들을 체포했다. 평양에서도 회의가 열렸다."
HEADER = "id\tlabel\tkind\tname\tparent\tforms\thangul\tformer\tlat\tlon\tverified\tsources\tnote\n"


def blank_korean():
    # spaCy's Korean tokenizer needs mecab-ko; the rule-based tokenizer needs nothing.
    return spacy.blank("ko", config={"nlp": {"tokenizer": {"@tokenizers": "spacy.Tokenizer.v1"}}})


def test_add_pipe_through_the_entry_point_tags_the_readme_sentence_as_the_library_does():
    nlp = spacy.blank("en")
    nlp.add_pipe("nkner")
    doc = nlp(README_SENTENCE)
    expected = nkner.extract(README_SENTENCE)
    assert [(e.start_char, e.end_char, e.label_, e.kb_id_) for e in doc.ents] == [
        (s.start, s.end, s.label, s.kb_id or "") for s in expected
    ]
    pochon = doc.ents[4]
    assert pochon.text == "Pochon"
    assert pochon._.parent_id == "kp-ryanggang"
    assert pochon._.province_id == "kp-ryanggang"
    assert pochon._.ambiguous is expected[4].ambiguous
    assert pochon._.source == {"kind": "gazetteer", "form": "Pochon"}
    assert doc._.nkner_unaligned == []


def test_korean_with_expand_and_strict_alignment():
    nlp = blank_korean()
    nlp.add_pipe("nkner")
    doc = nlp(KOREAN)
    found = nkner.extract(KOREAN)
    assert [s.to_dict() for s in found] == doc._.nkner_spans
    # "expand" widens each span to whole tokens: the particles come along.
    texts = [e.text for e in doc.ents]
    assert "혜산시에서" in texts and "평양에서도" in texts
    assert all(e.kb_id_ for e in doc.ents)

    strict = blank_korean()
    strict.add_pipe("nkner", config={"alignment_mode": "strict"})
    doc = strict(KOREAN)
    assert "량강도" in [e.text for e in doc.ents]
    assert "혜산시" in [s["text"] for s in doc._.nkner_unaligned]
    assert len(doc.ents) + len(doc._.nkner_unaligned) == len(found)


def test_span_group_mode_keeps_existing_entities():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "ORG", "pattern": "Daily NK"}])
    nlp.add_pipe("nkner", config={"spans_key": "nkner"})
    doc = nlp("A source in Hyesan told Daily NK.")
    assert [(e.text, e.label_) for e in doc.ents] == [("Daily NK", "ORG")]
    assert [(s.text, s.label_, s.kb_id_) for s in doc.spans["nkner"]] == [
        ("Hyesan", "CITY", "kp-ryanggang-hyesan")
    ]
    assert doc.spans["nkner"][0]._.province_id == "kp-ryanggang"


def test_existing_entities_win_unless_overwrite():
    text = "Smugglers in Hyesan were caught."
    for overwrite, label in ((False, "GPE"), (True, "CITY")):
        nlp = spacy.blank("en")
        nlp.add_pipe("entity_ruler").add_patterns([{"label": "GPE", "pattern": "Hyesan"}])
        nlp.add_pipe("nkner", config={"overwrite_ents": overwrite})
        assert [(e.text, e.label_) for e in nlp(text).ents] == [("Hyesan", label)]


def test_nlp_pipe_equals_one_by_one():
    nlp = spacy.blank("en")
    nlp.add_pipe("nkner", config={"threads": 2, "batch_size": 3})
    texts = [README_SENTENCE, "Nothing here.", "The KPA moved troops to Sinuiju."] * 20
    piped = [[(e.start, e.end, e.label_, e.kb_id_) for e in d.ents] for d in nlp.pipe(texts, n_process=1)]
    single = [[(e.start, e.end, e.label_, e.kb_id_) for e in nlp(t).ents] for t in texts]
    assert piped == single
    assert sum(map(len, piped)) == 20 * 8


def test_labels_and_bad_config():
    nlp = spacy.blank("en")
    nlp.add_pipe("nkner", config={"labels": ["AGENCY"]})
    assert {e.label_ for e in nlp(README_SENTENCE).ents} == {"AGENCY"}
    with pytest.raises(ValueError, match="alignment_mode"):
        spacy.blank("en").add_pipe("nkner", config={"alignment_mode": "loose"})
    with pytest.raises(nkner.Error, match="unknown label"):
        spacy.blank("en").add_pipe("nkner", config={"labels": ["TOWN"]})


def test_to_disk_and_load_with_a_user_gazetteer(tmp_path):
    gazetteer = tmp_path / "mine.tsv"
    gazetteer.write_text(HEADER + "test-1\tCITY\tcity\tZyxwopolis\t\t\t\t\t\t\tyes\t\t\n", encoding="utf-8")
    nlp = spacy.blank("en")
    nlp.add_pipe("nkner", config={"gazetteers": [str(gazetteer)], "spans_key": "places"})
    text = "Traders from Zyxwopolis and Hyesan met."
    doc = nlp(text)
    before = [(s.text, s.kb_id_) for s in doc.spans["places"]]
    assert before == [("Zyxwopolis", "test-1"), ("Hyesan", "kp-ryanggang-hyesan")]
    nlp.to_disk(tmp_path / "pipeline")
    gazetteer.unlink()  # the saved pipeline carries its own copy
    loaded = spacy.load(tmp_path / "pipeline")
    assert loaded.pipe_names == ["nkner"]
    doc = loaded(text)
    assert [(s.text, s.kb_id_) for s in doc.spans["places"]] == before


def test_docs_with_extensions_serialize():
    from spacy.tokens import DocBin

    nlp = spacy.blank("en")
    nlp.add_pipe("nkner")
    doc = nlp(README_SENTENCE)
    data = DocBin(docs=[doc], store_user_data=True).to_bytes()
    back = list(DocBin(store_user_data=True).from_bytes(data).get_docs(nlp.vocab))[0]
    assert [(e.text, e.kb_id_, e._.province_id) for e in back.ents] == [
        (e.text, e.kb_id_, e._.province_id) for e in doc.ents
    ]
    assert list(back._.nkner_spans) == doc._.nkner_spans  # msgpack gives a tuple


def test_nlp_pipe_with_two_processes():
    nlp = spacy.blank("en")
    nlp.add_pipe("nkner")
    texts = [README_SENTENCE, "The KPA moved troops to Sinuiju."] * 4
    two = [[(e.text, e.kb_id_, e._.province_id) for e in d.ents] for d in nlp.pipe(texts, n_process=2)]
    one = [[(e.text, e.kb_id_, e._.province_id) for e in nlp(t).ents] for t in texts]
    assert two == one
