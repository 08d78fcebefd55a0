//! Rekindle, the application: storage, HTTP (pages and JSON API), and the CLI around
//! the pure domain in `rekindle-core`. `main.rs` only parses the command line and
//! dispatches here. The layers: `features/` (one service per feature, the flows pages
//! and API share), `web/` and `api/` (thin handlers), `db/` (storage, through the one
//! visibility rule), `auth/` (accounts, sessions, throttling), and the plumbing around
//! them (`app` the shell, `state`, `config`, `clock`, `input`, `secret`, `seed`, `demo`, `cli`), and `vault` (encryption at rest).

pub mod api;
pub mod app;
pub mod auth;
pub mod cli;
pub mod clock;
pub mod config;
pub mod db;
pub mod demo;
pub mod error;
pub mod features;
pub mod input;
pub mod jobs;
pub mod secret;
pub mod seed;
pub mod state;
pub mod vault;
pub mod web;
