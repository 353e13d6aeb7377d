//! Compiling gazetteers into one Aho-Corasick automaton.
//!
//! Every form of every entry, with its generated variants (see `variants`), is folded like text is (see
//! `normalize`) and becomes a pattern; patterns that fold to the same letters (ignoring ASCII case) are one
//! pattern with several readings, one per entity, so a name shared by two entries is found once and
//! reported as ambiguous. The cue phrases of `context` ride in the same automaton, so the scan that finds
//! names also finds the evidence about them.
//!
//! This module builds the automaton and what each pattern means; `scan` walks it over a text. The walk
//! needs every pattern that begins at a word start, so the automaton has standard (not leftmost)
//! semantics, and its patterns are in lower case: the walk folds ASCII case as it reads.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, LazyLock};

use aho_corasick::nfa::contiguous;
use aho_corasick::MatchKind;

use crate::context::{Cue, CUES};
use crate::entity::{Entity, EntityKind, Label, Status};
use crate::error::Error;
use crate::gazetteer::{flag, Entry, Form};
use crate::normalize::fold;
use crate::scan::Scanner;
use crate::variants;

pub(crate) struct Compiled {
    /// The automaton of every pattern, as the scan walks it.
    pub(crate) scanner: Scanner,
    /// For each pattern, the words the built-in rules need (`rules::TRIGGERS`) that it holds: their
    /// offsets in the pattern and their indices in `TRIGGERS`.
    pub(crate) triggers: Vec<Box<[(u32, u8)]>>,
    /// Readings of each automaton pattern, by pattern id.
    pub(crate) patterns: Vec<Vec<Reading>>,
    /// The automaton's patterns, by pattern id.
    pub(crate) keys: Vec<String>,
    pub(crate) entities: Vec<CompiledEntity>,
    pub(crate) by_id: HashMap<String, u32>,
}

pub(crate) struct CompiledEntity {
    pub(crate) entity: Entity,
    pub(crate) statuses: u8,
    /// The entry's forms as written in the gazetteer, for provenance.
    pub(crate) forms: Vec<Arc<str>>,
    /// The strings a span copies, shared.
    pub(crate) id: Arc<str>,
    pub(crate) name: Arc<str>,
    pub(crate) parent: Option<Arc<str>>,
    /// The parent's index, when the parent is an entry of these gazetteers.
    pub(crate) parent_index: Option<u32>,
    pub(crate) province: Option<Arc<str>>,
}

impl Compiled {
    /// Whether entity `a` is `b` or one of its parents, through the gazetteer's parent links.
    pub(crate) fn is_ancestor(&self, a: u32, b: u32) -> bool {
        let mut at = Some(b);
        // Parent cycles are refused when the gazetteer is loaded; the bound only guards against a bug.
        for _ in 0..32 {
            let Some(e) = at else { return false };
            if e == a {
                return true;
            }
            at = self.entities[e as usize].parent_index;
        }
        false
    }
}

/// The built-in gazetteer compiled once, for the unit tests of the stages that read it.
#[cfg(test)]
pub(crate) fn builtin() -> &'static Compiled {
    static BUILTIN: LazyLock<Compiled> = LazyLock::new(|| {
        compile(&crate::gazetteer::Gazetteer::builtin().entries)
            .expect("the built-in gazetteer compiles")
    });
    &BUILTIN
}

impl CompiledEntity {
    pub(crate) fn has_status(&self, status: Status) -> bool {
        self.statuses & status.bit() != 0
    }
}

#[derive(Clone, Debug)]
pub(crate) struct Reading {
    pub(crate) target: Target,
    pub(crate) flags: u32,
    /// The folded form, when the form must match case-sensitively.
    pub(crate) exact: Option<Box<str>>,
    /// The text must start with a capital here: the form is also an everyday word ("anju" the side
    /// dish, "the cabinet"), needs context or its head word, or is a body's generic or numbered phrase
    /// ("room 39"). Other names match in any case (rule 21: "hyesan, yanggang" in a tag line).
    pub(crate) capital: bool,
    /// Index of the form in [`CompiledEntity::forms`].
    pub(crate) form: u32,
    pub(crate) label: Option<Label>,
    pub(crate) former: bool,
    pub(crate) generated: bool,
    /// Generated from the entry's Hangul (`romanize`), not derived from a written form.
    pub(crate) romanized: bool,
    pub(crate) hangul: bool,
    /// The status a Hangul form's suffix names (혜산시 → City).
    pub(crate) suffix_status: Option<Status>,
}

