//! The integration suite, one binary: behaviour by ANNOTATION rule, the data, coverage of every
//! reference row, the development gold set, properties, and documents kept in step with their sources.

mod api;
mod architecture;
mod behaviour;
mod cases;
mod coverage;
mod data;
mod docs;
mod fuzz_seeds;
#[cfg(feature = "serde")]
mod gold;
mod hostile;
mod props;
