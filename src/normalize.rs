//! Folding text for matching, and mapping matches back to the original text.
//!
//! Names are matched on a folded copy of the text, never on the text itself, so that one pattern finds
//! P'yŏngyang, P’yongyang and `Pyo\u{306}ngyang` alike. The folding is:
//!
//! - Latin letters with diacritics lose them (ŏ → o, ŭ → u), and combining marks are dropped, so NFD and
//!   NFC input fold the same;
//! - conjoining Hangul jamo (NFD Hangul) are composed into syllables;
//! - apostrophe-like characters (’ ‘ ʼ ʻ ` ´ ′) become `'`, hyphen-like ones (‐ ‑ ‒ – −) become `-`;
//! - a run of white space, line breaks included, becomes one space;
//! - invisible format characters (soft hyphen, zero-width space, joiner and non-joiner, direction marks
//!   and isolates, word joiner, BOM) are dropped, so a name with one inside still matches.
//!
//! Case is kept: the automaton compares ASCII case-insensitively, and case-sensitive forms (acronyms) are
//! checked against the folded text.
//!
//! The folded text remembers where each of its characters came from ([`Folded::original_start`]), so
//! spans are reported in the original text, which is never changed. The mapping is stored as anchors at
//! the points where the folded and original offsets stop advancing together; for plain text there are
//! few, and for plain ASCII text without runs of white space there are none at all.

use std::borrow::Cow;

use unicode_normalization::char::{compose, decompose_canonical, is_combining_mark};

/// A folded copy of a text, with the map back to the original.
pub(crate) struct Folded<'t> {
    text: Cow<'t, str>,
    /// `(folded offset, original offset)` pairs, sorted; between two anchors both advance together.
    anchors: Vec<(usize, usize)>,
    /// Folded offsets of the spaces that replaced a run of white space with a line break in it.
    line_breaks: Vec<LineBreak>,
}

/// A run of white space that held one or more line breaks, at a folded offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct LineBreak {
    pub(crate) at: usize,
    /// Whether the run held a blank line (two or more line breaks): a paragraph break.
    pub(crate) blank: bool,
}

impl<'t> Folded<'t> {
    pub(crate) fn new(original: &'t str) -> Folded<'t> {
        if is_already_folded(original) {
            return Folded {
                text: Cow::Borrowed(original),
                anchors: Vec::new(),
                line_breaks: Vec::new(),
            };
        }
        fold_slow(original)
    }

    /// Whether folding changed nothing: the text is then printable ASCII, a character a byte.
    pub(crate) fn is_unchanged(&self) -> bool {
        matches!(self.text, Cow::Borrowed(_))
    }

    /// The folded text.
    pub(crate) fn as_str(&self) -> &str {
        &self.text
    }

    pub(crate) fn line_breaks(&self) -> &[LineBreak] {
        &self.line_breaks
    }

    /// The original byte offset of the character that starts at `folded` in the folded text.
    pub(crate) fn original_start(&self, folded: usize) -> usize {
        let i = self.anchors.partition_point(|&(f, _)| f <= folded);
        if i == 0 {
            return folded;
        }
        let (f, o) = self.anchors[i - 1];
        o + (folded - f)
    }
}

/// Folds a name the way text is folded. Patterns and text must agree on this.
pub(crate) fn fold(s: &str) -> String {
    Folded::new(s).text.into_owned()
}

/// True when folding would change nothing: ASCII with no white space but single spaces and no backtick.
fn is_already_folded(s: &str) -> bool {
    plain_run_end(s.as_bytes(), 0) == s.len()
}

/// The end of the run of bytes from `start` that fold to themselves: printable ASCII but the backtick,
/// and no space right after a space (the run ends at the second space of a run).
fn plain_run_end(bytes: &[u8], start: usize) -> usize {
    const CHUNK: usize = 32;
    let is_plain = |b: u8| (0x20..0x80).contains(&b) && b != b'`';
    let mut i = start;
    match bytes.get(i) {
        Some(&b) if is_plain(b) => i += 1,
        _ => return i,
    }
    // A chunk with the byte before it, checked as a whole without a branch a byte, which the compiler
    // turns into vector instructions; the first chunk that is not plain throughout is read a byte at a
    // time below.
    while let Some(window) = bytes.get(i - 1..i + CHUNK) {
        let window: &[u8; CHUNK + 1] = window.try_into().unwrap_or(&[0; CHUNK + 1]);
        let faults = (0..CHUNK).fold(0u8, |faults, k| {
            let (before, b) = (window[k], window[k + 1]);
            faults | u8::from(!is_plain(b)) | (u8::from(before == b' ') & u8::from(b == b' '))
        });
        if faults != 0 {
            break;
        }
        i += CHUNK;
    }
    while let Some(&b) = bytes.get(i) {
        if !is_plain(b) || (b == b' ' && bytes[i - 1] == b' ') {
            break;
        }
        i += 1;
    }
    i
}

fn fold_slow(original: &str) -> Folded<'_> {
    let mut out = String::with_capacity(original.len());
    let mut anchors: Vec<(usize, usize)> = Vec::new();
    let mut line_breaks = Vec::new();
    let mut in_space = false;
    let mut run_breaks = 0usize;
    let bytes = original.as_bytes();
    let mut pos = 0;

