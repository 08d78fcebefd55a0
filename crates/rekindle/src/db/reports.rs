//! Reports for a therapist: the report rows, their redactions and approvals, and the
//! shared items of a period they are made of (read through the visibility rule, so
//! nothing private or still sealed can come in).

use super::visibility::{Scope, predicate};
use super::{Db, Error};
use crate::params;

/// A report as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportRow {
    pub id: String,
    pub owner_id: String,
    pub from_day: String,
    pub to_day: String,
    pub version: i64,
    pub created_at_ms: i64,
}

/// One shared item of a period: `key` names it for redaction ("answer:…").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub key: String,
    /// `appreciation`, `meeting_note`, `answer` or `listening`.
    pub kind: String,
    pub owner_id: String,
    pub day: String,
    /// The note's section, or the answer's prompt id; empty otherwise.
    pub detail: String,
    pub text: String,
}

/// A report with who took what out and who approved which version.
#[derive(Debug, Clone)]
pub struct Full {
    pub report: ReportRow,
    /// (item key, who took it out)
    pub redactions: Vec<(String, String)>,
    /// (who, the version they approved)
    pub approvals: Vec<(String, i64)>,
}

const REPORT_COLUMNS: &str = "r.id, r.owner_id, r.from_day, r.to_day, r.version, r.created_at";

fn report_from(r: &super::Row<'_>) -> Result<ReportRow, Error> {
    Ok(ReportRow {
        id: r.get(0)?,
        owner_id: r.get(1)?,
        from_day: r.get(2)?,
        to_day: r.get(3)?,
        version: r.get(4)?,
        created_at_ms: r.get(5)?,
    })
}

/// Starts a report over a period; its id.
pub async fn create(
    db: &Db,
    scope: &Scope,
    couple_id: &str,
    from_day: &str,
    to_day: &str,
) -> Result<String, Error> {
    let id = crate::secret::new_id();
    let args = [id.as_str(), couple_id, from_day, to_day].map(str::to_owned);
    let scope = scope.clone();
    db.write(move |c| {
        let [id, couple_id, from, to] = &args;
        c.execute(
            "INSERT INTO reports (id, couple_id, owner_id, from_day, to_day, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
            params![id, couple_id, &scope.viewer_id, from, to, scope.now_ms],
        )?;
        Ok::<_, Error>(())
    })
    .await?;
    Ok(id)
}

/// The couple's reports, newest first.
pub async fn list(db: &Db, scope: &Scope, couple_id: &str) -> Result<Vec<ReportRow>, Error> {
    let sql = format!(
        "SELECT {REPORT_COLUMNS} FROM reports r WHERE r.couple_id = $4 AND {} \
         ORDER BY r.created_at DESC, r.id",
        predicate("r", 1)
    );
    let (scope, couple_id) = (scope.clone(), couple_id.to_owned());
    db.read(move |c| c.query(&sql, &scope.with(params![&couple_id]), report_from))
        .await
}

