//! Where a name may start and end: whole words, head words and suffixes, Hangul particles.
//!
//! The automaton finds a name's letters anywhere; this module decides whether they stand as a word of
//! their own (ANNOTATION rule 8: "Samsu" inside "Samsung" is no mention), which head word joins the span
//! (rule 1: "Pochon County", "Samsu-gun"), and whether a bare Hangul stem is followed by a particle
//! (rule 18: 혜산에서, not 혜산물). Boundaries are checked here in plain code, not with a Unicode `\b`
//! regex, which is slow on non-ASCII text.

use crate::entity::Status;
use crate::normalize::is_hangul_syllable;

/// The English head words that may follow a Latin place name after a space, with the status each
/// names. Longer heads come before their prefixes.
const SPACE_HEADS: &[(&str, Status)] = &[
    (" Directly Governed City", Status::City),
    (" Special City", Status::City),
    (" Municipality", Status::City),
    (" Province", Status::Province),
    (" County", Status::County),
    (" City", Status::City),
    (" District", Status::District),
    (" Ward", Status::District),
    // McCune-Reischauer's county written apart, as infoboxes do ("Changgang kun").
    (" kun", Status::County),
    (" gun", Status::County),
];

/// The heads that follow a name after a hyphen: English ones ("Seungho-district"), and the romanized
/// statuses of the provincial-level cities (P'yŏngyang-Chikhalsi, folded). Longer heads come before
/// their prefixes.
const HYPHEN_HEADS: &[(&str, Status)] = &[
    ("-province", Status::Province),
    ("-county", Status::County),
    ("-city", Status::City),
    ("-district", Status::District),
    ("-chikhalsi", Status::City),
    ("-jikhalsi", Status::City),
    ("-jikhalshi", Status::City),
    ("-t'ukpyolsi", Status::City),
    ("-tukpyolsi", Status::City),
    ("-teukbyeolsi", Status::City),
    ("-bukto", Status::Province),
    ("-pukto", Status::Province),
    ("-namdo", Status::Province),
    ("-do", Status::Province),
    ("-to", Status::Province),
    ("-gun", Status::County),
    ("-kun", Status::County),
    ("-shi", Status::City),
    ("-si", Status::City),
    ("-guyeok", Status::District),
    ("-guyok", Status::District),
    ("-kuyok", Status::District),
    ("-chigu", Status::District),
    ("-jigu", Status::District),
    ("-gu", Status::District),
    ("-ku", Status::District),
];

fn heads() -> impl Iterator<Item = &'static (&'static str, Status)> {
    SPACE_HEADS.iter().chain(HYPHEN_HEADS)
}

/// Plural heads after a coordination ("Pochon and Samsu counties"): they give a status but never join.
const PLURAL_HEADS: &[(&str, Status)] = &[
    (" provinces", Status::Province),
    (" counties", Status::County),
    (" cities", Status::City),
    (" districts", Status::District),
    (" wards", Status::District),
    // "Anbyon, Kimhwa, Kumgang and other counties": the list's status, with the others it leaves out.
    (" and other provinces", Status::Province),
    (" and other counties", Status::County),
    (" and other cities", Status::City),
    (" and other districts", Status::District),
];

/// Words that join two coordinated names.
const CONNECTORS: &[&str] = &[", and ", " and ", ", or ", " or ", ", ", " & "];