impl Reading {
    /// A reading that marks a phrase, not an entity: a cue or a trigger word.
    fn marker(target: Target, flags: u32, hangul: bool) -> Reading {
        Reading {
            target,
            flags,
            exact: None,
            capital: false,
            form: 0,
            label: None,
            former: false,
            generated: false,
            romanized: false,
            hangul,
            suffix_status: None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Target {
    Entity(u32),
    Cue(Cue),
    /// A word every built-in unit rule needs ("Unit", "Bureau", 호실): without one, the rules need not run.
    Trigger,
}

pub(crate) fn compile(entries: &[Entry]) -> Result<Compiled, Error> {
    let mut by_id: HashMap<String, u32> = HashMap::with_capacity(entries.len());
    for (i, entry) in entries.iter().enumerate() {
        match by_id.entry(entry.entity.id.clone()) {
            std::collections::hash_map::Entry::Occupied(seen) => {
                let first = &entries[*seen.get() as usize].origin;
                return Err(Error::gazetteer(
                    &entry.origin.source,
                    entry.origin.line,
                    format!(
                        "duplicate id '{}' (first defined at {}:{})",
                        entry.entity.id, first.source, first.line
                    ),
                ));
            }
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(i as u32);
            }
        }
    }
    for entry in entries {
        let links = [
            ("parent", &entry.entity.parent),
            ("successor", &entry.entity.successor),
        ];
        for (column, id) in links {
            if let Some(id) = id.as_deref().filter(|id| !by_id.contains_key(*id)) {
                return Err(Error::gazetteer(
                    &entry.origin.source,
                    entry.origin.line,
                    format!("unknown {column} '{id}'"),
                ));
            }
        }
    }
    let mut entities = Vec::with_capacity(entries.len());
    for entry in entries {
        let mut entity = entry.entity.clone();
        entity.province = province_of(entries, &by_id, entry)?;
        entities.push(CompiledEntity {
            id: Arc::from(entity.id.as_str()),
            name: Arc::from(entity.name.as_str()),
            parent: entity.parent.as_deref().map(Arc::from),
            parent_index: entity.parent.as_deref().and_then(|p| by_id.get(p).copied()),
            province: entity.province.as_deref().map(Arc::from),
            entity,
            statuses: entry.statuses,
            forms: entry
                .forms
                .iter()
                .map(|f| Arc::from(f.text.as_str()))
                .collect(),
        });
    }

    let mut table = PatternTable::default();
    for (index, entry) in entries.iter().enumerate() {
        let revised = revised_only_spellings(entry);
        for (form_index, form) in entry.forms.iter().enumerate() {
            add_form(
                &mut table,
                entry,
                index as u32,
                form_index as u32,
                form,
                &revised,
            );
        }
    }
    for (index, entry) in entries.iter().enumerate() {
        add_romanized(&mut table, entry, index as u32);
    }
    for &(phrases, cue) in CUES {
        for phrase in phrases {
            // Hanja cues (北) take Hangul's boundaries: no syllable glued before, particles after.
            let hangul = phrase
                .chars()
                .any(|c| crate::normalize::is_hangul(c) || crate::boundary::is_ideograph(c));
            table.add(
                phrase,
                Reading::marker(Target::Cue(cue), flag::CASE, hangul),
            );
        }
    }
    for phrase in crate::context::dateline_phrases() {
        table.add(
            &phrase,
            Reading::marker(Target::Cue(Cue::SouthLocal), flag::CASE, true),
        );
    }
    for (word, _, _) in crate::rules::TRIGGERS {
        table.add(word, Reading::marker(Target::Trigger, 0, false));
    }
    let anchored = contiguous::Builder::new()
        .match_kind(MatchKind::Standard)
        .build(&table.keys)
        .map_err(|e| Error::build(format!("cannot build the automaton: {e}")))?;
    let scanner = Scanner::new(anchored, &table.keys)?;
    // A name that holds a trigger word (the Ministry of State Security) may be passed over as a clean
    // match: its own match then stands for the words it holds, each at its place in it.
    let lower_triggers: Vec<String> = crate::rules::TRIGGERS
        .iter()
        .map(|(word, _, _)| word.to_lowercase())
        .collect();
    let triggers = table
        .keys
        .iter()
        .map(|k| {
            lower_triggers
                .iter()
                .enumerate()
                .flat_map(|(index, word)| {
                    k.match_indices(word.as_str())
                        .map(move |(at, _)| (at as u32, index as u8))
                })
                .collect()
        })
        .collect();
    Ok(Compiled {
        scanner,
        triggers,
        patterns: table.readings,
        keys: table.keys,
        entities,
        by_id,
    })
}

/// The province (or provincial-level city) a place lies in: itself for a level-1 unit, else the top of
/// its parent chain. Bodies have none.
fn province_of(
    entries: &[Entry],
    by_id: &HashMap<String, u32>,
    entry: &Entry,
) -> Result<Option<String>, Error> {
    if !entry.entity.label.is_some_and(Label::is_place)
        && entry.entity.kind != EntityKind::SpecialRegion
    {
        return Ok(None);
    }
    let mut current = entry;
    for _ in 0..entries.len() {
        match &current.entity.parent {
            None => return Ok(Some(current.entity.id.clone())),
            Some(parent) => current = &entries[by_id[parent] as usize],
        }
    }
    Err(Error::gazetteer(
        &entry.origin.source,
        entry.origin.line,
        format!("parent cycle through '{}'", entry.entity.id),
    ))
}

/// The Latin names generated from a place's Hangul forms (see `romanize`), added after every written
/// form so that a generated spelling never takes a name another entry writes: such a spelling is left
/// out. The generated forms inherit the entry's conditions: a name that needs its head word, or North
/// Korean context, or is shared with South Korea (the Revised Romanization then being the South's
/// spelling) needs the same whatever the spelling.
fn add_romanized(table: &mut PatternTable, entry: &Entry, entity: u32) {
    let label = entry.entity.label;
    if !label.is_some_and(Label::is_place) {
        return;
    }
    let latin = entry.forms.iter().filter(|f| !f.hangul && !f.former);
    let inherited =
        latin.clone().fold(0, |acc, f| acc | f.flags) & (flag::HEAD | flag::NK | flag::SERIES);
    let shared = latin.clone().any(|f| f.flags & (flag::AMB | flag::SK) != 0);
    for (form_index, form) in entry.forms.iter().enumerate() {
        // Hanja (開豊郡) is read as Hangul is, but only Hangul has a romanization here.
        if !form.hangul || !form.text.chars().any(crate::normalize::is_hangul) {
            continue;
        }
        // A former name without a suffix (성진 for Kimchaek) is romanized whole.
        let (stem, province) = match variants::split_hangul_suffix(&form.text) {
            Some((stem, status)) => (stem, status == Status::Province),
            None if form.former => (form.text.as_str(), false),
            None => continue,
        };
        let mut seen = HashSet::new();
        for (system, name) in crate::romanize::place_names(stem, province) {
            // Systems agree on many names; the first system's reading is the one kept.
            if !seen.insert(name.clone()) {
                continue;
            }
            let mut flags = inherited;
            let revised = system == crate::romanize::System::Revised;
            if shared {
                flags |= if revised { flag::SK } else { flag::AMB };
            } else if revised {
                flags |= flag::REVISED;
            }
            for variant in variants::latin_generated(&name) {
                let reading = Reading {
                    target: Target::Entity(entity),
                    flags,
                    exact: None,
                    capital: needs_capital(true, flags, &variant),
                    form: form_index as u32,
                    label: form.label,
                    former: form.former,
                    generated: true,
                    romanized: true,
                    hangul: false,
                    suffix_status: None,
                };
                table.add_unclaimed(&variant, reading);
            }
        }
    }
}

/// The spellings, folded and in lower case, that the Revised Romanization makes of a place entry's
/// Hangul and neither McCune-Reischauer nor the North's system does (Sincheon for 신천, Gimhwa for 김화):
/// the South's system, which spells the South's own places so. None for a namesake, whose forms carry
/// `amb` or `sk` instead, nor for a body.
pub(crate) fn revised_only_spellings(entry: &Entry) -> HashSet<String> {
    let namesake = entry
        .forms
        .iter()
        .any(|f| f.flags & (flag::AMB | flag::SK) != 0);
    if namesake || !entry.entity.label.is_some_and(Label::is_place) {
        return HashSet::new();
    }
    let (mut revised, mut other) = (HashSet::new(), HashSet::new());
    for form in entry.forms.iter().filter(|f| f.hangul && !f.former) {
        let Some((stem, status)) = variants::split_hangul_suffix(&form.text) else {
            continue;
        };
        for (system, name) in crate::romanize::place_names(stem, status == Status::Province) {
            let key = fold(&name).to_ascii_lowercase();
            match system {
                crate::romanize::System::Revised => {
                    revised.insert(key);
                }
                // The press mixes both systems: a spelling it shares with the Revised one is still
                // the South's.
                crate::romanize::System::Press => {}
                _ => {
                    other.insert(key);
                }
            }
        }
    }
    revised.retain(|k| !other.contains(k));
    revised
}

/// Forms that are also everyday words (`gazetteers/everyday.txt`), folded, in lower case.
static EVERYDAY: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("../gazetteers/everyday.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
});

/// Whether a capitalised form needs its capital in the text whatever it is (rule 21): a form that needs
/// its head word, a body's acronym (two capitals or more: "mss" is no MSS) and a body's numbered
/// phrase, which lower case makes a common noun ("room 39"). Other names count in any case, with the
/// context they need: a romanized Korean name, a group's ("bowibu", "kimsuky" in a tag line), and the
/// bodies' names in the lower case of Seoul's English wires ("the party's political bureau", "the
/// second corps", "the country's navy command"). Forms in `everyday.txt` need their capital
/// (`PatternTable::add`: "cabinet", "secretariat").
fn needs_capital(place: bool, flags: u32, text: &str) -> bool {
    let single_word = !text.trim().contains(' ');
    let capitals = text.chars().filter(char::is_ascii_uppercase).count();
    variants::starts_with_direction_adjective(text)
        || flags & (flag::HEAD | flag::PERSON) != 0
        || (!place
            && ((single_word && capitals >= 2) || text.contains(|c: char| c.is_ascii_digit())))
}

#[derive(Default)]
struct PatternTable {
    keys: Vec<String>,
    readings: Vec<Vec<Reading>>,
    index: HashMap<String, usize>,
}

impl PatternTable {
    /// Adds `reading` unless the pattern already has a reading of another target written or derived
    /// from a written form: a generated spelling never takes another entry's name or a cue phrase.
    fn add_unclaimed(&mut self, text: &str, reading: Reading) {
        let key = fold(text.trim()).to_ascii_lowercase();
        if let Some(&slot) = self.index.get(&key) {
            if self.readings[slot]
                .iter()
                .any(|r| r.target != reading.target && !r.romanized)
            {
                return;
            }
        }
        self.add(text, reading);
    }

