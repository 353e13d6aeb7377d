//! Nested and juxtaposed bodies: one span for a body named with its parents (ANNOTATION rules 12, 23).
//!
//! Real text names a body with the bodies above it, either after it and joined by "of" ("Political
//! Bureau of the 8th Central Committee of the Workers' Party of Korea") or before it ("WPK Central
//! Committee", "KPA Navy Unit 597", 노동당 중앙위원회). The gazetteer lists the common combinations, but not
//! every one can be listed, so the bodies found separately are joined here, after overlaps are resolved:
//! the span covers them all and links to the innermost body, the one the others only locate. A span
//! with a unit inside is a UNIT. Anything else between two bodies (a comma, a parenthesis, "(North)")
//! keeps them apart. The state's name after a body belongs to the body's official name ("State Affairs
//! Commission of the DPRK"); a short name that needs context and is followed by "of" and a name it does
//! not join, or comes right after an acronym that is no body, belongs to that other body ("the
//! Standing Committee of the National Security Council", "the NSC Standing Committee").
//!
//! "of" joins only where the second body is the first one's parent (or the first has no entry: a body
//! found by its shape), so that "Central Committee of the Socialist Patriotic Youth League" is not read
//! as the party's. Two bodies side by side with a single space between them are a juxtaposed name in
//! news copy, whatever their parents (인민무력부 보위사령부 names the security command by the ministry it
//! was under), unless they are a list: on lines of their own, or siblings under one parent (국가보위성
//! 국방성 사회안전성).

use crate::candidate::Candidate;
use crate::entity::Label;
use crate::gazetteer::flag;

/// How two bodies are joined.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Joint {
    /// "X of the Y": X is the innermost.
    Of,
    /// "Y X": X is the innermost.
    Space,
}

