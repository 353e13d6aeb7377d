//! Compiling gazetteers into one Aho-Corasick automaton.
//!
//! Every form of every entry, with its generated variants (see `variants`), is folded like text is (see
//! `normalize`) and becomes a pattern; patterns that fold to the same letters (ignoring ASCII case) are one
//! pattern with several readings, one per entity, so a name shared by two entries is found once and
//! reported as ambiguous. The cue phrases of `context` ride in the same automaton, so the scan that finds
//! names also finds the evidence about them.
//!
//! Matching needs every match, overlapping ones included: a leftmost-longest scan would drop a shorter
//! name whenever a longer one starting at the same place fails its word-boundary check ("Korean People's
//! Army Naval Forces"), so overlaps are resolved later, once boundaries are known. But every pattern
//! starts with a letter or digit, and a name stands only where a word starts. So the scan does not run
//! the automaton over every byte, as a bare Aho-Corasick scan does. It steps from word start to word
//! start, eight ASCII bytes at a time, and to every non-ASCII letter (a Hangul or Hanja name may sit
//! inside a run of syllables); a table of the patterns' first five bytes turns most words away ("said",
//! "since"); from the others it walks the automaton anchored, which yields every pattern beginning there,
//! shorter ones included, and stops where the text leaves the trie. No failure links, no re-scan of a
//! match for the names inside it. `DESIGN.md` has the measurements that chose this (a DFA, `daachorse`,
//! a radix trie of our own were tried).

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, LazyLock};

use aho_corasick::automaton::Automaton;
use aho_corasick::nfa::contiguous;
use aho_corasick::{Anchored, MatchKind};

use crate::boundary::is_word_char;
use crate::context::{Cue, CUES};
use crate::entity::{Entity, Label, Status};
use crate::error::Error;
use crate::gazetteer::{flag, Entry, Form};
use crate::normalize::fold;
use crate::rules::Reach;
use crate::variants;

pub(crate) struct Compiled {
    /// Anchored, standard semantics: walked from a word start, it passes through every pattern that
    /// begins there.
    anchored: contiguous::NFA,
    /// Its start state.
    start: aho_corasick::automaton::StateID,
    /// The patterns' first five bytes: most words are turned away here, without touching the
    /// automaton.
    prefixes: Prefixes,
    /// For each pattern that holds a word the built-in rules need (`rules::TRIGGERS`), how far a rule's
    /// match may reach around it.
    pub(crate) triggers: Vec<Option<Reach>>,
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

impl CompiledEntity {
    pub(crate) fn has_status(&self, status: Status) -> bool {
        self.statuses & status.bit() != 0
    }
}

#[derive(Clone, Debug)]
pub(crate) struct Reading {
    pub(crate) target: Target,
    pub(crate) flags: u16,
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
    fn marker(target: Target, flags: u16, hangul: bool) -> Reading {
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
        for (form_index, form) in entry.forms.iter().enumerate() {
            add_form(&mut table, entry, index as u32, form_index as u32, form);
        }
    }
    for (index, entry) in entries.iter().enumerate() {
        add_romanized(&mut table, entry, index as u32);
    }
    for &(phrases, cue) in CUES {
        for phrase in phrases {
            let hangul = phrase.chars().any(crate::normalize::is_hangul);
            table.add(
                phrase,
                Reading::marker(Target::Cue(cue), flag::CASE, hangul),
            );
        }
    }
    for (word, _) in crate::rules::TRIGGERS {
        table.add(word, Reading::marker(Target::Trigger, 0, false));
    }
    let anchored = contiguous::Builder::new()
        .match_kind(MatchKind::Standard)
        .build(&table.keys)
        .map_err(|e| Error::build(format!("cannot build the automaton: {e}")))?;
    let start = anchored
        .start_state(Anchored::Yes)
        .map_err(|e| Error::build(format!("cannot build the automaton: {e}")))?;
    let prefixes = Prefixes::new(&table.keys);
    let lower_triggers: Vec<(String, Reach)> = crate::rules::TRIGGERS
        .iter()
        .map(|&(word, reach)| (word.to_lowercase(), reach))
        .collect();
    // A name that holds a trigger word (the Ministry of State Security) may be passed over as a clean
    // match: its own match then stands for the word, reaching as far as the word's.
    let triggers = table
        .keys
        .iter()
        .map(|k| {
            lower_triggers
                .iter()
                .filter(|(word, _)| k.contains(word.as_str()))
                .map(|&(_, reach)| reach)
                .reduce(Reach::max)
        })
        .collect();
    Ok(Compiled {
        anchored,
        start,
        prefixes,
        triggers,
        patterns: table.readings,
        keys: table.keys,
        entities,
        by_id,
    })
}

/// A pattern found at a word start: its id and byte range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Found {
    pub(crate) pattern: usize,
    pub(crate) start: usize,
    pub(crate) end: usize,
}

