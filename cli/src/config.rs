//! Building the extractor from command-line options.
//!
//! A rules file is tab-separated, one rule per line: `name`, `label`, `pattern`, and optionally `cue` in a
//! fourth column to require a North Korean cue in the match's sentence (or the one before). Lines
//! starting with `#` and blank lines are skipped.
//!
//! A gazetteer or rules file named `-` is read from standard input (once: the command line checks that
//! nothing else reads it).

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use nkner::{Extractor, Gazetteer, Label, Rule};

/// What the extractor is built from.
#[derive(Clone, Debug, Default)]
pub struct ExtractorOptions {
    /// Gazetteer files loaded on top of the built-in one.
    pub gazetteers: Vec<PathBuf>,
    /// Leaves the built-in gazetteer out.
    pub no_builtin: bool,
    /// Rules files.
    pub rules: Vec<PathBuf>,
    /// Labels to keep (all when empty).
    pub labels: Vec<Label>,
}

/// Builds the extractor: the default one when no option changes it.
///
/// # Errors
///
/// A gazetteer or rules file that cannot be read or has a bad line, named with its line.
pub fn build(options: &ExtractorOptions) -> Result<Extractor> {
    let mut builder = Extractor::builder();
    builder.builtin_gazetteer(!options.no_builtin);
    for path in &options.gazetteers {
        builder.gazetteer(if path.as_os_str() == "-" {
            Gazetteer::from_reader("standard input", std::io::stdin())?
        } else {
            Gazetteer::from_path(path)?
        });
    }
    // Where each rule was read, for an error that names a rule: the rules are compiled together only
    // when the extractor is built.
    let mut places = Vec::new();
    for path in &options.rules {
        for (at, rule) in read_rules_at(path)? {
            places.push((format!("rule '{}'", rule.name()), at));
            builder.rule(rule);
        }
    }
    if !options.labels.is_empty() {
        builder.labels(options.labels.iter().copied());
    }
    builder.build().map_err(|e| {
        let message = e.to_string();
        match places
            .iter()
            .find(|(rule, _)| message.starts_with(rule.as_str()))
        {
            Some((_, at)) => anyhow::anyhow!("{at}: {message}"),
            None => e.into(),
        }
    })
}

/// Reads a rules file.
///
/// # Errors
///
/// `FILE:LINE: what is wrong`.
pub fn read_rules(path: &Path) -> Result<Vec<Rule>> {
    Ok(read_rules_at(path)?.into_iter().map(|(_, r)| r).collect())
}

/// Reads a rules file (`-` is standard input): each rule with its `FILE:LINE`.
fn read_rules_at(path: &Path) -> Result<Vec<(String, Rule)>> {
    let text = if path.as_os_str() == "-" {
        std::io::read_to_string(std::io::stdin()).context("cannot read standard input")?
    } else {
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?
    };
    let mut rules = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let at = format!("{}:{}", path.display(), i + 1);
        let cells: Vec<&str> = line.split('\t').collect();
        if !(3..=4).contains(&cells.len()) {
            bail!("{at}: expected name, label, pattern and an optional 'cue', tab-separated");
        }
        let label: Label = cells[1].parse().map_err(|e| anyhow::anyhow!("{at}: {e}"))?;
        let cue = match cells.get(3).copied() {
            None | Some("") => false,
            Some("cue") => true,
            Some(other) => bail!("{at}: the fourth column is 'cue' or empty, not '{other}'"),
        };
        let rule =
            Rule::new(cells[0], cells[2], label).map_err(|e| anyhow::anyhow!("{at}: {e}"))?;
        rules.push((at, rule.needs_north_korean_cue(cue)));
    }
    Ok(rules)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules_file(text: &str) -> (tempfile::NamedTempFile, PathBuf) {
        let file = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(file.path(), text).unwrap();
        let path = file.path().to_path_buf();
        (file, path)
    }

    #[test]
    fn a_rules_file_adds_rules() {
        let (_f, path) = rules_file("# farms\nfarm\tUNIT\tKPA Farm No\\. \\d+\tcue\n");
        let extractor = build(&ExtractorOptions {
            rules: vec![path],
            ..ExtractorOptions::default()
        })
        .unwrap();
        let spans = extractor.extract("North Korea's KPA Farm No. 1116 grows rice.");
        assert!(spans.iter().any(|s| s.text == "KPA Farm No. 1116"));
    }

    #[test]
    fn bad_rule_lines_name_file_and_line() {
        let (_f, path) = rules_file("ok\tUNIT\tx\nbad\tTOWN\tx\n");
        let err = read_rules(&path).unwrap_err().to_string();
        assert_eq!(err, format!("{}:2: unknown label 'TOWN'", path.display()));
        let (_f, path) = rules_file("broken\tUNIT\t(\n");
        let err = read_rules(&path).unwrap_err().to_string();
        assert!(
            err.starts_with(&format!("{}:1: rule 'broken': ", path.display())),
            "{err}"
        );
    }
}