/// Joins nested and juxtaposed bodies in `accepted` (sorted, not overlapping). `is_ancestor(a, b)` says
/// whether entity `a` is `b` or one of `b`'s parents, `siblings(a, b)` whether the two have the same
/// parent, and `line_break_at(at)` whether the space at folded offset `at` stands for a line break.
pub(crate) fn join(
    f: &str,
    accepted: &mut Vec<Candidate>,
    is_ancestor: impl Fn(u32, u32) -> bool,
    siblings: impl Fn(u32, u32) -> bool,
    in_party: impl Fn(u32) -> bool,
    line_break_at: impl Fn(usize) -> bool,
) {
    if !accepted.iter().any(is_body) {
        return;
    }
    // A body's own department named after it, and a unit after that (인민군 공병국 제1여단): the
    // department joins the body first, so that the unit then joins them both (rule 23).
    for i in 1..accepted.len() {
        let (front, rest) = accepted.split_at_mut(i);
        let (body, unit) = (&mut front[i - 1], &rest[0]);
        if !is_body(body) || unit.label != Some(Label::Unit) || unit.pending {
            continue;
        }
        if let Some((len, numbered)) = subunit_after(&f[body.end..]) {
            if f[body.end + len..].starts_with(' ') && body.end + len + 1 == unit.start {
                body.end += len;
                unlink(body);
                if numbered {
                    body.label = Some(Label::Unit);
                }
            }
        }
    }
    // Joined in place: `kept` candidates stand at the front, the one being read at `i`.
    let mut kept: usize = 0;
    for i in 0..accepted.len() {
        if let Some(last) = kept.checked_sub(1) {
            let (front, rest) = accepted.split_at_mut(i);
            let (last, c) = (&mut front[last], &mut rest[0]);
            if is_body(last) && is_body(c) && last.end <= c.start {
                match joint(&f[last.end..c.start]) {
                    Some(Joint::Of) if of_joins(last, c, &is_ancestor) => {
                        last.end = c.end;
                        if c.label == Some(Label::Unit) {
                            last.label = Some(Label::Unit);
                        }
                        continue;
                    }
                    Some(Joint::Of) if is_others_short_name(last, c, &is_ancestor) => {
                        last.end = c.end;
                        unlink(last);
                        continue;
                    }
                    // A list, not a name: bodies on lines of their own, or siblings side by side
                    // (국가보위성 국방성 사회안전성: three ministries, none inside another).
                    Some(Joint::Space)
                        if line_break_at(last.end)
                            || matches!((last.entity, c.entity), (Some(a), Some(b))
                                if a != b && siblings(a, b)) => {}
                    Some(Joint::Space) => {
                        let others = is_others_short_name(c, last, &is_ancestor);
                        let unit = last.label == Some(Label::Unit);
                        let start = last.start;
                        std::mem::swap(last, c);
                        last.start = start;
                        if unit {
                            last.label = Some(Label::Unit);
                        }
                        if others {
                            unlink(last);
                        }
                        continue;
                    }
                    _ => {}
                }
            }
        }
        accepted.swap(kept, i);
        kept += 1;
    }
    accepted.truncate(kept);
    let mut previous_end = 0;
    for i in 0..accepted.len() {
        let next_start = accepted.get(i + 1).map_or(f.len(), |n| n.start);
        let c = &mut accepted[i];
        if !is_body(c) {
            previous_end = c.end;
            continue;
        }
        // Never into the mention before or after.
        c.end += state_name_after(&f[c.end..next_start]);
        let party = c.entity.is_none_or(&in_party);
        c.start -= parent_name_before(&f[previous_end..c.start], party);
        // A body named from "Party" on (Party Central Military Commission) takes the Party's full name
        // before it: "Workers' Party Central Military Commission" (rule 23).
        if party && f[c.start..].starts_with("Party ") {
            c.start -= word_ending(&f[previous_end..c.start], PARTY_NAME_BEFORE.iter());
        }
        if c.label == Some(Label::Unit) {
            c.end += command_after(&f[c.end..]);
            c.end += group_word_after(f, c.end);
            // "Special" before a numbered corps names another formation than the corps of that
            // number (특수 8군단, the Special 8th Corps, was no 8th Corps): one span, no entry (rule 29e).
            let special = special_before(&f[previous_end..c.start]);
            if special > 0 {
                c.start -= special;
                unlink(c);
            }
        } else {
            // A service's command glued to its name is the service (rule 29c: 북한 해군사령부).
            c.end += glued_command_after(&f[c.end..]);
        }
        let latin = latin_subunit_after(&f[c.end..]);
        if latin > 0 && c.end + latin <= next_start {
            c.end += latin;
            unlink(c);
        }
        if let Some((len, numbered)) = subunit_after(&f[c.end..]) {
            // Never into the next mention: a listed body after it is its own (총정치국 총참모부).
            if c.end + len <= next_start {
                c.end += len;
                unlink(c);
                if numbered {
                    c.label = Some(Label::Unit);
                }
            }
        }
        previous_end = c.end;
    }
    // A short name that needs context ("Standing Committee", "Central Committee") and is still
    // followed by "of" and a name it did not join is that other body's: "the Standing Committee of
    // the National Security Council". Each is decided before the ones after it move.
    let mut kept = 0;
    for i in 0..accepted.len() {
        let c = &accepted[i];
        let mut keep = true;
        if is_body(c) && c.flags & flag::NK != 0 {
            // "the Central Committee of the ruling Workers' Party": an adjective before its own parent.
            // A body of its own that has no row ("Cabinet General Intelligence Bureau of the Workers'
            // Party Central Committee") names its parent so too.
            let to_parent = accepted.get(i + 1).is_some_and(|n| {
                is_body(n)
                    && match (c.entity, n.entity) {
                        (Some(e), Some(p)) => is_ancestor(p, e),
                        (None, Some(_)) => true,
                        _ => false,
                    }
                    && adjectives_then_parent(&f[c.end..n.start])
            });
            keep = !(acronym_before(&f[..c.start], &f[c.start..c.end])
                || (of_other_body(&f[c.end..]) && !to_parent));
        }
        if keep {
            accepted.swap(kept, i);
            kept += 1;
        }
    }
    accepted.truncate(kept);
}

/// The state's name after a body is part of its official name (rule 23): "Cabinet of the DPRK".
/// Returns the bytes it takes.
fn state_name_after(rest: &str) -> usize {
    const STATE: &[&str] = &[
        " of the Democratic People's Republic of Korea",
        " of the DPRK",
    ];
    STATE
        .iter()
        .find(|s| {
            rest.starts_with(*s)
                && !rest[s.len()..]
                    .chars()
                    .next()
                    .is_some_and(crate::boundary::is_word_char)
        })
        .map_or(0, |s| s.len())
}

