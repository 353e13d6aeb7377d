//! The shape of `src/`: the pipeline's stages are functions of values, composed by the extractor.
//!
//! Read from the sources, test code included (comments, and the links of doc comments, are not
//! imports): no module but `lib.rs` names `extractor` (a stage reaches
//! the compiled data and its buffers through its arguments, never through the `Extractor`), and the
//! modules' imports form no loop, so each can be read, and tested, after the ones it uses.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use regex::Regex;

/// Each module of `src/` and the modules it names, through `crate::module` paths, `use crate::{...}`
/// groups and the items `lib.rs` re-exports at the crate root (`crate::Extractor` is `extractor`'s).
fn module_graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut sources = BTreeMap::new();
    for entry in std::fs::read_dir(&src).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "rs") {
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            let code: Vec<String> = std::fs::read_to_string(&path)
                .unwrap()
                .lines()
                .filter(|line| !line.trim_start().starts_with("//"))
                .map(str::to_owned)
                .collect();
            sources.insert(name, code.join("\n"));
        }
    }
    assert!(sources.len() > 20, "src/ holds {} modules", sources.len());
    // Items re-exported at the root: `pub use extractor::{default_extractor, extract, Extractor};`.
    let reexport = Regex::new(r"pub use ([a-z_]+)::(?:\{([^}]*)\}|([A-Za-z_]+))").unwrap();
    let mut root_items: BTreeMap<String, String> = BTreeMap::new();
    for cap in reexport.captures_iter(&sources["lib"]) {
        let items = cap.get(2).or(cap.get(3)).unwrap().as_str();
        for item in items.split(',').map(str::trim).filter(|i| !i.is_empty()) {
            root_items.insert(item.to_string(), cap[1].to_string());
        }
    }
    let path = Regex::new(r"crate::([A-Za-z_]+)").unwrap();
    let group = Regex::new(r"use crate::\{([^}]*)\}").unwrap();
    let word = Regex::new(r"(?:^|[,{\s])([A-Za-z_]+)").unwrap();
    let mut graph = BTreeMap::new();
    for (module, text) in &sources {
        let mut names: Vec<String> = path.captures_iter(text).map(|c| c[1].to_string()).collect();
        for g in group.captures_iter(text) {
            names.extend(word.captures_iter(&g[1]).map(|c| c[1].to_string()));
        }
        let deps: BTreeSet<String> = names
            .into_iter()
            .filter_map(|name| {
                if sources.contains_key(&name) {
                    Some(name)
                } else {
                    root_items.get(&name).cloned()
                }
            })
            .filter(|dep| dep != module)
            .collect();
        graph.insert(module.clone(), deps);
    }
    graph
}

#[test]
fn no_module_but_the_crate_root_reaches_the_extractor() {
    let graph = module_graph();
    let users: Vec<&String> = graph
        .iter()
        .filter(|(module, deps)| *module != "lib" && deps.contains("extractor"))
        .map(|(module, _)| module)
        .collect();
    assert!(
        users.is_empty(),
        "these modules use extractor.rs: {users:?}"
    );
    assert!(graph["extractor"].contains("candidates") && graph["extractor"].contains("weigh"));
}

#[test]
fn the_modules_imports_form_no_loop() {
    let graph = module_graph();
    // Depth-first search; a module met again while still on the path closes a loop.
    fn visit<'g>(
        module: &'g str,
        graph: &'g BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<&'g str>,
        done: &mut BTreeSet<&'g str>,
    ) -> Option<Vec<&'g str>> {
        if let Some(at) = path.iter().position(|m| *m == module) {
            let mut cycle = path[at..].to_vec();
            cycle.push(module);
            return Some(cycle);
        }
        if !done.insert(module) {
            return None;
        }
        path.push(module);
        for dep in &graph[module] {
            if let Some(cycle) = visit(dep, graph, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        None
    }
    let mut done = BTreeSet::new();
    for module in graph.keys() {
        let cycle = visit(module, &graph, &mut Vec::new(), &mut done);
        assert!(
            cycle.is_none(),
            "an import loop: {}",
            cycle.unwrap().join(" -> ")
        );
    }
}
