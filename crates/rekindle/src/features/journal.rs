//! The private reflection journal: free entries or guided prompts, tags, search within
//! one's own entries, edit and delete — every entry's words, tags and prompt sealed
//! together with the writer's data key. Search opens the entries and looks in memory:
//! journal words never sit in an index. "Share an excerpt" is the one way anything
//! leaves it: a shared copy made only after the writer confirms.

use rekindle_core::content::reflection::{self, Prompt};
use rekindle_core::journal::{matches, parse_tags};
use serde::{Deserialize, Serialize};

use crate::db::Db;
use crate::db::couples::Couple;
use crate::db::journal::{self as store, SealedEntry};
use crate::db::users::User;
use crate::db::visibility::Scope;
use crate::error::AppError;
use crate::features::Member;
use crate::vault::{Closed, DataKey, Place, open_own};

/// Longest entry, in characters.
pub const BODY_MAX_CHARS: usize = 20_000;
/// Longest shared excerpt, in characters.
pub const EXCERPT_MAX_CHARS: usize = 2_000;
/// Longest search, in characters.
pub const QUERY_MAX_CHARS: usize = 200;

/// Who writes: a signed-in person (in a couple or not) with their key, if open.
#[derive(Debug, Clone, Copy)]
pub struct Writer<'a> {
    pub user: &'a User,
    pub couple: Option<&'a Couple>,
    pub key: Option<&'a DataKey>,
    pub now_ms: i64,
}

impl Writer<'_> {
    fn scope(&self) -> Scope {
        Scope::new(
            &self.user.id,
            self.couple.map(|c| c.id.as_str()),
            self.now_ms,
        )
    }

    fn place<'p>(&'p self, id: &'p str) -> Place<'p> {
        Place {
            table: "journal_entries",
            id,
            owner: &self.user.id,
        }
    }

    /// An entry's tags, sealed on their own: another place, so neither seal can stand
    /// in for the other.
    fn tags_place<'p>(&'p self, id: &'p str) -> Place<'p> {
        Place {
            table: "journal_entry_tags",
            id,
            owner: &self.user.id,
        }
    }
}

/// What is sealed: the words, tags and prompt together.
#[derive(Serialize, Deserialize)]
struct Payload {
    body: String,
    tags: Vec<String>,
    prompt: Option<String>,
}

/// An entry, opened.
#[derive(Debug, Clone)]
pub struct Entry {
    pub id: String,
    pub body: String,
    pub tags: Vec<String>,
    pub prompt: Option<&'static Prompt>,
    pub created_at_ms: i64,
    pub updated_at_ms: i64,
}

/// What is typed for an entry.
#[derive(Debug, Clone, Default)]
pub struct Draft {
    pub body: String,
    /// Comma-separated, as typed.
    pub tags: String,
    pub prompt_id: Option<String>,
}

fn check(draft: &Draft) -> Result<Payload, AppError> {
    let mut errors = std::collections::BTreeMap::new();
    let body = draft.body.trim();
    if body.is_empty() {
        errors.insert(
            "body".to_owned(),
            "Please write something first.".to_owned(),
        );
    } else if body.chars().count() > BODY_MAX_CHARS {
        errors.insert(
            "body".to_owned(),
            format!("An entry can hold up to {BODY_MAX_CHARS} characters; this one is longer."),
        );
    }
    let tags = parse_tags([draft.tags.as_str()]).unwrap_or_else(|m| {
        errors.insert("tags".to_owned(), m);
        Vec::new()
    });
    let prompt = match draft.prompt_id.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(slug) => match reflection::by_slug(slug) {
            Some(p) => Some(p.slug.to_owned()),
            None => {
                errors.insert(
                    "prompt_id".to_owned(),
                    "That prompt isn't one of ours; pick one from the list.".to_owned(),
                );
                None
            }
        },
    };
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    Ok(Payload {
        body: body.to_owned(),
        tags,
        prompt,
    })
}

/// The entry sealed whole, and its tags sealed alone.
fn seal(w: &Writer<'_>, id: &str, payload: &Payload) -> Result<(String, String), AppError> {
    let key = crate::auth::keyring::require(w.key)?;
    let json = zeroize::Zeroizing::new(
        serde_json::to_string(payload).map_err(|e| AppError::Internal(e.into()))?,
    );
    let tags = serde_json::to_string(&payload.tags).map_err(|e| AppError::Internal(e.into()))?;
    Ok((
        key.seal(&w.place(id), &json),
        key.seal(&w.tags_place(id), &tags),
    ))
}

fn open_tags(w: &Writer<'_>, row: &SealedEntry) -> Result<Vec<String>, Closed> {
    let json = open_own(w.key, &w.tags_place(&row.id), &row.sealed_tags)?;
    serde_json::from_str(&json).map_err(|_| Closed::Unreadable)
}

