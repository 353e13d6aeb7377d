//! `nkner lookup` and `nkner gazetteer`: what the gazetteers know, without reading their files.
//!
//! `lookup` prints every entry a name or spelling matches, with the gazetteer form and the variant rules
//! that derive it (what a span's `source.form` would say); `gazetteer` lists the entries, built-in and
//! user ones, filtered by label and province, as TSV, JSON Lines or GeoJSON.

use std::io::Write;

use anyhow::{bail, Result};
use nkner::{Entity, Extractor, Label, Lookup, Suggestion};
use serde_json::{json, Value};

/// Output formats of `nkner gazetteer`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListFormat {
    /// Tab-separated, one header row.
    Tsv,
    /// One JSON object per entry.
    Jsonl,
    /// A FeatureCollection of the entries with coordinates.
    Geojson,
}

/// A look-up's answer as one JSON object. A body's dates and successor are there as `valid_from`,
/// `valid_to`, `successor` and `successor_name` (null where the gazetteer gives none).
pub fn lookup_json(name: &str, found: &Lookup<'_>, extractor: &Extractor) -> Value {
    let e = found.entity;
    let successor = e.successor.as_deref().and_then(|id| extractor.entity(id));
    json!({
        "query": name,
        "id": e.id,
        "label": found.label,
        "name": e.name,
        "parent": e.parent,
        "province": e.province,
        "form": found.form,
        "rules": found.rules,
        "head": found.head,
        "flags": found.flags,
        "valid_from": e.valid_from,
        "valid_to": e.valid_to,
        "successor": e.successor,
        "successor_name": successor.map(|s| &s.name),
    })
}

/// When an entry existed, as a look-up line says it: `, 1972 to 2016, defunct, succeeded by sac (State
/// Affairs Commission)`; `, since 2016`; nothing when the gazetteer gives no dates.
fn lifetime(e: &Entity, extractor: &Extractor) -> String {
    let mut out = match (&e.valid_from, e.valid_to.as_deref()) {
        (Some(from), Some("?")) => format!(", from {from}, defunct (end not dated)"),
        (None, Some("?")) => ", defunct (end not dated)".to_string(),
        (Some(from), Some(to)) => format!(", {from} to {to}, defunct"),
        (None, Some(to)) => format!(", defunct since {to}"),
        (Some(from), None) => format!(", since {from}"),
        (None, None) => String::new(),
    };
    if let Some(id) = &e.successor {
        let name = extractor
            .entity(id)
            .map(|s| format!(" ({})", s.name))
            .unwrap_or_default();
        out.push_str(&format!(", succeeded by {id}{name}"));
    }
    out
}

/// A look-up's answer as one line: `query  id  label  name, in province, dates  form "F" by rules
/// [flags]`.
pub fn lookup_line(name: &str, found: &Lookup<'_>, extractor: &Extractor) -> String {
    let e = found.entity;
    let label = found.label.map_or("NONE", Label::as_str);
    let place = e
        .province
        .as_deref()
        .filter(|p| *p != e.id)
        .map(|p| format!(", in {p}"))
        .unwrap_or_default();
    let how = if found.rules.is_empty() {
        "as written".to_string()
    } else {
        format!("by rule {}", found.rules.join(" + rule "))
    };
    let head = found
        .head
        .as_deref()
        .map(|h| format!(", head word {h}"))
        .unwrap_or_default();
    let flags = if found.flags.is_empty() {
        String::new()
    } else {
        format!(" [{}]", found.flags.join(","))
    };
    format!(
        "{name}\t{}\t{label}\t{}{place}{}\tform \u{201c}{}\u{201d} {how}{head}{flags}",
        e.id,
        e.name,
        lifetime(e, extractor),
        found.form
    )
}

/// A suggestion for a name that matched nothing: `"pyongyang" (Pyongyang, kp-pyongyang)`.
pub fn suggestion(s: &Suggestion<'_>) -> String {
    format!(
        "\u{201c}{}\u{201d} ({}, {})",
        s.spelling, s.found.entity.name, s.found.entity.id
    )
}

