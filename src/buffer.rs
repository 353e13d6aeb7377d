//! How much a reused buffer may keep between calls.
//!
//! Each stage owns the buffers it works in (`candidates::Matching`, `weigh::Weighing`, ...), and
//! `scratch` keeps them on each thread from one call to the next. A buffer that a very long document has
//! grown is given back afterwards, so a thread keeps no more than a bounded amount between calls.

/// Elements a buffer may keep between calls.
pub(crate) const KEEP: usize = 1 << 12;

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
    fn a_buffer_is_emptied_and_given_back_only_once_grown_past_the_bound() {
        let mut small: Vec<u32> = (0..10).collect();
        let mut grown: Vec<u32> = (0..2 * KEEP as u32).collect();
        trim(&mut small);
        trim(&mut grown);
        assert!(small.is_empty() && small.capacity() >= 10);
        assert!(grown.is_empty() && grown.capacity() == 0);
    }
}