impl Compiled {
    /// Calls `visit` with the patterns that begin at each place a name may start, in text order, the
    /// shorter first at one place: after a character that is not a letter or digit, and at every
    /// non-ASCII letter. `visit` gets them all at once and returns where the next place may be, to
    /// pass over a clean match. `found` is scratch space.
    pub(crate) fn scan(
        &self,
        text: &str,
        found: &mut Vec<Found>,
        mut visit: impl FnMut(&[Found]) -> usize,
    ) {
        let bytes = text.as_bytes();
        // The place after a start's matches: itself plus one byte, or the end of a clean match.
        let mut try_start = |start: usize| -> usize {
            if self.prefixes.may_begin(&bytes[start..]) {
                found.clear();
                self.walk(bytes, start, found);
                if !found.is_empty() {
                    return visit(found).max(start + 1);
                }
            }
            start + 1
        };
        let word_before = |at: usize| text[..at].chars().next_back().is_some_and(is_word_char);
        let mut at = 0;
        // Whether the character before `at` is a letter or a digit.
        let mut after_word = false;
        while at < bytes.len() {
            // Eight ASCII bytes at a time: where their words start is a bit mask, so the text between
            // two starts costs no branch per byte.
            if let Some(&eight) = bytes[at..].first_chunk::<8>() {
                let chunk = u64::from_le_bytes(eight);
                if chunk & HIGH_BITS == 0 {
                    let words = ascii_words(chunk);
                    let mut starts = words & !((words << 8) | if after_word { 0x80 } else { 0 });
                    let mut next = at + 8;
                    while starts != 0 {
                        let start = at + starts.trailing_zeros() as usize / 8;
                        let after = try_start(start);
                        if after >= at + 8 {
                            next = after;
                            break;
                        }
                        // Lanes before `after` are passed over.
                        starts &= u64::MAX << (8 * (after - at));
                    }
                    after_word = if next == at + 8 {
                        words >> 63 != 0
                    } else {
                        word_before(next)
                    };
                    at = next;
                    continue;
                }
            }
            // One character at a time: non-ASCII text, and the last bytes.
            let b = bytes[at];
            let (width, is_word, may_start) = if b < 0x80 {
                let is_word = b.is_ascii_alphanumeric();
                (1, is_word, is_word && !after_word)
            } else {
                let c = text[at..]
                    .chars()
                    .next()
                    .unwrap_or(char::REPLACEMENT_CHARACTER);
                let is_word = is_word_char(c);
                (c.len_utf8(), is_word, is_word)
            };
            let next = if may_start {
                try_start(at).max(at + width)
            } else {
                at + width
            };
            after_word = if next == at + width {
                is_word
            } else {
                word_before(next)
            };
            at = next;
        }
    }

    /// Every pattern that begins at `at`, the shorter first.
    fn walk(&self, bytes: &[u8], at: usize, found: &mut Vec<Found>) {
        let dfa = &self.anchored;
        let mut state = self.start;
        for (depth, &b) in bytes[at..].iter().enumerate() {
            // The patterns are in lower case: ASCII case is folded here, which keeps half the
            // transitions a case-insensitive automaton would have.
            state = dfa.next_state(Anchored::Yes, state, b.to_ascii_lowercase());
            if !dfa.is_special(state) {
                continue;
            }
            if dfa.is_dead(state) {
                return;
            }
            if dfa.is_match(state) {
                for i in 0..dfa.match_len(state) {
                    let pattern = dfa.match_pattern(state, i);
                    // A state's matches include patterns ending there that began later.
                    if dfa.pattern_len(pattern) == depth + 1 {
                        found.push(Found {
                            pattern: pattern.as_usize(),
                            start: at,
                            end: at + depth + 1,
                        });
                    }
                }
            }
        }
    }
}

