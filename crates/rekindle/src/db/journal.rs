//! The private journal: entries stored sealed (their words, tags and prompt in one
//! sealed text; only the times are plain), and the excerpts their owners chose to
//! share with the partner.

use super::visibility::{Scope, predicate};
use super::{Db, Error};
use crate::params;

/// An entry as stored: `sealed` (everything) and `sealed_tags` (its tags alone) open
/// only with its owner's data key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SealedEntry {
    pub id: String,
    pub sealed: String,
    pub sealed_tags: String,
    pub created_at_ms: i64,
    pub updated_at_ms: i64,
}

/// A shared excerpt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Excerpt {
    pub id: String,
    pub owner_id: String,
    pub body: String,
    pub created_at_ms: i64,
}

/// The viewer's own entries, newest first (only their own: the journal is private).
pub async fn entries(db: &Db, scope: &Scope) -> Result<Vec<SealedEntry>, Error> {
    let sql = format!(
        "SELECT j.id, j.sealed, j.created_at, j.updated_at, j.sealed_tags FROM journal_entries j \
         WHERE j.owner_id = $1 AND {} ORDER BY j.created_at DESC, j.id",
        predicate("j", 1)
    );
    let scope = scope.clone();
    db.read(move |c| c.query(&sql, &scope.with(&[]), entry_from_row))
        .await
}

fn entry_from_row(r: &super::Row<'_>) -> Result<SealedEntry, Error> {
    Ok(SealedEntry {
        id: r.get(0)?,
        sealed: r.get(1)?,
        created_at_ms: r.get(2)?,
        updated_at_ms: r.get(3)?,
        sealed_tags: r.get(4)?,
    })
}

/// The viewer's own entries without their words (`sealed` left empty): ids, times and
/// the separately sealed tags, newest first — what the journal's list needs of every
/// entry.
pub async fn index(db: &Db, scope: &Scope) -> Result<Vec<SealedEntry>, Error> {
    let sql = format!(
        "SELECT j.id, '', j.created_at, j.updated_at, j.sealed_tags FROM journal_entries j \
         WHERE j.owner_id = $1 AND {} ORDER BY j.created_at DESC, j.id",
        predicate("j", 1)
    );
    let scope = scope.clone();
    db.read(move |c| c.query(&sql, &scope.with(&[]), entry_from_row))
        .await
}

/// Most entries [`words`] reads at once: one page of the list.
pub const WORDS_AT_ONCE: usize = 30;

/// The sealed words of up to [`WORDS_AT_ONCE`] of the viewer's own entries, as
/// (id, sealed). One statement of fixed text whatever the number (unused places are
/// empty ids, which match nothing).
pub async fn words(db: &Db, scope: &Scope, ids: &[String]) -> Result<Vec<(String, String)>, Error> {
    static SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        let places: Vec<String> = (4..4 + WORDS_AT_ONCE).map(|n| format!("${n}")).collect();
        format!(
            "SELECT j.id, j.sealed FROM journal_entries j WHERE j.owner_id = $1 AND {} \
             AND j.id IN ({})",
            predicate("j", 1),
            places.join(", ")
        )
    });
    let mut padded: Vec<String> = ids.iter().take(WORDS_AT_ONCE).cloned().collect();
    padded.resize(WORDS_AT_ONCE, String::new());
    let scope = scope.clone();
    db.read(move |c| {
        let rest: Vec<super::Value<'_>> = padded.iter().map(super::Value::from).collect();
        c.query(&SQL, &scope.with(&rest), |r| Ok((r.get(0)?, r.get(1)?)))
    })
    .await
}

/// One of the viewer's own entries.
pub async fn entry(db: &Db, scope: &Scope, id: &str) -> Result<Option<SealedEntry>, Error> {
    let sql = format!(
        "SELECT j.id, j.sealed, j.created_at, j.updated_at, j.sealed_tags FROM journal_entries j \
         WHERE j.id = $4 AND j.owner_id = $1 AND {}",
        predicate("j", 1)
    );
    let (scope, id) = (scope.clone(), id.to_owned());
    db.read(move |c| c.query_opt(&sql, &scope.with(params![&id]), entry_from_row))
        .await
}

/// Stores a new entry (sealed by the caller for `id`: the whole, and the tags).
pub async fn add(
    db: &Db,
    scope: &Scope,
    id: &str,
    sealed: &str,
    sealed_tags: &str,
) -> Result<(), Error> {
    let (scope, args) = (scope.clone(), [id, sealed, sealed_tags].map(str::to_owned));
    db.write(move |c| {
        let [id, sealed, sealed_tags] = &args;
        c.execute(
            "INSERT INTO journal_entries (id, owner_id, couple_id, sealed, sealed_tags, \
             created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6)",
            params![
                id,
                &scope.viewer_id,
                scope.couple_id.as_deref(),
                sealed,
                sealed_tags,
                scope.now_ms
            ],
        )?;
        Ok::<_, Error>(())
    })
    .await
}

