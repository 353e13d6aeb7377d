//! Extracts the mentions of one paragraph and prints them as JSON Lines.
//!
//! Run with `cargo run --example extract`, or pass your own text as arguments.

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let text = if args.is_empty() {
        "Agents of the Ministry of State Security (MSS) arrested two smugglers in Hyesan, \
         Ryanggang Province, and searched houses in Pochon and Samsu counties."
            .to_string()
    } else {
        args.join(" ")
    };
    let extractor = nkner::Extractor::new();
    for span in extractor.extract(&text) {
        println!(
            "{}",
            serde_json::to_string(&span).expect("a span serializes")
        );
    }
}
