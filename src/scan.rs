//! Stage 2: the scan of the folded text with the automaton `compile` builds.
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

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::nfa::contiguous;
use aho_corasick::Anchored;

use crate::boundary::is_word_char;
use crate::error::Error;

/// The automaton of every pattern, walked anchored from word starts, and the table of the patterns'
/// beginnings that spares most words the walk.
pub(crate) struct Scanner {
    /// Anchored, standard semantics: walked from a word start, it passes through every pattern that
    /// begins there.
    anchored: contiguous::NFA,
    /// Its start state.
    start: StateID,
    /// The patterns' first five bytes: most words are turned away here, without touching the
    /// automaton.
    prefixes: Prefixes,
}

/// A pattern found at a word start: its id and byte range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Found {
    pub(crate) pattern: usize,
    pub(crate) start: usize,
    pub(crate) end: usize,
}

impl Scanner {
    /// The scanner of `anchored`, which `compile` built from `keys` with standard semantics, the keys in
    /// lower case.
    pub(crate) fn new(anchored: contiguous::NFA, keys: &[String]) -> Result<Scanner, Error> {
        let start = anchored
            .start_state(Anchored::Yes)
            .map_err(|e| Error::build(format!("cannot build the automaton: {e}")))?;
        Ok(Scanner {
            anchored,
            start,
            prefixes: Prefixes::new(keys),
        })
    }

    /// The automaton's size in bytes.
    #[cfg(test)]
    pub(crate) fn memory_usage(&self) -> usize {
        self.anchored.memory_usage()
    }

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
    /// The lengths of the other short patterns (a stop, a space or a non-ASCII letter inside), apart for
    /// those that begin with an ASCII byte and those that do not: a short Hangul or Hanja cue (북, 北)
    /// must not cost every three-letter English word a lookup.
    short_others: [u8; 2],
}

impl Prefixes {
    const LONG: usize = 5;
    const LOG2_BITS: u32 = 17;
    const WORDS: usize = (1 << Prefixes::LOG2_BITS) / 64;

    fn new(keys: &[String]) -> Prefixes {
        let mut prefixes = Prefixes {
            bits: Box::new([0; Prefixes::WORDS]),
            short_words: 0,
            short_others: [0; 2],
        };
        for key in keys {
            let key = key.as_bytes();
            let n = key.len().min(Prefixes::LONG);
            if n < Prefixes::LONG {
                if key.iter().all(u8::is_ascii_alphanumeric) {
                    prefixes.short_words |= 1 << n;
                } else {
                    prefixes.short_others[usize::from(!key[0].is_ascii())] |= 1 << n;
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
        let others = self.short_others[usize::from(!rest[0].is_ascii())];
        others != 0
            && (1..Prefixes::LONG).any(|n| {
                others & (1 << n) != 0
                    && n <= rest.len()
                    && !rest.get(n).is_some_and(u8::is_ascii_alphanumeric)
                    && self.has(word, n)
            })
    }
}

/// The 0x20 bit of every byte, which folds ASCII case.
const CASE_BITS: u64 = 0x2020_2020_2020_2020;

#[cfg(test)]
mod tests {
    use aho_corasick::MatchKind;

    use super::*;

    /// A scanner of `keys`, built as `compile` builds one: standard semantics, keys in lower case.
    fn scanner(keys: &[&str]) -> Scanner {
        let keys: Vec<String> = keys.iter().map(|k| k.to_string()).collect();
        let anchored = contiguous::Builder::new()
            .match_kind(MatchKind::Standard)
            .build(&keys)
            .unwrap();
        Scanner::new(anchored, &keys).unwrap()
    }

    /// Every pattern the scan finds in `text`, passing over nothing.
    fn every_pattern_found<'t>(scanner: &Scanner, text: &'t str) -> Vec<&'t str> {
        let mut seen = Vec::new();
        scanner.scan(text, &mut Vec::new(), |found| {
            seen.extend(found.iter().map(|m| &text[m.start..m.end]));
            found[0].start
        });
        seen
    }

    #[test]
    fn the_walk_folds_the_ascii_case_of_the_text_to_the_lower_case_keys() {
        let scanner = scanner(&["hyesan", "hyesan city"]);
        let found = |text: &str| {
            let mut found = Vec::new();
            scanner.walk(text.as_bytes(), 0, &mut found);
            found.iter().map(|m| m.end).collect::<Vec<_>>()
        };
        assert_eq!(found("HYESAN CITY"), [6, 11]);
        assert_eq!(found("Hyesan city!"), [6, 11]);
        assert_eq!(found("hyesan town"), [6]);
        assert_eq!(found("hyesam"), [] as [usize; 0]);
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
        let scanner = scanner(&["hyesan", "ryanggang"]);
        for lead in 0..17 {
            for before in ["", "x", "é", "(", "청"] {
                let text = format!(
                    "{}{before} Hyesan,ahyesan Ryanggang{before}",
                    "a".repeat(lead)
                );
                let seen = every_pattern_found(&scanner, &text);
                assert_eq!(seen, ["Hyesan", "Ryanggang"], "{text:?}");
            }
        }
    }

    #[test]
    fn a_name_right_after_non_ascii_punctuation_is_found() {
        let scanner = scanner(&["hyesan", "musan", "chongjin", "sinuiju"]);
        let text = "“Hyesan” —Musan «Chongjin» ·Sinuiju";
        let seen = every_pattern_found(&scanner, text);
        assert_eq!(seen, ["Hyesan", "Musan", "Chongjin", "Sinuiju"]);
    }

    #[test]
    fn every_pattern_that_begins_at_a_word_start_is_found_and_clean_matches_are_passed_over() {
        let scanner = scanner(&["north hamgyong", "hamgyong", "samsu", "함경북도", "청진"]);
        let text = "In North Hamgyong, xsamsu and 함경북도청진시.";
        let seen = every_pattern_found(&scanner, text);
        assert_eq!(seen, ["North Hamgyong", "Hamgyong", "함경북도", "청진"]);
        let mut passing_over = Vec::new();
        scanner.scan(text, &mut Vec::new(), |found| {
            let longest = found[found.len() - 1];
            passing_over.push(&text[longest.start..longest.end]);
            longest.end
        });
        assert_eq!(passing_over, ["North Hamgyong", "함경북도", "청진"]);
    }
}