/// The state's name before a body is part of its name too, as the state's press writes it in both
/// languages (rule 29h: 조선민주주의인민공화국 사회안전성, "DPRK National Defence Commission", as the rows'
/// own "DPRK Cabinet" and "DPRK Foreign Ministry"); so is "Central Party" (중앙당), or "Party", before a department
/// (rule 29i), where the body is the Party's or has no entry (`party`): the KPA's General Political
/// Bureau is none (당 총정치국장: a title). Returns the bytes it takes.
fn parent_name_before(before: &str, party: bool) -> usize {
    // 당 alone as the state's press writes it before a body (당 군정지도부). Not 조선 alone (조선 외무성):
    // the annotators of the real-text sets left it out, as a country's name before its body.
    const STATE: &[&str] = &["조선민주주의인민공화국 ", "DPRK "];
    const PARTY: &[&str] = &["Central Party ", "Party ", "중앙당 ", "당 "];
    word_ending(before, STATE.iter().chain(if party { PARTY } else { &[] }))
}

/// The words of the Party's name before "Party" (the text is folded: one apostrophe).
const PARTY_NAME_BEFORE: &[&str] = &[
    "Korean Workers' ",
    "Korean Workers ",
    "Korean Worker's ",
    "Workers' ",
    "Workers ",
    "Worker's ",
];

/// The bytes of "Special " or 특수 before a formation, at a word start.
fn special_before(before: &str) -> usize {
    word_ending(before, ["Special ", "특수 ", "특수"].iter())
}

/// The length of the first of `words` that `before` ends with, starting at a word start; 0 for none.
fn word_ending<'w>(before: &str, mut words: impl Iterator<Item = &'w &'w str>) -> usize {
    words
        .find(|w| {
            before.ends_with(**w)
                && !before[..before.len() - w.len()]
                    .chars()
                    .next_back()
                    .is_some_and(crate::boundary::is_word_char)
        })
        .map_or(0, |w| w.len())
}

/// A body's own department, bureau or section named right after it by a word of its own (호위총국
/// 참모부, 총참모부 작전국, 국무위원회 경위국, 당중앙위원회 6처): one span with the body, with no entry, a
/// UNIT where it is numbered (rules 12, 23, 25), also written glued to the body. Returns the bytes it
/// takes, the space before it included, and whether it is numbered. Everyday words that end like a
/// department (일부 "some", 간부 "cadre", 당국 "the authorities", 근처 "nearby") are none.
fn subunit_after(rest: &str) -> Option<(usize, bool)> {
    const EVERYDAY: &[&str] = &[
        "일부",
        // The leadership of a body (노동당 지도부), not a department of it.
        "지도부",
        "전부",
        "내부",
        "외부",
        "간부",
        "본부",
        "지휘부",
        "상부",
        "하부",
        "중부",
        "북부",
        "남부",
        "서부",
        "동부",
        "정부",
        "지부",
        "세부",
        "여부",
        "대부분",
        "간부들",
        "당국",
        "중국",
        "한국",
        "미국",
        "외국",
        "전국",
        "결국",
        "시국",
        "정국",
        "각국",
        "약국",
        "제국",
        "왕국",
        "본국",
        "대국",
        "강국",
        "대처",
        "출처",
        "근처",
        "거처",
        "도처",
        "상처",
    ];
    let (gap, word) = match rest.strip_prefix(' ') {
        Some(word) => (1, word),
        // Or glued to the body, as Korean also writes it (내각사무국, 청년동맹중앙위원회).
        None if rest.starts_with(crate::normalize::is_hangul_syllable) => (0, rest),
        None => return None,
    };
    let mut syllables = 0;
    for (at, c) in word.char_indices() {
        let hangul = crate::normalize::is_hangul_syllable(c);
        if !hangul && !c.is_ascii_digit() {
            return None;
        }
        syllables += usize::from(hangul);
        if syllables > 6 {
            return None;
        }
        let end = at + c.len_utf8();
        let numbered = word.starts_with(|c: char| c.is_ascii_digit()) || word.starts_with('제');
        // Its head's title may be glued on, as to a body's own name (설계국장이: the bureau), but
        // not a deputy's, whose 부 ("vice") makes the word look like a department (부부장, 제1부부장,
        // 부국장, 1부총국장).
        let ends_word = |end: usize| crate::boundary::hangul_bare_right_ok(word, end);
        let titled = |end: usize| {
            word[end..].starts_with('장')
                && ends_word(end + '장'.len_utf8())
                && !["부부", "부국", "부처"]
                    .iter()
                    .any(|d| word[..end].ends_with(d))
                && !word
                    .trim_start_matches(|c: char| c == '제' || c.is_ascii_digit())
                    .starts_with('부')
        };
        // Glued on, a committee too: a body's own central committee (녀맹중앙위원회). Not 부 in 부서,
        // the everyday word for a department (노동당 전문부서, "the Party's specialised departments").
        let department = (matches!(c, '국' | '처')
            || (c == '부' && !word[end..].starts_with('서')))
            || (gap == 0 && word[..end].ends_with("위원회"));
        if (syllables >= 2 || numbered) && department && (ends_word(end) || titled(end)) {
            let name = &word[..end];
            if EVERYDAY.contains(&name) {
                return None;
            }
            return Some((gap + end, numbered));
        }
    }
    None
}

