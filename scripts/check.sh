#!/usr/bin/env bash
# What to run before every commit: the same gates as CI, without installing anything.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo fmt --all --check
cargo clippy --workspace --all-targets -j2 -- -D warnings
cargo test --workspace -j2
