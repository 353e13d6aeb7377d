//! Latin spellings generated from Hangul, syllable by syllable, for each romanization real text uses.
//!
//! A gazetteer line lists the spellings one source prints; news prints many more: McCune-Reischauer with
//! breves (P'yŏngyang), with apostrophes typed for the breves (P'yo'ngyang), North Korea's own system
//! (Phyongyang, Jagang), Revised Romanization (Pyeongyang), and the older spellings of the press
//! (Hamkyung, Shinuiju, Bochon). All of them are functions of the Hangul, so they are generated here
//! from the entry's Hangul by the tables below (documented in `gazetteers/README.md`) instead of being
//! listed by hand.
//!
//! Each system is a table of letters per jamo plus the sound changes it writes at syllable joints:
//! McCune-Reischauer, Revised Romanization and the press spellings write the pronunciation (nasalisation
//! 백마 → Paengma, liquidisation 은률 → Ŭllyul, a final consonant carried over to a following vowel 백암
//! → Paegam); North Korea's system writes the spelling (은률 → Unryul, 강령 → Kangryong). Only whole
//! names are produced, syllables joined: "Kang Dong" is a person, never a spelling of 강동.
//!
//! What is left out on purpose: blanket letter swaps that would create names nobody writes (every ch as
//! j, every o as u). A spelling that is attested but follows no rule stays a gazetteer form.

/// A romanization system.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum System {
    /// McCune-Reischauer: aspirates with an apostrophe, ŏ ŭ with a breve (or an apostrophe typed for it).
    McCuneReischauer,
    /// North Korea's own system (1992): aspirates with h (Phyongan), ㅈ as j (Jagang), spelling kept.
    NorthKorean,
    /// Revised Romanization (2000): eo, eu, g d b j for the plain consonants (Pyeongan, Bocheon).
    Revised,
    /// Older press spellings: McCune-Reischauer without marks, with kyung for 경, Shin for 신, k after a
    /// consonant (Hamkyong, Yangkang), eu for ㅡ (Seungho) and voiced initials (Bochon, Dokchon).
    Press,
}

impl System {
    pub(crate) const ALL: [System; 4] = [
        System::McCuneReischauer,
        System::NorthKorean,
        System::Revised,
        System::Press,
    ];

    #[cfg(test)]
    fn name(self) -> &'static str {
        match self {
            System::McCuneReischauer => "McCune-Reischauer",
            System::NorthKorean => "North Korean",
            System::Revised => "Revised Romanization",
            System::Press => "press",
        }
    }
}

const HANGUL_BASE: u32 = 0xAC00;
const JUNG_COUNT: u32 = 21;
const JONG_COUNT: u32 = 28;

// Initial consonants (choseong) by index.
const G: u8 = 0;
const GG: u8 = 1;
const N: u8 = 2;
const D: u8 = 3;
const DD: u8 = 4;
const R: u8 = 5;
const M: u8 = 6;
const B: u8 = 7;
const BB: u8 = 8;
const S: u8 = 9;
const SS: u8 = 10;
const ZERO: u8 = 11;
const J: u8 = 12;
const JJ: u8 = 13;
const CH: u8 = 14;
const K: u8 = 15;
const T: u8 = 16;
const P: u8 = 17;
const H: u8 = 18;

/// A final consonant as it sounds: the seven finals of Korean, and ㅎ (which aspirates what follows).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Coda {
    None,
    K,
    N,
    T,
    L,
    M,
    P,
    Ng,
    H,
}

#[derive(Clone, Copy, Debug)]
struct Syllable {
    onset: u8,
    vowel: u8,
    coda: Coda,
    /// The initial consonant a final carries over to a following vowel (백암 → 배감), if any.
    carried: Option<u8>,
}