/// Korean particles and endings that may follow a bare Hangul stem (rule 18), longest first within a
/// leading syllable so that the greedy split below tries 에서 before 에.
const PARTICLES: &[&str] = &[
    "에서는",
    "에서도",
    // Spoken contractions: 에서는 → 에선, 에는 → 엔, 으로는 → 으론.
    "에선",
    "엔",
    "으론",
    "론",
    "에서의",
    "에서",
    "에게",
    "에는",
    "에도",
    "에의",
    "에",
    "으로부터",
    "으로는",
    "으로도",
    "으로",
    "로부터",
    "로는",
    "로도",
    "로",
    "의",
    "은",
    "는",
    "이라는",
    "이라고",
    "이며",
    "이고",
    "이다",
    "이었다",
    "이나",
    "이랑",
    "이",
    "가",
    "을",
    "를",
    "와",
    "과",
    "도",
    "만",
    "까지",
    "부터",
    "처럼",
    "보다",
    "나",
    "랑",
    "하고",
    "과의",
    "와의",
    "라는",
    "라고",
    // The copula's forms after a name: 왜 강계인가, 혜산인데.
    "인가",
    "인지",
    "인데",
    "이란",
    "란",
    "이자",
    "이지만",
    "입니다",
    "이었던",
    "였던",
    "였다",
    "다",
    // Headline Korean shortens 에서 to 서 (혜산서 벌어진).
    "서",
    // The rarer particles and endings, each after a name as readily as the common ones (평양마저,
    // 혜산조차, 도시마다, 청진만큼, 회령밖에, 평양뿐, 평양이라도, 강계같이, 해주며, 평양으로써); those
    // written after 이 in a name that ends in a consonant (이라도, 이라면, 이든지, 이나마, 이니, 이요,
    // 이야) are 이 and the shorter form. 면 alone is left out: it is a township's suffix (고성면).
    "마저",
    "조차",
    "마다",
    "만큼",
    "밖에",
    "뿐",
    "라도",
    "라면",
    "든지",
    "든",
    "나마",
    "니",
    "요",
    "야",
    "이면",
    "같이",
    "커녕",
    "며",
    "께",
    "한테",
    "더러",
    "으로써",
    "로써",
    "인",
];

/// Whether `c` is a letter or a digit. Hangul syllables are tested first: they are most of the
/// non-ASCII text, and outside the standard library's fast table.
pub(crate) fn is_word_char(c: char) -> bool {
    is_hangul_syllable(c) || c.is_alphanumeric()
}

/// Whether the character before `at` allows a Latin name to start there. An apostrophe after a letter
/// is inside a romanized word ("P'yŏngch'ŏn" holds no "yŏngch'ŏn").
pub(crate) fn latin_left_ok(text: &str, at: usize) -> bool {
    let mut before = text[..at].chars().rev();
    match before.next() {
        Some('\'') => !before.next().is_some_and(is_word_char),
        Some(c) => !is_word_char(c),
        None => true,
    }
}

/// Whether the character at `at` allows a Latin name to end there. A Hangul particle may follow.
pub(crate) fn latin_right_ok(text: &str, at: usize) -> bool {
    match text[at..].chars().next() {
        None => true,
        // An apostrophe ends a name before a possessive "s" ("S" in a headline's capitals) or a
        // non-letter, not inside a romanized word, where it marks a syllable break ("Sŏngch'ŏn'gang"
        // holds no "Sŏngch'ŏn"). Before Hangul it is a closing quote and a particle follows ('APT38'이).
        Some('\'') => {
            let mut after = text[at + 1..].chars();
            match after.next() {
                Some('s' | 'S') => !after.next().is_some_and(is_word_char),
                Some(c) => !is_word_char(c) || is_hangul_syllable(c),
                None => true,
            }
        }
        Some(c) => !is_word_char(c) || is_hangul_syllable(c),
    }
}

/// Whether `c` is a CJK ideograph (Hanja).
pub(crate) fn is_ideograph(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}')
}

/// Whether a Hanja name may start at `at`: at the start, or after anything but another ideograph, as a
/// Hangul name may after anything but Hangul.
pub(crate) fn ideograph_left_ok(text: &str, at: usize) -> bool {
    !text[..at].chars().next_back().is_some_and(is_ideograph)
}

/// Whether a Hangul name may start at `at`: at the start, or after anything but a Hangul syllable.
pub(crate) fn hangul_left_ok(text: &str, at: usize) -> bool {
    !text[..at]
        .chars()
        .next_back()
        .is_some_and(is_hangul_syllable)
}

/// The longest run of particles after a name that is still read as particles: real chains are two or
/// three long (에서는, 에서도), and a longer run of syllables is a word.
const MAX_PARTICLE_RUN: usize = 12 * 3;