    // Emits `s`, which stands for the original text starting at `from`.
    let emit = |out: &mut String, anchors: &mut Vec<(usize, usize)>, s: &str, from: usize| {
        let expected = match anchors.last() {
            Some(&(f, o)) => o + (out.len() - f),
            None => out.len(),
        };
        if expected != from {
            anchors.push((out.len(), from));
        }
        out.push_str(s);
    };

    while pos < bytes.len() {
        // Runs of plain ASCII (single spaces included) fold to themselves and are copied whole: most text
        // is made of them.
        let b = bytes[pos];
        if b != b' ' {
            // A run of spaces inside is folded by the slow path: the run stops after its first space.
            let end = plain_run_end(bytes, pos);
            if end > pos {
                end_space_run(&mut in_space, &mut run_breaks, &mut line_breaks, &out);
                emit(&mut out, &mut anchors, &original[pos..end], pos);
                // A run that ends with a space is inside white space: what follows it is folded into it.
                in_space = bytes[end - 1] == b' ';
                pos = end;
                continue;
            }
        }
        let Some(c) = original[pos..].chars().next() else {
            break;
        };
        let at = pos;
        pos += c.len_utf8();
        if c.is_whitespace() {
            if c == '\n' {
                run_breaks += 1;
            }
            if !in_space {
                in_space = true;
                emit(&mut out, &mut anchors, " ", at);
            }
            continue;
        }
        if is_hangul_syllable(c) {
            // A run of syllables folds to itself: copied whole, as a run of ASCII is.
            while let Some(next) = original[pos..]
                .chars()
                .next()
                .filter(|&n| is_hangul_syllable(n))
            {
                pos += next.len_utf8();
            }
            end_space_run(&mut in_space, &mut run_breaks, &mut line_breaks, &out);
            emit(&mut out, &mut anchors, &original[at..pos], at);
            continue;
        }
        if is_invisible_format(c) || is_combining_mark(c) {
            continue;
        }
        end_space_run(&mut in_space, &mut run_breaks, &mut line_breaks, &out);
        if c == '`' {
            emit(&mut out, &mut anchors, "'", at);
            continue;
        }
        if is_leading_jamo(c) {
            let mut syllable = c;
            while let Some(next) = original[pos..].chars().next() {
                match compose(syllable, next) {
                    Some(composed) => {
                        syllable = composed;
                        pos += next.len_utf8();
                    }
                    None => break,
                }
            }
            let mut buf = [0u8; 4];
            emit(&mut out, &mut anchors, syllable.encode_utf8(&mut buf), at);
            continue;
        }
        let folded = fold_char(c);
        let mut buf = [0u8; 4];
        emit(&mut out, &mut anchors, folded.encode_utf8(&mut buf), at);
    }
    if in_space && run_breaks > 0 {
        line_breaks.push(LineBreak {
            at: out.len() - 1,
            blank: run_breaks > 1,
        });
    }
    Folded {
        text: Cow::Owned(out),
        anchors,
        line_breaks,
    }
}

