//! GeoJSON of the places a corpus mentions, and the tally of mentions it is made from.
//!
//! `nkner annotate --format geojson` writes one FeatureCollection (RFC 7946) for the whole input: a
//! Point feature per mentioned place with coordinates, properties `id`, `name`, `label`, `province`,
//! `count` (mentions) and `documents` (the ids of the documents that mention it, in input order), for
//! QGIS, kepler.gl or a notebook. A place the gazetteer has no coordinates for has no feature. The
//! tally is also what `nkner render` summarises.

use std::io::Write;

use indexmap::IndexMap;
use nkner::Extractor;
use serde_json::{json, Value};

/// Mentions of linked entries over a corpus, in order of first mention.
#[derive(Debug, Default)]
pub struct Tally {
    /// By gazetteer id.
    pub entries: IndexMap<String, Mentioned>,
    /// Documents seen, error records included.
    pub documents: u64,
    /// Error records seen.
    pub errors: u64,
    /// Spans per label, linked or not.
    pub labels: IndexMap<String, u64>,
    /// Spans without a gazetteer id, by label and text.
    pub unlinked: IndexMap<(String, String), u64>,
    documents_kept: Option<usize>,
}

/// One mentioned entry.
#[derive(Debug)]
pub struct Mentioned {
    /// Its label, as the spans give it.
    pub label: String,
    /// Canonical name.
    pub name: String,
    /// The province or provincial-level city it lies in.
    pub province: Option<String>,
    /// Latitude and longitude, where known.
    pub point: Option<(f64, f64)>,
    /// Spans that name it.
    pub count: u64,
    /// Documents that mention it: their number in the input and their id, at most the tally's limit.
    pub documents: Vec<(u64, Value)>,
    /// Documents that mention it, all counted.
    pub document_count: u64,
}

impl Tally {
    /// A tally that keeps at most `documents_kept` document ids per entry (`None`: all of them).
    pub fn new(documents_kept: Option<usize>) -> Tally {
        Tally {
            documents_kept,
            ..Tally::default()
        }
    }

    /// Counts one record (annotated, or an error record). Details missing from a span (an older
    /// output without `lat`) are taken from the extractor's gazetteers.
    pub fn add(&mut self, record: &Value, extractor: &Extractor) {
        let number = self.documents;
        self.documents += 1;
        if record.get("error").is_some() {
            self.errors += 1;
        }
        let id = record.get("id").cloned().unwrap_or(Value::Null);
        let Some(spans) = record.get("spans").and_then(Value::as_array) else {
            return;
        };
        for span in spans {
            let text = |key: &str| span.get(key).and_then(Value::as_str);
            let label = text("label").unwrap_or("").to_string();
            *self.labels.entry(label.clone()).or_default() += 1;
            let Some(kb_id) = text("kb_id") else {
                let surface = text("text").unwrap_or("").to_string();
                *self.unlinked.entry((label, surface)).or_default() += 1;
                continue;
            };
            let entity = extractor.entity(kb_id);
            let entry = self
                .entries
                .entry(kb_id.to_string())
                .or_insert_with(|| Mentioned {
                    name: text("name")
                        .map(str::to_string)
                        .or_else(|| entity.map(|e| e.name.clone()))
                        .unwrap_or_else(|| kb_id.to_string()),
                    province: text("province_id")
                        .map(str::to_string)
                        .or_else(|| entity.and_then(|e| e.province.clone())),
                    point: coordinates(span).or_else(|| entity.and_then(|e| e.lat.zip(e.lon))),
                    label,
                    count: 0,
                    documents: Vec::new(),
                    document_count: 0,
                });
            entry.count += 1;
            if entry.documents.last().map(|d| d.0) != Some(number) {
                entry.document_count += 1;
                if self
                    .documents_kept
                    .is_none_or(|n| entry.documents.len() < n)
                {
                    entry.documents.push((number, id.clone()));
                }
            }
        }
    }

    /// The FeatureCollection of the mentioned places with coordinates.
    pub fn feature_collection(&self) -> Value {
        let features: Vec<Value> = self
            .entries
            .iter()
            .filter(|(_, m)| is_place(&m.label))
            .filter_map(|(id, m)| {
                let (lat, lon) = m.point?;
                Some(json!({
                    "type": "Feature",
                    "geometry": {"type": "Point", "coordinates": [lon, lat]},
                    "properties": {
                        "id": id,
                        "name": m.name,
                        "label": m.label,
                        "province": m.province,
                        "count": m.count,
                        "documents": m.documents.iter().map(|(_, id)| id).collect::<Vec<_>>(),
                    },
                }))
            })
            .collect();
        json!({"type": "FeatureCollection", "features": features})
    }
}

/// Whether a label names a place.
pub fn is_place(label: &str) -> bool {
    label
        .parse::<nkner::Label>()
        .is_ok_and(nkner::Label::is_place)
}

fn coordinates(span: &Value) -> Option<(f64, f64)> {
    Some((span.get("lat")?.as_f64()?, span.get("lon")?.as_f64()?))
}

/// Writes the FeatureCollection, one feature per line so that a large one can still be read by eye.
///
/// # Errors
///
/// The output cannot be written.
pub fn write(tally: &Tally, out: &mut dyn Write) -> std::io::Result<()> {
    let collection = tally.feature_collection();
    let features = collection["features"]
        .as_array()
        .map_or(&[][..], Vec::as_slice);
    out.write_all(b"{\"type\":\"FeatureCollection\",\"features\":[")?;
    for (i, feature) in features.iter().enumerate() {
        out.write_all(if i == 0 { b"\n" } else { b",\n" })?;
        serde_json::to_writer(&mut *out, feature)?;
    }
    out.write_all(b"\n]}\n")?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_are_counted_per_document_and_drawn_as_points() {
        let extractor = nkner::default_extractor();
        let mut tally = Tally::new(Some(1));
        for (id, text) in [
            ("a", "Traders in Hyesan and Hyesan again; the MSS watched."),
            ("b", "Hyesan, Ryanggang Province."),
        ] {
            let spans = serde_json::to_value(extractor.extract(text)).unwrap();
            tally.add(&json!({"id": id, "spans": spans}), extractor);
        }
        tally.add(&json!({"id": "c", "error": "bad", "spans": []}), extractor);
        assert_eq!((tally.documents, tally.errors), (3, 1));
        let hyesan = &tally.entries["kp-ryanggang-hyesan"];
        assert_eq!((hyesan.count, hyesan.document_count), (3, 2));
        assert_eq!(hyesan.documents, [(0, json!("a"))]);
        let collection = tally.feature_collection();
        let ids: Vec<&str> = collection["features"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["properties"]["id"].as_str().unwrap())
            .collect();
        assert_eq!(ids, ["kp-ryanggang-hyesan", "kp-ryanggang"]);
    }
}
