//! The gazetteer loader on arbitrary files: an error or a gazetteer, never a panic; and an extractor
//! built from what loads must extract without panicking.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(gazetteer) = nkner::Gazetteer::from_reader("fuzz.tsv", data) else {
        return;
    };
    let mut builder = nkner::Extractor::builder();
    builder.builtin_gazetteer(false).gazetteer(gazetteer);
    if let Ok(extractor) = builder.build() {
        let text = String::from_utf8_lossy(data);
        let _ = extractor.extract(&text);
        let _ = extractor.extract("Hyesan, Ryanggang Province; the MSS (MSS) and Unit 10215.");
    }
});
