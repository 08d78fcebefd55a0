//! Fairness with exact arithmetic: Adjusted Winner for things and chores
//! ([`adjusted_winner`]), the fair-split sheet of CONTRACT.md with its checks and its
//! answer in words ([`sheet`]), and choosing together among rated options
//! ([`choice`]). Results are exact fractions ([`ratio::Ratio`]), never floats.

pub mod adjusted_winner;
pub mod choice;
pub mod ratio;
pub mod rota;
pub mod sheet;