/// Final consonants (jongseong index) as sounds, and as the initial they become before a vowel.
fn coda_of(jong: u32) -> (Coda, Option<u8>) {
    match jong {
        0 => (Coda::None, None),
        1 | 3 | 9 => (Coda::K, Some(G)),
        2 => (Coda::K, Some(GG)),
        24 => (Coda::K, Some(K)),
        4 | 5 => (Coda::N, Some(N)),
        6 => (Coda::N, Some(N)),
        7 => (Coda::T, Some(D)),
        19 => (Coda::T, Some(S)),
        20 => (Coda::T, Some(SS)),
        22 => (Coda::T, Some(J)),
        23 => (Coda::T, Some(CH)),
        25 => (Coda::T, Some(T)),
        8 | 11 | 12 | 13 | 15 => (Coda::L, Some(R)),
        10 | 16 => (Coda::M, Some(M)),
        14 | 17 | 18 => (Coda::P, Some(B)),
        26 => (Coda::P, Some(P)),
        21 => (Coda::Ng, None),
        _ => (Coda::H, None),
    }
}

fn syllables(hangul: &str) -> Option<Vec<Syllable>> {
    hangul
        .chars()
        .map(|c| {
            let code = u32::from(c).checked_sub(HANGUL_BASE)?;
            if code >= 19 * JUNG_COUNT * JONG_COUNT {
                return None;
            }
            let (coda, carried) = coda_of(code % JONG_COUNT);
            Some(Syllable {
                onset: (code / (JUNG_COUNT * JONG_COUNT)) as u8,
                vowel: ((code / JONG_COUNT) % JUNG_COUNT) as u8,
                coda,
                carried,
            })
        })
        .collect()
}

/// The sound changes at syllable joints that McCune-Reischauer and Revised Romanization write.
fn pronounce(mut s: Vec<Syllable>) -> Vec<Syllable> {
    for i in 1..s.len() {
        let (coda, onset) = (s[i - 1].coda, s[i].onset);
        let (new_coda, new_onset) = match (coda, onset) {
            // A final before a vowel is carried over to it (백암 → Paegam, 안악 → Anak).
            (Coda::H, ZERO) => (Coda::None, ZERO),
            (c, ZERO) if c != Coda::Ng && c != Coda::None => {
                (Coda::None, s[i - 1].carried.unwrap_or(ZERO))
            }
            // ㅎ aspirates a following plain consonant.
            (Coda::H, G) => (Coda::None, K),
            (Coda::H, D) => (Coda::None, T),
            (Coda::H, J) => (Coda::None, CH),
            (Coda::H, o) => (Coda::T, o),
            // Nasalisation before ㄴ ㅁ, and ㄹ read as ㄴ after a final other than ㄴ ㄹ.
            (Coda::K, N | M) => (Coda::Ng, onset),
            (Coda::T, N | M) => (Coda::N, onset),
            (Coda::P, N | M) => (Coda::M, onset),
            (Coda::K, R) => (Coda::Ng, N),
            (Coda::T, R) => (Coda::N, N),
            (Coda::P, R) => (Coda::M, N),
            (Coda::M | Coda::Ng, R) => (coda, N),
            // Liquidisation: ㄴ next to ㄹ is read ㄹ (은률 → Ŭllyul, 천리마 → Ch'ŏllima).
            (Coda::N, R) => (Coda::L, R),
            (Coda::L, N) => (Coda::L, R),
            _ => (coda, onset),
        };
        s[i - 1].coda = new_coda;
        s[i].onset = new_onset;
    }
    s
}

/// Global choices of the press spellings; each combination gives one spelling.
#[derive(Clone, Copy, Default)]
struct PressStyle {
    voiced_initial: bool,
    k_after_consonant: bool,
    eu: bool,
    kyung: bool,
    shin: bool,
    /// ㅓ as u (Chungjin, Songpyung, Sunkyo), an older spelling of the English-language press.
    u_for_eo: bool,
}

