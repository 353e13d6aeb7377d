//! The integration suite, one binary: behaviour by ANNOTATION rule, the data, coverage of every
//! reference row, the development gold set, and properties.

mod api;
mod cases;
mod coverage;
mod data;
mod fuzz_seeds;
mod gold;
mod hostile;
mod props;
mod scaling;
