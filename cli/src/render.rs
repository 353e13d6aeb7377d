//! `nkner render`: one self-contained HTML page to look at a corpus.
//!
//! The page holds everything inline (styles, script, the map as SVG, the data) and loads nothing, so it
//! opens offline and can be mailed. It shows a summary over every document (spans per label, the most
//! mentioned entries, a map of North Korea with the province outlines shaded by mentions and a marker per
//! mentioned place), then the first `--max-docs` documents in full with their spans highlighted.
//!
//! Documents come from hostile sources: the page is written with a template engine that escapes every
//! value by default (minijinja, escaping on for `.html` templates), and the data the script reads is
//! embedded with `tojson`, which escapes `<`, `>`, `&` and `'`. Nothing from a document is ever marked
//! safe. The template and its style and script live in `cli/templates/`.
//!
//! The outlines are Natural Earth's admin-1 polygons (public domain), simplified by
//! `scripts/outlines.py` into `cli/assets/kp_provinces.tsv`.

use std::collections::HashMap;
use std::io::Write;

use anyhow::{Context, Result};
use minijinja::Environment;
use nkner::{Extractor, Label};
use serde::Serialize;
use serde_json::{json, Value};

use crate::geojson::{is_place, Tally};

const OUTLINES: &str = include_str!("../assets/kp_provinces.tsv");

/// Document ids kept per entry for the map's lists.
const DOCUMENTS_PER_ENTRY: usize = 50;
/// Entries listed as the most mentioned.
const TOP: usize = 15;

/// Builds a report from annotated records, then writes it.
pub struct Report<'e> {
    extractor: &'e Extractor,
    tally: Tally,
    max_docs: usize,
    shown: Vec<DocView>,
}

#[derive(Serialize)]
struct DocView {
    number: u64,
    id: String,
    error: Option<String>,
    has_text: bool,
    segments: Vec<Segment>,
}

#[derive(Serialize)]
struct Segment {
    text: String,
    span: Option<SpanView>,
}

#[derive(Serialize)]
struct SpanView {
    label: String,
    kb_id: Option<String>,
    source: String,
    ambiguous: bool,
    candidates: String,
}

#[derive(Serialize)]
struct Page<'a> {
    title: &'a str,
    documents: u64,
    shown: usize,
    rest: u64,
    errors: u64,
    labels: Vec<(String, u64)>,
    top: Vec<TopRow>,
    map: MapView,
    docs: &'a [DocView],
    data: Value,
}

#[derive(Serialize)]
struct TopRow {
    label: String,
    name: String,
    id: Option<String>,
    count: u64,
    documents: Option<u64>,
}

#[derive(Serialize)]
struct MapView {
    width: u32,
    height: u32,
    provinces: Vec<ProvinceView>,
    markers: Vec<Marker>,
    unplaced: usize,
}

#[derive(Serialize)]
struct ProvinceView {
    name: String,
    path: String,
    count: u64,
    opacity: String,
}

#[derive(Serialize)]
struct Marker {
    id: String,
    name: String,
    label: String,
    x: String,
    y: String,
    r: String,
    count: u64,
}

impl<'e> Report<'e> {
    /// An empty report that shows at most `max_docs` documents in full.
    pub fn new(extractor: &'e Extractor, max_docs: usize) -> Report<'e> {
        Report {
            extractor,
            tally: Tally::new(Some(DOCUMENTS_PER_ENTRY)),
            max_docs,
            shown: Vec::new(),
        }
    }

    /// Adds one annotated record (or error record). `text_field` names the field holding its text.
    pub fn add(&mut self, record: &Value, text_field: &str) {
        let number = self.tally.documents;
        self.tally.add(record, self.extractor);
        if self.shown.len() >= self.max_docs {
            return;
        }
        let id = match record.get("id") {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Null) | None => format!("#{}", number + 1),
            Some(other) => other.to_string(),
        };
        let error = record.get("error").map(|e| match e {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        });
        let text = record.get(text_field).and_then(Value::as_str);
        let spans = record
            .get("spans")
            .and_then(Value::as_array)
            .map_or(&[][..], Vec::as_slice);
        self.shown.push(DocView {
            number,
            id,
            error,
            has_text: text.is_some(),
            segments: segments(text, spans),
        });
    }

    /// Documents added so far.
    pub fn documents(&self) -> u64 {
        self.tally.documents
    }

    /// Writes the page.
    ///
    /// # Errors
    ///
    /// The template fails (a bug) or the output cannot be written.
    pub fn write(&self, title: &str, out: &mut dyn Write) -> Result<()> {
        let mut env = Environment::new();
        env.add_template("report.html", include_str!("../templates/report.html"))?;
        env.add_template("report.css", include_str!("../templates/report.css"))?;
        env.add_template("report.js", include_str!("../templates/report.js"))?;
        let page = Page {
            title,
            documents: self.tally.documents,
            shown: self.shown.len(),
            rest: self.tally.documents - self.shown.len() as u64,
            errors: self.tally.errors,
            labels: Label::ALL
                .iter()
                .map(|l| {
                    let n = self.tally.labels.get(l.as_str()).copied().unwrap_or(0);
                    (l.as_str().to_string(), n)
                })
                .collect(),
            top: self.top(),
            map: self.map(),
            docs: &self.shown,
            data: self.data(),
        };
        let html = env
            .get_template("report.html")?
            .render(&page)
            .context("cannot render the report")?;
        out.write_all(html.as_bytes())?;
        out.flush()?;
        Ok(())
    }