impl PressStyle {
    /// The bits of the choices that change something in `s` (in the order `romanize` numbers them):
    /// the other choices would only repeat a spelling.
    fn relevant(s: &[Syllable]) -> u8 {
        let mut mask = 0;
        for (i, syl) in s.iter().enumerate() {
            let after_final = i > 0 && s[i - 1].coda != Coda::None;
            if matches!(syl.onset, G | D | B | J) {
                mask |= 1;
            }
            if syl.onset == G && after_final {
                mask |= 2;
            }
            if matches!(syl.vowel, 18 | 19) {
                mask |= 4;
            }
            if syl.onset == G && syl.vowel == 6 && syl.coda == Coda::Ng {
                mask |= 8;
            }
            if syl.onset == S && syl.vowel == 20 {
                mask |= 16;
            }
            if matches!(syl.vowel, 4 | 6 | 14) {
                mask |= 32;
            }
        }
        mask
    }
}

/// The spellings of `hangul` (a name without its status suffix: 평양, 신의주) in `system`, first letter
/// capitalised, syllables joined. Empty if `hangul` is not all Hangul syllables.
pub(crate) fn romanize(hangul: &str, system: System) -> Vec<String> {
    let Some(spelled) = syllables(hangul) else {
        return Vec::new();
    };
    if spelled.is_empty() {
        return Vec::new();
    }
    let mut out = match system {
        System::McCuneReischauer => {
            let said = pronounce(spelled);
            let (breves, typed) = (("ŏ", "ŭ"), ("o'", "u'"));
            vec![
                mccune_reischauer(&said, breves, Aspirate::After, false),
                mccune_reischauer(&said, typed, Aspirate::After, false),
                mccune_reischauer(&said, breves, Aspirate::After, true),
                mccune_reischauer(&said, breves, Aspirate::Unmarked, true),
                mccune_reischauer(&said, breves, Aspirate::Before, false),
            ]
        }
        System::NorthKorean => vec![north_korean(&spelled)],
        System::Revised => {
            let said = pronounce(spelled);
            // The syllable hyphen is U+2011, which folding makes a hyphen: the variant rules turn an
            // ASCII hyphen into a space too, and a name is never written in spaced syllables.
            vec![revised(&said, ""), revised(&said, "\u{2011}")]
        }
        System::Press => {
            let said = pronounce(spelled);
            let mask = PressStyle::relevant(&said);
            (0..64u8)
                .filter(|bits| bits & !mask == 0)
                .map(|bits| PressStyle {
                    voiced_initial: bits & 1 != 0,
                    k_after_consonant: bits & 2 != 0,
                    eu: bits & 4 != 0,
                    kyung: bits & 8 != 0,
                    shin: bits & 16 != 0,
                    u_for_eo: bits & 32 != 0,
                })
                .map(|style| press(&said, style))
                .collect()
        }
    };
    for s in &mut out {
        *s = capitalize(s);
    }
    let mut seen = std::collections::HashSet::new();
    out.retain(|s| seen.insert(s.clone()));
    out
}

/// Vowels by medial (jungseong) index, with ŏ and ŭ as placeholders `O` and `U`.
const VOWELS: [&str; 21] = [
    "a", "ae", "ya", "yae", "O", "e", "yO", "ye", "o", "wa", "wae", "oe", "yo", "u", "wO", "we",
    "wi", "yu", "U", "Ui", "i",
];

const REVISED_VOWELS: [&str; 21] = [
    "a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we",
    "wi", "yu", "eu", "ui", "i",
];

fn vowel(index: u8, o: &str, u: &str) -> String {
    VOWELS[usize::from(index)].replace('O', o).replace('U', u)
}

fn coda_letters(coda: Coda) -> &'static str {
    match coda {
        Coda::None => "",
        Coda::K => "k",
        Coda::N => "n",
        Coda::T | Coda::H => "t",
        Coda::L => "l",
        Coda::M => "m",
        Coda::P => "p",
        Coda::Ng => "ng",
    }
}

/// Whether a plain consonant after this final is voiced (g d b j): after a vowel, a nasal or ㄹ.
fn voicing(previous: Option<Coda>) -> bool {
    matches!(
        previous,
        Some(Coda::None | Coda::N | Coda::M | Coda::Ng | Coda::L)
    )
}

/// Where McCune-Reischauer's aspirate apostrophe goes: after the consonant (k'), typed before it
/// ('k, as in Kae'chŏn), or left out.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Aspirate {
    After,
    Before,
    Unmarked,
}

