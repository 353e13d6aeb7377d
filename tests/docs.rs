//! Documents that must agree with something outside themselves: the annotation contract with the
//! project's shared copy, the changelog with the data version, the data notice with the sources cited.

use std::path::Path;

/// `docs/ANNOTATION.md` is a copy of the contract kept beside the repository (`../shared`), which a
/// clone of the crate alone does not have: the comparison runs only where it exists.
#[test]
fn the_annotation_contract_is_the_shared_one() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/ANNOTATION.md");
    let Ok(shared) = std::fs::read_to_string(&shared) else {
        println!("skipped: no {}", shared.display());
        return;
    };
    let ours = include_str!("../docs/ANNOTATION.md");
    let same_lines = ours
        .lines()
        .zip(shared.lines())
        .take_while(|(a, b)| a == b)
        .count();
    assert!(
        ours == shared,
        "docs/ANNOTATION.md differs from ../shared/ANNOTATION.md from line {}: copy it over",
        same_lines + 1
    );
}

#[test]
fn the_changelog_names_the_data_version() {
    let version = nkner::Gazetteer::BUILTIN_VERSION;
    assert!(
        include_str!("../CHANGELOG.md").contains(&format!("data version {version}")),
        "CHANGELOG.md does not say what data version {version} changed"
    );
}

/// Every source a division cites is described, with its terms, in the data notice.
#[test]
fn the_notice_describes_every_source_key() {
    let notice = include_str!("../gazetteers/NOTICE.md");
    let divisions = include_str!("../gazetteers/divisions.tsv");
    for (i, line) in divisions.lines().enumerate().skip(1) {
        let sources = line.split('\t').nth(11).unwrap_or_default();
        for key in sources.split(';').filter(|k| !k.is_empty()) {
            assert!(
                notice.contains(&format!("`{key}`")),
                "divisions.tsv:{}: source '{key}' is not in gazetteers/NOTICE.md",
                i + 1
            );
        }
    }
}
