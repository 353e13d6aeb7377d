//! The candidate: a match in the folded text and what it may name, the value stages 3 to 6 pass on.
//!
//! Stage 3 (`candidates`) makes them from the matches that stand as whole words and from the rule
//! matches; stage 4 keeps or drops them on context (`weigh`) and adds or re-reads the acronyms the
//! document defines (`acronyms`); stage 5 (`resolve`, `nested`, `homonyms`) settles overlaps, nested
//! bodies and shared names; stage 6 (`output`) turns the survivors into spans of the original text.
//! Until then offsets are bytes of the folded text.

use crate::entity::Label;

/// A match that may become a span: where it is, what it names (an entry, the entries a shared name may
/// stand for, or a rule's label) and what keeping it depends on.
#[derive(Clone, Debug)]
pub(crate) struct Candidate {
    /// Folded byte offsets.
    pub(crate) start: usize,
    pub(crate) end: usize,
    /// `None` for entries kept without a label: they block, then vanish.
    pub(crate) label: Option<Label>,
    pub(crate) entity: Option<u32>,
    /// The entries a shared name may stand for, when `entity` is `None` for that reason.
    pub(crate) candidates: Vec<u32>,
    pub(crate) flags: u32,
    pub(crate) ambiguous: bool,
    pub(crate) has_head: bool,
    /// A person-derived form without its head: kept only if a coordination settles it.
    pub(crate) pending: bool,
    pub(crate) needs_cue: bool,
    pub(crate) origin: Origin,
}

/// Where a candidate comes from: a gazetteer form, a rule, or an acronym the document defines.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Origin {
    Form { entity: u32, form: u32 },
    Rule(usize),
    Acronym,
}

impl Origin {
    pub(crate) fn is_rule(self) -> bool {
        matches!(self, Origin::Rule(_))
    }
}

impl Candidate {
    pub(crate) fn entity(
        start: usize,
        end: usize,
        label: Option<Label>,
        entity: u32,
        form: u32,
    ) -> Candidate {
        Candidate {
            start,
            end,
            label,
            entity: Some(entity),
            candidates: Vec::new(),
            flags: 0,
            ambiguous: false,
            has_head: false,
            pending: false,
            needs_cue: false,
            origin: Origin::Form { entity, form },
        }
    }

    /// A match whose only readings are secondary ones (`alt`): it becomes a span only if the document
    /// defines it.
    pub(crate) fn secondary_only(start: usize, end: usize, first: u32) -> Candidate {
        let mut c = Candidate::entity(start, end, None, first, 0);
        c.entity = None;
        c
    }

    pub(crate) fn rule(
        start: usize,
        end: usize,
        label: Label,
        rule: usize,
        needs_cue: bool,
    ) -> Candidate {
        Candidate {
            entity: None,
            needs_cue,
            origin: Origin::Rule(rule),
            ..Candidate::entity(start, end, Some(label), 0, 0)
        }
    }

    /// Whether this match, on its own, shows its sentence is about North Korea: a labelled name that
    /// needs no context and is not shared with South Korea or another country ("Air Force", "NSA",
    /// China's "Ministry of State Security"). A
    /// place named after a person counts once its head word has made it a place ("Kim Jong Suk
    /// County"); without one it is `pending`.
    pub(crate) fn is_anchor(&self) -> bool {
        use crate::gazetteer::flag;
        let conditional = flag::NK | flag::AMB | flag::SK | flag::ALT | flag::MARKED | flag::SHARED;
        self.label.is_some()
            && !self.origin.is_rule()
            && (self.entity.is_some() || !self.candidates.is_empty())
            && self.flags & conditional == 0
            && !self.pending
    }

    /// Its length in bytes of the folded text.
    pub(crate) fn len(&self) -> usize {
        self.end - self.start
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::flag;

    #[test]
    fn a_rule_candidate_names_no_entry_and_may_need_a_cue() {
        let c = Candidate::rule(3, 12, Label::Unit, 5, true);
        assert_eq!((c.start, c.end, c.len()), (3, 12, 9));
        assert_eq!(
            (c.label, c.entity, c.origin),
            (Some(Label::Unit), None, Origin::Rule(5))
        );
        assert!(c.needs_cue && c.origin.is_rule() && !c.is_anchor());
    }

    #[test]
    fn an_anchor_is_a_labelled_name_that_needs_no_context() {
        let name = Candidate::entity(0, 6, Some(Label::City), 7, 0);
        assert!(name.is_anchor());
        for conditional in [
            flag::NK,
            flag::AMB,
            flag::SK,
            flag::ALT,
            flag::MARKED,
            flag::SHARED,
        ] {
            let mut c = name.clone();
            c.flags = conditional;
            assert!(!c.is_anchor(), "{conditional:#x}");
        }
        let mut pending = name.clone();
        pending.pending = true;
        assert!(!pending.is_anchor());
        let secondary = Candidate::secondary_only(0, 6, 7);
        assert!(!secondary.is_anchor() && secondary.entity.is_none());
        let mut shared = Candidate::secondary_only(0, 6, 7);
        shared.label = Some(Label::City);
        shared.candidates = vec![7, 8];
        assert!(shared.is_anchor());
    }
}