/// Whether a bare Hangul stem may end at `at`: the end, a non-Hangul character, or a run of Hangul that
/// is wholly particles.
pub(crate) fn hangul_bare_right_ok(text: &str, at: usize) -> bool {
    let rest = &text[at..];
    let run_end = rest
        .char_indices()
        .take(MAX_PARTICLE_RUN / 3 + 1)
        .find(|&(_, c)| !is_hangul_syllable(c))
        .map_or(rest.len(), |(i, _)| i);
    run_end <= MAX_PARTICLE_RUN && is_particles(&rest[..run_end])
}

/// Whether a bare place stem may end at `at`: as [`hangul_bare_right_ok`], and no digit glued on, which
/// makes one name of the two (청진7총국, a trading unit; 평양326전선공장, a factory).
pub(crate) fn hangul_stem_right_ok(text: &str, at: usize) -> bool {
    !text.as_bytes().get(at).is_some_and(u8::is_ascii_digit) && hangul_bare_right_ok(text, at)
}

/// Everyday words that begin with the last syllable of a body's Hangul name: glued after the name, the
/// syllable is the word's, not the name's. 보위사 (the Military Security Command) in 보위사업 (security
/// work), 인민군 (the KPA) in 인민군인 (a soldier of it), 상임위 (the Standing Committee) in
/// 상임위원장 (its chairman: a title that is a word of its own). A title glued on (보위부장, 내각총리) is
/// none of these: the name stands.
const WORDS_A_NAME_RUNS_INTO: &[&str] = &[
    "사업",
    "사건",
    "사고",
    "사실",
    "사람",
    "군인",
    "군대",
    "위원장",
    "위원",
    // A ministry (성) in 성과 (achievements): 로동성과를 is "the achievements of labour", where 과 could
    // not be "and", which takes no case particle after it.
    "성과",
];

/// Whether the Hangul syllable before `at` and those after it make one of [`WORDS_A_NAME_RUNS_INTO`],
/// and what follows is not particles alone (조선인민군인가: the copula).
fn hangul_runs_into_word(text: &str, at: usize) -> bool {
    let Some(last) = text[..at].chars().next_back() else {
        return false;
    };
    let rest = &text[at..];
    WORDS_A_NAME_RUNS_INTO.iter().any(|word| {
        word.strip_prefix(last)
            .is_some_and(|tail| !tail.is_empty() && rest.starts_with(tail))
    }) && !hangul_bare_right_ok(text, at)
}

/// Whether a body's Hangul name may end at `at`: a title may be glued on (보위부장), not an everyday
/// word its last syllable begins (보위사업), nor its flag (노동당기).
pub(crate) fn hangul_body_right_ok(text: &str, at: usize) -> bool {
    !(hangul_runs_into_word(text, at)
        || hangul_flag_after(text, at)
        || hangul_party_office_after(text, at))
}

/// Whether a party's Hangul name ending at `at` has 사 glued on, and then particles or no Hangul
/// (노동당사는, 철원 노동당사): the party's office building, a place named after the body, not the body
/// (rules 18 and 29g). 당사업 (the party's work) is another word.
fn hangul_party_office_after(text: &str, at: usize) -> bool {
    text[..at].ends_with('당')
        && text[at..].starts_with('사')
        && hangul_bare_right_ok(text, at + '사'.len_utf8())
}

/// Whether a body's flag is glued to the Hangul name ending at `at`: 기 and then particles or no Hangul
/// (노동당기를, 국가보위성기→), a thing named after the body, not the body (rule 26).
fn hangul_flag_after(text: &str, at: usize) -> bool {
    text[at..].starts_with('기') && hangul_bare_right_ok(text, at + '기'.len_utf8())
}

/// Whether `run` splits wholly into particles. Particles overlap (이, 이다, 다), so the splits are
/// settled from the end, once per position, not by trying every split.
fn is_particles(run: &str) -> bool {
    let mut splits = vec![false; run.len() + 1];
    splits[run.len()] = true;
    for at in (0..run.len()).rev().filter(|&at| run.is_char_boundary(at)) {
        splits[at] = PARTICLES.iter().any(|p| {
            run[at..].starts_with(p)
                && splits[at + p.len()]
                && !(matches!(*p, "과" | "와") && starts_with_case_particle(&run[at + p.len()..]))
        });
    }
    splits[0]
}