/// A body's own bureau, department or office that has no row, named right after it by one to three
/// capitalised words of its own ("Ministry of State Security Prisons Bureau", "Cabinet General
/// Intelligence Bureau"): one span with the body, with no entry (rules 23, 29e). Returns the bytes it
/// takes, the space before it included; 0 where the words are a title, a date or a sentence's start
/// ("Bureau Director", "The"), which no body's name holds.
fn latin_subunit_after(rest: &str) -> usize {
    const HEADS: &[&str] = &["Bureau", "Department", "Office", "Section", "Directorate"];
    let mut taken = 0;
    for words in 1..=4 {
        let Some(word) = rest[taken..].strip_prefix(' ') else {
            return 0;
        };
        let len = word
            .find(|c: char| !(c.is_ascii_alphabetic() || c == '-'))
            .unwrap_or(word.len());
        let name = &word[..len];
        let capitalised = name.len() > 1
            && name.starts_with(|c: char| c.is_ascii_uppercase())
            && name[1..].starts_with(|c: char| c.is_ascii_lowercase());
        if !capitalised
            || crate::rules::is_function_word(name)
            || crate::rules::is_title_or_date(name)
        {
            return 0;
        }
        taken += 1 + len;
        if words > 1 && HEADS.contains(&name) {
            return if rest[taken..].starts_with(|c: char| c.is_alphanumeric()) {
                0
            } else {
                taken
            };
        }
    }
    0
}

/// A formation's command is the formation (rule 29c): "West Sea Fleet Command", 서해함대사령부. Returns
/// the bytes " Command" or 사령부 take after a unit's name, where a word ends there (a particle may
/// follow the Hangul).
fn command_after(rest: &str) -> usize {
    if let Some(after) = rest.strip_prefix(" Command") {
        if !after
            .chars()
            .next()
            .is_some_and(crate::boundary::is_word_char)
        {
            return " Command".len();
        }
    }
    glued_command_after(rest)
}

/// The bytes 사령부 takes glued after a body's Hangul name, where a word ends there.
fn glued_command_after(rest: &str) -> usize {
    let glued = "사령부";
    if rest.starts_with(glued) && crate::boundary::hangul_bare_right_ok(rest, glued.len()) {
        return glued.len();
    }
    0
}

/// Korean text writes a group's Latin name with its head word in Korean (rule 1): "Lazarus 그룹",
/// "Kimsuky그룹은", as it writes 라자루스 그룹. Returns the bytes 그룹 takes after a unit whose name ends
/// in a Latin letter at `end`, the space before it included, where a word ends there.
fn group_word_after(text: &str, end: usize) -> usize {
    if !text.as_bytes()[..end]
        .last()
        .is_some_and(u8::is_ascii_alphabetic)
    {
        return 0;
    }
    let rest = &text[end..];
    let space = usize::from(rest.starts_with(' '));
    let word = "그룹";
    if rest[space..].starts_with(word)
        && crate::boundary::hangul_bare_right_ok(rest, space + word.len())
    {
        return space + word.len();
    }
    0
}

/// Whether `gap` is " of (the) " and at most two lower-case words: "of the ruling".
fn adjectives_then_parent(gap: &str) -> bool {
    let Some(rest) = gap.strip_prefix(" of ") else {
        return false;
    };
    let rest = rest.strip_prefix("the ").unwrap_or(rest);
    let words: Vec<&str> = rest.split_terminator(' ').collect();
    words.len() <= 2
        && rest.is_empty() == words.is_empty()
        && (rest.is_empty() || rest.ends_with(' '))
        && words
            .iter()
            .all(|w| w.chars().all(|c| c.is_ascii_lowercase()))
}