/// Replaces one of the viewer's own entries. `false` if there is no such entry of theirs.
pub async fn replace(
    db: &Db,
    scope: &Scope,
    id: &str,
    sealed: &str,
    sealed_tags: &str,
) -> Result<bool, Error> {
    let (scope, args) = (scope.clone(), [id, sealed, sealed_tags].map(str::to_owned));
    let changed = db
        .write(move |c| {
            let [id, sealed, sealed_tags] = &args;
            c.execute(
                "UPDATE journal_entries SET sealed = $3, sealed_tags = $5, updated_at = $4 \
                 WHERE id = $1 AND owner_id = $2",
                params![id, &scope.viewer_id, sealed, scope.now_ms, sealed_tags],
            )
        })
        .await?;
    Ok(changed > 0)
}

/// Deletes one of the viewer's own entries. `false` if there is no such entry of theirs.
pub async fn remove(db: &Db, scope: &Scope, id: &str) -> Result<bool, Error> {
    let (scope, id) = (scope.clone(), id.to_owned());
    let changed = db
        .write(move |c| {
            c.execute(
                "DELETE FROM journal_entries WHERE id = $1 AND owner_id = $2",
                params![&id, &scope.viewer_id],
            )
        })
        .await?;
    Ok(changed > 0)
}

/// Shares an excerpt with the couple; its id. The partner hears of it through the
/// outbox (a notification with no words in it), queued in the same transaction.
pub async fn share(
    db: &Db,
    scope: &Scope,
    couple_id: &str,
    partner_id: &str,
    body: &str,
) -> Result<String, Error> {
    let id = crate::secret::new_id();
    let args = [id.as_str(), couple_id, partner_id, body].map(str::to_owned);
    let scope = scope.clone();
    db.write(move |c| {
        let [id, couple_id, partner_id, body] = &args;
        c.execute(
            "INSERT INTO journal_excerpts (id, owner_id, couple_id, body, created_at) \
             VALUES ($1, $2, $3, $4, $5)",
            params![id, &scope.viewer_id, couple_id, body, scope.now_ms],
        )?;
        super::outbox::enqueue(
            c,
            partner_id,
            "excerpt",
            Some(id),
            &format!("excerpt:{id}"),
            scope.now_ms,
            scope.now_ms,
        )
    })
    .await?;
    Ok(id)
}

/// The excerpts shared in the viewer's couple (both partners'), newest first.
pub async fn excerpts(db: &Db, scope: &Scope, couple_id: &str) -> Result<Vec<Excerpt>, Error> {
    let sql = format!(
        "SELECT x.id, x.owner_id, x.body, x.created_at FROM journal_excerpts x \
         WHERE x.couple_id = $4 AND {} ORDER BY x.created_at DESC, x.id",
        predicate("x", 1)
    );
    let (scope, couple_id) = (scope.clone(), couple_id.to_owned());
    db.read(move |c| {
        c.query(&sql, &scope.with(params![&couple_id]), |r| {
            Ok(Excerpt {
                id: r.get(0)?,
                owner_id: r.get(1)?,
                body: r.get(2)?,
                created_at_ms: r.get(3)?,
            })
        })
    })
    .await
}

/// Whether an excerpt is still there for the scope's viewer (inside the outbox's
/// transaction: a taken-back excerpt notifies nobody).
pub fn excerpt_visible(c: &mut super::Conn, scope: &Scope, id: &str) -> Result<bool, Error> {
    let sql = format!(
        "SELECT x.id FROM journal_excerpts x WHERE x.id = $4 AND {}",
        predicate("x", 1)
    );
    let found: Option<String> = c.query_opt(&sql, &scope.with(params![id]), |r| r.get(0))?;
    Ok(found.is_some())
}

/// Takes back one of the viewer's own excerpts. `false` if there is no such one.
pub async fn unshare(db: &Db, scope: &Scope, id: &str) -> Result<bool, Error> {
    let (scope, id) = (scope.clone(), id.to_owned());
    let changed = db
        .write(move |c| {
            let n = c.execute(
                "DELETE FROM journal_excerpts WHERE id = $1 AND owner_id = $2",
                params![&id, &scope.viewer_id],
            )?;
            if n > 0 {
                super::outbox::drop_for_subject(c, "excerpt", &id)?;
            }
            Ok::<_, Error>(n)
        })
        .await?;
    Ok(changed > 0)
}