const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// The ASCII letters and digits of eight ASCII bytes, as the high bit of each byte.
fn ascii_words(chunk: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    // Every byte is below 0x80, so adding at most 0x50 carries into no other byte.
    let lower = chunk | (ONES * 0x20);
    let from_a = lower + ONES * (0x80 - 0x61);
    let past_z = lower + ONES * (0x80 - 0x7B);
    let from_0 = chunk + ONES * (0x80 - 0x30);
    let past_9 = chunk + ONES * (0x80 - 0x3A);
    ((from_a & !past_z) | (from_0 & !past_9)) & HIGH_BITS
}

/// A set of pattern beginnings: the first five bytes of every pattern, and the whole of the shorter
/// ones, hashed into a bit table small enough to stay in cache. A place where no pattern begins is
/// turned away here, without touching the automaton: five bytes tell "Sinuiju" from "since", which three
/// do not. Bytes are compared with their 0x20 bit set, which folds ASCII case (and merges a few other
/// bytes, which only lets more places through to the automaton).
struct Prefixes {
    bits: Box<[u64; Prefixes::WORDS]>,
    /// The lengths (bit `n` for length `n`) of the patterns shorter than a prefix that are made of ASCII
    /// letters and digits alone: one of them stands only where the word in the text is that long.
    short_words: u8,
    /// The lengths of the other short patterns (a stop, a space or a non-ASCII letter inside).
    short_others: u8,
}

impl Prefixes {
    const LONG: usize = 5;
    const LOG2_BITS: u32 = 17;
    const WORDS: usize = (1 << Prefixes::LOG2_BITS) / 64;

    fn new(keys: &[String]) -> Prefixes {
        let mut prefixes = Prefixes {
            bits: Box::new([0; Prefixes::WORDS]),
            short_words: 0,
            short_others: 0,
        };
        for key in keys {
            let key = key.as_bytes();
            let n = key.len().min(Prefixes::LONG);
            if n < Prefixes::LONG {
                if key.iter().all(u8::is_ascii_alphanumeric) {
                    prefixes.short_words |= 1 << n;
                } else {
                    prefixes.short_others |= 1 << n;
                }
            }
            let i = Prefixes::index(Prefixes::load(key) | CASE_BITS, n);
            prefixes.bits[i / 64] |= 1 << (i % 64);
        }
        prefixes
    }

    /// The first eight bytes of `rest`, zero-padded.
    fn load(rest: &[u8]) -> u64 {
        if let Some(eight) = rest.first_chunk::<8>() {
            return u64::from_le_bytes(*eight);
        }
        let mut word = [0u8; 8];
        let n = rest.len().min(8);
        word[..n].copy_from_slice(&rest[..n]);
        u64::from_le_bytes(word)
    }

    fn index(word: u64, n: usize) -> usize {
        let prefix = word & (u64::MAX >> (64 - 8 * n));
        ((prefix ^ n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - Prefixes::LOG2_BITS))
            as usize
    }

    fn has(&self, word: u64, n: usize) -> bool {
        let i = Prefixes::index(word, n);
        self.bits[i / 64] & (1 << (i % 64)) != 0
    }

