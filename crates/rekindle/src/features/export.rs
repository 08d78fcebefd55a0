//! "Export everything I wrote and may see" (PRIVACY.md, promise 6): one uncompressed
//! JSON document — the account, its couples, reminders and notifications, and every
//! content row the visibility rule lets the person see, with their own private prose
//! opened by their key. The same document serves the API, the readable HTML download
//! and the operator's `rekindle export --user` (which has no key, so private prose
//! stays sealed there: the operator cannot read it).

use serde_json::{Map, Value, json};

use crate::db::export::{self as store, Record};
use crate::db::keys::{SEALED_PROSE, place};
use crate::db::visibility::Scope;
use crate::db::{Cell, Db};
use crate::vault::{Closed, DataKey, Place, open_own};

/// The document's format name; a later change of shape gets a new one.
pub const FORMAT: &str = "rekindle-export/1";

fn iso(ms: i64) -> String {
    jiff::Timestamp::from_millisecond(ms).map_or_else(|_| ms.to_string(), |t| t.to_string())
}

/// A row as JSON: times (`…_at` columns) as RFC 3339 instants.
fn object(record: &Record) -> Map<String, Value> {
    record
        .iter()
        .map(|(name, cell)| {
            let value = match cell {
                Cell::Null => Value::Null,
                Cell::Int(ms) if name.ends_with("_at") => Value::String(iso(*ms)),
                Cell::Int(i) => json!(i),
                Cell::Text(t) => Value::String(t.clone()),
            };
            (name.clone(), value)
        })
        .collect()
}

fn text<'a>(row: &'a Map<String, Value>, column: &str) -> &'a str {
    row.get(column).and_then(Value::as_str).unwrap_or_default()
}

fn unopened(why: Closed) -> Value {
    Value::String(
        match why {
            Closed::Locked => "locked",
            Closed::Unreadable => "unreadable",
        }
        .to_owned(),
    )
}

/// Opens the viewer's own sealed prose in a row of `table`, in place.
fn open_row(
    table: &'static str,
    row: &mut Map<String, Value>,
    viewer: &str,
    key: Option<&DataKey>,
) {
    if text(row, "owner_id") != viewer {
        return;
    }
    if table == "journal_entries" {
        let id = text(row, "id").to_owned();
        let sealed = text(row, "sealed").to_owned();
        // The whole entry holds its tags too; their separate seal is only for the list.
        row.remove("sealed");
        row.remove("sealed_tags");
        let where_ = Place {
            table,
            id: &id,
            owner: viewer,
        };
        match open_own(key, &where_, &sealed)
            .and_then(|json| serde_json::from_str::<Value>(&json).map_err(|_| Closed::Unreadable))
        {
            Ok(Value::Object(entry)) => {
                if let Some(p) = entry.get("prompt").and_then(Value::as_str)
                    && let Some(prompt) = rekindle_core::content::reflection::by_slug(p)
                {
                    row.insert("prompt_text".into(), json!(prompt.text));
                }
                row.extend(entry);
            }
            Ok(_) => {
                row.insert("_unopened".into(), unopened(Closed::Unreadable));
            }
            Err(why) => {
                row.insert("_unopened".into(), unopened(why));
            }
        }
        return;
    }
    let Some(col) = SEALED_PROSE.iter().find(|c| c.table == table) else {
        return;
    };
    if col.only_private && text(row, "visibility") != "private" {
        return;
    }
    let id = text(row, col.id).to_owned();
    let sealed = text(row, col.column).to_owned();
    match open_own(key, &place(table, &id, viewer), &sealed) {
        Ok(plain) => {
            row.insert(col.column.into(), Value::String(plain));
        }
        Err(why) => {
            row.insert(col.column.into(), Value::Null);
            row.insert("_unopened".into(), unopened(why));
        }
    }
}

/// The export document for `scope`'s viewer, opened with `key` (`None`: sealed prose
/// stays sealed and is marked so).
pub async fn document(
    db: &Db,
    scope: &Scope,
    key: Option<&DataKey>,
) -> Result<Value, crate::db::Error> {
    let rows = store::rows(db, scope).await?;
    let viewer = scope.viewer_id.as_str();
    let mut content = Map::new();
    for (table, records) in rows.content {
        let list: Vec<Value> = records
            .iter()
            .map(|r| {
                let mut row = object(r);
                open_row(table, &mut row, viewer, key);
                // A question's words beside an answer, reply or heart.
                if let Some(p) = row
                    .get("prompt_id")
                    .and_then(Value::as_str)
                    .and_then(rekindle_core::content::prompts::by_id)
                {
                    row.insert("question".into(), json!(p.text));
                }
                Value::Object(row)
            })
            .collect();
        content.insert(table.to_owned(), Value::Array(list));
    }
    let all = |records: &[Record]| -> Vec<Value> {
        records.iter().map(|r| Value::Object(object(r))).collect()
    };
    Ok(json!({
        "format": FORMAT,
        "exported_at": iso(scope.now_ms),
        "about": "Everything you wrote in Rekindle, from every couple you have been in, and \
                  what your partner shared with you in your current couple. Times are UTC. \
                  Private writing is opened with your key; \"_unopened\" marks any that \
                  could not be.",
        "account": all(&rows.account).into_iter().next().unwrap_or(Value::Null),
        "couples": all(&rows.memberships),
        "reminders": all(&rows.reminders).into_iter().next().unwrap_or(Value::Null),
        "notifications": all(&rows.notifications),
        "content": content,
    }))
}

/// A content table's name in words, for the readable export.
pub fn table_title(table: &str) -> &'static str {
    match table {
        "checkins" => "Check-ins",
        "checkin_notes" => "Private check-in notes",
        "meeting_notes" => "State of Us notes",
        "answers" => "Answers to the question of the day",
        "answer_replies" => "Replies to answers",
        "answer_hearts" => "Hearts on answers",
        "love_map_entries" => "Love-map answers and guesses",
        "love_map_marks" => "Love-map marks",
        "listening_sessions" => "Listening sessions",
        "listening_moves" => "Listening: what was said and heard",
        "listening_ratings" => "How heard you felt",
        "listening_notes" => "Private listening notes",
        "meeting_confirmations" => "\"We've had our talk\"",
        "date_ideas" => "Date ideas",
        "date_votes" => "Votes on date ideas",
        "traditions" => "Traditions",
        "planned_dates" => "Planned dates",
        "date_ratings" => "Ratings of dates",
        "date_memories" => "Memories of dates",
        "fair_splits" => "Fair splits",
        "fair_split_points" => "Fair-split points",
        "compromise_topics" => "Compromise topics",
        "compromise_stances" => "Compromise stances",
        "compromise_options" => "Compromise options",
        "compromise_ratings" => "Ratings of options",
        "compromise_reviews" => "Looking back on compromises",
        "safety_flags" => "Your private safety word",
        "affection_moments" => "Moments of touch",
        "affection_wishes" => "Wishes",
        "mutual_answers" => "Mutual-yes answers",
        "mutual_settings" => "Mutual-yes settings",
        "love_notes" => "Love notes",
        "love_note_marks" => "Hearts and favourites on notes",
        "partner_loves" => "Things your partner loves",
        "journal_entries" => "Journal entries",
        "journal_excerpts" => "Shared journal excerpts",
        "reports" => "Reports for a therapist",
        "report_redactions" => "Items taken out of reports",
        "report_approvals" => "Approvals of reports",
        _ => "Other",
    }
}