fn open(w: &Writer<'_>, row: SealedEntry) -> Result<Entry, Closed> {
    let json = zeroize::Zeroizing::new(open_own(w.key, &w.place(&row.id), &row.sealed)?);
    let payload: Payload = serde_json::from_str(&json).map_err(|_| Closed::Unreadable)?;
    Ok(Entry {
        prompt: payload.prompt.as_deref().and_then(reflection::by_slug),
        id: row.id,
        body: payload.body,
        tags: payload.tags,
        created_at_ms: row.created_at_ms,
        updated_at_ms: row.updated_at_ms,
    })
}

/// The refusal for an entry that does not open.
fn closed(why: Closed) -> AppError {
    match why {
        Closed::Locked => crate::auth::keyring::locked(),
        Closed::Unreadable => AppError::Conflict {
            code: "unreadable",
            message: why.words().into(),
        },
    }
}

/// Writes a new entry; its id.
pub async fn write(db: &Db, w: &Writer<'_>, draft: &Draft) -> Result<String, AppError> {
    let payload = check(draft)?;
    let id = crate::secret::new_id();
    let (sealed, tags) = seal(w, &id, &payload)?;
    store::add(db, &w.scope(), &id, &sealed, &tags).await?;
    Ok(id)
}

/// One of the writer's own entries, opened.
pub async fn one(db: &Db, w: &Writer<'_>, id: &str) -> Result<Entry, AppError> {
    let row = store::entry(db, &w.scope(), id)
        .await?
        .ok_or(AppError::NotFound)?;
    open(w, row).map_err(closed)
}

