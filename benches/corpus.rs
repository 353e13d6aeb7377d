//! A deterministic corpus of news-like paragraphs, shared by the benchmarks and `gen_corpus`.
//!
//! Paragraphs mix filler sentences with North Korean names in the shapes the extractor meets: places with
//! and without head words, agencies and acronyms, units, Hangul, curly apostrophes, a South Korean
//! namesake. About one sentence in four names something, two names each: roughly one mention per 200
//! bytes, denser than most news (the seed article has one per 150 bytes in its first half and none in
//! much of the rest). A fixed-seed generator makes every run see the same text.

/// A small, fast, deterministic generator (SplitMix64).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

const FILLER: &[&str] = &[
    "Prices at the local market have been unstable since the summer, according to several traders.",
    "Many households now depend on small plots of land to grow vegetables for their own use.",
    "The authorities have also stepped up inspections of mobile phones and memory cards.",
    "Teachers were told to collect contributions from students for a new school building.",
    "Some factories have resumed operations, but workers say wages are paid irregularly.",
    "A resident said that the situation was worse than last year, when the harvest was poor.",
    "Market prices rose again this week as traders stocked up before the winter.",
    "Residents said electricity was available for only a few hours a day.",
    "The source asked not to be named for security reasons.",
    "Officials have ordered farms to report their harvest figures by the end of the month.",
    "Smuggling across the river has slowed since the new checkpoints were set up.",
    "State media made no mention of the incident.",
    "Several families were said to have been moved to the countryside.",
    "The price of corn was reported at around 3,000 won per kilogram.",
];

const NAMES: &[&str] = &[
    "Hyesan",
    "Ryanggang Province",
    "Pochon County",
    "Samsu-gun",
    "North Hamgyong",
    "Chongjin",
    "Musan County",
    "P'yŏngyang",
    "Sinuiju",
    "the Ministry of State Security",
    "the MSS",
    "the Korean People’s Army (KPA)",
    "the Central Committee of the Workers' Party of Korea",
    "Unit 10215",
    "Bureau 121",
    "Group 109",
    "Moranbong District",
    "Kimjongsuk County",
    "Kangwon Province",
];

const HANGUL: &[&str] = &[
    "양강도 혜산시에서 국가보위성 요원들이 검열을 진행했다.",
    "함경북도 청진의 시장에서 쌀값이 올랐다.",
];

/// One paragraph of roughly 400 to 900 bytes.
pub fn paragraph(rng: &mut Rng) -> String {
    let mut p = String::new();
    for _ in 0..(3 + rng.next() % 4) {
        if !p.is_empty() {
            p.push(' ');
        }
        match rng.next() % 20 {
            0..=14 => p.push_str(rng.pick(FILLER)),
            15..=18 => {
                p.push_str("Sources in ");
                p.push_str(rng.pick(NAMES));
                p.push_str(" said that ");
                p.push_str(rng.pick(NAMES));
                p.push_str(" had tightened controls.");
            }
            _ => p.push_str(rng.pick(HANGUL)),
        }
    }
    p
}

/// Paragraphs until the corpus holds at least `bytes` bytes.
pub fn corpus(seed: u64, bytes: usize) -> Vec<String> {
    let mut rng = Rng::new(seed);
    let mut out = Vec::new();
    let mut total = 0;
    while total < bytes {
        let p = paragraph(&mut rng);
        total += p.len();
        out.push(p);
    }
    out
}

/// The bare scan the pipeline is compared with: leftmost-longest, ASCII case-insensitive, over the same
/// patterns and with the same automaton kind as the extractor's own scan.
pub fn bare_scan(extractor: &nkner::Extractor) -> aho_corasick::AhoCorasick {
    aho_corasick::AhoCorasick::builder()
        .match_kind(aho_corasick::MatchKind::LeftmostLongest)
        .ascii_case_insensitive(true)
        .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
        .build(extractor.patterns())
        .expect("the extractor's patterns build")
}
