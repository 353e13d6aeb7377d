//! Time grows linearly with a document's size, whatever the mix of names, rules and overlaps.
//!
//! No absolute time is asserted (machines differ, and CI shares its cores): for each shape of text, 8 MB
//! must take less than 30 times as long as 1 MB of the same text. Linear work gives about 8, quadratic
//! work 64. The shapes are the ones that once hid a quadratic path: dense names, dense rule matches,
//! overlapping readings that need a closer look, acronyms the document defines, one endless sentence.

use std::time::{Duration, Instant};

/// The repeated pieces, each a shape of text that stresses one stage.
const SHAPES: &[(&str, &str)] = &[
    ("dense names", "Hyesan and Musan. "),
    ("dense rule matches", "The KPA Unit 1234 moved. "),
    (
        "overlapping readings",
        "Korean People's Army Naval Forces met in Pochon, North Korea's Kangwon Province. ",
    ),
    (
        "names and heads in one endless sentence",
        "the Cabinet and Pochon and Samsu counties and Sinuiju-si and ",
    ),
    ("hangul", "혜산시에서 무산군으로 양강도의 "),
    (
        "shared names among many places",
        "Hwasong and Unsan sent grain to Hyesan and Musan. ",
    ),
    (
        "a parenthesis never closed",
        "Ministry of State Security (agents of the ministry met ",
    ),
    (
        "sparse mentions",
        "Prices of rice and corn were steady at the markets this week, traders said, \
         while fuel stayed dear and the weather turned cold over the whole region. ",
    ),
];

const MB: usize = 1 << 20;

fn repeated(piece: &str, bytes: usize) -> String {
    piece.repeat(bytes / piece.len() + 1)
}

/// Distinct acronyms, each defined once after a body's name ("Ministry of State Security (QA12)") and
/// used again later: every definition is looked for in the rest of the document.
fn defined_acronyms(bytes: usize) -> String {
    let mut text = String::with_capacity(bytes + 64);
    let mut i = 0u32;
    while text.len() < bytes {
        text.push_str(&format!(
            "Ministry of State Security (QA{i}) agents and QA{i} cadres met. "
        ));
        i += 1;
    }
    text
}

fn fastest(text: &str) -> Duration {
    (0..2)
        .map(|_| {
            let started = Instant::now();
            std::hint::black_box(nkner::extract(text));
            started.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn assert_linear(shape: &str, make: impl Fn(usize) -> String) {
    nkner::extract("warm up Hyesan");
    let small = make(MB);
    let large = make(8 * MB);
    let ratio = fastest(&large).as_secs_f64() / fastest(&small).as_secs_f64().max(1e-6);
    assert!(
        ratio < 30.0,
        "{shape}: 8 MB took {ratio:.1} times as long as 1 MB (linear is about 8)"
    );
}

#[test]
fn time_is_linear_in_the_size_of_a_document() {
    for &(shape, piece) in SHAPES {
        assert_linear(shape, |bytes| repeated(piece, bytes));
    }
    assert_linear("acronyms the document defines", defined_acronyms);
}
