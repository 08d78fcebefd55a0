//! Rekindle's pure domain: the rules, scales and texts of the product, with no IO,
//! no async and no database. Everything here is deterministic and unit-tested, so the
//! application crate can stay a thin layer of storage and HTTP around it.

pub mod account;
pub mod affection;
pub mod calendar;
pub mod checkin;
pub mod coach;
pub mod compromise;
pub mod content;
pub mod dates;
pub mod fairness;
pub mod journal;
pub mod listening;
pub mod love_map;
pub mod meeting;
pub mod mutual;
pub mod question;
pub mod reveal;
pub mod schedule;
pub mod timing;
pub mod user_agent;
pub mod words;
