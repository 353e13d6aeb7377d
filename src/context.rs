//! Evidence around a mention: sentences, and the words that say whose place or body it is.
//!
//! Some names are North Korean only in a North Korean text: the Cabinet, the Foreign Ministry, the
//! Defense Security Command; some are also South Korean places (Pochon and Pocheon, Kangwon and Gangwon,
//! ANNOTATION rule 9). The extractor decides those with the evidence gathered here: the sentence a
//! mention stands in and the one before it, the cue phrases found in them (North Korea, DPRK; South Korea,
//! Seoul, Gyeonggi...), and the words right before or after the mention ("China's Ministry of State
//! Security", "North Korea's Kangwon Province", "Mount Kumgang", "the Taedong River").
//!
//! Cue phrases are matched by the same automaton as the names, so finding them costs no extra pass.

use std::sync::LazyLock;

use crate::normalize::LineBreak;

/// Which country a cue phrase points to, and how far it reaches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Cue {
    /// North Korea, in the sentence (and, for forms that need context, the document).
    NorthKorea,
    /// South Korea as a country or an actor (Seoul, the NIS, the JCS): a sign for the sentence only.
    /// News about the North names these all the time.
    SouthKorea,
    /// A South Korean province, city or county: a sign for the sentence, and one that the document
    /// is about South Korea's own ground (ANNOTATION rule 27).
    SouthLocal,
    /// Words only a text about South Korean local affairs uses (a provincial governor, local
    /// elections): a sign for the document only.
    SouthDocument,
    /// A South Korean local body whose name a place name is glued to (철원경찰서, 고성농협): a sign for
    /// the document only, as [`Cue::SouthDocument`], found inside a word too.
    SouthInstitution,
    /// A South Korea cue that names the source of a report ("..., the JCS said"): a sign for its
    /// sentence only where the sentence does not name the North (rule 29j).
    SouthSpeaker,
    /// "The North", as wire copy names North Korea after its first mention: a North Korea cue for its
    /// sentence only in a text that names North Korea otherwise ("the North" of England is none).
    TheNorth,
    /// The United States or one of its bodies: in a text that names none, a North Korean text's
    /// "National Security Agency" is the North's (rule 27).
    UnitedStates,
    /// Another country whose bodies share the North's names (China, the Soviet Union): in a text that
    /// names one and never North Korea, a `shared` form is that country's body (rule 27).
    OtherCountry,
    /// The South's side of the line in a story of the border: a defection to the South (귀순,
    /// "defected to the South"), the South's front (최전방 GP): a namesake in its sentence is the
    /// South's county, where the defector arrived, unless marked as the North's (rule 27).
    SouthSide,
    /// Another government named as the sentence's setting (a president, 우리 정부 "our government"): a
    /// name that needs North Korean context is not the North's body in that sentence unless the
    /// sentence itself names the North ("Tokyo reshuffled its Cabinet", rule 24).
    OtherSetting,
}

/// Every cue list with its kind, for the automaton.
pub(crate) const CUES: &[(&[&str], Cue)] = &[
    (NORTH_KOREA_CUES, Cue::NorthKorea),
    (SOUTH_KOREA_CUES, Cue::SouthKorea),
    (SOUTH_LOCAL_CUES, Cue::SouthLocal),
    (SOUTH_DOCUMENT_CUES, Cue::SouthDocument),
    (SOUTH_INSTITUTION_CUES, Cue::SouthInstitution),
    (&["the North"], Cue::TheNorth),
    (UNITED_STATES_CUES, Cue::UnitedStates),
    (OTHER_COUNTRY_CUES, Cue::OtherCountry),
    (OTHER_SETTING_CUES, Cue::OtherSetting),
    (SOUTH_SIDE_CUES, Cue::SouthSide),
];

/// Words of a border story told from the South's side: defections to the South and its front line.
pub(crate) const SOUTH_SIDE_CUES: &[&str] = &[
    "귀순",
    "defected to the South",
    "crossed into the South",
    "defected to South Korea",
    "crossed into South Korea",
];

/// Words that set a sentence in another government than the North's: a president as the one who acts
/// (대통령은, 대통령이: the North has none), the South's "our government", Tokyo as Japan's
/// government. Not a president named otherwise (the Party's analysis of who "is likely to become
/// president"), nor China or Russia, which the North's own news names in every other sentence.
pub(crate) const OTHER_SETTING_CUES: &[&str] = &[
    "대통령은",
    "대통령이",
    "대통령도",
    "우리 정부",
    "Tokyo",
    "도쿄",
];

/// Countries whose bodies bear the names of the North's (China's Ministry of State Security, the
/// Soviet State Planning Commission), their capitals and their people.
pub(crate) const OTHER_COUNTRY_CUES: &[&str] = &[
    "China",
    "Chinese",
    "Beijing",
    "PRC",
    "Soviet",
    "Soviet Union",
    "USSR",
    "Moscow",
    "Russia",
    "Russian",
    "Vietnam",
    "Vietnamese",
    "Hanoi",
    "Cuba",
    "Cuban",
    "Havana",
    "중국",
    "베이징",
    "북경",
    "소련",
    "러시아",
    "모스크바",
];

/// The United States and its bodies that share a name with the North's (the NSA) or work on the North
/// (its hackers): a text that names one of them may mean the American body by a shared name.
pub(crate) const UNITED_STATES_CUES: &[&str] = &[
    "United States",
    "U.S.",
    "US",
    "American",
    "Americans",
    "America",
    "Washington",
    "Pentagon",
    "White House",
    "FBI",
    "CISA",
    "Cyber Command",
    "Fort Meade",
    "미국",
    "미군",
    "백악관",
];

/// Phrases that say a sentence is about North Korea, matched as whole words: as listed, in capitals,
/// with a capital first letter, and (but for acronyms) in lower case.
pub(crate) const NORTH_KOREA_CUES: &[&str] = &[
    "North Korea",
    // A hashtag's spelling: #NorthKorea.
    "NorthKorea",
    "North Korean",
    "North Koreans",
    "N. Korea",
    "N. Korean",
    "N.Korea",
    "N Korea",
    "N Korean",
    "NK",
    "DPRK",
    "D.P.R.K.",
    "Democratic People's Republic of Korea",
    "Kim Jong Un",
    "Kim Jong-un",
    "Kim Jong Il",
    "Kim Jong-il",
    "Kim Il Sung",
    "Kim Il-sung",
    "KCNA",
    "Korean Central News Agency",
    "Rodong Sinmun",
    "Daily NK",
    "the North's",
    "Juche",
    "북한",
    "북측",
    // A Korean headline's abbreviation (北 내각, 북 외무성), and the Hanja of 북한 and the Japanese name.
    "北",
    "북",
    "北韓",
    "北朝鮮",
    "조선민주주의인민공화국",
    "김정은",
    "김정일",
    "김일성",
    "조선중앙통신",
    "로동신문",
];

/// Phrases that say a sentence is about South Korea: the country, its capital, its bodies that share a
/// name or an acronym with North Korean ones.
pub(crate) const SOUTH_KOREA_CUES: &[&str] = &[
    "South Korea",
    "South Korean",
    "South Koreans",
    "S. Korea",
    "S. Korean",
    "S.Korea",
    "S Korea",
    "S Korean",
    "ROK",
    "Republic of Korea",
    "Seoul",
    "Unification Ministry",
    "Ministry of Unification",
    "Unification Minister",
    "National Intelligence Service",
    "NIS",
    "Joint Chiefs of Staff",
    "JCS",
    "Blue House",
    "National Assembly",
    "National Security Office",
    "한국",
    "남한",
    "대한민국",
    "서울",
    "국정원",
    "통일부",
    "합참",
    "국방부",
    // The South's ministries (부) and agencies (청), whose names the North does not use (its ministries
    // are 성). Not 외교부 nor 법무부: Seoul's press writes "북한 외교부", and the Party has a 법무부; not
    // 경찰청, which the same press writes to gloss a North Korean security office (도 보안부(도 경찰청)).
    "기획재정부",
    "교육부",
    "과학기술정보통신부",
    "행정안전부",
    "국가보훈부",
    "문화체육관광부",
    "농림축산식품부",
    "산업통상자원부",
    "보건복지부",
    "환경부",
    "고용노동부",
    "여성가족부",
    "국토교통부",
    "해양수산부",
    "중소벤처기업부",
    "소방청",
    "산림청",
    "기상청",
    "해양경찰청",
    "국세청",
    "관세청",
    "통계청",
    "병무청",
    "방위사업청",
    "농촌진흥청",
    "Ministry of the Interior and Safety",
    "Ministry of Interior and Safety",
    "Korea Forest Service",
    "National Fire Agency",
    "Korean National Police Agency",
    "Korea Meteorological Administration",
    "Korea Coast Guard",
];

