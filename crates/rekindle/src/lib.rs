//! Rekindle, the application: storage, HTTP (pages and JSON API), and the CLI around
//! the pure domain in `rekindle-core`. `main.rs` only parses the command line and
//! dispatches here.

pub mod api;
pub mod app;
pub mod archive;
pub mod auth;
pub mod checkins;
pub mod cli;
pub mod clock;
pub mod coach;
pub mod config;
pub mod couples;
pub mod dashboard;
pub mod db;
pub mod error;
pub mod input;
pub mod listening;
pub mod love_map;
pub mod questions;
pub mod secret;
pub mod seed;
pub mod state;
pub mod state_of_us;
pub mod web;
