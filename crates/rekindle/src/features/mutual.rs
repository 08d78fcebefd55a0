//! Mutual yes: a list of things to try, each answered yes / maybe / no privately; only
//! what both said yes to shows, as a match (yes or maybe when both choose to count
//! maybes). Nothing tells whether or when the partner answered — no count, no
//! notification, no timestamp. The one limit, said on the page: if you said yes and
//! see no match, your partner did not say yes.

use rekindle_core::content::mutual::{self as list, Item, Section};
use rekindle_core::mutual::Answer;

use crate::db::Db;
use crate::db::mutual::{self as store, Choices};
use crate::error::AppError;
use crate::features::Member;

/// One item as the viewer sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemView {
    pub id: &'static str,
    pub section: Section,
    pub text: &'static str,
    pub my_answer: Option<Answer>,
}

/// The list with the viewer's answers, and their choices.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListView {
    pub items: Vec<ItemView>,
    pub choices: Choices,
}

fn shown(item: &Item, choices: Choices) -> bool {
    item.section != Section::Intimate || choices.intimate
}

/// The items the viewer sees (the intimate section only when they turned it on).
pub async fn list(db: &Db, m: &Member) -> Result<ListView, AppError> {
    let (answers, choices) = store::mine(db, &m.scope()).await?;
    let items = list::items()
        .iter()
        .filter(|i| shown(i, choices))
        .map(|i| ItemView {
            id: i.slug,
            section: i.section,
            text: i.text,
            my_answer: answers.get(i.slug).copied(),
        })
        .collect();
    Ok(ListView { items, choices })
}

/// Saves the viewer's answer. An item they do not see is 404.
pub async fn answer(db: &Db, m: &Member, id: &str, answer: &str) -> Result<(), AppError> {
    let Some(answer) = Answer::parse(answer.trim()) else {
        return Err(AppError::field("answer", "Choose yes, maybe or no."));
    };
    let (_, choices) = store::mine(db, &m.scope()).await?;
    match list::by_slug(id) {
        Some(item) if shown(item, choices) => {
            store::answer(db, &m.scope(), item.slug, answer).await?;
            Ok(())
        }
        _ => Err(AppError::NotFound),
    }
}

/// Saves the viewer's choices.
pub async fn choose(db: &Db, m: &Member, choices: Choices) -> Result<(), AppError> {
    Ok(store::choose(db, &m.scope(), choices).await?)
}

/// The matches, in the list's order (intimate ones only when both show that section).
pub async fn matches(db: &Db, m: &Member) -> Result<Vec<&'static Item>, AppError> {
    let found = store::matches(db, &m.scope()).await?;
    Ok(list::items()
        .iter()
        .filter(|i| {
            found.iter().any(|(id, both_intimate)| {
                id == i.slug && (i.section != Section::Intimate || *both_intimate)
            })
        })
        .collect())
}