/// Replaces an entry's words, tags and prompt.
pub async fn edit(db: &Db, w: &Writer<'_>, id: &str, draft: &Draft) -> Result<(), AppError> {
    let payload = check(draft)?;
    let (sealed, tags) = seal(w, id, &payload)?;
    if store::replace(db, &w.scope(), id, &sealed, &tags).await? {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

/// Deletes an entry (for good: there is no bin).
pub async fn delete(db: &Db, w: &Writer<'_>, id: &str) -> Result<(), AppError> {
    if store::remove(db, &w.scope(), id).await? {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

/// Entries on one page of a search.
pub const PER_PAGE: usize = store::WORDS_AT_ONCE;

/// The writer's journal as found by a search.
#[derive(Debug, Clone, Default)]
pub struct Found {
    /// Matching entries, newest first (one page of them, when a page was asked for).
    pub entries: Vec<Entry>,
    /// How many entries match, on every page.
    pub matches: usize,
    /// The page shown (from 1) and how many there are.
    pub page: usize,
    pub pages: usize,
    /// Every tag the writer has used, with how many entries carry it, by name.
    pub tags: Vec<(String, usize)>,
    /// All entries, matching or not.
    pub total: usize,
    /// Why some entries could not be opened, and how many.
    pub closed: Option<(Closed, usize)>,
}

impl Found {
    fn note_closed(&mut self, why: Closed) {
        let n = self.closed.map_or(0, |(_, n)| n);
        self.closed = Some((why, n + 1));
    }
}

/// The writer's entries matching `query` (every word, anywhere in the words, tags or
/// prompt) and carrying `tag` (when given): `page` of them (from 1), or all for
/// `None`. Everything happens in memory on opened entries. Without a query only the
/// tags of every entry are opened (for the tag list and the filter) and the words of
/// the entries shown; a query opens every entry.
pub async fn search(
    db: &Db,
    w: &Writer<'_>,
    query: &str,
    tag: Option<&str>,
    page: Option<usize>,
) -> Result<Found, AppError> {
    if query.chars().count() > QUERY_MAX_CHARS {
        return Err(AppError::field(
            "q",
            format!("Please search with up to {QUERY_MAX_CHARS} characters."),
        ));
    }
    let tag = tag
        .map(|t| t.trim().to_lowercase())
        .filter(|t| !t.is_empty());
    let searching = !query.trim().is_empty();
    // A search, and the whole list (the API), need every entry's words; a page of the
    // list only the shown ones.
    let whole = searching || page.is_none();
    let rows = if whole {
        store::entries(db, &w.scope()).await?
    } else {
        store::index(db, &w.scope()).await?
    };
    let mut found = Found {
        total: rows.len(),
        ..Found::default()
    };
    let mut tags = std::collections::BTreeMap::<String, usize>::new();
    let mut matching = Vec::with_capacity(rows.len());
    for row in rows {
        match open_tags(w, &row) {
            Ok(list) => {
                for t in &list {
                    *tags.entry(t.clone()).or_default() += 1;
                }
                if tag.as_ref().is_none_or(|t| list.contains(t)) {
                    matching.push(row);
                }
            }
            Err(why) => found.note_closed(why),
        }
    }
    found.tags = tags.into_iter().collect();
    if searching {
        let mut hits = Vec::new();
        for row in matching {
            match open(w, row) {
                Ok(entry) => {
                    let prompt = entry.prompt.map_or("", |p| p.text);
                    let mut texts = vec![entry.body.as_str(), prompt];
                    texts.extend(entry.tags.iter().map(String::as_str));
                    if matches(query, &texts) {
                        hits.push(entry);
                    }
                }
                Err(why) => found.note_closed(why),
            }
        }
        found.matches = hits.len();
        let (skip, take) = window(&mut found, page);
        found.entries = hits.into_iter().skip(skip).take(take).collect();
        return Ok(found);
    }
    found.matches = matching.len();
    let (skip, take) = window(&mut found, page);
    let shown: Vec<SealedEntry> = matching.into_iter().skip(skip).take(take).collect();
    // A page's words in one statement of fixed text (the whole list has them already).
    let mut words = std::collections::HashMap::new();
    if !whole {
        let ids: Vec<String> = shown.iter().map(|r| r.id.clone()).collect();
        words.extend(store::words(db, &w.scope(), &ids).await?);
    }
    for mut row in shown {
        if let Some(sealed) = words.remove(&row.id) {
            row.sealed = sealed;
        }
        match open(w, row) {
            Ok(entry) => found.entries.push(entry),
            Err(why) => found.note_closed(why),
        }
    }
    Ok(found)
}

/// Sets the page shown (clamped) and the number of pages from `found.matches`; the
/// slice of matches to show: one page, or all of them for `None`.
fn window(found: &mut Found, page: Option<usize>) -> (usize, usize) {
    found.pages = found.matches.div_ceil(PER_PAGE).max(1);
    match page {
        Some(p) => {
            found.page = p.clamp(1, found.pages);
            ((found.page - 1) * PER_PAGE, PER_PAGE)
        }
        None => {
            found.page = 1;
            (0, usize::MAX)
        }
    }
}

/// Today's suggested prompt for this person (stable through their day).
pub fn suggestion(user: &User, now_ms: i64) -> &'static Prompt {
    let day = crate::features::dashboard::today_for(user, now_ms).to_string();
    let n = rekindle_core::question::stable_hash(&[user.id.as_bytes(), day.as_bytes()]);
    reflection::pick(n)
}

/// A shared excerpt as a couple member sees it.
#[derive(Debug, Clone)]
pub struct ExcerptView {
    pub id: String,
    pub mine: bool,
    pub name: String,
    pub body: String,
    pub created_at_ms: i64,
}

/// Shares part of an entry with the partner, after the writer confirmed (`confirmed`):
/// a plain copy the partner can read (and that stays if the entry is later changed
/// or deleted, until the writer takes it back). Its id.
pub async fn share(
    db: &Db,
    m: &Member,
    entry_id: &str,
    excerpt: &str,
    confirmed: bool,
) -> Result<String, AppError> {
    let w = Writer {
        user: &m.user,
        couple: Some(&m.couple),
        key: m.key.as_ref(),
        now_ms: m.now_ms,
    };
    one(db, &w, entry_id).await?;
    let excerpt = excerpt.trim();
    let mut errors = std::collections::BTreeMap::new();
    if excerpt.is_empty() {
        errors.insert(
            "excerpt".to_owned(),
            "Please choose the words to share.".to_owned(),
        );
    } else if excerpt.chars().count() > EXCERPT_MAX_CHARS {
        errors.insert(
            "excerpt".to_owned(),
            format!("An excerpt can be up to {EXCERPT_MAX_CHARS} characters."),
        );
    }
    if !confirmed {
        errors.insert(
            "confirm".to_owned(),
            "Please confirm you want your partner to read these words.".to_owned(),
        );
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let partner = m
        .couple
        .partner_of(&m.user.id)
        .ok_or_else(|| AppError::Conflict {
            code: "no_partner",
            message: "There is nobody to share with yet: your partner hasn't joined.".into(),
        })?;
    Ok(store::share(db, &m.scope(), &m.couple.id, &partner.id, excerpt).await?)
}

/// The excerpts both partners shared in this couple, newest first.
pub async fn shared(db: &Db, m: &Member) -> Result<Vec<ExcerptView>, AppError> {
    Ok(store::excerpts(db, &m.scope(), &m.couple.id)
        .await?
        .into_iter()
        .map(|x| ExcerptView {
            mine: x.owner_id == m.user.id,
            name: m.couple.name_of(&x.owner_id),
            id: x.id,
            body: x.body,
            created_at_ms: x.created_at_ms,
        })
        .collect())
}

/// Takes back one of the viewer's own excerpts.
pub async fn unshare(db: &Db, m: &Member, id: &str) -> Result<(), AppError> {
    if store::unshare(db, &m.scope(), id).await? {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}