/// South Korean provinces, cities and counties (in Revised Romanization and Hangul), above all those
/// near the border whose namesakes or neighbours are North Korean. None is the name of a North Korean
/// division; Hangul names that are also words carry their suffix (고양시, not 고양 "cat").
pub(crate) const SOUTH_LOCAL_CUES: &[&str] = &[
    "Gyeonggi",
    "Gangwon State",
    "Chungcheong",
    "Jeolla",
    "Gyeongsang",
    "Jeju",
    "Busan",
    "Incheon",
    "Daegu",
    "Daejeon",
    "Gwangju",
    "Ulsan",
    "Sejong",
    "Suwon",
    "Seongnam",
    "Goyang",
    "Yongin",
    "Changwon",
    "Chuncheon",
    "Gangneung",
    "Sokcho",
    "Wonju",
    "Paju",
    "Gimpo",
    "Uijeongbu",
    "Dongducheon",
    "Yeoncheon",
    "Hwacheon",
    "Yanggu",
    "Inje",
    "Hongcheon",
    "Hoengseong",
    "Yangyang",
    "Pyeongchang",
    "Jeongseon",
    "Yeongwol",
    "Samcheok",
    "Taebaek",
    "경기도",
    "경기북부",
    // Not 경기 alone ("the economy", "a match").
    "경기지역",
    "강원특별자치도",
    "강원자치도",
    // A South Korean newsroom's dateline in a border county that shares its name with the North's
    // ((철원=연합뉴스), 【○○뉴스 고성=기자】): the story is the South's local news.
    "고성=",
    "철원=",
    "강원=",
    "포천=",
    "김화=",
    "이천=",
    "춘천",
    "원주시",
    "강릉",
    "속초",
    "동해시",
    "삼척",
    "태백시",
    "홍천",
    "횡성",
    "영월",
    "평창",
    "정선군",
    "화천",
    "양구",
    "인제군",
    "양양",
    // The towns (읍) and landmarks of the South's halves of the divided counties that the North's
    // halves do not share: Goseong's 간성읍 and 거진읍 (its port 거진항, its lagoon 화진포), Cheorwon's
    // 갈말읍 and 동송읍 (Namuwiki, "고성군(강원도)/행정" and "철원군/행정"; Korean Wikipedia, "철원군
    // (대한민국)의 행정 구역"). 철원읍, 김화읍 and 고성읍 are left out: the North has towns of those names.
    "간성읍",
    "거진읍",
    "거진항",
    "화진포",
    "갈말읍",
    "동송읍",
    "연천",
    "포천",
    "파주",
    "김포",
    "고양시",
    "의정부시",
    "동두천",
    "부산",
    "인천",
    "대구",
    "대전",
    "광주",
    "울산",
    "제주",
    "충청",
    "전라",
    "경상",
    "충북",
    "충남",
    "전북",
    "전남",
    "경북",
    "경남",
    // Special self-governing ones whose short name is no cue (세종 is also the king).
    "세종특별자치시",
    "제주특별자치도",
    "전북특별자치도",
];

/// The South's towns that share a name with the North's places, as the South's local press writes its
/// reporter's town in brackets before a story ("[철원]", "(고성)", "【고성】"): the story is the South's
/// local news (rule 27 names the dateline), as with Yonhap's "고성=" above. Not 순천 nor 강원: the
/// North's Sunchon and Kangwon head the North's own news pages' market reports as well.
pub(crate) const DATELINE_TOWNS: &[&str] =
    &["고성", "철원", "김화", "이천", "옹진", "영광", "장성"];

/// The brackets of such a dateline, opening and closing.
pub(crate) const DATELINE_BRACKETS: &[(char, char)] = &[
    ('[', ']'),
    ('(', ')'),
    ('【', '】'),
    ('<', '>'),
    ('〈', '〉'),
    ('《', '》'),
];

/// Each dateline town with each closing bracket, the phrases the automaton looks for; the opening
/// bracket, before the phrase, is checked by [`is_bracket_dateline`].
pub(crate) fn dateline_phrases() -> impl Iterator<Item = String> {
    DATELINE_TOWNS.iter().flat_map(|town| {
        DATELINE_BRACKETS
            .iter()
            .map(move |&(_, close)| format!("{town}{close}"))
    })
}

/// The opening bracket that matches the dateline bracket the phrase at `start..end` ends with.
fn dateline_opening(text: &str, start: usize, end: usize) -> Option<char> {
    let close = text[start..end].chars().next_back()?;
    DATELINE_BRACKETS
        .iter()
        .find(|&&(_, c)| c == close)
        .map(|&(open, _)| open)
}

/// Whether the phrase at `start..end` ends with a dateline's closing bracket.
pub(crate) fn ends_with_dateline_bracket(text: &str, start: usize, end: usize) -> bool {
    dateline_opening(text, start, end).is_some()
}

/// Whether the phrase at `start..end`, a town and a closing bracket, is a dateline: the matching
/// opening bracket right before it, at the start of the text or after white space, and white space or
/// the end after it (《강원》에서 is a name in a sentence).
pub(crate) fn is_bracket_dateline(text: &str, start: usize, end: usize) -> bool {
    if text[end..]
        .chars()
        .next()
        .is_some_and(|c| !c.is_whitespace())
    {
        return false;
    }
    let Some(open) = dateline_opening(text, start, end) else {
        return false;
    };
    text[..start]
        .strip_suffix(open)
        .is_some_and(|before| before.is_empty() || before.ends_with(char::is_whitespace))
}

/// Whether a South Korean place named in Hangul ends at `end`: particles or no Hangul follow, or a
/// place's suffix (대구시, 부산항, 경상북도, 부산광역시, 제주특별자치도). A short name also starts everyday
/// words, where it is none: 대구경 "large-calibre", 대전차 "anti-tank", 부산물 "by-product", 경상수지
/// "current account".
pub(crate) fn south_place_ends(text: &str, end: usize) -> bool {
    const SUFFIXES: &[char] = &[
        '시', '군', '도', '구', '읍', '면', '항', '역', '북', '남', '광', '특',
    ];
    if !text[..end].ends_with(crate::normalize::is_hangul_syllable) {
        return true;
    }
    crate::boundary::hangul_bare_right_ok(text, end) || text[end..].starts_with(SUFFIXES)
}

/// Words of South Korean local affairs: its governors, county offices and councils (the North has
/// people's committees), local elections, the civilian control line, the South's own name for
/// inter-Korean matters (남북, where the North writes 북남).
pub(crate) const SOUTH_DOCUMENT_CUES: &[&str] = &[
    "governor of Gangwon",
    "Gangwon governor",
    "local elections",
    "Civilian Control Line",
    "강원도지사",
    "경기도지사",
    "도지사",
    "지방선거",
    // Not 군수, 시청, 도청 alone: 군수공업 (munitions), 시청자 (viewers), 도청 (wiretapping).
    "군청",
    "군의회",
    "시의회",
    "도의회",
    "면사무소",
    "읍사무소",
    "행정복지센터",
    "농업기술센터",
    "county governor",
    "county council",
    "민통선",
    "남북",
    "육군",
    // The South's local news: its budgets in 억 won, its parties and lawmakers, its border regions'
    // aid, its residents as a province's.
    "억 원",
    "국회의원",
    "국민의힘",
    "더불어민주당",
    "접경지역",
    "도민",
    "billion won",
    "county office",
    // The South's local self-government and its funding: the North has no local autonomy, and its
    // press writes neither national (국비) nor provincial (도비) funds.
    "지방자치단체",
    "자치단체",
    "지자체",
    "기초단체",
    "광역단체",
    "국비",
    "도비",
    // Gangwon's two halves as the South's weather reports and local news name them.
    "영동지역",
    "영서지역",
    "영동지방",
    "영서지방",
];

/// The South's local bodies, days and sums, which a place name or a number is glued to: its police and
/// fire stations, farmers' and fishers' cooperatives, community centres (철원경찰서, 고성농협), a county's
/// or city's residents' day (고성군민의 날), its budgets in 억 won (3억원). The North names none of these so.
pub(crate) const SOUTH_INSTITUTION_CUES: &[&str] = &[
    "억원",
    "경찰서",
    "소방서",
    "농협",
    "수협",
    "주민센터",
    // Offices of education: the North's provinces have education departments of their people's
    // committees (강원도교육청 is the South's Gangwon).
    "교육청",
    "교육지원청",
    "군민의 날",
    "시민의 날",
    "도민의 날",
];

/// Whether a building's word follows the body's name ending at `end`: " office", " building" in any
/// case, the name then being the building's (rule 29g).
pub(crate) fn building_after(text: &str, end: usize) -> bool {
    // Most bodies are followed by neither word: its first two bytes tell.
    matches!(
        text.as_bytes()[end..],
        [b' ', b'o' | b'O' | b'b' | b'B', ..]
    ) && word_after_any_case(text, end, &BUILDING_AFTER_WORDS)
}

/// The South's local government glued to a county or city: its governor, office, council, councillor,
/// public health centre, residents' prosperity association.
const SOUTH_OFFICES: &[&str] = &["수", "청", "의회", "의원", "보건소", "번영회", "번영회장"];

/// Whether the South's local government is glued to the Hangul place name ending at `end`: its county
/// governor (군수), office (청), council (의회), councillor (의원), public health centre (보건소) or
/// residents' prosperity association (번영회) and its head (번영회장), which the North does not have
/// under these names, followed by a particle, a space or punctuation (고성군수는, 철원군청 관계자,
/// 철원군보건소, 고성군 번영회장은). 군수공업 (the munitions industry) is no office.
pub(crate) fn south_office_after(text: &str, end: usize) -> bool {
    let rest = &text[end..];
    // A word of two syllables or more may stand apart (고성군 번영회장, 철원군 의회); one syllable
    // apart is another word (고성군 청년).
    let (rest, apart) = match rest.strip_prefix(' ') {
        Some(apart) => (apart, true),
        None => (rest, false),
    };
    // Each office starts with a syllable whose UTF-8 lead byte is 0xEB or 0xEC; most names are
    // followed by something else.
    if !matches!(rest.as_bytes().first(), Some(0xEB | 0xEC)) {
        return false;
    }
    SOUTH_OFFICES.iter().any(|o| {
        (!apart || o.chars().count() > 1)
            && rest.starts_with(o)
            && (rest.len() == o.len() || crate::boundary::hangul_bare_right_ok(rest, o.len()))
    })
}