/// Closes a run of white space at the first character after it, recording a line break if it held one.
fn end_space_run(
    in_space: &mut bool,
    run_breaks: &mut usize,
    line_breaks: &mut Vec<LineBreak>,
    out: &str,
) {
    if *in_space {
        if *run_breaks > 0 {
            line_breaks.push(LineBreak {
                at: out.len() - 1,
                blank: *run_breaks > 1,
            });
        }
        *in_space = false;
        *run_breaks = 0;
    }
}

fn is_leading_jamo(c: char) -> bool {
    ('\u{1100}'..='\u{1112}').contains(&c)
}

/// Invisible format characters that may sit inside a name (ANNOTATION rule 8).
pub(crate) fn is_invisible_format(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

fn fold_char(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{02BC}' | '\u{02BB}' | '\u{00B4}' | '\u{2032}' => '\'',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2212}' => '-',
        _ if c.is_alphabetic() && !is_hangul(c) => {
            let mut base = None;
            let mut extra = false;
            decompose_canonical(c, |d| {
                if is_combining_mark(d) {
                    return;
                }
                if base.is_none() {
                    base = Some(d);
                } else {
                    extra = true;
                }
            });
            match base {
                Some(b) if b.is_ascii_alphabetic() && !extra => b,
                _ => c,
            }
        }
        _ => c,
    }
}

/// Hangul syllables and jamo.
pub(crate) fn is_hangul(c: char) -> bool {
    matches!(c, '\u{AC00}'..='\u{D7A3}' | '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}')
}