/// Whether `rest` starts with a case particle, which cannot follow "and" (과, 와): 과를, 와가 are a
/// word's syllables and a particle (성과를 "the achievements"), never two particles. 과는, 과의, 과도
/// are "with ...": they can.
fn starts_with_case_particle(rest: &str) -> bool {
    ["을", "를", "이", "가", "에", "로", "으로"]
        .iter()
        .any(|p| rest.starts_with(p))
}

/// Whether `start..end` lies inside a web or e-mail address: the run of non-space characters around it
/// (looked at within 256 bytes either side) holds `://`, `www.` or an `@`, is a path (`/news/hyesan`), or
/// a host's name and a path (`dailynk.com/hyesan`). A slash alone is no link: a closing tag
/// (`hyesan</b>`) or a list (`smuggling/chagang/border`).
pub(crate) fn inside_link(text: &str, start: usize, end: usize) -> bool {
    let before = &text[..start];
    let from = before
        .char_indices()
        .rev()
        .take_while(|&(i, c)| !c.is_whitespace() && start - i <= 256)
        .last()
        .map_or(start, |(i, _)| i);
    let after = &text[end..];
    let to = after
        .char_indices()
        .take_while(|&(i, c)| !c.is_whitespace() && i <= 256)
        .last()
        .map_or(end, |(i, c)| end + i + c.len_utf8());
    let run = &text[from..to];
    let host_and_path = run.split_once('/').is_some_and(|(host, _)| {
        host.rsplit_once('.')
            .is_some_and(|(_, top)| top.len() >= 2 && top.bytes().all(|b| b.is_ascii_alphabetic()))
    });
    let path = run.starts_with('/') && run[1..].contains('/');
    run.contains("://") || run.contains("www.") || run.contains('@') || host_and_path || path
}

/// A head word following a name that ends at `at`: its end and the status it names.
///
/// A romanized suffix followed by the English head of the same status is one head, as South Korean wire
/// copy writes it (rule 1: "Chagang-do Province", "Songgan-gun County").
pub(crate) fn head_after(text: &str, at: usize) -> Option<(usize, Status)> {
    let (end, status) = one_head(text, at)?;
    if text[at..].starts_with('-') {
        if let Some((doubled, again)) = one_head(text, end) {
            if again == status && text[end..].starts_with(' ') {
                return Some((doubled, status));
            }
        }
    }
    Some((end, status))
}

fn one_head(text: &str, at: usize) -> Option<(usize, Status)> {
    let rest = &text.as_bytes()[at..];
    let heads = match rest.first() {
        Some(b' ') => SPACE_HEADS,
        Some(b'-') => HYPHEN_HEADS,
        _ => return None,
    };
    // The letter after the space or hyphen turns away most heads before they are compared whole.
    let letter = rest.get(1)?.to_ascii_lowercase();
    heads.iter().find_map(|&(head, status)| {
        let n = head.len();
        (head.as_bytes()[1].to_ascii_lowercase() == letter
            && starts_with_ignore_case(rest, head)
            && latin_right_ok(text, at + n))
        .then_some((at + n, status))
    })
}

/// Whether `rest` begins with `word`, its ASCII letters in any case.
pub(crate) fn starts_with_ignore_case(rest: &[u8], word: &str) -> bool {
    rest.get(..word.len())
        .is_some_and(|r| r.eq_ignore_ascii_case(word.as_bytes()))
}

/// An English head word ending `name` ("Huchang County"): the length of the name before it, and the
/// status it names.
pub(crate) fn english_head_at_end(name: &str) -> Option<(usize, Status)> {
    SPACE_HEADS
        .iter()
        .find(|(head, _)| name.len() > head.len() && name.ends_with(head))
        .map(|&(head, status)| (name.len() - head.len(), status))
}

/// Any head word ending `name`, English or romanized, in any case ("Pochon county", "Samsu-gun"): the
/// length of the name before it, and the status it names.
pub(crate) fn any_head_at_end(name: &str) -> Option<(usize, Status)> {
    heads().find_map(|&(head, status)| {
        let at = name.len().checked_sub(head.len()).filter(|&at| at > 0)?;
        let tail = name.get(at..)?;
        tail.eq_ignore_ascii_case(head).then_some((at, status))
    })
}