/// Whether the Hangul namesake ending at `end` speaks to the press: its officials (고성군 관계자), or
/// the county itself as the source of a report (철원군은 …했다고 밝혔다, 고성군에 따르면). The South's
/// county and provincial offices brief the South's press; the North's do not (rule 27).
pub(crate) fn south_voice_after(text: &str, end: usize) -> bool {
    text[end..].starts_with(" 관계자") || is_korean_speaker(text, end)
}

/// Whether the South's border region is named right after the Hangul namesake ending at `end` (강원도
/// 접경지역, 철원군 접경 지역, 접적지역, 고성군은 접경지역으로): the South's word for its own counties along
/// the line, which a text writes of the North's only with the North's mark before it.
pub(crate) fn south_border_after(text: &str, end: usize) -> bool {
    let rest = &text[end..];
    // The county as the subject or topic of its own description: 고성군은 접경지역으로.
    let rest = ["은 ", "는 ", "이 ", "가 ", "도 ", " "]
        .iter()
        .find_map(|particle| rest.strip_prefix(particle))
        .unwrap_or(rest);
    rest.starts_with("접경") || rest.starts_with("접적")
}

/// Whether a South Korean road-name address follows the Hangul place name ending at `end`, after at most
/// two more divisions of it (강원도 철원군 철원읍 평화로 100, 철원군 중앙로 12번길): the North writes
/// no address by road and number, so the place is the South's (rule 27). A place with a particle and a
/// count after it (원산으로 2명) is no address: the number must end there.
pub(crate) fn south_road_address_after(text: &str, end: usize) -> bool {
    let mut rest = &text[end..];
    for _ in 0..3 {
        let Some(word_start) = rest.strip_prefix(' ') else {
            return false;
        };
        let len = word_start
            .char_indices()
            .find(|&(_, c)| !crate::normalize::is_hangul_syllable(c))
            .map_or(word_start.len(), |(at, _)| at);
        let word = &word_start[..len];
        let after = &word_start[len..];
        if word.chars().count() >= 2 && (word.ends_with('로') || word.ends_with('길')) {
            let Some(number) = after.strip_prefix(' ') else {
                return false;
            };
            let digits = number.bytes().take_while(u8::is_ascii_digit).count();
            let tail = &number[digits..];
            return digits > 0
                && (tail.is_empty()
                    || tail.starts_with("번길")
                    || tail.starts_with([' ', '\n', ',', ')', '-', '.']));
        }
        if !['군', '시', '읍', '면', '동', '리', '구']
            .iter()
            .any(|&s| word.ends_with(s))
        {
            return false;
        }
        rest = after;
    }
    false
}

/// Whether a South Korean township (면) is named right after the Hangul place name ending at `end`
/// (고성군 현내면, 철원군 근남면): the North has had no 면 since 1952, so the county is the South's and
/// its ground is the South's (rule 27). A word that ends in 면 and is an everyday noun (방면
/// "direction", 서면 "in writing", 냉면) is no township.
pub(crate) fn south_township_after(text: &str, end: usize) -> bool {
    const NOUNS: &[&str] = &[
        "방면", "측면", "전면", "정면", "일면", "이면", "반면", "국면", "장면", "표면", "지면",
        "화면", "냉면", "라면", "단면", "내면", "외면", "대면", "직면", "당면", "수면", "후면",
        "양면", "평면", "사면", "체면", "가면", "복면", "안면", "서면", "동면", "면면",
    ];
    // 3-syllable words whose last two are such a noun.
    const COMPOUND_NOUNS: &[&str] = &[
        "방면", "측면", "정면", "전면", "장면", "국면", "화면", "냉면", "라면",
    ];
    let Some(rest) = text[end..].strip_prefix(' ') else {
        return false;
    };
    // Most names are followed by a space and something else than a word in 면: look no further than
    // three syllables.
    let mut starts = [0usize; 3];
    for (i, (at, c)) in rest.char_indices().take(3).enumerate() {
        if !crate::normalize::is_hangul_syllable(c) {
            return false;
        }
        starts[i] = at;
        if i == 0 || c != '면' {
            continue;
        }
        let word_end = at + '면'.len_utf8();
        let word = &rest[..word_end];
        let noun = if i == 1 {
            NOUNS.contains(&word)
        } else {
            COMPOUND_NOUNS.contains(&&rest[starts[1]..word_end])
        };
        return !noun && crate::boundary::hangul_bare_right_ok(rest, word_end);
    }
    false
}

/// Words right before an agency that make it another country's ("China's Ministry of State Security").
pub(crate) const FOREIGN_BEFORE: &[&str] = &[
    "China's",
    "Chinese",
    "South Korea's",
    "South Korean",
    "S. Korea's",
    "S. Korean",
    "Seoul's",
    "ROK",
    "ROK's",
    "U.S.",
    "US",
    "American",
    "America's",
    "Japan's",
    "Japanese",
    "Russia's",
    "Russian",
    "Soviet",
    "Beijing's",
    "Washington's",
    "Tokyo's",
    "Moscow's",
    "Taiwan's",
    "British",
    "Britain's",
    "Israeli",
    "Israel's",
    "PLA",
    "PLA's",
    "People's Liberation Army",
    "IDF",
    "Microsoft",
    "Microsoft's",
    "Republic of Korea",
    "국군",
    "미군",
    "한국군",
    // The South's press of its own forces: "우리 군 15사단". Not 아군, which the North's statements
    // write of the KPA (아군 제5군단).
    "우리 군",
    "우리군",
    "우리 군의",
    "우리군의",
    "일본군",
    "중국군",
    "소련군",
    "러시아군",
    "인민해방군",
    "미국",
    "중국",
    "일본",
    "러시아",
    // The other ruling parties' countries, whose organs share the North's names (Central Committee,
    // 인민군, 조국전선) and write to it.
    "Vietnam's",
    "Vietnamese",
    "Laos'",
    "Lao",
    "Cuba's",
    "Cuban",
    "베트남",
    "라오스",
    "쿠바",
    "중국 공산당",
    "중국공산당",
    // The South's state bodies, whose committees share the North's short names: NSC 상임위 is the
    // South's National Security Council's standing committee, 국회 국방위 its Assembly's defence
    // committee.
    "NSC",
    "국가안전보장회의",
    "국회",
    "청와대",
    "대통령실",
];

/// Words right after an agency that make it another country's ("the Ministry of State Security of China").
const FOREIGN_AFTER: &[&str] = &[
    " of China",
    " of South Korea",
    " of the Republic of Korea",
    " of Japan",
    " of Russia",
    " of the United States",
    " of the United States Army",
    " of the U.S. Army",
    " of the People's Liberation Army",
    " of the PLA",
    " of Israel",
    " of the Israel Defense Forces",
    " of the U.S.",
    " of the US",
    " of the ROK",
    " of the South Korean",
    " of the Chinese",
    " of the Japanese",
];

/// Words right before a name, or before the province written before it, that make it North Korea's
/// ("North Korea's Kangwon Province", 북한 강원도 고성군).
const NORTH_BEFORE: &[&str] = &[
    "North Korea's",
    "North Korean",
    "NORTH KOREA'S",
    "NORTH KOREAN",
    "N. Korea's",
    "N. Korean",
    "N Korea's",
    "N Korean",
    "DPRK",
    "DPRK's",
    "the North's",
    "The North's",
    "북한",
    "북한의",
    "北",
    "北의",
    "북",
    "북의",
    "조선민주주의인민공화국",
    "조선민주주의인민공화국의",
    "북조선",
    "북조선의",
    "북측",
    "북측의",
    "북한 측의",
    // North of the line that divides the two: the North's side of a divided county.
    "휴전선 이북",
    "휴전선 이북의",
    "군사분계선 이북",
    "군사분계선 이북의",
];

/// Words right before a name, or before the province written before it, that make it South Korea's own
/// ("South Korea's Goseong County", 대한민국 강원도 고성군).
const SOUTH_BEFORE: &[&str] = &[
    "South Korea's",
    "South Korean",
    "SOUTH KOREA'S",
    "SOUTH KOREAN",
    "S. Korea's",
    "S. Korean",
    "S Korea's",
    "the South's",
    "The South's",
    "대한민국",
    "남한",
    "남한의",
    "한국",
    "한국의",
    // The South's side ("대한민국 측의 철원군", 남측 고성군), as the North's side above; the North's
    // name for the South's Gangwon (남강원도 철원군).
    "남강원도",
    "남측",
    "남측의",
    "대한민국 측의",
    "남한 측의",
    "한국 측의",
    "우리 측",
    "우리 측의",
    "휴전선 이남",
    "휴전선 이남의",
    "군사분계선 이남",
    "군사분계선 이남의",
];

/// Whether the name at `at` is marked as South Korea's by the words right before it, or before the
/// province written between them.
pub(crate) fn is_marked_south(text: &str, at: usize) -> bool {
    marked_before(text, at, &SOUTH_BEFORE_WORDS)
}

