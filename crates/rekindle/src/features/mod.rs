//! The feature services: one per feature, named as the feature is in every layer
//! (`web/questions.rs`, `api/questions.rs`, `db/questions.rs`), holding the flows the
//! page and the API share so they cannot disagree.

pub mod affection;
pub mod archive;
pub mod checkins;
pub mod coach;
pub mod compromise;
pub mod couples;
pub mod dashboard;
pub mod dates;
pub mod export;
pub mod fair_split;
pub mod gestures;
pub mod guides;
pub mod journal;
pub mod listening;
pub mod love_map;
pub mod mutual;
pub mod notes;
pub mod notifications;
pub mod questions;
pub mod reports;
pub mod safety;
pub mod state_of_us;
pub mod text;

use crate::db::couples::Couple;
use crate::db::users::User;
use crate::db::visibility::Scope;

/// Who asks, in which couple, and when: what a feature service acts for. The page and
/// API member extractors both carry one, built from the single session lookup and the
/// app's clock.
#[derive(Debug, Clone)]
pub struct Member {
    pub user: User,
    pub couple: Couple,
    pub now_ms: i64,
    /// The person's data key for their private prose; `None` while locked.
    pub key: Option<crate::vault::DataKey>,
}

impl Member {
    /// The visibility scope of this member's reads.
    pub fn scope(&self) -> Scope {
        Scope::member(&self.user, &self.couple, self.now_ms)
    }
}