/// Whether `before` ends with an acronym that is no body, and a space: "the NSC Standing Committee".
/// Before a `body` written in capitals, a word in capitals is a headline's, no acronym: "NORTH KOREAN
/// POLITBURO MEETS".
fn acronym_before(before: &str, body: &str) -> bool {
    if !body.bytes().any(|b| b.is_ascii_lowercase()) {
        return false;
    }
    let Some(before) = before.strip_suffix(' ') else {
        return false;
    };
    let word = before.rsplit(' ').next().unwrap_or(before);
    (2..=6).contains(&word.len()) && word.bytes().all(|b| b.is_ascii_uppercase())
}

/// Whether `rest` starts with " of (the) " and a word.
fn of_other_body(rest: &str) -> bool {
    let Some(after) = rest.strip_prefix(" of ") else {
        return false;
    };
    let after = after.strip_prefix("the ").unwrap_or(after);
    // "the Central Committee of the Party" is the party's own, as KCNA writes it; "the People's Navy
    // of North Korea" the North's.
    let own = ["Party", "North Korea", "DPRK"].iter().any(|own| {
        after.strip_prefix(own).is_some_and(|rest| {
            !rest
                .chars()
                .next()
                .is_some_and(crate::boundary::is_word_char)
        })
    });
    after.starts_with(char::is_alphabetic) && !own
}

fn is_body(c: &Candidate) -> bool {
    matches!(c.label, Some(Label::Agency | Label::Unit)) && !c.pending
}

/// Whether `child` is a short name that needs context ("Central Committee", 중앙위원회) written with a
/// listed body that is none of its entry's parents: then it is that body's own committee or department
/// (김일성사회주의청년동맹 중앙위원회, "the Central Committee of the Socialist Patriotic Youth League"), one
/// span with no entry of its own, never the same-named body of another organisation (rule 29e).
fn is_others_short_name(
    child: &Candidate,
    parent: &Candidate,
    is_ancestor: &impl Fn(u32, u32) -> bool,
) -> bool {
    child.flags & flag::NK != 0
        && parent.label == Some(Label::Agency)
        && matches!((child.entity, parent.entity), (Some(c), Some(p)) if !is_ancestor(p, c))
}

/// A joined body with no entry of its own: a span without a link.
fn unlink(c: &mut Candidate) {
    c.entity = None;
    c.candidates.clear();
    c.ambiguous = false;
}

/// Whether "`child` of `parent`" names one body.
fn of_joins(
    child: &Candidate,
    parent: &Candidate,
    is_ancestor: &impl Fn(u32, u32) -> bool,
) -> bool {
    match (child.entity, parent.entity) {
        (None, Some(_)) => child.candidates.is_empty(),
        (Some(c), Some(p)) => is_ancestor(p, c),
        _ => false,
    }
}

/// The joint the text between two bodies makes, if it makes one: " of the ", " of the 8th ", " ".
fn joint(gap: &str) -> Option<Joint> {
    // Glued, as Korean copy writes a parent and its child without a space (조선로동당중앙위원회).
    if gap == " " || gap.is_empty() {
        return Some(Joint::Space);
    }
    let rest = gap.strip_prefix(" of ")?;
    let rest = rest.strip_prefix("the ").unwrap_or(rest);
    if rest.is_empty() {
        return Some(Joint::Of);
    }
    let ordinal = rest.strip_suffix(' ')?;
    is_ordinal(ordinal).then_some(Joint::Of)
}

