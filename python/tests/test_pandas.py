"""The pandas recipe of the README: a column of spans, and one row per span."""

import pytest

pd = pytest.importorskip("pandas", reason="pandas is not installed: pip install pandas")

import nkner  # noqa: E402


def test_spans_column_and_one_row_per_span():
    df = pd.DataFrame(
        {
            "id": ["a", "b", "c"],
            "text": [
                "The MSS detained traders in Hyesan.",
                "Nothing to see here.",
                "보위부는 혜산시에서 밀수꾼들을 체포했다.",
            ],
        }
    )
    extractor = nkner.Extractor()
    df["spans"] = list(extractor.pipe(df.text))
    assert [len(s) for s in df.spans] == [2, 0, 2]
    assert df.spans[0] == extractor.extract(df.text[0])

    rows = pd.DataFrame(
        [{"id": doc_id, **span.to_dict()} for doc_id, spans in zip(df.id, df.spans) for span in spans]
    )
    assert list(rows.id) == ["a", "a", "c", "c"]
    assert list(rows.label) == ["AGENCY", "CITY", "AGENCY", "CITY"]
    assert all(t[s:e] == x for t, s, e, x in zip(df.set_index("id").text[rows.id], rows.start, rows.end, rows.text))
