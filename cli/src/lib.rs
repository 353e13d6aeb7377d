//! The `nkner` command line, as a library: the pieces `main.rs` wires together, kept here so that
//! they can be tested, fuzzed and reused (a Spark or Hadoop mapper is the same binary).
//!
//! - [`input`]: which files to read and reading them line by line in bounded memory;
//! - [`record`]: one JSON Lines record in, one annotated line or error record out;
//! - [`mod@format`]: CoNLL and brat output;
//! - [`pipeline`]: the parallel, order-keeping, bounded-memory stream from inputs to output;
//! - [`config`]: building the extractor from command-line options (gazetteers, rules, labels);
//! - [`stop`]: stopping on SIGINT, SIGTERM or SIGHUP with every line read written;
//! - [`output`]: output files that never overwrite an input and are never left cut;
//! - [`evaluate`]: `nkner eval`;
//! - [`annotated`]: annotated records from any input, for the commands that look at a whole corpus;
//! - [`geojson`]: the tally of mentioned places and its GeoJSON;
//! - [`render`]: `nkner render`, the HTML report;
//! - [`catalog`]: `nkner lookup` and `nkner gazetteer`.

pub mod annotated;
pub mod catalog;
pub mod config;
pub mod evaluate;
pub mod format;
pub mod geojson;
pub mod input;
pub mod output;
pub mod pipeline;
pub mod record;
pub mod render;
pub mod stop;