/// "8th", "Eighth": a congress or convocation's number inside a nested name.
fn is_ordinal(word: &str) -> bool {
    const WORDS: &[&str] = &[
        "First",
        "Second",
        "Third",
        "Fourth",
        "Fifth",
        "Sixth",
        "Seventh",
        "Eighth",
        "Ninth",
        "Tenth",
        "Eleventh",
        "Twelfth",
        "Thirteenth",
        "Fourteenth",
        "Fifteenth",
    ];
    if WORDS.contains(&word) {
        return true;
    }
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &word[digits.len()..];
    !digits.is_empty()
        && digits.len() <= 3
        && digits.bytes().all(|b| b.is_ascii_digit())
        && ["st", "nd", "rd", "th"].contains(&suffix)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joints() {
        let cases: &[(&str, Option<Joint>)] = &[
            (" ", Some(Joint::Space)),
            (" of the ", Some(Joint::Of)),
            (" of ", Some(Joint::Of)),
            (" of the 8th ", Some(Joint::Of)),
            (" of the Eighth ", Some(Joint::Of)),
            (" of the (North) ", None),
            (", ", None),
            (" and ", None),
            ("  ", None),
            (" of the new ", None),
        ];
        for &(gap, want) in cases {
            assert!(joint(gap) == want, "{gap:?}");
        }
    }

    #[test]
    fn ordinals_of_a_congress_or_convocation() {
        for word in ["8th", "Eighth", "21st", "123rd", "Fifteenth"] {
            assert!(is_ordinal(word), "{word}");
        }
        for word in ["1234th", "th", "8x", "8thx", "a8th", "eighth", "Sixteenth"] {
            assert!(!is_ordinal(word), "{word}");
        }
    }

    #[test]
    fn the_state_name_after_a_body_is_taken_whole() {
        assert_eq!(state_name_after(" of the DPRK, KCNA said"), 12);
        assert_eq!(
            state_name_after(" of the Democratic People's Republic of Korea."),
            45
        );
        assert_eq!(state_name_after(" of the DPRKs"), 0);
        assert_eq!(state_name_after(" of the Party"), 0);
    }

    #[test]
    fn the_partys_name_joins_the_partys_bodies_only() {
        assert_eq!(parent_name_before("최룡해 당 ", true), "당 ".len());
        assert_eq!(parent_name_before("최룡해 당 ", false), 0);
        assert_eq!(parent_name_before("the DPRK ", false), "DPRK ".len());
        assert_eq!(
            parent_name_before("the Central Party ", true),
            "Central Party ".len()
        );
    }

    #[test]
    fn the_state_name_goes_to_one_body_only() {
        // Two unrelated bodies around " of the DPRK ": the first takes it after its name, and the
        // second may not take "DPRK " back before its own.
        let f = "Office of the DPRK Committee";
        let mut accepted = vec![
            Candidate::entity(0, 6, Some(Label::Agency), 1, 0),
            Candidate::entity(19, 28, Some(Label::Agency), 2, 0),
        ];
        join(
            f,
            &mut accepted,
            |_, _| false,
            |_, _| true,
            |_| true,
            |_| false,
        );
        let spans: Vec<&str> = accepted.iter().map(|c| &f[c.start..c.end]).collect();
        assert_eq!(spans, ["Office of the DPRK", "Committee"]);
    }

    #[test]
    fn up_to_two_lower_case_words_may_stand_before_a_parent() {
        for gap in [" of ", " of the ", " of the ruling ", " of the ruling old "] {
            assert!(adjectives_then_parent(gap), "{gap:?}");
        }
        for gap in [
            " of the long ruling old ",
            " of the Ruling ",
            " and the ruling ",
            " of the ruling",
            " of the 8th ",
        ] {
            assert!(!adjectives_then_parent(gap), "{gap:?}");
        }
    }

    #[test]
    fn an_acronym_before_a_body_is_another_bodys() {
        assert!(acronym_before("the NSC ", "Standing Committee"));
        assert!(acronym_before("UN ", "Politburo"));
        for before in ["the N ", "the ABCDEFG ", "the Nsc ", "the NSC", ""] {
            assert!(!acronym_before(before, "Standing Committee"), "{before:?}");
        }
        assert!(!acronym_before("NORTH KOREAN ", "POLITBURO"));
    }

    #[test]
    fn of_and_a_word_is_another_body_but_the_party_is_its_own() {
        assert!(of_other_body(" of the National Security Council"));
        assert!(of_other_body(" of Partygoers"));
        for rest in [
            " of the Party.",
            " of the Party's",
            " of 5 members",
            " of North Korea,",
            " of the DPRK.",
            " and the Council",
            "",
        ] {
            assert!(!of_other_body(rest), "{rest:?}");
        }
    }

    #[test]
    fn a_body_joins_the_parent_it_belongs_to() {
        let body = |entity: Option<u32>| {
            let mut c = Candidate::entity(0, 1, Some(Label::Agency), 0, 0);
            c.entity = entity;
            c
        };
        // Entity 2 belongs to 1; nothing else belongs to anything.
        let is_ancestor = |a: u32, b: u32| a == b || (a, b) == (1, 2);
        assert!(of_joins(&body(Some(2)), &body(Some(1)), &is_ancestor));
        assert!(!of_joins(&body(Some(1)), &body(Some(2)), &is_ancestor));
        // A body found by its shape joins a named parent, unless it might be one of several entries.
        assert!(of_joins(&body(None), &body(Some(1)), &is_ancestor));
        let mut shared = body(None);
        shared.candidates = vec![3, 4];
        assert!(!of_joins(&shared, &body(Some(1)), &is_ancestor));
        assert!(!of_joins(&body(Some(2)), &body(None), &is_ancestor));
    }
}
