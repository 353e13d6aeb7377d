//! The buffers of every stage, kept on each thread from one call to the next.
//!
//! A call would otherwise allocate a dozen vectors (matches, candidates, cue phrases, rule windows,
//! sentences), most of them small, for every document: in a corpus of short articles that is a sizeable
//! part of the time. As in `regex-automata`'s caches, the buffers are reused instead, here through a
//! thread-local so that [`Extractor::extract`](crate::Extractor::extract) keeps taking `&self` and a
//! text. Each stage owns its buffers; this module only composes them, and gives back afterwards what a
//! very long document has grown (`buffer`).

use std::cell::RefCell;

use crate::buffer::trim;
use crate::candidate::Candidate;
use crate::candidates::{Matching, Mentions};
use crate::weigh::Weighing;

#[derive(Default)]
pub(crate) struct Scratch {
    /// Stage 3's working buffers.
    pub(crate) matching: Matching,
    /// Stage 3's output, which stage 4 thins out.
    pub(crate) mentions: Mentions,
    /// Stage 4's sentences, evidence and verdicts.
    pub(crate) weighing: Weighing,
    /// Stage 5's output: the candidates that win their overlaps.
    pub(crate) accepted: Vec<Candidate>,
}

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
        self.matching.trim();
        self.mentions.trim();
        self.weighing.trim();
        trim(&mut self.accepted);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::buffer::KEEP;
    use crate::candidate::Candidate;

    #[test]
    fn a_call_inside_a_call_gets_scratch_of_its_own() {
        let inner = Scratch::with(|outer| {
            outer.accepted.push(Candidate::secondary_only(7, 9, 0));
            Scratch::with(|inner| inner.accepted.len())
        });
        assert_eq!(inner, 0);
    }

    #[test]
    fn every_stage_buffer_is_emptied_after_a_call() {
        Scratch::with(|s| {
            s.accepted
                .extend((0..KEEP * 2).map(|i| Candidate::secondary_only(i, i + 1, 0)));
            s.mentions.cues.push((1, crate::context::Cue::NorthKorea));
        });
        Scratch::with(|s| {
            assert!(s.accepted.is_empty() && s.mentions.cues.is_empty());
            assert!(s.accepted.capacity() <= KEEP);
            assert!(s.mentions.cues.capacity() > 0);
        });
    }
}