/// Whether `words` end the text before `at`, or end it before the province written between them
/// (대한민국 강원도 고성군, 조선민주주의인민공화국의 강원도 철원군, "North Korea's North Hamgyong Province
/// Kyongsong County"): whose the province is, the places in it are (rule 9).
fn marked_before(text: &str, at: usize, words: &Phrases) -> bool {
    if marked_right_before(text, at, words) {
        return true;
    }
    // A list of places joined by interpuncts or commas shares the mark before its first member
    // (북한 강원도 금강군·고성군·통천군): up to a few members back, each a Hangul word with a place's
    // suffix.
    let mut end = at;
    for _ in 0..MARKED_LIST_MEMBERS {
        let Some(before) = text[..end]
            .trim_end()
            .strip_suffix(['·', 'ㆍ', '、', ','])
            .map(str::trim_end)
        else {
            return false;
        };
        let member = before
            .char_indices()
            .rev()
            .take_while(|&(_, c)| crate::normalize::is_hangul_syllable(c))
            .last()
            .map_or(before.len(), |(i, _)| i);
        if member == before.len() || !before.ends_with(['군', '시', '역', '도', '구']) {
            return false;
        }
        if marked_right_before(text, member, words) {
            return true;
        }
        end = member;
    }
    false
}

/// How many members of a list of places [`marked_before`] looks back over.
const MARKED_LIST_MEMBERS: usize = 6;

/// [`marked_before`] without the list: the words right before `at`, or before the province between.
fn marked_right_before(text: &str, at: usize, words: &Phrases) -> bool {
    if word_before(text, at, words).is_some() {
        return true;
    }
    let before = trim_spaces_and_hyphens(&text[..at]);
    let Some((rest, word)) = before.rsplit_once(' ') else {
        return false;
    };
    if word.ends_with('도') || word.ends_with("-do") {
        return word_before(rest, rest.len(), words).is_some();
    }
    // "Province" after the province's name, one or two capitalized words ("North Hamgyong").
    word == "Province" && word_before_name(rest, rest.len(), words)
}

/// Words right after a name (and its head word) that make it North Korea's ("Kosong County, North Korea").
const NORTH_AFTER: &[&str] = &[
    ", North Korea",
    " in North Korea",
    " of North Korea",
    ", N. Korea",
    " in the North",
    // A service of the North's army: "the Air Force of the KPA".
    " of the KPA",
    " of the Korean People's Army",
];

/// Words before a place name that make it no place: a mountain (ANNOTATION rule 11).
const NON_PLACE_BEFORE: &[&str] = &[
    "Mount",
    "Mt.",
    "Mt",
    "Lake",
    "band",
    "Band",
    "orchestra",
    "Orchestra",
    "troupe",
    // A Korean surname before it makes a place name a person's given name ("Ri Sang-won", "Kim
    // Sangwon"); not the surnames that are English words (An, O, So, Ko, Song, Ju, Im, Yu).
    "Kim",
    "Ri",
    "Rhee",
    "Lee",
    "Pak",
    "Park",
    "Choe",
    "Choi",
    "Jong",
    "Jeong",
    "Chung",
    "Kang",
    "Han",
    "Jang",
    "Chang",
    "Yun",
    "Yoon",
    "Rim",
    "Lim",
    "Hong",
    "Cho",
    "Kwon",
    "Hwang",
    "Mun",
    "Moon",
    "Ryu",
    "Shin",
    "Sin",
    "Paek",
    "Baek",
    "Hyon",
    "Hyun",
    "Jon",
    "Jeon",
    "Chon",
    // Both Koreas' namesakes named at once (남북 강원도 간 철도, 남북 고성군): no one place, as two
    // parties named at once are no party (rule 29k).
    "남북",
];

/// Words after a place name that make it no place, in any letter case: rivers, mountains, streets, ship
/// classes, bands, movements (rule 11); time zones ("Pyongyang Time", rule 29l); villages and
/// neighbourhoods, and troupes, lakes and the like named after a place (rule 26: "Tongchang-ri", "Haean-myeon", "Samjiyon Orchestra"). Facilities, farms, mines
/// and zones are not here: they keep their place (rules 4 and 19). Companies are [`COMPANY_WORDS`].
const NON_PLACE_AFTER: &[&str] = &[
    "-class",
    " class",
    " river",
    " stream",
    " mountain",
    " mountains",
    " band",
    " movement",
    " street",
    " tire",
    // A newspaper named after its province, as a company is (rule 26): the Kangwon Ilbo.
    " ilbo",
    " domin ilbo",
    " sinmun",
    " tires",
    " airlines",
    " orchestra",
    " troupe",
    " art troupe",
    " ensemble",
    " lake",
    // A document or a speech named after where it was signed or spoken (the Pyongyang Declaration), a
    // dialect after its region: not the place (rule 26).
    " declaration",
    " joint declaration",
    " dialect",
    " bay",
    " gulf",
    " basin",
    // Landforms named after a place, no place themselves (rule 11): the Musan Plateau, the Chaeryong
    // plain, the Ongjin Peninsula.
    " plateau",
    " plain",
    " plains",
    " peninsula",
    " highlands",
    " valley",
    " island",
    " islands",
    " reservoir",
    " falls",
    " township",
    " maple",
    // A dish or a product named after its place (rule 26): Pyongyang cold noodles, Taedonggang beer.
    " naengmyeon",
    " naengmyon",
    " raengmyon",
    " cold noodles",
    " noodles",
    " beer",
    " soju",
    " liquor",
    " mineral water",
    " ginseng",
    " tractor",
    " tractors",
    " cigarettes",
    // A newspaper (The Pyongyang Times).
    " times",
    " dog",
    " dogs",
    " time",
    " standard time",
    " trading company",
    " bank",
    " trading corporation",
    " myeon",
    " myon",
    "-ri",
    "-li",
    "-dong",
    "-tong",
    "-up",
    "-eup",
    "-myon",
    "-myeon",
    "-rodongjagu",
    "-nodongjagu",
];

/// Words that end a company's or a product's name: a place name right before one names the company, not
/// the place ("Kumgang Trading Company", rules 11 and 26). The words of a trade and of a company's legal
/// form, not a list of companies: "Wonsan Shipping" and "Nampo Tire" are caught as well as "Kumho Tire".
/// "Industrial" is left out: "Kaesong Industrial Complex" keeps its place (rule 19).
const COMPANY_WORDS: &[&str] = &[
    " Trading",
    " General Trading",
    " Company",
    " Corporation",
    " Corp",
    " Co.",
    " Inc",
    " Ltd",
    " Group",
    " Holdings",
    " Industries",
    " Petrochemical",
    " Petrochemicals",
    " Chemical",
    " Chemicals",
    " Tire",
    " Tires",
    " Motors",
    " Motor",
    " Airlines",
    " Airways",
    " Shipping",
    " Electronics",
    " Steel",
    " Securities",
];

/// The sentences of a folded text, as their start offsets.
///
/// A sentence ends at `.`, `!`, `?` or `。` followed by a space and a capital, a digit, a quote or Hangul,
/// unless the word before the stop is an abbreviation ("No. 8", "Jan. 15", "N. Korea", "U.S."), and at a
/// blank line (a headline and the first paragraph are two sentences).
pub(crate) fn sentence_starts(text: &str, breaks: &[LineBreak], starts: &mut Vec<usize>) {
    const FULL_STOP: &[u8] = "。".as_bytes();
    let bytes = text.as_bytes();
    starts.clear();
    starts.push(0);
    for lb in breaks {
        if lb.blank || ends_sentence(&text[..lb.at]) {
            starts.push(lb.at + 1);
        }
    }
    // Only a stop can end a sentence; the stops (and the lead bytes of ” ’ … 。) are found with memchr,
    // and only the space after each is examined.
    let stops = memchr::memchr3_iter(b'.', b'!', b'?', bytes)
        .chain(memchr::memchr2_iter(0xE2, 0xE3, bytes));
    for stop in stops {
        if bytes[stop..].starts_with(FULL_STOP) {
            if stop + 3 < bytes.len() {
                starts.push(stop + 3);
            }
            continue;
        }
        let mut space = stop + 1;
        while space < bytes.len() && space - stop <= 4 && bytes[space] != b' ' {
            space += 1;
        }
        if bytes.get(space) == Some(&b' ')
            && text.is_char_boundary(space)
            && ends_sentence(&text[..space])
            && opens_sentence(&text[space + 1..])
        {
            starts.push(space + 1);
        }
    }
    starts.sort_unstable();
    starts.dedup();
}

const ABBREVIATIONS: &[&str] = &[
    "No", "Nos", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov",
    "Dec", "Mr", "Mrs", "Ms", "Dr", "Gen", "Lt", "Col", "Maj", "Capt", "Sgt", "St", "Mt", "Prof",
    "Rep", "Sen", "Gov", "Jr", "Sr", "Inc", "Co", "Corp", "vs", "etc", "U.S", "U.N", "e.g", "i.e",
];

fn ends_sentence(before: &str) -> bool {
    let trimmed = before.trim_end_matches(['"', '\'', '”', '’', ')', ']']);
    let Some(stop) = trimmed.chars().next_back() else {
        return false;
    };
    if !matches!(stop, '.' | '!' | '?' | '。' | '…') {
        return false;
    }
    if stop != '.' {
        return true;
    }
    // The word before the stop matters only if it is short: a single capital or an abbreviation. The
    // text is folded, so its only white space is a single space.
    let body = &trimmed.as_bytes()[..trimmed.len() - 1];
    let starts_word = |b: &u8| matches!(b, b' ' | b'(' | b'"');
    let word = match body
        .iter()
        .rev()
        .take(LONGEST_ABBREVIATION + 1)
        .position(starts_word)
    {
        Some(length) => &body[body.len() - length..],
        None if body.len() <= LONGEST_ABBREVIATION => body,
        None => return true,
    };
    let single_capital = matches!(word, [c] if c.is_ascii_uppercase());
    !(single_capital || ABBREVIATIONS.iter().any(|a| a.as_bytes() == word))
}

