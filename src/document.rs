//! What a whole document is about: North Korea, South Korea, both, or neither (ANNOTATION rules 9, 27).
//!
//! A sentence and the one before it decide most names. Where they do not, the document does: a
//! report from South Korea's Gangwon Province names Kangwon, Goseong and Cheorwon many sentences away
//! from any "South Korea", and an NK News article names the Cabinet three paragraphs after the last
//! "North Korea". The evidence is counted per sentence, in this order of weight:
//!
//! 1. North Korea cue phrases (North Korea, DPRK, KCNA, 북한) and North Korean bodies that need no
//!    context (KPA, Ministry of State Security): each sentence holding one is a North Korean sentence;
//! 2. South Korea cue phrases (the country, its provinces and cities, its bodies: Seoul, Gyeonggi,
//!    Chuncheon, Yanggu, the Unification Ministry, 국정원) and South Korean spellings of shared names that
//!    context did not make North Korean (Gangwon, Goseong): each sentence holding one is a South Korean
//!    sentence;
//! 3. where neither kind of sentence exists, two North Korean places that are not shared with the South
//!    make the document North Korean (one place name may be a common word: "Anju").
//!
//! A document is about South Korea when its South Korean sentences outnumber its North Korean ones;
//! about North Korea when it has North Korean evidence and no South Korean sentence; about both when it
//! has both and the South does not outnumber the North. [`Extractor::about`](crate::Extractor::about)
//! returns the counts and the verdict, so a kept or dropped namesake can be explained.

/// The evidence a document gives about which Korea it is about, and the verdict drawn from it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct DocumentEvidence {
    /// Sentences with a North Korea cue phrase or a North Korean body.
    pub north_sentences: usize,
    /// Sentences with a South Korea cue phrase or a South Korean spelling context did not keep.
    pub south_sentences: usize,
    /// Distinct North Korean places that need no context.
    pub north_places: usize,
}

/// Which Korea a document is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum About {
    /// North Korean evidence and no South Korean sentence.
    NorthKorea,
    /// More South Korean sentences than North Korean ones.
    SouthKorea,
    /// Evidence for both, the South not outnumbering the North.
    Both,
    /// No evidence either way.
    Undecided,
}

impl DocumentEvidence {
    /// The verdict, by the order of evidence in the module documentation.
    pub fn about(&self) -> About {
        let north =
            self.north_sentences > 0 || (self.south_sentences == 0 && self.north_places >= 2);
        if self.south_sentences > self.north_sentences {
            About::SouthKorea
        } else if north && self.south_sentences == 0 {
            About::NorthKorea
        } else if north {
            About::Both
        } else {
            About::Undecided
        }
    }

    /// Whether names that need North Korean context may lean on the document as a whole.
    pub(crate) fn is_north(&self) -> bool {
        matches!(self.about(), About::NorthKorea | About::Both)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts() {
        let e = |north_sentences, south_sentences, north_places| DocumentEvidence {
            north_sentences,
            south_sentences,
            north_places,
        };
        let cases = [
            (e(0, 0, 0), About::Undecided),
            (e(0, 0, 1), About::Undecided),
            (e(0, 0, 2), About::NorthKorea),
            (e(3, 0, 0), About::NorthKorea),
            (e(3, 1, 0), About::Both),
            (e(2, 2, 0), About::Both),
            (e(1, 3, 5), About::SouthKorea),
            (e(0, 1, 2), About::SouthKorea),
        ];
        for (evidence, want) in cases {
            assert_eq!(evidence.about(), want, "{evidence:?}");
        }
    }
}
