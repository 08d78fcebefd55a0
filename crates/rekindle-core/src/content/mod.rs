//! Texts and word lists the product ships as data.

pub mod common_passwords;
pub mod date_ideas;
pub mod gestures;
pub mod guide_words;
pub mod guides;
pub mod listening;
pub mod love_map;
pub mod mutual;
pub mod next_steps;
pub mod prompts;
pub mod reflection;