/// The length of the longest abbreviation: a longer word before a stop is looked up in no list.
const LONGEST_ABBREVIATION: usize = 4;

fn opens_sentence(after: &str) -> bool {
    after.chars().next().is_some_and(|c| {
        c.is_uppercase()
            || c.is_ascii_digit()
            || matches!(c, '"' | '\'' | '“' | '‘' | '(' | '[')
            || crate::normalize::is_hangul(c)
    })
}

/// Index of the sentence that contains folded offset `at`.
pub(crate) fn sentence_of(starts: &[usize], at: usize) -> usize {
    starts.partition_point(|&s| s <= at).saturating_sub(1)
}

/// A list of words or phrases looked up by two bytes of the text: the first two after a name, or the
/// last two before it (ASCII letters in lower case). Most names have neither next to them, and one table
/// lookup turns them away instead of a comparison with every word of the list.
struct Phrases {
    /// The words with their keys, grouped by the bucket their key hashes to and sorted by key in it.
    keyed: Vec<(u16, &'static str)>,
    /// Each bucket's range of `keyed`: most lookups end at an empty one.
    buckets: Box<[(u16, u16); 256]>,
}

impl Phrases {
    /// Keyed by their first two bytes, for the words after a name.
    fn leading(words: &[&'static str]) -> Phrases {
        Phrases::keyed(words, |w| w.as_bytes().get(..2))
    }

    /// Keyed by their last two bytes, for the words before a name.
    fn trailing(words: &[&'static str]) -> Phrases {
        Phrases::keyed(words, |w| w.as_bytes().get(w.len().saturating_sub(2)..))
    }

    fn keyed(words: &[&'static str], two: impl Fn(&str) -> Option<&[u8]>) -> Phrases {
        let mut keyed: Vec<(u16, &'static str)> = words
            .iter()
            .map(|&w| {
                let pair = two(w).filter(|p| p.len() == 2);
                (pair.map_or(u16::MAX, key), w)
            })
            .collect();
        keyed.sort_unstable_by_key(|&(k, w)| (bucket_of(k), k, w));
        let mut buckets = Box::new([(0u16, 0u16); 256]);
        for (i, &(k, _)) in keyed.iter().enumerate() {
            let i = u16::try_from(i).expect("a word list of fewer than 65,536 words");
            let range = &mut buckets[bucket_of(k)];
            if range.0 == range.1 {
                range.0 = i;
            }
            range.1 = i + 1;
        }
        Phrases { keyed, buckets }
    }

    /// The words whose two bytes are `pair`'s.
    fn with(&self, pair: &[u8]) -> &[(u16, &'static str)] {
        let Some(pair) = pair.get(..2) else {
            return &[];
        };
        let k = key(pair);
        let (from, to) = self.buckets[bucket_of(k)];
        let bucket = &self.keyed[usize::from(from)..usize::from(to)];
        let first = bucket.partition_point(|&(w, _)| w < k);
        let last = first + bucket[first..].partition_point(|&(w, _)| w == k);
        &bucket[first..last]
    }

    /// The words that `before` ends with, as a whole word.
    fn ending<'a>(&'a self, before: &'a str) -> impl Iterator<Item = &'static str> + 'a {
        let last_two = before.as_bytes().get(before.len().saturating_sub(2)..);
        self.with(last_two.unwrap_or_default())
            .iter()
            .map(|&(_, w)| w)
            .filter(move |w| ends_with_word(before, w))
    }
}

fn bucket_of(key: u16) -> usize {
    usize::from(key.wrapping_mul(0x9E37) >> 8)
}

fn key(pair: &[u8]) -> u16 {
    u16::from_le_bytes([pair[0].to_ascii_lowercase(), pair[1].to_ascii_lowercase()])
}

macro_rules! phrases {
    ($name:ident, $kind:ident, $words:expr) => {
        static $name: LazyLock<Phrases> = LazyLock::new(|| Phrases::$kind($words));
    };
}

phrases!(FOREIGN_BEFORE_WORDS, trailing, FOREIGN_BEFORE);
phrases!(SERVICE_BEFORE_WORDS, trailing, SERVICE_BEFORE);
phrases!(FOREIGN_AFTER_WORDS, leading, FOREIGN_AFTER);
phrases!(NORTH_BEFORE_WORDS, trailing, NORTH_BEFORE);
phrases!(SOUTH_BEFORE_WORDS, trailing, SOUTH_BEFORE);
phrases!(NORTH_AFTER_WORDS, leading, NORTH_AFTER);
phrases!(NON_PLACE_BEFORE_WORDS, trailing, NON_PLACE_BEFORE);
phrases!(TITLE_BEFORE_WORDS, trailing, TITLE_BEFORE);

/// Words before a body's name that make it a song's or a work's title ("Song of the Korean People's
/// Army", a march): the title, not the body (rule 26).
const TITLE_BEFORE: &[&str] = &["Song of", "March of", "Hymn of", "Anthem of", "Ode to"];

/// Whether the body at `start` is named in a song's or a work's title.
pub(crate) fn in_a_title(text: &str, start: usize) -> bool {
    word_before(text, start, &TITLE_BEFORE_WORDS).is_some()
}
phrases!(NON_PLACE_AFTER_WORDS, leading, NON_PLACE_AFTER);
phrases!(COMPANY_AFTER_WORDS, leading, COMPANY_WORDS);
phrases!(NEGATIONS, trailing, &["not", "Not", "non", "Non"]);
phrases!(ORIGIN_BEFORE_WORDS, trailing, ORIGIN_BEFORE);
phrases!(COMPARISON_AFTER_WORDS, leading, COMPARISON_AFTER);
phrases!(TARGET_AFTER_WORDS, leading, TARGET_AFTER);
phrases!(BUILDING_AFTER_WORDS, leading, &[" office", " building"]);

/// Words before "South Korea" that make it a product's origin or the target of an act, not the setting
/// (rule 29j: "rice produced in South Korea", "attacks on South Korea").
pub(crate) const ORIGIN_BEFORE: &[&str] = &[
    "produced in",
    "made in",
    "grown in",
    "manufactured in",
    "imported from",
    "smuggled from",
    "Made in",
    // The South as the target of the North's act, not its setting: "attacks on South Korea".
    "targeting",
    "attacks on",
    "attack on",
    "attacks against",
    "attack against",
];

/// Words after the South's name that make it the target of the North's act, not the setting (rule 29j:
/// 한국을 대상으로 공격을 일삼던).
pub(crate) const TARGET_AFTER: &[&str] = &[
    "을 대상으로",
    "를 대상으로",
    "을 겨냥한",
    "를 겨냥한",
    "을 겨냥해",
    "를 겨냥해",
    "을 상대로",
    "를 상대로",
];

/// Words after "South Korean" that make it a comparison, not the setting (rule 29j: "Kangwon Province
/// and its South Korean neighbour Gangwon"; "For the county in South Korea, see").
const COMPARISON_AFTER: &[&str] = &[
    " neighbour",
    " neighbor",
    " counterpart",
    " counterparts",
    " namesake",
    ", see",
];

/// Whether the cue at `start..end` is a dateline's place: where a South Korean newsroom filed the story
/// ("(서울=연합뉴스)", "SEOUL, March 5"), which says nothing of the story's setting (rule 29j): Seoul's
/// wires date every report on the North so.
pub(crate) fn is_dateline(text: &str, start: usize, end: usize) -> bool {
    const MONTHS: &[&str] = &[
        "Jan", "Feb", "March", "Mar", "April", "Apr", "May", "June", "Jun", "July", "Jul", "Aug",
        "Sept", "Sep", "Oct", "Nov", "Dec",
    ];
    let rest = &text[end..];
    let capitals = text[start..end].chars().all(|c| !c.is_lowercase());
    rest.starts_with('=')
        || (capitals
            && rest
                .strip_prefix(", ")
                .is_some_and(|r| MONTHS.iter().any(|m| r.starts_with(m))))
}

/// Whether the South Korea cue at `start..end` names the South as an origin, a comparison or a target
/// rather than the setting (rule 29j): then it is no sign that the text is about the South.
pub(crate) fn is_not_setting(text: &str, start: usize, end: usize) -> bool {
    ORIGIN_BEFORE_WORDS
        .ending(trim_spaces_and_hyphens(&text[..start]))
        .next()
        .is_some()
        || word_after(text, end, &COMPARISON_AFTER_WORDS)
        || word_after(text, end, &TARGET_AFTER_WORDS)
}

/// Whether the name at `at` follows a comparison with the South ("its South Korean neighbour Gangwon"):
/// the South's namesake named to tell it apart, which says nothing of the text's ground (rule 29j).
pub(crate) fn follows_comparison(text: &str, at: usize) -> bool {
    let before = trim_spaces_and_hyphens(&text[..at]);
    COMPARISON_AFTER
        .iter()
        .filter(|w| w.starts_with(' '))
        .any(|w| {
            before.ends_with(w.trim_start())
                && before[..before.len() - w.trim_start().len()].ends_with("South Korean ")
        })
}

fn word_before(text: &str, at: usize, words: &Phrases) -> Option<&'static str> {
    let before = trim_spaces_and_hyphens(&text[..at]);
    let before = before.strip_suffix(" the").unwrap_or(before);
    words.ending(before).next()
}

/// As `word_before`, also passing over up to two capitalized words between the word and the mention, which
/// then belongs to a longer name: "China's Communist Youth League".
fn word_before_name(text: &str, at: usize, words: &Phrases) -> bool {
    let mut before = trim_spaces_and_hyphens(&text[..at]);
    for _ in 0..3 {
        let stripped = before.strip_suffix(" the").unwrap_or(before);
        if words.ending(stripped).next().is_some() {
            return true;
        }
        let Some((rest, last)) = before.rsplit_once(' ') else {
            return false;
        };
        if !last.starts_with(|c: char| c.is_uppercase()) {
            return false;
        }
        before = rest;
    }
    false
}

/// `before` without the spaces and hyphens it ends with.
fn trim_spaces_and_hyphens(before: &str) -> &str {
    let kept = before
        .bytes()
        .rposition(|b| b != b' ' && b != b'-')
        .map_or(0, |last| last + 1);
    // Spaces and hyphens are ASCII: what is left ends on a character boundary.
    &before[..kept]
}

/// Whether "the North" at `start..end` names no country: written in lower case (a direction), or
/// followed by a capitalised word or "of" ("the North Atlantic", "the North of England").
pub(crate) fn the_north_is_no_country(text: &str, start: usize, end: usize) -> bool {
    let rest = &text[end..];
    !text[start..end].ends_with("North")
        || rest.starts_with(" of ")
        || rest
            .strip_prefix(' ')
            .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_uppercase()))
}

/// Whether the word at `at` is a newsroom's base ("Seoul-based Daily NK"), not a place where something
/// lies.
pub(crate) fn names_a_newsroom(text: &str, at: usize) -> bool {
    let word_end = text[at..]
        .find(|c: char| !c.is_alphanumeric())
        .map_or(text.len(), |i| at + i);
    text[word_end..].starts_with("-based")
}

/// Whether the South Korea cue at `at` is a nationality ("South Korean officials"), not a place.
pub(crate) fn is_nationality(text: &str, at: usize) -> bool {
    let rest = &text[at..];
    ["South Korean", "S. Korean", "S Korean", "SOUTH KOREAN"]
        .iter()
        .any(|n| rest.starts_with(n))
}

/// Verbs of a source reporting what it saw or heard, in English.
pub(crate) const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "told",
    "reported",
    "announced",
    "added",
    "stated",
    "confirmed",
    "detected",
];

/// The same in Korean, at the end of a sentence of reported speech ("…했다고 합참이 밝혔다").
pub(crate) const KOREAN_SPEECH_VERBS: &[&str] = &[
    "밝혔다",
    "전했다",
    "말했다",
    "발표했다",
    "설명했다",
    "보고했다",
    "파악했다",
    "덧붙였다",
];

/// How many words may stand between a source's name and its verb ("South Korea's Joint Chiefs of
/// Staff said", "Seoul's defense ministry said").
const WORDS_BEFORE_SPEECH_VERB: usize = 5;

/// Whether the South Korea cue at `start..end` names the source that reports an act rather than the
/// act's setting: "according to the JCS", "..., South Korea's Joint Chiefs of Staff said", "the South
/// Korean military detected", "합참에 따르면", "…고 합참이 밝혔다", "합참은 …고 밝혔다". Such a source is no
/// sign of the South's ground where its sentence names the North (rule 29j: the cue is the South as
/// the setting); stage 4 weighs that.
pub(crate) fn is_speaker(text: &str, start: usize, end: usize) -> bool {
    if text[start..end]
        .chars()
        .any(crate::normalize::is_hangul_syllable)
    {
        return is_korean_speaker(text, end);
    }
    let before = text[..start].trim_end();
    let before = before.strip_suffix(" the").unwrap_or(before);
    if ends_with_word(before, "according to") || ends_with_word(before, ", said") {
        return true;
    }
    let rest = text[end..].strip_prefix("'s").unwrap_or(&text[end..]);
    for word in rest
        .split(' ')
        .filter(|w| !w.is_empty())
        .take(WORDS_BEFORE_SPEECH_VERB + 1)
    {
        let bare = word.trim_end_matches([',', '.', ';', ':']);
        if SPEECH_VERBS.contains(&bare) {
            return true;
        }
        // A clause ends before a verb was found: the cue is no speech's subject.
        if bare.len() != word.len()
            || !bare
                .chars()
                .all(|c| c.is_alphanumeric() || "'()-".contains(c))
        {
            return false;
        }
    }
    false
}

/// [`is_speaker`] for a Hangul cue ending at `end`.
fn is_korean_speaker(text: &str, end: usize) -> bool {
    let rest = &text[end..];
    if rest.starts_with("에 따르면") || rest.starts_with(" 측에 따르면") {
        return true;
    }
    // A headline's source before its quote: "북한, 고성군서 포 사격…합참 “…”".
    if [" “", " \"", "“", " ‘"].iter().any(|q| rest.starts_with(q)) {
        return true;
    }
    // The subject right before its verb, after the reported clause: "…고 합참이 밝혔다".
    for particle in ["이 ", "가 "] {
        if let Some(after) = rest.strip_prefix(particle) {
            if KOREAN_SPEECH_VERBS.iter().any(|v| after.starts_with(v)) {
                return true;
            }
        }
    }
    // The topic of a sentence of reported speech: "합참은 북한이 …했다고 밝혔다."
    if !(rest.starts_with("은 ") || rest.starts_with("는 ")) {
        return false;
    }
    let sentence = rest.find(". ").map_or(rest, |stop| &rest[..stop + 1]);
    let sentence = sentence.trim_end_matches(['.', ' ']);
    KOREAN_SPEECH_VERBS.iter().any(|v| {
        sentence
            .strip_suffix(v)
            .is_some_and(|s| without_day(s.trim_end()).ends_with('고'))
    })
}

/// `before` without the day a report names before its verb ("…고 8일 밝혔다", "…고 이날 밝혔다").
fn without_day(before: &str) -> &str {
    let Some((head, word)) = before.rsplit_once(' ') else {
        return before;
    };
    let day = word == "이날"
        || word
            .strip_suffix('일')
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    if day {
        head
    } else {
        before
    }
}

fn ends_with_word(before: &str, w: &str) -> bool {
    before.ends_with(w)
        && !before[..before.len() - w.len()]
            .chars()
            .next_back()
            .is_some_and(crate::boundary::is_word_char)
}

fn word_after(text: &str, at: usize, words: &Phrases) -> bool {
    let rest = &text[at..];
    words
        .with(rest.as_bytes())
        .iter()
        .any(|&(_, w)| rest.starts_with(w) && !starts_word(&rest[w.len()..]))
}

/// As `word_after`, in any letter case (`words` in lower case).
fn word_after_any_case(text: &str, at: usize, words: &Phrases) -> bool {
    let rest = &text[at..];
    words.with(rest.as_bytes()).iter().any(|&(_, w)| {
        crate::boundary::starts_with_ignore_case(rest.as_bytes(), w)
            && !starts_word(&rest[w.len()..])
    })
}

fn starts_word(rest: &str) -> bool {
    rest.chars()
        .next()
        .is_some_and(crate::boundary::is_word_char)
}

/// Whether the body at `start..end` is another country's, by the words around it.
///
/// A service named bare before a body's shape (해군 제2함대, 육군 제3사단, 육군 5군단) is South Korea's,
/// whose press names its own forces so; before a body the gazetteer lists by name (해군 동해함대) it is
/// that body's own service, as the North's press names it too (`shape`: the body was found by a rule,
/// or is a listed formation named by its number, a shape any army has).
pub(crate) fn is_foreign(text: &str, start: usize, end: usize, shape: bool) -> bool {
    word_before_name(text, start, &FOREIGN_BEFORE_WORDS)
        || (shape && own_service_before(text, start))
        || word_after(text, end, &FOREIGN_AFTER_WORDS)
}

/// The services as South Korean press names its own, before a formation's shape.
const SERVICE_BEFORE: &[&str] = &["육군", "해군", "공군", "해병대", "해병"];

/// Whether a service word the North does not mark stands before the formation at `at`: 육군 5군단 is
/// the South's army's corps; 북한 육군, 인민군 해군 are the North's.
fn own_service_before(text: &str, at: usize) -> bool {
    let Some(service) = word_before(text, at, &SERVICE_BEFORE_WORDS) else {
        return false;
    };
    let service_start = trim_spaces_and_hyphens(&text[..at]).len() - service.len();
    let before = text[..service_start].trim_end();
    !marked_right_before(text, service_start, &NORTH_BEFORE_WORDS)
        && !["인민군", "북한군"]
            .iter()
            .any(|army| before.ends_with(army))
}

/// Whether the cue phrase at `at` is denied by the word before it: "not North Korean", "non-North
/// Korean" say nothing about North Korea ("Office 365, Unit 731 and Unit 8200 are not North Korean").
pub(crate) fn is_negated(text: &str, at: usize) -> bool {
    let before = trim_spaces_and_hyphens(&text[..at]);
    NEGATIONS.ending(before).next().is_some()
}

/// Whether the name at `start..end` is marked as North Korea's by the words around it, or before the
/// province written before it.
pub(crate) fn is_marked_north(text: &str, start: usize, end: usize) -> bool {
    marked_before(text, start, &NORTH_BEFORE_WORDS) || word_after(text, end, &NORTH_AFTER_WORDS)
}

/// Whether the words after a place name (or its head word) at `end` make it a river, a band, a
/// company or the like: no place.
pub(crate) fn is_non_place_after(text: &str, end: usize) -> bool {
    // Every listed word starts with a space or a hyphen: most names are followed by neither.
    if !matches!(text.as_bytes().get(end), Some(b' ' | b'-')) {
        return false;
    }
    word_after_any_case(text, end, &NON_PLACE_AFTER_WORDS) || is_company_after(text, end)
}

/// Whether a company's word follows at `end` ("Trading Company"), and no facility's after it.
pub(crate) fn is_company_after(text: &str, end: usize) -> bool {
    // Every company word is a space and a capital: most names are followed by neither.
    matches!(text.as_bytes()[end..], [b' ', c, ..] if c.is_ascii_uppercase())
        && word_after(text, end, &COMPANY_AFTER_WORDS)
        && !names_a_facility(&text[end..])
}

/// Whether a company word after a place is part of a facility's name, which keeps its place (rules 4
/// and 19: "Kanggye Chemical Factory", "Hamhung Chemical Complex"), not a company's.
fn names_a_facility(rest: &str) -> bool {
    const FACILITIES: &[&str] = &[
        " Factory", " Complex", " Plant", " Works", " Combine", " Mine", " Farm",
    ];
    // The facility's word within the next two words: "Kanggye Chemical Weapons Factory".
    let mut after_word = rest;
    for _ in 0..2 {
        let Some(next) = after_word.get(1..).and_then(|w| w.find(' ')) else {
            return false;
        };
        after_word = &after_word[1 + next..];
        let facility = FACILITIES.iter().any(|f| {
            after_word.starts_with(f)
                && !after_word[f.len()..]
                    .chars()
                    .next()
                    .is_some_and(crate::boundary::is_word_char)
        });
        if facility {
            return true;
        }
    }
    false
}

/// As [`is_non_place`] after a head word that ends at `end`: the words after it and a number joined by a
/// hyphen make a thing ("Sunan County-class", "Hamgyong bukto-92"); a number after a space does not
/// (rule 29a: "Hwasong District 30 km away").
pub(crate) fn is_non_place_after_head(text: &str, end: usize) -> bool {
    is_non_place_after(text, end)
        || matches!(text.as_bytes()[end..], [b'-', digit, ..] if digit.is_ascii_digit())
}

/// Whether the place name at `start..end` names a mountain, river, ship class, band or the like, or a
/// numbered thing.
///
/// A name joined to a number by a hyphen is a numbered thing ("Hwasong-18", "Mangyongbong-92",
/// "Chollima-1"). A number after a space is only where the name is also a series' (`series`: "Hwasong
/// 18"): any other place that a number, a year, a date or a count happens to follow is still the place
/// ("In Hoeryong 30 houses collapsed", 혜산시 10일, rule 29a).
pub(crate) fn is_non_place(text: &str, start: usize, end: usize, series: bool) -> bool {
    if word_before(text, start, &NON_PLACE_BEFORE_WORDS).is_some() || is_non_place_after(text, end)
    {
        return true;
    }
    if hangul_time_after(text, end) || hangul_bay_after(text, end) {
        return true;
    }
    // An infobox's dialect line ("Dialect | Hamgyong"): the dialect, not the place (rule 26).
    if text[..start]
        .trim_end_matches([' ', '|', ':', '•'])
        .ends_with("Dialect")
    {
        return true;
    }
    if numbered_neighbourhood_after(&text[end..]) {
        return true;
    }
    match text.as_bytes()[end..] {
        [b'-', digit, ..] if digit.is_ascii_digit() => true,
        // A class named by a letter after the place: the "Sinpo-C" submarine (rule 11).
        [b'-', letter, ref after @ ..] if letter.is_ascii_uppercase() => {
            !after.first().is_some_and(|b| b.is_ascii_alphanumeric())
        }
        [b'-', ..] => false,
        [b' ', digit, ..] => series && digit.is_ascii_digit(),
        // A newspaper or a broadcaster glued to a Hangul name: 강원도민일보, 평양방송 (rule 26).
        [first, ..] if first >= 0x80 => HANGUL_MEDIA_AFTER
            .iter()
            .any(|w| text[end..].starts_with(w)),
        _ => false,
    }
}

/// Whether a numbered neighbourhood's suffix follows a name: "Taedong 1-dong", "Sinhŭng 2-ri" name a
/// neighbourhood or a village, no place of ours (rule 19), as "Haean-myeon" does.
fn numbered_neighbourhood_after(rest: &str) -> bool {
    let Some(number) = rest.strip_prefix(' ') else {
        return false;
    };
    let digits = number.bytes().take_while(u8::is_ascii_digit).count();
    let Some(suffix) = number[digits..].strip_prefix('-') else {
        return false;
    };
    (1..=2).contains(&digits)
        && ["dong", "tong", "ri", "li", "ga"].iter().any(|s| {
            crate::boundary::starts_with_ignore_case(suffix.as_bytes(), s)
                && !starts_word(&suffix[s.len()..])
        })
}

/// Whether the Hangul place name ending at `end` names a time: 평양시간 (its 시 is 시간's), 평양 시간,
/// 평양표준시. A time zone named after a place is no span (rule 29l).
fn hangul_time_after(text: &str, end: usize) -> bool {
    let (before, rest) = text.split_at(end);
    if !before.ends_with(crate::normalize::is_hangul_syllable) {
        return false;
    }
    (before.ends_with('시') && rest.starts_with('간'))
        || rest.strip_prefix(' ').unwrap_or(rest).starts_with("시간")
        || rest.starts_with("표준시")
}

/// Whether the Hangul place name ending at `end` names a bay: 만 with a word of the sea after it
/// (해주만 일대, 영흥만 해역, 해주만에서), where 만 is no particle ("only") but the bay, which is no
/// place (rule 11).
fn hangul_bay_after(text: &str, end: usize) -> bool {
    const SEA_AFTER: &[&str] = &[" 일대", " 해역", " 해상", " 앞바다", "에서", "으로", "쪽"];
    text[..end].ends_with(crate::normalize::is_hangul_syllable)
        && text[end..]
            .strip_prefix('만')
            .is_some_and(|rest| SEA_AFTER.iter().any(|w| rest.starts_with(w)))
}

/// Words glued after a Hangul place name that make it a newspaper's or a broadcaster's name (도민일보:
/// the province's residents' daily).
const HANGUL_MEDIA_AFTER: &[&str] = &["일보", "민일보", "신문", "방송"];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::Folded;

