//! A report for a therapist (PRIVACY.md, data rights): a period of what the couple
//! shared — appreciations, State of Us notes, answers both gave, listening topics —
//! never anything private or still sealed. Either partner may take any item out; each
//! taking-out is a new version, and the report can be downloaded only once both have
//! approved the version in front of them.

use rekindle_core::content::prompts;

use crate::db::reports::{self as store, Approval, Item};
use crate::db::{Db, couples::Couple};
use crate::error::AppError;
use crate::features::Member;

/// Longest period a report covers, in days.
pub const MAX_DAYS: i64 = 366;
/// Periods offered on the page.
pub const PERIODS: [i64; 3] = [30, 90, 180];

/// What both read before making or downloading one.
pub const WARNING: &str = "A report holds things you both wrote. Once downloaded, anyone \
     who can open the file can read it — on whatever phone, computer or e-mail it passes \
     through. Share it only with someone you both trust, such as a counsellor you see \
     together, and never under pressure.";

/// An item as the report shows it.
#[derive(Debug, Clone)]
pub struct ItemView {
    pub key: String,
    /// "Appreciation", "State of Us", "Question of the day", "Listening".
    pub heading: &'static str,
    pub name: String,
    pub day: String,
    /// The question answered, or the note's section, when there is one.
    pub context: String,
    pub text: String,
}

/// A report as either partner sees it.
#[derive(Debug, Clone)]
pub struct ReportView {
    pub id: String,
    pub made_by: String,
    pub from_day: String,
    pub to_day: String,
    pub version: i64,
    pub created_at_ms: i64,
    pub items: Vec<ItemView>,
    /// How many items were taken out, and by whom (names).
    pub removed: Vec<(String, usize)>,
    pub i_approved: bool,
    pub partner_approved: bool,
}

impl ReportView {
    /// Both approved this version: it can be downloaded.
    pub fn ready(&self) -> bool {
        self.i_approved && self.partner_approved
    }
}

fn heading(kind: &str) -> &'static str {
    match kind {
        "appreciation" => "Appreciation",
        "meeting_note" => "State of Us",
        "answer" => "Question of the day",
        _ => "Listening",
    }
}

fn context(item: &Item) -> String {
    match item.kind.as_str() {
        "answer" => prompts::by_id(&item.detail)
            .map(|p| p.text.to_owned())
            .unwrap_or_default(),
        "meeting_note" => match item.detail.as_str() {
            "went_well" => "What went well".to_owned(),
            "talk_about" => "One thing to talk about".to_owned(),
            _ => "Next week".to_owned(),
        },
        "listening" => "The topic of a listening session".to_owned(),
        _ => String::new(),
    }
}

/// Starts a report over the last `days` days (the viewer's today included).
pub async fn create(db: &Db, m: &Member, days: i64) -> Result<String, AppError> {
    if !(1..=MAX_DAYS).contains(&days) {
        return Err(AppError::field(
            "days",
            format!("A report covers from 1 to {MAX_DAYS} days."),
        ));
    }
    let to = crate::features::dashboard::today_for(&m.user, m.now_ms);
    let from = to
        .checked_sub(jiff::Span::new().days(days - 1))
        .map_err(|e| AppError::Internal(e.into()))?;
    Ok(store::create(
        db,
        &m.scope(),
        &m.couple.id,
        &from.to_string(),
        &to.to_string(),
    )
    .await?)
}

/// The couple's reports (without their items), newest first.
pub async fn list(db: &Db, m: &Member) -> Result<Vec<store::ReportRow>, AppError> {
    Ok(store::list(db, &m.scope(), &m.couple.id).await?)
}

fn name(couple: &Couple, user_id: &str) -> String {
    couple.name_of(user_id)
}

/// One report with its items, as the viewer sees it.
pub async fn show(db: &Db, m: &Member, id: &str) -> Result<ReportView, AppError> {
    let full = store::one(db, &m.scope(), &m.couple.id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let r = &full.report;
    let items = store::items(db, &m.scope(), &m.couple.id, &r.from_day, &r.to_day).await?;
    let removed_keys: std::collections::HashSet<&str> =
        full.redactions.iter().map(|(k, _)| k.as_str()).collect();
    let mut removed = std::collections::BTreeMap::<String, usize>::new();
    for (key, by) in &full.redactions {
        // Only redactions of items that are really in the period count.
        if items.iter().any(|i| &i.key == key) {
            *removed.entry(name(&m.couple, by)).or_default() += 1;
        }
    }
    let approved = |who: &str| {
        full.approvals
            .iter()
            .any(|(w, v)| w == who && *v == r.version)
    };
    let partner = m.couple.partner_of(&m.user.id).map(|p| p.id.clone());
    Ok(ReportView {
        id: r.id.clone(),
        made_by: name(&m.couple, &r.owner_id),
        from_day: r.from_day.clone(),
        to_day: r.to_day.clone(),
        version: r.version,
        created_at_ms: r.created_at_ms,
        items: items
            .iter()
            .filter(|i| !removed_keys.contains(i.key.as_str()))
            .map(|i| ItemView {
                key: i.key.clone(),
                heading: heading(&i.kind),
                name: name(&m.couple, &i.owner_id),
                day: i.day.clone(),
                context: context(i),
                text: i.text.clone(),
            })
            .collect(),
        removed: removed.into_iter().collect(),
        i_approved: approved(&m.user.id),
        partner_approved: partner.as_deref().is_some_and(approved),
    })
}

/// Takes an item out (either partner, any item); both must approve again.
pub async fn redact(db: &Db, m: &Member, id: &str, item: &str) -> Result<(), AppError> {
    let item = item.trim();
    if item.is_empty() || item.len() > 100 {
        return Err(AppError::field("item", "Choose an item of the report."));
    }
    if store::redact(db, &m.scope(), &m.couple.id, id, item).await? {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

/// The viewer approves the version they saw.
pub async fn approve(db: &Db, m: &Member, id: &str, version: i64) -> Result<(), AppError> {
    match store::approve(db, &m.scope(), &m.couple.id, id, version).await? {
        Approval::Approved => Ok(()),
        Approval::NoSuchReport => Err(AppError::NotFound),
        Approval::Stale => Err(AppError::Conflict {
            code: "report_changed",
            message: "The report changed since you read it (something was taken out). \
                      Please read it again before approving."
                .into(),
        }),
    }
}

/// The report for downloading: only once both approved its current version.
pub async fn for_download(db: &Db, m: &Member, id: &str) -> Result<ReportView, AppError> {
    let report = show(db, m, id).await?;
    if !report.ready() {
        return Err(AppError::Conflict {
            code: "not_approved",
            message: "Both of you need to approve this version of the report before it can \
                      be downloaded."
                .into(),
        });
    }
    Ok(report)
}

/// Deletes a report (either partner).
pub async fn remove(db: &Db, m: &Member, id: &str) -> Result<(), AppError> {
    if store::remove(db, &m.couple.id, id).await? {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

/// The downloadable report: a plain HTML file that prints well, with the warning at
/// the top (the same file for the page and the API).
#[derive(askama::Template)]
#[template(path = "report_file.html")]
struct ReportFile<'a> {
    report: &'a ReportView,
    warning: &'static str,
}

/// The report as the file both partners download.
pub fn file(report: &ReportView) -> Result<String, AppError> {
    askama::Template::render(&ReportFile {
        report,
        warning: WARNING,
    })
    .map_err(|e| AppError::Internal(anyhow::anyhow!("report template: {e}")))
}
