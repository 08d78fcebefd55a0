//! The one integration test binary. Every storage and HTTP test runs on SQLite and on
//! PostgreSQL (see `helpers`); browser journeys drive a real Chromium.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

mod helpers;

mod accounts;
mod at_rest;
mod authz_matrix;
mod backup;
mod bad_input;
mod before;
mod browser;
mod canary;
mod checkins;
mod coach;
mod compromise;
mod couples;
mod dashboard_page;
mod data_rights;
mod dates;
mod demo;
mod email;
mod fair_split;
mod group_commit;
mod guide_search_eval;
mod guides;
mod input_hygiene;
mod installable;
mod invites;
mod journal;
mod layers;
mod listening;
mod listening_direct;
mod listening_web;
mod love_map;
mod mutual;
mod notes;
mod openapi_conformance;
mod outbox_crash;
mod pg_admin;
mod private_writing;
mod process;
mod questions;
mod questions_web;
mod reminders;
mod reports;
mod safety;
mod seed;
mod serve;
mod signin_guard;
mod state_of_us;
mod state_of_us_talk;
mod static_files;
mod storage;
mod two_servers;
mod upgrade;
mod visibility_convention;
mod web_pages;