    /// Whether some pattern may begin `rest` and stand there: false only where none does. A pattern
    /// shorter than a prefix is looked up only where no ASCII letter or digit follows it: inside a
    /// longer word it stands neither as a name nor as a cue phrase, and the rules' trigger words, all
    /// of them longer, need not be seen there either.
    fn may_begin(&self, rest: &[u8]) -> bool {
        let raw = Prefixes::load(rest);
        let word = raw | CASE_BITS;
        if rest.len() >= Prefixes::LONG && self.has(word, Prefixes::LONG) {
            return true;
        }
        // How many ASCII letters and digits `rest` begins with (the zero padding is neither): a short
        // pattern of letters and digits alone stands only where that is its length.
        let letters = ascii_words(raw & !HIGH_BITS) & !raw & HIGH_BITS;
        let word_len = (!letters & HIGH_BITS).trailing_zeros() as usize / 8;
        if word_len < Prefixes::LONG
            && self.short_words & (1 << word_len) != 0
            && self.has(word, word_len)
        {
            return true;
        }
        self.short_others != 0
            && (1..Prefixes::LONG).any(|n| {
                self.short_others & (1 << n) != 0
                    && n <= rest.len()
                    && !rest.get(n).is_some_and(u8::is_ascii_alphanumeric)
                    && self.has(word, n)
            })
    }
}

/// The 0x20 bit of every byte, which folds ASCII case.
const CASE_BITS: u64 = 0x2020_2020_2020_2020;