/// One of the couple's reports with its redactions and approvals.
pub async fn one(db: &Db, scope: &Scope, couple_id: &str, id: &str) -> Result<Option<Full>, Error> {
    let report_sql = format!(
        "SELECT {REPORT_COLUMNS} FROM reports r WHERE r.id = $4 AND r.couple_id = $5 AND {}",
        predicate("r", 1)
    );
    let redactions_sql = format!(
        "SELECT x.item, x.owner_id FROM report_redactions x WHERE x.report_id = $4 AND {} \
         ORDER BY x.created_at, x.item",
        predicate("x", 1)
    );
    let approvals_sql = format!(
        "SELECT a.owner_id, a.version FROM report_approvals a WHERE a.report_id = $4 AND {}",
        predicate("a", 1)
    );
    let (scope, couple_id, id) = (scope.clone(), couple_id.to_owned(), id.to_owned());
    db.read(move |c| {
        let Some(report) = c.query_opt(
            &report_sql,
            &scope.with(params![&id, &couple_id]),
            report_from,
        )?
        else {
            return Ok(None);
        };
        let redactions = c.query(&redactions_sql, &scope.with(params![&id]), |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
        let approvals = c.query(&approvals_sql, &scope.with(params![&id]), |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
        Ok(Some(Full {
            report,
            redactions,
            approvals,
        }))
    })
    .await
}

/// The shared items of the couple from `from` to `to` (local days, both included), in
/// one statement, oldest first.
pub async fn items(
    db: &Db,
    scope: &Scope,
    couple_id: &str,
    from: &str,
    to: &str,
) -> Result<Vec<Item>, Error> {
    let sql = format!(
        "SELECT 'appreciation:' || c.id, 'appreciation', c.owner_id, c.day, '', c.appreciation \
           FROM checkins c WHERE c.couple_id = $4 AND c.day >= $5 AND c.day <= $6 \
            AND c.appreciation IS NOT NULL AND {pc} \
         UNION ALL \
         SELECT 'meeting_note:' || n.id, 'meeting_note', n.owner_id, m.day, n.section, n.body \
           FROM meeting_notes n JOIN meetings m ON m.id = n.meeting_id \
          WHERE m.couple_id = $4 AND m.day >= $5 AND m.day <= $6 AND {pn} \
         UNION ALL \
         SELECT 'answer:' || a.id, 'answer', a.owner_id, q.day, a.prompt_id, a.body \
           FROM answers a JOIN daily_questions q ON q.couple_id = a.couple_id AND q.prompt_id = a.prompt_id \
          WHERE a.couple_id = $4 AND q.day >= $5 AND q.day <= $6 AND {pa} \
         UNION ALL \
         SELECT 'listening:' || s.id, 'listening', s.owner_id, s.day, '', s.topic \
           FROM listening_sessions s WHERE s.couple_id = $4 AND s.day >= $5 AND s.day <= $6 AND {ps} \
         ORDER BY 4, 2, 1",
        pc = predicate("c", 1),
        pn = predicate("n", 1),
        pa = predicate("a", 1),
        ps = predicate("s", 1),
    );
    let (scope, args) = (scope.clone(), [couple_id, from, to].map(str::to_owned));
    db.read(move |c| {
        let [couple_id, from, to] = &args;
        c.query(&sql, &scope.with(params![couple_id, from, to]), |r| {
            Ok(Item {
                key: r.get(0)?,
                kind: r.get(1)?,
                owner_id: r.get(2)?,
                day: r.get(3)?,
                detail: r.get(4)?,
                text: r.get(5)?,
            })
        })
    })
    .await
}

/// Takes an item out of the couple's report (by either partner); a new version, so
/// earlier approvals no longer count. `false` if there is no such report.
pub async fn redact(
    db: &Db,
    scope: &Scope,
    couple_id: &str,
    id: &str,
    item: &str,
) -> Result<bool, Error> {
    let (scope, args) = (scope.clone(), [couple_id, id, item].map(str::to_owned));
    db.write(move |c| {
        let [couple_id, id, item] = &args;
        let bumped = c.execute(
            "UPDATE reports SET version = version + 1 WHERE id = $1 AND couple_id = $2",
            params![id, couple_id],
        )?;
        if bumped == 0 {
            return Ok(false);
        }
        let added = c.execute(
            "INSERT INTO report_redactions (report_id, item, owner_id, couple_id, created_at) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (report_id, item) DO NOTHING",
            params![id, item, &scope.viewer_id, couple_id, scope.now_ms],
        )?;
        if added == 0 {
            // Already out: nothing changed, so no new version either.
            c.execute(
                "UPDATE reports SET version = version - 1 WHERE id = $1",
                params![id],
            )?;
        }
        Ok::<_, Error>(true)
    })
    .await
}

/// What approving found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Approval {
    Approved,
    /// The report changed since the version the person saw.
    Stale,
    NoSuchReport,
}

/// Records the viewer's approval of `version`, if that is still the report's version.
pub async fn approve(
    db: &Db,
    scope: &Scope,
    couple_id: &str,
    id: &str,
    version: i64,
) -> Result<Approval, Error> {
    let (scope, args) = (scope.clone(), [couple_id, id].map(str::to_owned));
    db.write(move |c| {
        let [couple_id, id] = &args;
        let current: Option<i64> = c.query_opt(
            "SELECT version FROM reports WHERE id = $1 AND couple_id = $2",
            params![id, couple_id],
            |r| r.get(0),
        )?;
        match current {
            None => Ok(Approval::NoSuchReport),
            Some(v) if v != version => Ok(Approval::Stale),
            Some(v) => {
                c.execute(
                    "INSERT INTO report_approvals (report_id, owner_id, couple_id, version, created_at) \
                     VALUES ($1, $2, $3, $4, $5) ON CONFLICT (report_id, owner_id) \
                     DO UPDATE SET version = excluded.version, created_at = excluded.created_at",
                    params![id, &scope.viewer_id, couple_id, v, scope.now_ms],
                )?;
                Ok::<_, Error>(Approval::Approved)
            }
        }
    })
    .await
}

/// Deletes one of the couple's reports (either partner may). `false` if there is none.
pub async fn remove(db: &Db, couple_id: &str, id: &str) -> Result<bool, Error> {
    let args = [couple_id, id].map(str::to_owned);
    let n = db
        .write(move |c| {
            let [couple_id, id] = &args;
            c.execute(
                "DELETE FROM reports WHERE id = $1 AND couple_id = $2",
                params![id, couple_id],
            )
        })
        .await?;
    Ok(n > 0)
}