/// A plural head right after `at` (" counties"), with its status.
pub(crate) fn plural_head_after(text: &str, at: usize) -> Option<Status> {
    let rest = &text.as_bytes()[at..];
    // Every head is a space and one of five letters: most names are followed by something else.
    match rest {
        [b' ', letter, ..] if b"pcdwa".contains(&letter.to_ascii_lowercase()) => {}
        _ => return None,
    }
    PLURAL_HEADS.iter().find_map(|&(head, status)| {
        (starts_with_ignore_case(rest, head) && latin_right_ok(text, at + head.len()))
            .then_some(status)
    })
}

/// Whether the text from `at` to `next` is exactly a connector (" and ", ", ").
pub(crate) fn is_connector(text: &str, at: usize, next: usize) -> bool {
    text.get(at..next)
        .is_some_and(|between| CONNECTORS.iter().any(|c| between.eq_ignore_ascii_case(c)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_head_follows_a_space_or_a_hyphen() {
        // `one_head` and `plural_head_after` pick the heads by the byte after the name, and compare
        // the next one before the whole head.
        for (head, _) in SPACE_HEADS {
            assert!(head.starts_with(' ') && head.len() > 1, "{head}");
        }
        for (head, _) in HYPHEN_HEADS {
            assert!(head.starts_with('-') && head.len() > 1, "{head}");
        }
        // `plural_head_after` also looks at the letter after the space first.
        for (head, _) in PLURAL_HEADS {
            let second = head.as_bytes()[1].to_ascii_lowercase();
            assert!(
                head.starts_with(' ') && b"pcdwa".contains(&second),
                "{head}"
            );
        }
    }

    #[test]
    fn latin_names_are_whole_words() {
        let text = "Samsung in Samsu, Hyesan's market";
        assert!(!latin_right_ok(text, 5), "Samsu inside Samsung");
        assert!(latin_right_ok(text, 16), "Samsu before a comma");
        assert!(latin_right_ok(text, 24), "Hyesan before a possessive");
        assert!(!latin_left_ok(text, 1));
        assert!(latin_left_ok(text, 11));
    }

    #[test]
    fn head_words_in_any_case_and_romanized_suffixes() {
        assert_eq!(head_after("Pochon County.", 6), Some((13, Status::County)));
        assert_eq!(head_after("Hyesan city", 6), Some((11, Status::City)));
        assert_eq!(head_after("Samsu-gun", 5), Some((9, Status::County)));
        assert_eq!(head_after("Sunan-guyok", 5), Some((11, Status::District)));
        assert_eq!(head_after("Chagang-do,", 7), Some((10, Status::Province)));
        assert_eq!(head_after("Pyongyang-based", 9), None);
        assert_eq!(
            head_after("Chagang-do Province", 7),
            Some((19, Status::Province))
        );
        assert_eq!(
            head_after("Songgan-gun County", 7),
            Some((18, Status::County))
        );
        assert_eq!(
            head_after("Chagang-do County", 7),
            Some((10, Status::Province))
        );
        assert_eq!(
            head_after("Seungho-district", 7),
            Some((16, Status::District))
        );
        assert_eq!(
            head_after("Nampho Municipality", 6),
            Some((19, Status::City))
        );
        assert_eq!(head_after("Nampho Municipal Committee", 6), None);
        assert_eq!(head_after("Hyesan Cityscape", 6), None);
        assert_eq!(
            head_after("Pyongyang Special City", 9),
            Some((22, Status::City))
        );
    }

    #[test]
    fn links_are_told_from_text() {
        let text = "see www.example.com/hyesan-news or hyesan, yanggang";
        let at = text.find("hyesan").unwrap();
        assert!(inside_link(text, at, at + 6));
        let at = text.rfind("hyesan").unwrap();
        assert!(!inside_link(text, at, at + 6));
        assert!(inside_link("mail musan@example.org", 5, 10));
        let link = |run: &str| {
            let at = run.find("musan").unwrap();
            inside_link(run, at, at + 5)
        };
        for run in [
            "dailynk.com/musan-floods",
            "https://x.kr/a?q=musan",
            "/news/2024/musan-floods",
        ] {
            assert!(link(run), "{run}");
        }
        for run in [
            "<b>musan</b>",
            "smuggling/musan/border",
            "musan/hyesan",
            "No.5/musan",
        ] {
            assert!(!link(run), "{run}");
        }
    }

    #[test]
    fn a_head_word_ends_a_former_name_only_after_a_name() {
        assert_eq!(
            english_head_at_end("Huchang County"),
            Some((7, Status::County))
        );
        assert_eq!(english_head_at_end(" County"), None);
        assert_eq!(english_head_at_end("Chagang-do"), None);
    }

    #[test]
    fn bare_hangul_stems_need_a_particle_or_a_break() {
        let text = "혜산에서 평양의 혜산물";
        assert!(hangul_bare_right_ok(text, "혜산".len()));
        assert!(hangul_bare_right_ok(text, "혜산에서 평양".len()));
        assert!(!hangul_bare_right_ok(text, "혜산에서 평양의 혜산".len()));
        assert!(hangul_bare_right_ok("평양.", "평양".len()));
        assert!(hangul_bare_right_ok("평양", "평양".len()));
    }

    #[test]
    fn overlapping_particles_split_without_trying_every_split() {
        assert!(is_particles("이다"));
        assert!(is_particles("에서는"));
        assert!(is_particles("과는") && is_particles("와의") && is_particles("과"));
        assert!(!is_particles("과를") && !is_particles("와가") && !is_particles("과에서"));
        // 이+다 or 이다 at every step: tried split by split, this would take 2^40 steps.
        let long = format!("{}뷁", "이다".repeat(40));
        assert!(!is_particles(&long));
        assert!(is_particles(&"이다".repeat(40)));
    }

    #[test]
    fn a_long_run_of_syllables_after_a_stem_is_a_word() {
        let text = format!("평양{}", "이다".repeat(7));
        assert!(!hangul_bare_right_ok(&text, "평양".len()));
        let text = format!("평양{} ", "이다".repeat(6));
        assert!(hangul_bare_right_ok(&text, "평양".len()));
    }

    #[test]
    fn what_may_be_glued_to_a_body_name() {
        // (text, the name it starts with, runs into an everyday word, has a flag glued on)
        let cases = [
            ("보위사업을", "보위사", true, false),
            ("인민군인들이", "인민군", true, false),
            ("인민군대의", "인민군", true, false),
            ("보위사령관", "보위사", false, false),
            ("인민군이", "인민군", false, false),
            ("인민군인가?", "인민군", false, false),
            ("인민군", "인민군", false, false),
            ("보위부장", "보위부", false, false),
            ("노동당기를 들었다", "노동당", false, true),
            ("국가보위성기→", "국가보위성", false, true),
            ("노동당기관지", "노동당", false, false),
        ];
        for (text, name, runs_into_word, flag) in cases {
            assert_eq!(
                hangul_runs_into_word(text, name.len()),
                runs_into_word,
                "{text}"
            );
            assert_eq!(hangul_flag_after(text, name.len()), flag, "{text}");
        }
    }

    #[test]
    fn a_partys_office_building_is_no_mention_of_the_party() {
        for (text, office) in [
            ("철원 노동당사는", true),
            ("노동당사", true),
            ("노동당사 전경", true),
            ("노동당사업에서", false),
            ("노동당이", false),
        ] {
            assert_eq!(
                hangul_party_office_after(text, text.find("노동당").unwrap_or(0) + "노동당".len()),
                office,
                "{text}"
            );
        }
    }

    #[test]
    fn hangul_names_start_after_a_non_hangul_character() {
        let text = "신의주 (의주)";
        assert!(!hangul_left_ok(text, "신".len()));
        assert!(hangul_left_ok(text, 0));
        assert!(hangul_left_ok(text, "신의주 (".len()));
    }

    #[test]
    fn coordinations_and_plural_heads() {
        let text = "Pochon and Samsu counties";
        assert!(is_connector(text, 6, 11));
        assert_eq!(plural_head_after(text, 16), Some(Status::County));
        let text = "Kimhwa, Kumgang and other counties";
        assert_eq!(plural_head_after(text, 15), Some(Status::County));
        assert_eq!(plural_head_after("Kumgang and other places", 7), None);
    }
}
