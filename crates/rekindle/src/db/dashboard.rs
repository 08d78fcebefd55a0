//! The dashboard's reads in one statement: both partners' check-ins (with the viewer's
//! own notes), both partners' listening ratings, and the last day both checked in —
//! five `UNION ALL` branches, each through the visibility rule except the last, which
//! is a named exception (it returns a day, no content).

use super::checkins::{CheckInRow, ROW_COLUMNS, read_row};
use super::visibility::{Scope, predicate};
use super::{Db, Error};
use crate::params;

/// Which days to read.
#[derive(Debug, Clone)]
pub struct Span {
    /// The partner, when there is one.
    pub partner_id: Option<String>,
    /// First day read (both partners), as `YYYY-MM-DD`.
    pub from: String,
    /// The viewer's last day.
    pub to: String,
    /// The partner's last day (their day may run ahead of ours).
    pub partner_to: String,
    /// Drift looks for the last shared day from here on.
    pub shared_since: String,
}

/// What the dashboard reads, split by whose it is.
#[derive(Debug, Default)]
pub struct Rows {
    /// Oldest first.
    pub mine: Vec<CheckInRow>,
    pub theirs: Vec<CheckInRow>,
    /// (day, felt heard), oldest first.
    pub my_ratings: Vec<(String, u8)>,
    pub their_ratings: Vec<(String, u8)>,
    pub last_shared_day: Option<String>,
}

/// `$1`–`$3` scope, `$4` viewer, `$5` partner (`''` for none), `$6` from, `$7` the
/// viewer's last day, `$8` the partner's, `$9` shared-since. Built once. No `ORDER BY`:
/// sorting the union cost SQLite a third of the statement; the rows are put in day
/// order here instead.
static SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(sql);

fn sql() -> String {
    let checkins = |owner: &str, to: &str| {
        format!(
            // The private note is not read: the dashboard never shows it.
            "SELECT '{owner}' AS part, {} \
             FROM checkins c \
             WHERE {} AND c.owner_id = ${} AND c.day >= $6 AND c.day <= {to}",
            ROW_COLUMNS.replace("n.body", "CAST(NULL AS TEXT)"),
            predicate("c", 1),
            if owner == "mine" { 4 } else { 5 },
        )
    };
    let ratings = |owner: &str, to: &str| {
        format!(
            "SELECT '{owner}', r.owner_id, r.day, CAST(NULL AS BIGINT), CAST(NULL AS BIGINT), \
             r.felt_heard, CAST(NULL AS TEXT), CAST(NULL AS BIGINT), CAST(NULL AS TEXT), \
             CAST(NULL AS TEXT) \
             FROM listening_ratings r WHERE {} AND r.owner_id = ${} AND r.day >= $6 AND r.day <= {to}",
            predicate("r", 1),
            if owner == "my_rating" { 4 } else { 5 },
        )
    };
    format!(
        "{} UNION ALL {} UNION ALL {} UNION ALL {} UNION ALL \
         SELECT 'shared', '', ({LAST_SHARED_DAY}), CAST(NULL AS BIGINT), CAST(NULL AS BIGINT), \
         CAST(NULL AS BIGINT), CAST(NULL AS TEXT), CAST(NULL AS BIGINT), CAST(NULL AS TEXT), \
         CAST(NULL AS TEXT)",
        checkins("mine", "$7"),
        checkins("theirs", "$8"),
        ratings("my_rating", "$7"),
        ratings("their_rating", "$8"),
    )
}

/// The latest day since `$9` both partners (`$4`, `$5`) checked in within the viewer's
/// couple (`$2`): the shared activity drift looks at. Bounded by the day, so it reads a
/// few weeks of rows, never a history.
const LAST_SHARED_DAY: &str = "SELECT MAX(a.day) FROM checkins a JOIN checkins b \
     ON b.owner_id = $5 AND b.day = a.day \
     WHERE a.owner_id = $4 AND a.day >= $9 AND b.day >= $9 AND a.couple_id = $2 AND b.couple_id = $2";

/// Everything the dashboard reads for the scope's viewer, in one statement.
pub async fn rows(db: &Db, scope: &Scope, span: &Span) -> Result<Rows, Error> {
    let (scope, span) = (scope.clone(), span.clone());
    db.read(move |c| {
        let mut out = Rows::default();
        let partner = span.partner_id.as_deref().unwrap_or("");
        let values = scope.with(params![
            &scope.viewer_id,
            partner,
            &span.from,
            &span.to,
            &span.partner_to,
            &span.shared_since
        ]);
        c.query(&SQL, &values, |r| {
            let part: String = r.get(0)?;
            match part.as_str() {
                "mine" => out.mine.push(read_row(r, 1)?),
                "theirs" => out.theirs.push(read_row(r, 1)?),
                "my_rating" => out.my_ratings.push((r.get(2)?, r.get(5)?)),
                "their_rating" => out.their_ratings.push((r.get(2)?, r.get(5)?)),
                _ => out.last_shared_day = r.get(2)?,
            }
            Ok(())
        })?;
        out.mine.sort_by(|a, b| a.day.cmp(&b.day));
        out.theirs.sort_by(|a, b| a.day.cmp(&b.day));
        out.my_ratings.sort();
        out.their_ratings.sort();
        Ok(out)
    })
    .await
}