    #[test]
    fn a_numbered_neighbourhood_ends_a_place_and_any_other_suffix_does_not() {
        for (rest, neighbourhood) in [
            (" 1-dong and", true),
            (" 2-Ri,", true),
            (" 12-ga", true),
            (" 1-dongs", false),
            (" 1-동 and", false),
            (" 1-도", false),
            (" 123-dong", false),
            (" -dong", false),
        ] {
            assert_eq!(numbered_neighbourhood_after(rest), neighbourhood, "{rest}");
        }
    }

    #[test]
    fn a_road_name_address_after_a_place_is_the_souths() {
        for (text, name, address) in [
            ("강원도 철원군 철원읍 평화로 100\n", "강원도", true),
            ("강원도 철원군 철원읍 평화로 100", "철원군", true),
            ("철원군 중앙로 12번길 3", "철원군", true),
            ("혜산시로 3명이 갔다", "혜산시", false),
            ("양강도 혜산시로 3명이 갔다", "양강도", false),
            ("원산시 해안로 2000년", "원산시", false),
            ("평양시 중구역 창광거리 5", "평양시", false),
        ] {
            let end = text.find(name).unwrap_or(0) + name.len();
            assert_eq!(south_road_address_after(text, end), address, "{text}");
        }
    }

    #[test]
    fn a_time_or_a_bay_named_after_a_place_is_no_place() {
        for (text, name) in [
            ("평양시간 오전 9시", "평양시"),
            ("평양 시간으로 10시", "평양"),
            ("평양표준시를 썼다", "평양"),
        ] {
            assert!(is_non_place(text, 0, name.len(), false), "{text}");
        }
        for (text, name) in [("해주만 일대에서 포사격", "해주"), ("영흥만에서", "영흥")]
        {
            assert!(is_non_place(text, 0, name.len(), false), "{text}");
        }
        for (text, name) in [
            ("평양시 5개 구역", "평양시"),
            ("평양시에서 3시간", "평양시"),
            ("해주만 그랬다", "해주"),
        ] {
            assert!(!is_non_place(text, 0, name.len(), false), "{text}");
        }
    }