/// The province (or provincial-level city) a place lies in: itself for a level-1 unit, else the top of
/// its parent chain. Bodies have none.
fn province_of(
    entries: &[Entry],
    by_id: &HashMap<String, u32>,
    entry: &Entry,
) -> Result<Option<String>, Error> {
    if !entry.entity.label.is_some_and(Label::is_place) && entry.entity.kind != "special_region" {
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
        if !form.hangul {
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
            if shared {
                flags |= if system == crate::romanize::System::Revised {
                    flag::SK
                } else {
                    flag::AMB
                };
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

/// Forms that are also everyday words (`gazetteers/everyday.txt`), folded, in lower case.
static EVERYDAY: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("../gazetteers/everyday.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
});

/// Whether a capitalised form needs its capital in the text whatever it is (rule 21): a form that needs
/// context or its head word, and a body's single word or numbered phrase, which lower case makes a
/// common noun ("the secretariat", "room 39"). Forms in `everyday.txt` need it too (`PatternTable::add`).
fn needs_capital(place: bool, flags: u16, text: &str) -> bool {
    flags & (flag::NK | flag::HEAD | flag::PERSON) != 0
        || (!place && (!text.trim().contains(' ') || text.contains(|c: char| c.is_ascii_digit())))
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

fn add_form(table: &mut PatternTable, entry: &Entry, entity: u32, form_index: u32, form: &Form) {
    let label = entry.entity.label;
    // A zone kept without a label does not hide the place in its name (ANNOTATION rule 4: "Kaesong" in
    // "Kaesong Industrial Region" is the city); a body kept without a label (a newspaper) does.
    if label.is_none() && entry.entity.kind == "special_region" {
        return;
    }
    let place = label.is_some_and(Label::is_place);
    let reading = |flags: u16, generated: bool, suffix_status: Option<Status>| Reading {
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
        for (i, variant) in variants.iter().enumerate() {
            table.add(variant, reading(form.flags, i > 0, None));
        }
        return;
    }
    let mut hangul_forms: Vec<(String, u16, bool)> = variants::hangul(&form.text)
        .into_iter()
        .enumerate()
        .map(|(i, v)| (v, form.flags, i > 0))
        .collect();
    if place {
        // The suffix written apart, as South Korean copy often does (형제산 구역, 신의주 시): a span only
        // where a particle, a space or punctuation follows, as a bare stem (혜산 시장 is a market).
        let spaced: Vec<(String, u16, bool)> = hangul_forms
            .iter()
            .filter_map(|(text, flags, _)| {
                let (stem, _) = variants::split_hangul_suffix(text)?;
                Some((
                    format!("{stem} {}", &text[stem.len()..]),
                    flags | flag::BARE,
                    true,
                ))
            })
            .collect();
        hangul_forms.extend(spaced);
    }
    if place && !form.former {
        if let Some((stem, status)) = variants::split_hangul_suffix(&form.text) {
            let level_one = entry.entity.kind == "provincial_city";
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
            variants::split_hangul_suffix(&text).map(|(_, s)| s)
        } else {
            None
        };
        table.add(&text, reading(flags, generated, suffix_status));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every pattern the scan finds in `text`, passing over nothing.
    fn every_pattern_found<'t>(compiled: &Compiled, text: &'t str) -> Vec<&'t str> {
        let mut seen = Vec::new();
        compiled.scan(text, &mut Vec::new(), |found| {
            seen.extend(found.iter().map(|m| &text[m.start..m.end]));
            found[0].start
        });
        seen
    }

    /// The anchored automaton is built quickly and kept small. Prints the figures (`cargo test --lib
    /// compile -- --nocapture`).
    #[test]
    fn the_builtin_automaton_is_small() {
        let entries = crate::gazetteer::Gazetteer::builtin().entries;
        let started = std::time::Instant::now();
        let compiled = compile(&entries).unwrap();
        let elapsed = started.elapsed();
        let memory = compiled.anchored.memory_usage();
        println!(
            "{} patterns; compiled in {elapsed:?} (this profile); automaton {memory} bytes",
            compiled.keys.len(),
        );
        assert!(memory < 16 << 20, "{memory} bytes");
    }

    #[test]
    fn patterns_are_in_lower_case_as_the_walk_reads_the_text() {
        let compiled = compile(&crate::gazetteer::Gazetteer::builtin().entries).unwrap();
        for key in &compiled.keys {
            assert!(!key.bytes().any(|b| b.is_ascii_uppercase()), "{key}");
        }
        let found = |text: &str| {
            let mut found = Vec::new();
            compiled.walk(text.as_bytes(), 0, &mut found);
            found.last().map(|m| m.end)
        };
        assert_eq!(found("HYESAN city"), Some(6));
        assert_eq!(found("hyesan city"), Some(6));
    }

    #[test]
    fn eight_bytes_at_a_time_mark_the_ascii_letters_and_digits() {
        for b in 0..0x80u8 {
            for lane in 0..8 {
                let mut bytes = [b' '; 8];
                bytes[lane] = b;
                let marked = ascii_words(u64::from_le_bytes(bytes)) >> (8 * lane + 7) & 1 == 1;
                assert_eq!(marked, b.is_ascii_alphanumeric(), "{b:#x} in lane {lane}");
            }
        }
    }

    #[test]
    fn a_name_is_found_wherever_it_falls_in_the_eight_byte_chunks() {
        let entries = crate::gazetteer::Gazetteer::builtin().entries;
        let compiled = compile(&entries).unwrap();
        for lead in 0..17 {
            for before in ["", "x", "é", "(", "청"] {
                let text = format!(
                    "{}{before} Hyesan,ahyesan Ryanggang{before}",
                    "a".repeat(lead)
                );
                let seen = every_pattern_found(&compiled, &text);
                assert_eq!(seen, ["Hyesan", "Ryanggang"], "{text:?}");
            }
        }
    }

    #[test]
    fn a_name_right_after_non_ascii_punctuation_is_found() {
        let entries = crate::gazetteer::Gazetteer::builtin().entries;
        let compiled = compile(&entries).unwrap();
        let text = "“Hyesan” —Musan «Chongjin» ·Sinuiju";
        let seen = every_pattern_found(&compiled, text);
        assert_eq!(seen, ["Hyesan", "Musan", "Chongjin", "Sinuiju"]);
    }

    #[test]
    fn every_pattern_that_begins_at_a_word_start_is_found_and_clean_matches_are_passed_over() {
        let entries = crate::gazetteer::Gazetteer::builtin().entries;
        let compiled = compile(&entries).unwrap();
        let text = "In North Hamgyong, xsamsu and 함경북도청진시.";
        let seen = every_pattern_found(&compiled, text);
        assert!(seen.contains(&"North Hamgyong"), "{seen:?}");
        assert!(seen.contains(&"Hamgyong"), "{seen:?}");
        assert!(!seen.contains(&"samsu"), "{seen:?}");
        assert!(seen.contains(&"청진"), "{seen:?}");
        let mut passing_over = Vec::new();
        compiled.scan(text, &mut Vec::new(), |found| {
            let longest = found[found.len() - 1];
            passing_over.push(&text[longest.start..longest.end]);
            longest.end
        });
        assert!(passing_over.contains(&"North Hamgyong"), "{passing_over:?}");
        assert!(!passing_over.contains(&"Hamgyong"), "{passing_over:?}");
    }
}