/// `separated`: an apostrophe also before a vowel that follows a final consonant, as some texts type
/// it to mark the syllable break (P'yŏng'an, Pyong'an).
fn mccune_reischauer(
    s: &[Syllable],
    (o, u): (&str, &str),
    aspirate: Aspirate,
    separated: bool,
) -> String {
    let mut out = String::new();
    for (i, syl) in s.iter().enumerate() {
        let previous = i.checked_sub(1).map(|p| s[p].coda);
        if separated && syl.onset == ZERO && previous.is_some_and(|c| c != Coda::None) {
            out.push('\'');
        }
        let voiced = voicing(previous);
        let aspirated = matches!(syl.onset, CH | K | T | P);
        let onset = match syl.onset {
            G | D | B | J => plain(syl.onset, voiced),
            R if previous == Some(Coda::L) => "l",
            JJ => "tch",
            other => common_onset(other),
        };
        // n'g: ㄴ before ㄱ, told apart from ㅇ (선교 Sŏn'gyo against 성요 Sŏngyo).
        if previous == Some(Coda::N) && syl.onset == G {
            out.push('\'');
        }
        if aspirated && aspirate == Aspirate::Before && i > 0 {
            out.push('\'');
        }
        out.push_str(onset);
        if aspirated && aspirate == Aspirate::After {
            out.push('\'');
        }
        out.push_str(&vowel(syl.vowel, o, u));
        out.push_str(coda_letters(syl.coda));
    }
    out
}

fn north_korean(s: &[Syllable]) -> String {
    let mut out = String::new();
    for (i, syl) in s.iter().enumerate() {
        let first = i == 0;
        let previous = i.checked_sub(1).map(|p| s[p].coda);
        let onset = match syl.onset {
            G if first => "k",
            G => "g",
            D if first => "t",
            D => "d",
            B if first => "p",
            B => "b",
            J => "j",
            R if previous == Some(Coda::L) => "l",
            K => "kh",
            T => "th",
            P => "ph",
            other => common_onset(other),
        };
        out.push_str(onset);
        out.push_str(&vowel(syl.vowel, "o", "u"));
        out.push_str(coda_letters(syl.coda));
    }
    out
}

/// `separator`: written between a final consonant and a following vowel, as Revised Romanization allows
/// with a hyphen where the syllable break is ambiguous (Pyeong-an).
fn revised(s: &[Syllable], separator: &str) -> String {
    let mut out = String::new();
    for (i, syl) in s.iter().enumerate() {
        let previous = i.checked_sub(1).map(|p| s[p].coda);
        if syl.onset == ZERO && previous.is_some_and(|c| c != Coda::None) {
            out.push_str(separator);
        }
        let onset = match syl.onset {
            G | D | B | J => plain(syl.onset, true),
            R if previous == Some(Coda::L) => "l",
            other => common_onset(other),
        };
        out.push_str(onset);
        out.push_str(REVISED_VOWELS[usize::from(syl.vowel)]);
        out.push_str(coda_letters(syl.coda));
    }
    out
}

fn press(s: &[Syllable], style: PressStyle) -> String {
    let mut out = String::new();
    for (i, syl) in s.iter().enumerate() {
        let previous = i.checked_sub(1).map(|p| s[p].coda);
        // Voiced initials go with Revised Romanization's consonants throughout (Byokdong, Dokchon).
        let voiced = style.voiced_initial || voicing(previous);
        let after_consonant = previous.is_some_and(|c| c != Coda::None);
        let onset = match syl.onset {
            G if after_consonant && style.k_after_consonant => "k",
            G | D | B | J => plain(syl.onset, voiced),
            R if previous == Some(Coda::L) => "l",
            S if style.shin && syl.vowel == 20 => "sh",
            other => common_onset(other),
        };
        out.push_str(onset);
        // 경: kyung beside kyong.
        if style.kyung && syl.onset == G && syl.vowel == 6 && syl.coda == Coda::Ng {
            out.push_str("yu");
        } else {
            let o = if style.u_for_eo { "u" } else { "o" };
            out.push_str(&vowel(syl.vowel, o, if style.eu { "eu" } else { "u" }));
        }
        out.push_str(coda_letters(syl.coda));
    }
    out
}

