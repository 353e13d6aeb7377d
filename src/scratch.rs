//! Buffers an extraction fills and empties, kept on each thread from one call to the next.
//!
//! A call would otherwise allocate a dozen vectors (matches, candidates, cue phrases, rule windows,
//! sentences), most of them small, for every document: in a corpus of short articles that is a sizeable
//! part of the time. As in `regex-automata`'s caches, the buffers are reused instead, here through a
//! thread-local so that [`Extractor::extract`](crate::Extractor::extract) keeps taking `&self` and a
//! text. A buffer that a very long document has grown is given back afterwards, so a thread keeps no more
//! than a bounded amount between calls.

use std::cell::RefCell;

use crate::candidate::Candidate;
use crate::context::Cue;
use crate::scan::Found;
use crate::weigh::Weighing;

#[derive(Default)]
pub(crate) struct Scratch {
    /// The patterns at one word start.
    pub(crate) found: Vec<Found>,
    /// The readings of one match that stand: entity and reading index.
    pub(crate) kept: Vec<(u32, usize)>,
    pub(crate) candidates: Vec<Candidate>,
    pub(crate) cues: Vec<(usize, Cue)>,
    /// The text around the words the built-in rules need that a rule's match may cover.
    pub(crate) triggers: Vec<(usize, usize)>,
    /// The text around the trigger words, merged.
    pub(crate) windows: Vec<(usize, usize)>,
    /// Rule matches: rule index, start, end.
    pub(crate) rule_matches: Vec<(usize, usize, usize)>,
    /// Sentences, their evidence and the verdicts of stage 4.
    pub(crate) weighing: Weighing,
    pub(crate) accepted: Vec<Candidate>,
}

/// Elements a buffer may keep between calls.
pub(crate) const KEEP: usize = 1 << 12;

impl Scratch {
    /// Calls `f` with this thread's scratch, or with a fresh one if it is in use.
    pub(crate) fn with<T>(f: impl FnOnce(&mut Scratch) -> T) -> T {
        thread_local! {
            static SCRATCH: RefCell<Scratch> = RefCell::default();
        }
        SCRATCH.with(|cell| match cell.try_borrow_mut() {
            Ok(mut scratch) => {
                let out = f(&mut scratch);
                scratch.trim();
                out
            }
            Err(_) => f(&mut Scratch::default()),
        })
    }

    fn trim(&mut self) {
        trim(&mut self.found);
        trim(&mut self.kept);
        trim(&mut self.candidates);
        trim(&mut self.cues);
        trim(&mut self.triggers);
        trim(&mut self.windows);
        trim(&mut self.rule_matches);
        self.weighing.trim();
        trim(&mut self.accepted);
    }
}

/// Empties a buffer, and gives it back if a long document has grown it past `KEEP` elements.
pub(crate) fn trim<T>(v: &mut Vec<T>) {
    v.clear();
    if v.capacity() > KEEP {
        *v = Vec::new();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_call_inside_a_call_gets_scratch_of_its_own() {
        let inner = Scratch::with(|outer| {
            outer.windows.push((7, 9));
            Scratch::with(|inner| inner.windows.len())
        });
        assert_eq!(inner, 0);
    }

    #[test]
    fn buffers_are_emptied_and_a_grown_one_given_back() {
        Scratch::with(|s| {
            s.windows.extend((0..KEEP * 2).map(|i| (i, i + 1)));
            s.triggers.push((1, 2));
        });
        Scratch::with(|s| {
            assert!(s.windows.is_empty() && s.triggers.is_empty());
            assert!(s.windows.capacity() <= KEEP);
            assert!(s.triggers.capacity() > 0);
        });
    }
}