    /// Every mark of either side marks a namesake right after it, after its province, and in a list of
    /// places after the province, up to the list's last member; the other side's test says no.
    /// Generated from the mark lists.
    #[test]
    fn every_mark_marks_the_place_its_province_and_its_list() {
        type Marked = fn(&str, usize) -> bool;
        let sides: [(&[&str], Marked, Marked); 2] = [
            (
                NORTH_BEFORE,
                |t, at| is_marked_north(t, at, at + "고성군".len()),
                |t, at| is_marked_south(t, at),
            ),
            (
                SOUTH_BEFORE,
                |t, at| is_marked_south(t, at),
                |t, at| is_marked_north(t, at, at + "고성군".len()),
            ),
        ];
        for (marks, marked, other_side) in sides {
            for mark in marks
                .iter()
                .filter(|m| m.chars().any(crate::normalize::is_hangul))
            {
                for text in [
                    format!("{mark} 고성군에서"),
                    format!("{mark} 강원도 고성군에서"),
                    format!("{mark} 강원도 금강군·통천군·고성군에서"),
                    format!("{mark} 강원도 금강군, 고성군에서"),
                ] {
                    let at = text.rfind("고성군").unwrap();
                    assert!(marked(&text, at), "{text}");
                    assert!(!other_side(&text, at), "{text}");
                }
                // A list member that is no place breaks the list.
                let broken = format!("{mark} 강원도 주민·고성군에서");
                assert!(
                    !marked(&broken, broken.rfind("고성군").unwrap()),
                    "{broken}"
                );
            }
        }
    }