    fn add(&mut self, text: &str, mut reading: Reading) {
        let folded = fold(text.trim());
        if folded.is_empty() {
            return;
        }
        if reading.flags & flag::CASE != 0 {
            reading.exact = Some(folded.clone().into_boxed_str());
        }
        let key = folded.to_ascii_lowercase();
        // A short form (four letters or fewer: Usi, Anak, Sapo) is too likely another word in lower case.
        reading.capital = folded.starts_with(|c: char| c.is_uppercase())
            && (reading.capital || key.len() <= 4 || EVERYDAY.contains(key.as_str()));
        let slot = match self.index.get(&key) {
            Some(&slot) => slot,
            None => {
                self.index.insert(key.clone(), self.keys.len());
                self.keys.push(key);
                self.readings.push(Vec::new());
                self.keys.len() - 1
            }
        };
        let readings = &mut self.readings[slot];
        let same = readings
            .iter()
            .position(|r| r.target == reading.target && r.exact == reading.exact);
        match same {
            // A form written in the gazetteer beats a variant generated from another form, so that an
            // explicit `Pocheon{sk}` overrides the `Pocheon` derived from `Poch'ŏn{amb}`.
            Some(i) if readings[i].generated && !reading.generated => readings[i] = reading,
            Some(_) => {}
            None => readings.push(reading),
        }
    }
}

/// The last words of bodies' Hangul names that Korean copy writes apart from the rest (공병 군단).
const BODY_HEADS: &[&str] = &["군단", "사단", "여단", "사령부", "총국"];

/// `revised`: the entry's [`revised_only_spellings`].
fn add_form(
    table: &mut PatternTable,
    entry: &Entry,
    entity: u32,
    form_index: u32,
    form: &Form,
    revised: &HashSet<String>,
) {
    let label = entry.entity.label;
    // A zone kept without a label does not hide the place in its name (ANNOTATION rule 4: "Kaesong" in
    // "Kaesong Industrial Region" is the city); a body kept without a label (a newspaper) does.
    if label.is_none() && entry.entity.kind == EntityKind::SpecialRegion {
        return;
    }
    let place = label.is_some_and(Label::is_place);
    let reading = |flags: u32, generated: bool, suffix_status: Option<Status>| Reading {
        target: Target::Entity(entity),
        flags,
        exact: None,
        capital: needs_capital(place, flags, &form.text),
        form: form_index,
        label: form.label,
        former: form.former,
        generated,
        romanized: false,
        hangul: form.hangul,
        suffix_status,
    };
    if !form.hangul {
        let variants = if form.flags & flag::EXACT != 0 {
            vec![form.text.clone()]
        } else {
            variants::latin(&form.text, place)
        };
        let flags = if revised.contains(&fold(&form.text).to_ascii_lowercase()) {
            form.flags | flag::REVISED
        } else {
            form.flags
        };
        for (i, variant) in variants.iter().enumerate() {
            let mut r = reading(flags, i > 0, None);
            r.capital |= variants::starts_with_direction_adjective(variant);
            table.add(variant, r);
        }
        return;
    }
    let mut hangul_forms: Vec<(String, u32, bool)> = variants::hangul(&form.text)
        .into_iter()
        .enumerate()
        .map(|(i, v)| (v, form.flags, i > 0))
        .collect();
    if !place {
        // The army's name as Korean copy shortens it before a service or a formation: 조선인민군 해군 →
        // 인민군 해군.
        let army: Vec<(String, u32, bool)> = hangul_forms
            .iter()
            .filter_map(|(text, flags, _)| {
                let rest = text.strip_prefix("조선인민군 ")?;
                Some((format!("인민군 {rest}"), *flags, true))
            })
            .collect();
        hangul_forms.extend(army);
        // A body's spaced name written without its spaces, as Korean copy often does (정치국 상무위원회 →
        // 정치국상무위원회, 당 중앙군사위원회 → 당중앙군사위원회). Hanja keep theirs (朝鮮人民軍 陸軍).
        let glued: Vec<(String, u32, bool)> = hangul_forms
            .iter()
            .filter(|(text, _, _)| {
                text.contains(' ') && !text.chars().any(crate::boundary::is_ideograph)
            })
            .map(|(text, flags, _)| (text.replace(' ', ""), *flags, true))
            .collect();
        hangul_forms.extend(glued);
        // And the other way: a glued name whose last word is a formation's or a body's head, written
        // apart from it, as Korean copy also does (공병군단 → 공병 군단, 폭풍군단 → 폭풍 군단).
        let apart: Vec<(String, u32, bool)> = hangul_forms
            .iter()
            .filter(|(text, _, _)| !text.contains(' '))
            .filter_map(|(text, flags, _)| {
                let head = BODY_HEADS.iter().find(|h| text.ends_with(*h))?;
                let stem = &text[..text.len() - head.len()];
                (stem.chars().count() >= 2
                    && stem.chars().all(crate::normalize::is_hangul_syllable))
                .then(|| (format!("{stem} {head}"), *flags, true))
            })
            .collect();
        hangul_forms.extend(apart);
    }
    if place {
        // The suffix written apart, as South Korean copy often does (형제산 구역, 신의주 시): a span only
        // where a particle, a space or punctuation follows, as a bare stem (혜산 시장 is a market). A
        // ward's or a district's apart needs the North's context too: 구역 and 지구 are everyday words
        // after a word that is also a ward's stem (항구 구역 "the port area", 선교 구역 "a mission's").
        let spaced: Vec<(String, u32, bool)> = hangul_forms
            .iter()
            .filter_map(|(text, flags, _)| {
                let (stem, status) = variants::split_hangul_suffix(text)?;
                let area = if status == Status::District {
                    flag::NK
                } else {
                    0
                };
                Some((
                    format!("{stem} {}", &text[stem.len()..]),
                    flags | flag::BARE | area,
                    true,
                ))
            })
            .collect();
        hangul_forms.extend(spaced);
        // A district's stem with 지구, the word for an area by which the North's press and Korean
        // encyclopedias also name a district (화성지구, 선봉지구: rule 18's 지구); glued only, and with the
        // North's context, as the district written apart (화성 지구 is Mars and the Earth).
        let area: Vec<(String, u32, bool)> = hangul_forms
            .iter()
            .filter_map(|(text, flags, _)| {
                let stem = text
                    .strip_suffix("구역")
                    .filter(|s| !s.is_empty() && !s.ends_with(' '))?;
                Some((format!("{stem}지구"), flags | flag::NK, true))
            })
            .collect();
        hangul_forms.extend(area);
    }
    if place && !form.former {
        // The Hanja of a provincial-level city, as the Hangul: 開城特別市 is also 開城市 (rule 22).
        let hanja_stem = ["特別市", "直轄市", "特級市"]
            .iter()
            .find_map(|suffix| form.text.strip_suffix(suffix));
        if let Some(stem) = hanja_stem.filter(|_| entry.entity.kind == EntityKind::ProvincialCity) {
            hangul_forms.push((format!("{stem}市"), form.flags, true));
        }
        if let Some((stem, status)) = variants::split_hangul_suffix(&form.text) {
            let level_one = entry.entity.kind == EntityKind::ProvincialCity;
            if level_one && status == Status::City {
                for v in variants::hangul(&format!("{stem}시")) {
                    hangul_forms.push((v, form.flags, true));
                }
            }
            // A city's stem that is an everyday word (`suffix`) still comes bare, marked to need a
            // suffixed mention before it (rule 18); a province's (황해 is also the Yellow Sea) does not.
            let suffix_ok = form.flags & flag::SUFFIX == 0 || label == Some(Label::City);
            let bare_allowed = suffix_ok
                && matches!(label, Some(Label::Province | Label::City))
                && Some(status) == label.and_then(Status::of_label);
            if bare_allowed {
                let bare = if form.flags & flag::SUFFIX == 0 {
                    form.flags | flag::BARE
                } else {
                    form.flags | flag::BARE | flag::AFTER_SUFFIX
                };
                match variants::short_province(stem) {
                    Some(short) if status == Status::Province => {
                        // With 도 it is a name with its suffix (함북도), whatever follows.
                        hangul_forms.push((format!("{short}도"), form.flags, true));
                        hangul_forms.push((short, bare, true));
                    }
                    _ => {
                        // The South's spelling of a bare stem is an everyday word more often than
                        // the place ("단속에 나선", set out): like a `suffix` stem, it needs the
                        // document to have named the city with its suffix (rule 18).
                        for (i, v) in variants::hangul(stem).into_iter().enumerate() {
                            let flags = if i > 0 {
                                bare | flag::AFTER_SUFFIX
                            } else {
                                bare
                            };
                            hangul_forms.push((v, flags, true));
                        }
                    }
                }
            }
        }
    }
    for (text, flags, generated) in hangul_forms {
        let suffix_status = if place && flags & flag::BARE == 0 {
            variants::split_korean_suffix(&text).map(|(_, s)| s)
        } else {
            None
        };
        table.add(&text, reading(flags, generated, suffix_status));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The anchored automaton is built quickly and kept small. Prints the figures (`cargo test --lib
    /// compile -- --nocapture`).
    #[test]
    fn the_builtin_automaton_is_small() {
        let entries = crate::gazetteer::Gazetteer::builtin().entries;
        let started = std::time::Instant::now();
        let compiled = compile(&entries).unwrap();
        let elapsed = started.elapsed();
        let memory = compiled.scanner.memory_usage();
        println!(
            "{} patterns; compiled in {elapsed:?} (this profile); automaton {memory} bytes",
            compiled.keys.len(),
        );
        assert!(memory < 16 << 20, "{memory} bytes");
    }

    /// The scan folds the text's ASCII case as it walks (`scan`), so every key must be in lower case.
    #[test]
    fn every_pattern_is_in_lower_case() {
        let compiled = builtin();
        for key in &compiled.keys {
            assert!(!key.bytes().any(|b| b.is_ascii_uppercase()), "{key}");
        }
        assert!(compiled.keys.iter().any(|k| k == "hyesan"));
    }

    /// Whether the built-in gazetteer has `key` among its patterns.
    fn has(key: &str) -> bool {
        builtin().keys.iter().any(|k| k == key)
    }

    /// A body's spaced Hangul name is also a pattern without its spaces; a place's and Hanja are not.
    #[test]
    fn a_bodys_spaced_hangul_name_is_also_matched_glued() {
        assert!(has("정치국 상무위원회") && has("정치국상무위원회"));
        assert!(has("조선인민군 륙군") && has("조선인민군륙군"));
        assert!(has("朝鮮人民軍 陸軍") && !has("朝鮮人民軍陸軍"));
    }

    /// The army's acronym and its name stand for each other at the start of a body's name, and the
    /// Hangul name has its short form.
    #[test]
    fn the_armys_name_and_its_short_forms_stand_for_each_other_before_a_body() {
        assert!(has("kpa navy") && has("korean people's army navy"));
        assert!(has("korean people's army naval force") && has("kpa naval force"));
        assert!(has("조선인민군 해군") && has("인민군 해군") && has("인민군해군"));
    }
}