/// A plain stop or affricate, voiced (g d b j) or not (k t p ch).
fn plain(onset: u8, voiced: bool) -> &'static str {
    match (onset, voiced) {
        (G, true) => "g",
        (G, false) => "k",
        (D, true) => "d",
        (D, false) => "t",
        (B, true) => "b",
        (B, false) => "p",
        (_, true) => "j",
        (_, false) => "ch",
    }
}

/// The letters of the other initials where a system marks nothing special: aspirates unmarked.
fn common_onset(onset: u8) -> &'static str {
    match onset {
        JJ => "jj",
        CH => "ch",
        K => "k",
        T => "t",
        P => "p",
        GG => "kk",
        N => "n",
        DD => "tt",
        R => "r",
        M => "m",
        BB => "pp",
        S => "s",
        SS => "ss",
        H => "h",
        _ => "",
    }
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The Latin names generated from a place's Hangul stem (its name without 시, 군, 도...), in every
/// system. A province written X북도 or X남도 gives "North X" / "South X" and the romanized suffix forms
/// (X-bukto, Xbuk-do); any other stem gives its romanizations.
pub(crate) fn place_names(stem: &str, province: bool) -> Vec<(System, String)> {
    let (base, direction) = match province.then(|| split_direction(stem)).flatten() {
        Some((base, d)) => (base, Some(d)),
        None => (stem, None),
    };
    let mut out = Vec::new();
    for system in System::ALL {
        for name in crate::variants::hangul(base)
            .iter()
            .flat_map(|v| romanize(v, system))
        {
            match direction {
                None => out.push((system, name)),
                Some(north) => {
                    let (english, mr, rr, rr_t) = if north {
                        ("North", "bukto", "buk-do", "buk-to")
                    } else {
                        ("South", "namdo", "nam-do", "nam-to")
                    };
                    out.push((system, format!("{english} {name}")));
                    out.push((system, format!("{name}-{mr}")));
                    out.push((system, format!("{name}{rr}")));
                    out.push((system, format!("{name}{rr_t}")));
                }
            }
        }
    }
    out
}