pub(crate) fn is_hangul_syllable(c: char) -> bool {
    ('\u{AC00}'..='\u{D7A3}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map_all(original: &str) -> (String, Vec<usize>) {
        let f = Folded::new(original);
        let starts = f
            .as_str()
            .char_indices()
            .map(|(i, _)| f.original_start(i))
            .collect();
        (f.as_str().to_string(), starts)
    }

    #[test]
    fn plain_ascii_is_borrowed() {
        let f = Folded::new("Hyesan City, Ryanggang Province.");
        assert!(matches!(f.text, Cow::Borrowed(_)));
        assert_eq!(f.original_start(7), 7);
    }

    #[test]
    fn diacritics_nfc_and_nfd_fold_alike() {
        assert_eq!(fold("P'yŏngyang"), "P'yongyang");
        assert_eq!(fold("P'yo\u{306}ngyang"), "P'yongyang");
        assert_eq!(fold("Hamgyŏng-bukto"), "Hamgyong-bukto");
        assert_eq!(fold("ŬIJU"), "UIJU");
    }

    #[test]
    fn white_space_runs_and_line_breaks_become_one_space() {
        let f = Folded::new("Ryanggang\n  Province\n\nNext");
        assert_eq!(f.as_str(), "Ryanggang Province Next");
        assert_eq!(
            f.line_breaks(),
            &[
                LineBreak {
                    at: 9,
                    blank: false
                },
                LineBreak {
                    at: 18,
                    blank: true
                }
            ]
        );
        assert_eq!(f.original_start(10), 12);
        assert_eq!(f.original_start(19), 22);
    }

    #[test]
    fn invisible_format_characters_are_dropped_but_mapped_around() {
        let (folded, starts) = map_all("Hye\u{200D}san");
        assert_eq!(folded, "Hyesan");
        assert_eq!(starts, vec![0, 1, 2, 6, 7, 8]);
    }

    #[test]
    fn a_space_next_to_non_ascii_white_space_is_one_space() {
        assert_eq!(fold("Ryanggang \u{A0}Province"), "Ryanggang Province");
        assert_eq!(fold("Ryanggang\u{3000} Province"), "Ryanggang Province");
        assert_eq!(fold("a b  c\td 혜 산"), "a b c d 혜 산");
    }

    #[test]
    fn curly_apostrophes_and_hyphens_are_unified() {
        assert_eq!(fold("People’s Army"), "People's Army");
        assert_eq!(fold("Sunan‐guyok"), "Sunan-guyok");
    }

    #[test]
    fn nfd_hangul_is_composed() {
        let nfd = "\u{1112}\u{1168}\u{1109}\u{1161}\u{11AB}";
        let (folded, starts) = map_all(nfd);
        assert_eq!(folded, "혜산");
        assert_eq!(starts, vec![0, 6]);
    }

    /// The folding rules applied one character at a time, with none of the fast paths.
    fn reference_fold(s: &str) -> String {
        let chars: Vec<char> = s.chars().collect();
        let (mut out, mut in_space, mut i) = (String::new(), false, 0);
        while i < chars.len() {
            let c = chars[i];
            i += 1;
            if c.is_whitespace() {
                if !in_space {
                    out.push(' ');
                    in_space = true;
                }
                continue;
            }
            if is_invisible_format(c) || is_combining_mark(c) {
                continue;
            }
            in_space = false;
            if c == '`' {
                out.push('\'');
            } else if is_leading_jamo(c) {
                let mut syllable = c;
                while let Some(composed) = chars.get(i).and_then(|&n| compose(syllable, n)) {
                    syllable = composed;
                    i += 1;
                }
                out.push(syllable);
            } else {
                out.push(fold_char(c));
            }
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn the_fast_paths_fold_like_the_rules(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "a", "Hyesan", "  ", " ", "\n", "\t", "\r\n", "`", "'", "’", "ŏ", "o\u{306}", "\u{200D}",
                "\u{00AD}", "\u{A0}", "\u{3000}", "혜", "\u{1112}\u{1168}", "\u{11AB}", "\0", "\u{1}",
                "0123456789abcdef", "–", "Ł",
            ]), 0..40)
        ) {
            let text = pieces.concat();
            let folded = Folded::new(&text);
            proptest::prop_assert_eq!(folded.as_str(), reference_fold(&text));
            let mut previous = 0;
            for (i, _) in folded.as_str().char_indices() {
                let at = folded.original_start(i);
                proptest::prop_assert!(at >= previous && at < text.len() && text.is_char_boundary(at));
                previous = at;
            }
        }
    }

    #[test]
    fn line_breaks_are_only_runs_with_a_break_in_them_even_at_the_end() {
        let breaks = |text| Folded::new(text).line_breaks().to_vec();
        let at = |at, blank| LineBreak { at, blank };
        assert_eq!(breaks("Hyesan  Province "), vec![]);
        assert_eq!(breaks("Hyesan \n"), vec![at(6, false)]);
        assert_eq!(breaks("Hyesan\n \n"), vec![at(6, true)]);
    }

    /// Eight bytes are tested at once: a word made only of control characters or only of backticks
    /// must leave the fast path too.
    #[test]
    fn a_whole_word_of_bytes_to_fold_is_folded() {
        assert_eq!(fold("\n\n\n\n\t\t\t\tHyesan"), " Hyesan");
        assert_eq!(fold("Hyesan\t\t\t\t\t\t\t\t"), "Hyesan ");
        assert_eq!(fold("````````Hyesan"), "''''''''Hyesan");
    }

    #[test]
    fn non_ascii_letters_without_ascii_base_are_kept() {
        assert_eq!(fold("Łódź ß 平壤"), "Łodz ß 平壤");
        // Only an ASCII base loses its marks: Greek keeps its accent.
        assert_eq!(fold("ά"), "ά");
    }
}