/// The entries of `extractor` with one of `labels` (all when empty) that lie in `province`: its id, or
/// any name or spelling of it that [`Extractor::lookup`] knows (any case; `Ryanggang`, `Yanggang`,
/// `양강도`).
///
/// # Errors
///
/// `province` names no province or provincial-level city (with the nearest ones when there are).
pub fn select<'e>(
    extractor: &'e Extractor,
    labels: &[Label],
    province: Option<&str>,
) -> Result<Vec<&'e Entity>> {
    let province = match province {
        None => None,
        Some(wanted) => {
            let wanted = wanted.trim();
            let level_one = |e: &Entity| e.province.as_deref() == Some(e.id.as_str());
            let by_id = extractor
                .entities()
                .find(|e| level_one(e) && e.id.eq_ignore_ascii_case(wanted));
            let by_name = || {
                extractor
                    .lookup(wanted)
                    .into_iter()
                    .map(|found| found.entity)
                    .find(|e| level_one(e))
            };
            match by_id.or_else(by_name) {
                Some(e) => Some(e.id.as_str()),
                None => {
                    let near: Vec<String> = extractor
                        .suggest(wanted)
                        .iter()
                        .filter(|s| level_one(s.found.entity))
                        .map(suggestion)
                        .collect();
                    if near.is_empty() {
                        bail!("no province or provincial-level city is named '{wanted}'")
                    }
                    bail!(
                        "no province or provincial-level city is named '{wanted}'; nearest: {}",
                        near.join(", ")
                    )
                }
            }
        }
    };
    Ok(extractor
        .entities()
        .filter(|e| labels.is_empty() || e.label.is_some_and(|l| labels.contains(&l)))
        .filter(|e| province.is_none() || e.province.as_deref() == province)
        .collect())
}

/// Writes the entries.
///
/// # Errors
///
/// The output cannot be written.
pub fn write_list(entities: &[&Entity], format: ListFormat, out: &mut dyn Write) -> Result<()> {
    match format {
        ListFormat::Tsv => {
            writeln!(
                out,
                "id\tlabel\tkind\tname\tparent\tprovince\tlat\tlon\tverified\tformer\tforms\thangul\tvalid_from\tvalid_to\tsuccessor"
            )?;
            for e in entities {
                let cell = |v: Option<&str>| v.unwrap_or("").to_string();
                let number = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
                let former: Vec<String> = e
                    .former_names
                    .iter()
                    .map(|f| match &f.years {
                        Some(years) => format!("{} ({years})", f.name),
                        None => f.name.clone(),
                    })
                    .collect();
                writeln!(
                    out,
                    "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                    e.id,
                    e.label.map_or("NONE", Label::as_str),
                    e.kind,
                    e.name,
                    cell(e.parent.as_deref()),
                    cell(e.province.as_deref()),
                    number(e.lat),
                    number(e.lon),
                    if e.verified { "yes" } else { "no" },
                    former.join("|"),
                    e.forms.join("|"),
                    e.hangul.join("|"),
                    cell(e.valid_from.as_deref()),
                    cell(e.valid_to.as_deref()),
                    cell(e.successor.as_deref()),
                )?;
            }
        }
        ListFormat::Jsonl => {
            for e in entities {
                serde_json::to_writer(&mut *out, e)?;
                out.write_all(b"\n")?;
            }
        }
        ListFormat::Geojson => {
            let features: Vec<Value> = entities
                .iter()
                .filter_map(|e| {
                    let (lat, lon) = e.lat.zip(e.lon)?;
                    Some(json!({
                        "type": "Feature",
                        "geometry": {"type": "Point", "coordinates": [lon, lat]},
                        "properties": {
                            "id": e.id, "name": e.name, "label": e.label, "kind": e.kind,
                            "parent": e.parent, "province": e.province,
                        },
                    }))
                })
                .collect();
            serde_json::to_writer(
                &mut *out,
                &json!({"type": "FeatureCollection", "features": features}),
            )?;
            out.write_all(b"\n")?;
        }
    }
    out.flush()?;
    Ok(())
}