/// 평안북 → (평안, north); 황해남 → (황해, south).
fn split_direction(stem: &str) -> Option<(&str, bool)> {
    if let Some(base) = stem.strip_suffix('북') {
        return (!base.is_empty()).then_some((base, true));
    }
    let base = stem.strip_suffix('남')?;
    (base.chars().count() >= 2).then_some((base, false))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (Hangul, system, spellings it must give): one row per phenomenon of the tables.
    const CASES: &[(&str, System, &[&str])] = &[
        (
            "평양",
            System::McCuneReischauer,
            &["P'yŏngyang", "P'yo'ngyang"],
        ),
        ("평양", System::NorthKorean, &["Phyongyang"]),
        ("평양", System::Revised, &["Pyeongyang"]),
        ("평양", System::Press, &["Pyongyang"]),
        ("신의주", System::McCuneReischauer, &["Sinŭiju"]),
        ("신의주", System::Press, &["Shinuiju", "Sinuiju"]),
        ("흥남", System::McCuneReischauer, &["Hŭngnam", "Hu'ngnam"]),
        ("만경대", System::McCuneReischauer, &["Man'gyŏngdae"]),
        ("만경대", System::NorthKorean, &["Mangyongdae"]),
        ("만경대", System::Press, &["Mankyungdae"]),
        ("함경", System::Press, &["Hamkyung", "Hamkyong"]),
        ("량강", System::Press, &["Ryangkang"]),
        ("자강", System::NorthKorean, &["Jagang"]),
        ("자강", System::McCuneReischauer, &["Chagang"]),
        ("재령", System::NorthKorean, &["Jaeryong"]),
        ("통천", System::NorthKorean, &["Thongchon"]),
        ("세포", System::NorthKorean, &["Sepho"]),
        ("보천", System::Revised, &["Bocheon"]),
        ("보천", System::Press, &["Bochon"]),
        ("덕천", System::Press, &["Dokchon"]),
        ("승호", System::Press, &["Seungho"]),
        ("청진", System::Press, &["Chungjin"]),
        ("선교", System::Press, &["Sunkyo"]),
        ("평안", System::McCuneReischauer, &["P'yŏng'an"]),
        ("평안", System::Revised, &["Pyeong\u{2011}an"]),
        ("평안", System::McCuneReischauer, &["Pyŏng'an"]),
        ("개천", System::McCuneReischauer, &["Kae'chŏn"]),
        ("철산", System::Revised, &["Cheolsan"]),
        ("김책", System::McCuneReischauer, &["Kimch'aek"]),
        // Sound changes at joints: nasalisation, liquidisation, a final carried to a vowel.
        ("강령", System::Revised, &["Gangnyeong"]),
        ("강령", System::NorthKorean, &["Kangryong"]),
        ("은률", System::McCuneReischauer, &["Ŭllyul"]),
        ("은률", System::NorthKorean, &["Unryul"]),
        ("백암", System::McCuneReischauer, &["Paegam"]),
        ("벽동", System::McCuneReischauer, &["Pyŏktong"]),
        ("벽동", System::Revised, &["Byeokdong"]),
        ("룡천", System::McCuneReischauer, &["Ryongch'ŏn"]),
    ];

    #[test]
    fn each_system_writes_the_spellings_of_its_table() {
        for &(hangul, system, wanted) in CASES {
            let got = romanize(hangul, system);
            for want in wanted {
                assert!(
                    got.iter().any(|g| g == want),
                    "{hangul} in {system:?}: {want} missing from {got:?}"
                );
            }
        }
    }

    /// Every spelling a place's Hangul stems generate, folded and in lower case, as the automaton
    /// sees them.
    fn generated(entry: &crate::gazetteer::Entry) -> Vec<(System, String)> {
        let mut out = Vec::new();
        for form in entry.forms.iter().filter(|f| f.hangul) {
            let Some((stem, status)) = crate::variants::split_hangul_suffix(&form.text) else {
                continue;
            };
            for (system, name) in place_names(stem, status == crate::entity::Status::Province) {
                for v in crate::variants::latin_generated(&name) {
                    out.push((system, crate::normalize::fold(&v).to_ascii_lowercase()));
                }
            }
        }
        out
    }

    /// Written forms the generator does not reproduce (`gazetteers/irregular_spellings.tsv`): the line,
    /// the id of the entry that writes the form, and the form as written. Every row gives its reason.
    fn irregular() -> Vec<(usize, &'static str, &'static str)> {
        let text = include_str!("../gazetteers/irregular_spellings.tsv");
        let mut rows = Vec::new();
        for (index, row) in text.lines().enumerate() {
            let line = index + 1;
            let cells: Vec<&str> = row.split('\t').collect();
            if line == 1 {
                assert_eq!(
                    cells,
                    ["entity_id", "form", "reason"],
                    "irregular_spellings.tsv:1"
                );
                continue;
            }
            let [id, form, reason] = cells[..] else {
                panic!(
                    "irregular_spellings.tsv:{line}: expected 3 cells, found {}",
                    cells.len()
                );
            };
            assert!(
                !reason.trim().is_empty(),
                "irregular_spellings.tsv:{line}: {form} has no reason"
            );
            rows.push((line, id, form));
        }
        rows
    }

    #[test]
    fn the_generator_reproduces_the_written_spellings() {
        let irregular = irregular();
        let mut used = std::collections::HashSet::new();
        let mut missing = Vec::new();
        for entry in crate::gazetteer::Gazetteer::builtin().entries {
            if !entry
                .entity
                .label
                .is_some_and(crate::entity::Label::is_place)
            {
                continue;
            }
            let made: std::collections::HashSet<String> =
                generated(&entry).into_iter().map(|(_, s)| s).collect();
            if made.is_empty() {
                continue;
            }
            for form in entry.forms.iter().filter(|f| !f.hangul && !f.former) {
                let key = crate::normalize::fold(&form.text).to_ascii_lowercase();
                let key = key.replace('\'', "");
                // A romanized suffix may be written as a head word (boundary), not part of the name.
                let stem = key.strip_suffix("-do").unwrap_or(&key);
                let made_plain = made
                    .iter()
                    .any(|m| m.replace('\'', "") == key || m.replace('\'', "") == stem);
                let person = form.flags & crate::gazetteer::flag::PERSON != 0;
                let listed = irregular
                    .iter()
                    .find(|(_, id, f)| *id == entry.entity.id && *f == form.text);
                used.extend(listed.map(|(line, ..)| *line));
                if made_plain == listed.is_some() && !person {
                    let what = if listed.is_some() {
                        "listed as irregular but generated"
                    } else {
                        "not generated"
                    };
                    missing.push(format!("{}: {} ({what})", entry.entity.id, form.text));
                }
            }
        }
        // A row that names no written form of a place would excuse nothing: the file is stale.
        for (line, id, form) in &irregular {
            if !used.contains(line) {
                missing.push(format!(
                    "irregular_spellings.tsv:{line}: {id} writes no form {form} that is checked"
                ));
            }
        }
        assert!(missing.is_empty(), "{missing:#?}");
    }

    #[test]
    fn generated_forms_per_system() {
        let mut counts = [0usize; 4];
        let mut all = std::collections::HashSet::new();
        for system in System::ALL {
            let mut keys = std::collections::HashSet::new();
            for entry in crate::gazetteer::Gazetteer::builtin().entries {
                if entry
                    .entity
                    .label
                    .is_some_and(crate::entity::Label::is_place)
                {
                    for (s, key) in generated(&entry) {
                        if s == system {
                            keys.insert(key.clone());
                            all.insert(key);
                        }
                    }
                }
            }
            counts[System::ALL.iter().position(|s| *s == system).unwrap()] = keys.len();
            println!("{:>22}: {} forms", system.name(), keys.len());
        }
        println!("{:>22}: {} forms", "all systems", all.len());
        assert!(counts.iter().all(|&n| n > 200));
    }

    /// Prints what each system writes for ten well-known names (`-- --nocapture`).
    #[test]
    fn ten_well_known_names() {
        let names = [
            ("평양", false),
            ("평안북", true),
            ("함경", true),
            ("신의주", false),
            ("청진", false),
            ("개천", false),
            ("량강", true),
            ("혜산", false),
            ("김책", false),
            ("만경대", false),
        ];
        for (hangul, province) in names {
            for system in System::ALL {
                let spellings: Vec<String> = place_names(hangul, province)
                    .into_iter()
                    .filter(|(s, n)| *s == system && !n.contains('-'))
                    .map(|(_, n)| n)
                    .collect();
                assert!(!spellings.is_empty(), "{hangul} {system:?}");
                println!("{hangul} | {} | {}", system.name(), spellings.join(", "));
            }
        }
    }

    #[test]
    fn names_stay_joined_and_non_hangul_gives_nothing() {
        for system in System::ALL {
            assert!(romanize("강동", system).iter().all(|s| !s.contains(' ')));
            assert!(romanize("Kangdong", system).is_empty());
        }
    }

    #[test]
    fn provinces_with_a_direction_give_english_and_suffix_forms() {
        let names: Vec<String> = place_names("평안북", true)
            .into_iter()
            .map(|(_, n)| n)
            .collect();
        for want in [
            "North Phyongan",
            "North P'yo'ngan",
            "Pyeonganbuk-do",
            "P'yŏngan-bukto",
        ] {
            assert!(names.iter().any(|n| n == want), "{want} missing");
        }
        // 남 ends a two-syllable name (강남, 해남) without being a direction.
        assert!(place_names("강남", true)
            .iter()
            .all(|(_, n)| !n.starts_with("South")));
    }
}