    fn top(&self) -> Vec<TopRow> {
        let linked = self.tally.entries.iter().map(|(id, m)| TopRow {
            label: m.label.clone(),
            name: m.name.clone(),
            id: Some(id.clone()),
            count: m.count,
            documents: Some(m.document_count),
        });
        let unlinked = self
            .tally
            .unlinked
            .iter()
            .map(|((label, text), &count)| TopRow {
                label: label.clone(),
                name: text.clone(),
                id: None,
                count,
                documents: None,
            });
        let mut rows: Vec<TopRow> = linked.chain(unlinked).collect();
        rows.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
        rows.truncate(TOP);
        rows
    }

    fn map(&self) -> MapView {
        let mut by_province: HashMap<&str, u64> = HashMap::new();
        for m in self.tally.entries.values().filter(|m| is_place(&m.label)) {
            if let Some(p) = &m.province {
                *by_province.entry(p.as_str()).or_default() += m.count;
            }
        }
        let outlines: Vec<(u64, String, String)> = OUTLINES
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .filter_map(|line| {
                let mut cells = line.split('\t');
                let (ids, name, rings) = (cells.next()?, cells.next()?, cells.next()?);
                let count = ids.split(',').filter_map(|id| by_province.get(id)).sum();
                Some((count, name.to_string(), path(rings)))
            })
            .collect();
        let most = outlines.iter().map(|o| o.0).max().unwrap_or(0).max(1);
        let provinces = outlines
            .into_iter()
            .map(|(count, name, path)| ProvinceView {
                opacity: format!("{:.2}", 0.85 * count as f64 / most as f64),
                name,
                path,
                count,
            })
            .collect();
        let places: Vec<_> = self
            .tally
            .entries
            .iter()
            .filter(|(_, m)| is_place(&m.label))
            .collect();
        let most = places.iter().map(|(_, m)| m.count).max().unwrap_or(1);
        let mut markers: Vec<Marker> = places
            .iter()
            .filter_map(|(id, m)| {
                let (lat, lon) = m.point?;
                let (x, y) = project(lon, lat);
                let r = 3.0 + 11.0 * (m.count as f64 / most as f64).sqrt();
                Some(Marker {
                    id: (*id).clone(),
                    name: m.name.clone(),
                    label: m.label.clone(),
                    x: format!("{x:.1}"),
                    y: format!("{y:.1}"),
                    r: format!("{r:.1}"),
                    count: m.count,
                })
            })
            .collect();
        // Large markers first, so that small ones stay on top and clickable.
        markers.sort_by_key(|m| std::cmp::Reverse(m.count));
        let unplaced = places.len() - markers.len();
        let (width, height) = project(EAST, SOUTH);
        MapView {
            width: width.ceil() as u32,
            height: height.ceil() as u32,
            provinces,
            markers,
            unplaced,
        }
    }

    /// What the script reads: each mentioned entry's details for the cards and the marker lists.
    fn data(&self) -> Value {
        let name_of = |id: &str| {
            self.extractor
                .entity(id)
                .map_or_else(|| id.to_string(), |e| format!("{} ({id})", e.name))
        };
        let entries: serde_json::Map<String, Value> = self
            .tally
            .entries
            .iter()
            .map(|(id, m)| {
                let entity = self.extractor.entity(id);
                let value = json!({
                    "name": m.name,
                    "label": m.label,
                    "kind": entity.map(|e| e.kind),
                    "parent": entity.and_then(|e| e.parent.as_deref()).map(name_of),
                    "province": m.province.as_deref().map(name_of),
                    "verified": entity.map(|e| e.verified),
                    "point": m.point.map(|(lat, lon)| [lat, lon]),
                    "count": m.count,
                    "documents": m.document_count,
                    "listed": m.documents,
                });
                (id.clone(), value)
            })
            .collect();
        json!({"entries": entries, "shown": self.shown.len()})
    }
}

