//! A person's private word that they feel afraid of their partner (PRIVACY.md, "Safety
//! by design"): kept for them alone; while it stands the app stops suggesting
//! compromise to them and puts the safety page first.

use crate::db::Db;
use crate::db::safety as store;
use crate::db::users::User;
use crate::db::visibility::Scope;

/// Whether this person has said they feel afraid.
pub async fn feels_afraid(
    db: &Db,
    user: &User,
    couple_id: Option<&str>,
    now_ms: i64,
) -> Result<bool, crate::db::Error> {
    store::feels_afraid(db, &Scope::new(&user.id, couple_id, now_ms)).await
}

/// Records it, or takes it back.
pub async fn set(
    db: &Db,
    user: &User,
    couple_id: Option<&str>,
    afraid: bool,
    now_ms: i64,
) -> Result<(), crate::db::Error> {
    store::set(db, &user.id, couple_id, afraid, now_ms).await
}
