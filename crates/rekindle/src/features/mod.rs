//! The feature services: one per feature, named as the feature is in every layer
//! (`web/questions.rs`, `api/questions.rs`, `db/questions.rs`), holding the flows the
//! page and the API share so they cannot disagree.

pub mod archive;
pub mod checkins;
pub mod coach;
pub mod couples;
pub mod dashboard;
pub mod listening;
pub mod love_map;
pub mod questions;
pub mod state_of_us;