/// The text cut at the spans: plain runs and highlighted runs. Spans whose offsets do not fit the text
/// (out of bounds, overlapping, or not equal to their slice) are left out of the highlighting; without
/// a text, the spans alone are listed.
fn segments(text: Option<&str>, spans: &[Value]) -> Vec<Segment> {
    let view = |span: &Value| {
        let field = |k: &str| span.get(k).and_then(Value::as_str).map(str::to_string);
        let source = span.get("source");
        let how = |k: &str| source.and_then(|s| s.get(k)).and_then(Value::as_str);
        SpanView {
            label: field("label").unwrap_or_default(),
            kb_id: field("kb_id"),
            source: match (how("kind"), how("form"), how("rule"), how("acronym")) {
                (_, Some(form), _, _) => format!("gazetteer form \u{201c}{form}\u{201d}"),
                (_, _, Some(rule), _) => format!("rule {rule}"),
                (_, _, _, Some(acronym)) => format!("acronym {acronym}, defined in the document"),
                (kind, ..) => kind.unwrap_or("").to_string(),
            },
            ambiguous: span.get("ambiguous").and_then(Value::as_bool) == Some(true),
            candidates: span
                .get("candidates")
                .and_then(Value::as_array)
                .map(|c| {
                    c.iter()
                        .filter_map(Value::as_str)
                        .collect::<Vec<_>>()
                        .join(", ")
                })
                .unwrap_or_default(),
        }
    };
    let Some(text) = text else {
        return spans
            .iter()
            .map(|s| Segment {
                text: s
                    .get("text")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string(),
                span: Some(view(s)),
            })
            .collect();
    };
    let bytes_at: Vec<usize> = text
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(text.len()))
        .collect();
    let mut out = Vec::new();
    let mut at = 0;
    for span in spans {
        let offset = |k: &str| {
            span.get(k)
                .and_then(Value::as_u64)
                .and_then(|c| bytes_at.get(c as usize).copied())
        };
        let (Some(start), Some(end)) = (offset("start"), offset("end")) else {
            continue;
        };
        let fits = at <= start
            && start < end
            && span.get("text").and_then(Value::as_str) == Some(&text[start..end]);
        if !fits {
            continue;
        }
        if at < start {
            out.push(Segment {
                text: text[at..start].to_string(),
                span: None,
            });
        }
        out.push(Segment {
            text: text[start..end].to_string(),
            span: Some(view(span)),
        });
        at = end;
    }
    if at < text.len() {
        out.push(Segment {
            text: text[at..].to_string(),
            span: None,
        });
    }
    out
}

const WEST: f64 = 124.1;
const EAST: f64 = 130.8;
const NORTH: f64 = 43.05;
const SOUTH: f64 = 37.6;
/// Pixels per degree of latitude; longitude is scaled by the cosine of 40° N (an equirectangular
/// projection true at the country's middle, plenty for a country this size).
const SCALE: f64 = 90.0;

fn project(lon: f64, lat: f64) -> (f64, f64) {
    let x = (lon - WEST) * SCALE * 40f64.to_radians().cos();
    let y = (NORTH - lat) * SCALE;
    (x, y)
}

/// An SVG path from the outline file's rings (`lon,lat lon,lat;...`).
fn path(rings: &str) -> String {
    let mut d = String::new();
    for ring in rings.split(';') {
        for (i, point) in ring.split(' ').enumerate() {
            let Some((lon, lat)) = point.split_once(',') else {
                continue;
            };
            let (Ok(lon), Ok(lat)) = (lon.parse(), lat.parse()) else {
                continue;
            };
            let (x, y) = project(lon, lat);
            d.push(if i == 0 { 'M' } else { 'L' });
            d.push_str(&format!("{x:.1},{y:.1}"));
        }
        d.push('Z');
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(records: &[Value]) -> String {
        let mut report = Report::new(nkner::default_extractor(), 10);
        for r in records {
            report.add(r, "text");
        }
        let mut out = Vec::new();
        report.write("test", &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn hostile_text_is_escaped_everywhere() {
        let text = "<script>alert(1)</script> Smugglers in Hyesan </script><img src=x>";
        let spans = serde_json::to_value(nkner::extract(text)).unwrap();
        let html = page(&[json!({"id": "<b>id</b>", "text": text, "spans": spans})]);
        assert!(
            !html.contains("<script>alert"),
            "document text must be escaped"
        );
        assert!(!html.contains("<img src=x>"));
        assert!(!html.contains("<b>id</b>"));
        assert!(html.contains("&lt;script&gt;alert(1)"));
        assert_eq!(html.matches("<mark").count(), 1);
    }

    #[test]
    fn spans_that_do_not_fit_the_text_are_not_highlighted() {
        let cases = [
            json!([{"start": 0, "end": 99, "text": "x", "label": "CITY"}]),
            json!([{"start": 0, "end": 6, "text": "Hyesam", "label": "CITY"}]),
            json!([{"start": 0, "end": 6, "text": "Hyesan", "label": "CITY"},
                   {"start": 3, "end": 6, "text": "san", "label": "CITY"}]),
        ];
        let highlighted: Vec<usize> = cases
            .iter()
            .map(|spans| {
                let spans = spans.as_array().unwrap();
                segments(Some("Hyesan town"), spans)
                    .iter()
                    .filter(|s| s.span.is_some())
                    .count()
            })
            .collect();
        assert_eq!(highlighted, [0, 0, 1]);
    }

    #[test]
    fn offsets_count_characters_not_bytes() {
        let text = "평양 and Hyesan";
        let spans = serde_json::to_value(nkner::extract(text)).unwrap();
        let segs = segments(Some(text), spans.as_array().unwrap());
        let marked: Vec<&str> = segs
            .iter()
            .filter(|s| s.span.is_some())
            .map(|s| s.text.as_str())
            .collect();
        assert_eq!(marked, ["평양", "Hyesan"]);
    }
}