    fn sentences(text: &str) -> Vec<&str> {
        let folded = Folded::new(text);
        let folded_text = folded.as_str().to_string();
        let mut starts = Vec::new();
        sentence_starts(&folded_text, folded.line_breaks(), &mut starts);
        let mut out = Vec::new();
        for (i, &s) in starts.iter().enumerate() {
            let e = starts.get(i + 1).copied().unwrap_or(folded_text.len());
            out.push(folded_text[s..e].trim().to_string());
        }
        out.into_iter()
            .map(|s| &*Box::leak(s.into_boxed_str()))
            .collect()
    }

    #[test]
    fn no_abbreviation_is_longer_than_the_longest() {
        let longest = ABBREVIATIONS.iter().map(|a| a.len()).max();
        assert_eq!(longest, Some(LONGEST_ABBREVIATION));
    }

    #[test]
    fn sentences_split_at_stops_but_not_at_abbreviations() {
        assert_eq!(
            sentences("The No. 8 unit came on Jan. 15. N. Korea denied it. U.S. officials agreed!"),
            vec![
                "The No. 8 unit came on Jan. 15.",
                "N. Korea denied it.",
                "U.S. officials agreed!"
            ]
        );
    }

    #[test]
    fn abbreviations_inside_brackets_and_quotes_lower_case_and_single_letters() {
        for (text, want) in [
            (
                "Agents (No. 8 Bureau) came.",
                vec!["Agents (No. 8 Bureau) came."],
            ),
            (
                "He met \"Gen. Ri\" there.",
                vec!["He met \"Gen. Ri\" there."],
            ),
            (
                "They met at 10 a.m. on Monday.",
                vec!["They met at 10 a.m. on Monday."],
            ),
            (
                "Prices rose by 5. Then they fell.",
                vec!["Prices rose by 5.", "Then they fell."],
            ),
            ("It was J. Kim.", vec!["It was J. Kim."]),
        ] {
            assert_eq!(sentences(text), want, "{text}");
        }
    }

    #[test]
    fn a_stop_inside_quotes_and_an_ideographic_stop_end_sentences() {
        assert_eq!(
            sentences("He said \"go home.\" Then he left. 'Stay!' Nobody did."),
            vec![
                "He said \"go home.\"",
                "Then he left.",
                "'Stay!'",
                "Nobody did."
            ]
        );
        assert_eq!(
            sentences("혜산에서。평양에서。"),
            vec!["혜산에서。", "평양에서。"]
        );
    }

    #[test]
    fn a_blank_line_ends_a_headline() {
        assert_eq!(
            sentences("Crackdown in the north\n\nAgents arrived in Hyesan"),
            vec!["Crackdown in the north", "Agents arrived in Hyesan"]
        );
        assert_eq!(
            sentences("Ryanggang\nProvince is cold."),
            vec!["Ryanggang Province is cold."]
        );
    }

    #[test]
    fn a_mark_before_the_province_marks_the_place_after_it() {
        let at = |t: &str, name: &str| t.rfind(name).unwrap();
        let t = "North Korea's North Hamgyong Province Kyongsong County";
        assert!(is_marked_north(t, at(t, "Kyongsong"), t.len()));
        assert!(!is_marked_south(t, at(t, "Kyongsong")));
        let t = "South Korea's Gangwon Province Goseong County";
        assert!(is_marked_south(t, at(t, "Goseong")));
        let t = "대한민국 강원도 고성군과 조선민주주의인민공화국의 강원도 철원군";
        assert!(is_marked_south(t, at(t, "고성군")));
        assert!(!is_marked_north(t, at(t, "고성군"), at(t, "고성군") + 9));
        assert!(is_marked_north(t, at(t, "철원군"), t.len()));
        // Only the province's own words may stand between: a mark further back says nothing.
        let t = "North Korea's army moved to Gangwon Province Goseong County";
        assert!(!is_marked_north(t, at(t, "Goseong"), t.len()));
        let t = "북한 군인이 강원도 고성군에 왔다";
        assert!(!is_marked_north(t, at(t, "고성군"), at(t, "고성군") + 9));
    }

    #[test]
    fn words_around_a_mention() {
        let t = "China's Ministry of State Security and North Korea's Kangwon Province";
        assert!(is_foreign(t, 8, 34, false));
        assert!(is_marked_north(t, 53, 60));
        assert!(!is_foreign(t, 53, 60, false));
        let t = "the Hwasong-18 missile near Mount Kumgang and the Taedong River";
        assert!(is_non_place(t, 4, 11, false));
        assert!(is_non_place(t, 34, 41, false));
        assert!(is_non_place(t, 50, 57, false));
        assert!(!is_non_place("Hyesan-based traders", 0, 6, false));
    }

    #[test]
    fn a_number_after_a_space_makes_a_thing_of_a_series_name_only() {
        assert!(is_non_place("a Hwasong 18 missile", 2, 9, true));
        assert!(is_non_place("a Chonma-216 tank", 2, 8, false));
        assert!(!is_non_place(
            "In Hoeryong 30 houses collapsed",
            3,
            11,
            false
        ));
        assert!(!is_non_place("혜산시 10일 오후", 0, 9, false));
        assert!(is_non_place("Dialect | Hamgyong |", 10, 18, false));
        assert!(in_a_title("the Song of the Korean People's Army", 16));
        assert!(!in_a_title("songs of the Korean People's Army", 13));
        assert!(!is_non_place("Hwasong 2024 plan", 0, 7, false));
    }

    #[test]
    fn every_listed_word_has_the_two_bytes_it_is_looked_up_by() {
        for words in [
            FOREIGN_BEFORE,
            SERVICE_BEFORE,
            FOREIGN_AFTER,
            NORTH_BEFORE,
            NORTH_AFTER,
            SOUTH_BEFORE,
            ORIGIN_BEFORE,
            COMPARISON_AFTER,
            NON_PLACE_BEFORE,
            NON_PLACE_AFTER,
            COMPANY_WORDS,
        ] {
            for w in words {
                assert!(w.len() >= 2, "{w:?}");
            }
        }
        // A township after a county; an everyday noun in 면 is none.
        let after = |t: &str| south_township_after(t, t.find(' ').unwrap());
        assert!(
            after("고성군 현내면 명파리") && after("철원군 근남면에서") && after("포천시 영북면.")
        );
        assert!(!after("고성군 방면으로") && !after("고성군 서면으로") && !after("고성군 일대"));
        assert!(!after("고성군 동해안방면") && !after("고성군 면담"));
        // `south_office_after` looks only where a byte 0xEC follows.
        assert!(["수", "청", "의회", "의원"]
            .iter()
            .all(|o| o.as_bytes()[0] == 0xEC));
        // `is_non_place_after` looks only where a space or a hyphen follows, `is_company_after` only
        // where a space and a capital do.
        for w in NON_PLACE_AFTER.iter().chain(COMPANY_WORDS) {
            assert!(w.starts_with([' ', '-']), "{w:?}");
        }
        for w in COMPANY_WORDS {
            assert!(w.as_bytes()[1].is_ascii_uppercase(), "{w:?}");
        }
        assert_eq!(
            word_before("in the Chinese Unit 61398", 15, &FOREIGN_BEFORE_WORDS),
            Some("Chinese")
        );
        assert!(word_after_any_case(
            "Musan RIVER",
            5,
            &NON_PLACE_AFTER_WORDS
        ));
        assert!(!word_after_any_case(
            "Musan riverside",
            5,
            &NON_PLACE_AFTER_WORDS
        ));
        assert!(!word_after("Musan", 5, &COMPANY_AFTER_WORDS));
    }

    #[test]
    fn a_denied_cue_is_no_cue() {
        for (text, at, denied) in [
            ("are not North Korean", 8, true),
            ("are non-North Korean", 8, true),
            ("Not North Korea's", 4, true),
            ("a knot North Korea", 7, false),
            ("North Korean", 0, false),
            ("said North Korea", 5, false),
        ] {
            assert_eq!(is_negated(text, at), denied, "{text}");
        }
    }

    #[test]
    fn companies_named_after_a_place_are_no_place() {
        for (text, end, company) in [
            ("Kumho Petrochemical", 5, true),
            ("Nampo Shipping Co.", 5, true),
            ("Hamhung Chemical Co.", 7, true),
            ("Wonsan Motors", 6, true),
            ("Kaesong Industrial Complex", 7, false),
            ("Musan mine", 5, false),
            ("Hyesan Tireless", 6, false),
            ("Kanggye Chemical Factory", 7, false),
            ("Kanggye Chemical Weapons Factory", 7, false),
            ("Kanggye Chemical Weapons Trading Co.", 7, true),
            ("Hamhung Chemical Complex", 7, false),
        ] {
            assert_eq!(is_non_place(text, 0, end, false), company, "{text}");
        }
    }

    #[test]
    fn sentence_of_an_offset() {
        let starts = [0, 10, 20];
        assert_eq!(sentence_of(&starts, 0), 0);
        assert_eq!(sentence_of(&starts, 15), 1);
        assert_eq!(sentence_of(&starts, 25), 2);
    }
}
