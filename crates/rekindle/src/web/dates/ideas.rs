//! `/dates/ideas…`: the idea library and the couple's own ideas — browse by tag, vote
//! privately, add an idea of your own, change or remove one.

use std::collections::{BTreeMap, HashMap};

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use rekindle_core::content::date_ideas::{Cost, Energy, Season, Tag};
use rekindle_core::dates::Vote;
use serde::Deserialize;

use crate::auth::WebMember;
use crate::error::AppError;
use crate::features::dates::ideas::{self, IdeaInput, IdeaView};
use crate::state::AppState;
use crate::web::form::WebForm;
use crate::web::{Chrome, WebResult, render};

/// The choices an idea form offers.
pub struct IdeaChoices {
    pub costs: [Cost; 4],
    pub energies: [Energy; 3],
    pub seasons: [Season; 4],
    pub tags: [Tag; 8],
}

const CHOICES: IdeaChoices = IdeaChoices {
    costs: Cost::ALL,
    energies: Energy::ALL,
    seasons: Season::ALL,
    tags: Tag::ALL,
};

/// What was typed into an idea form, to show again beside its problems.
#[derive(Debug, Clone, Default)]
pub struct IdeaDraft {
    pub fields: HashMap<String, String>,
}

impl IdeaDraft {
    fn of(idea: &IdeaView) -> Self {
        let t = idea.traits;
        let mut fields = HashMap::from([
            ("title".to_owned(), idea.title.to_string()),
            ("how".to_owned(), idea.how.to_string()),
            ("setting".to_owned(), t.setting.as_str().to_owned()),
            ("cost".to_owned(), t.cost.as_str().to_owned()),
            ("minutes".to_owned(), t.minutes.to_string()),
            ("energy".to_owned(), t.energy.as_str().to_owned()),
            ("novelty".to_owned(), t.novelty.to_string()),
        ]);
        for s in t.seasons.list() {
            fields.insert(format!("season-{}", s.as_str()), "on".to_owned());
        }
        for tag in t.tags.list() {
            fields.insert(format!("tag-{}", tag.as_str()), "on".to_owned());
        }
        Self { fields }
    }

    /// A typed value ("" when none).
    pub fn get(&self, name: &str) -> &str {
        self.fields.get(name).map_or("", String::as_str)
    }

    /// Whether a choice is the one typed.
    pub fn is(&self, name: &str, value: &str) -> bool {
        self.get(name) == value
    }

    /// Whether a checkbox is ticked.
    pub fn ticked(&self, name: &str) -> bool {
        !self.get(name).is_empty()
    }

    /// Whether a season's box is ticked.
    pub fn has_season(&self, season: &str) -> bool {
        self.ticked(&format!("season-{season}"))
    }

    /// Whether a tag's box is ticked.
    pub fn has_tag(&self, tag: &str) -> bool {
        self.ticked(&format!("tag-{tag}"))
    }

    fn input(&self) -> IdeaInput {
        IdeaInput {
            title: self.get("title").to_owned(),
            how: self.get("how").to_owned(),
            setting: self.get("setting").to_owned(),
            cost: self.get("cost").to_owned(),
            minutes: self.get("minutes").to_owned(),
            energy: self.get("energy").to_owned(),
            novelty: self.get("novelty").to_owned(),
            seasons: Season::ALL
                .iter()
                .filter(|s| self.has_season(s.as_str()))
                .map(|s| s.as_str().to_owned())
                .collect(),
            tags: Tag::ALL
                .iter()
                .filter(|t| self.has_tag(t.as_str()))
                .map(|t| t.as_str().to_owned())
                .collect(),
        }
    }
}

/// Ideas on one page of the list (the whole library would be 200 kB of HTML).
pub const PER_PAGE: usize = 24;

#[derive(Template)]
#[template(path = "dates_ideas.html")]
struct ListPage {
    chrome: Chrome,
    /// This page's ideas.
    ideas: Vec<IdeaView>,
    /// 1-based; how many pages; how many ideas in all (with the tag).
    page: usize,
    pages: usize,
    total: usize,
    tags: [Tag; 8],
    tag_filter: String,
    votes: [Vote; 3],
    vote_back: &'static str,
    choices: IdeaChoices,
    draft: IdeaDraft,
    errors: BTreeMap<String, String>,
    idea_page: bool,
}

#[derive(Template)]
#[template(path = "dates_idea.html")]
struct IdeaPage {
    chrome: Chrome,
    idea: IdeaView,
    votes: [Vote; 3],
    vote_back: &'static str,
    tag_filter: String,
    choices: IdeaChoices,
    draft: IdeaDraft,
    errors: BTreeMap<String, String>,
    idea_page: bool,
}

#[derive(Deserialize, Default)]
pub struct TagQuery {
    #[serde(default)]
    tag: String,
    /// 1-based; anything unreadable is the first page.
    #[serde(default)]
    page: String,
}

async fn list_page(
    state: &AppState,
    m: &WebMember,
    tag: String,
    page: usize,
    draft: IdeaDraft,
    errors: BTreeMap<String, String>,
) -> Result<ListPage, AppError> {
    let all = ideas::list(&state.db, &m.member, Some(&tag)).await?;
    let total = all.len();
    let pages = total.div_ceil(PER_PAGE).max(1);
    let page = page.clamp(1, pages);
    let ideas = all
        .into_iter()
        .skip((page - 1) * PER_PAGE)
        .take(PER_PAGE)
        .collect();
    Ok(ListPage {
        chrome: Chrome::new(state, Some(&m.user), "dates"),
        ideas,
        page,
        pages,
        total,
        tags: Tag::ALL,
        tag_filter: tag,
        votes: Vote::ALL,
        vote_back: "ideas",
        choices: CHOICES,
        draft,
        errors,
        idea_page: false,
    })
}

impl ListPage {
    /// The first and last idea shown, counting from 1.
    fn shown(&self) -> (usize, usize) {
        let first = (self.page - 1) * PER_PAGE + 1;
        (
            first.min(self.total),
            (first + self.ideas.len()).saturating_sub(1),
        )
    }

    /// The address of another page of the list, with the tag kept.
    fn page_href(&self, page: usize) -> String {
        if self.tag_filter.is_empty() {
            format!("/dates/ideas?page={page}")
        } else {
            format!("/dates/ideas?tag={}&page={page}", self.tag_filter)
        }
    }
}

pub async fn list(
    State(state): State<AppState>,
    m: WebMember,
    Query(q): Query<TagQuery>,
) -> WebResult {
    let draft = IdeaDraft {
        fields: HashMap::from([
            ("setting".to_owned(), "home".to_owned()),
            ("cost".to_owned(), "free".to_owned()),
            ("minutes".to_owned(), "60".to_owned()),
            ("energy".to_owned(), "low".to_owned()),
            ("novelty".to_owned(), "2".to_owned()),
        ]),
    };
    let page_no = q.page.trim().parse().unwrap_or(1);
    let page = list_page(&state, &m, q.tag, page_no, draft, BTreeMap::new()).await?;
    Ok(render(StatusCode::OK, &page))
}

pub async fn add(
    State(state): State<AppState>,
    m: WebMember,
    WebForm(form): WebForm<HashMap<String, String>>,
) -> WebResult {
    let draft = IdeaDraft { fields: form };
    match ideas::add(&state.db, &m.member, &draft.input()).await {
        Ok(idea) => Ok(Redirect::to(&format!("/dates/ideas/{}", idea.id)).into_response()),
        Err(AppError::Invalid(errors)) => {
            let page = list_page(&state, &m, String::new(), usize::MAX, draft, errors).await?;
            Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
        Err(other) => Err(other.into()),
    }
}

async fn idea_page(
    state: &AppState,
    m: &WebMember,
    idea: IdeaView,
    draft: Option<IdeaDraft>,
    errors: BTreeMap<String, String>,
) -> IdeaPage {
    IdeaPage {
        chrome: Chrome::new(state, Some(&m.user), "dates"),
        draft: draft.unwrap_or_else(|| IdeaDraft::of(&idea)),
        idea,
        votes: Vote::ALL,
        vote_back: "idea",
        tag_filter: String::new(),
        choices: CHOICES,
        errors,
        idea_page: true,
    }
}

pub async fn show(
    State(state): State<AppState>,
    m: WebMember,
    Path(id): Path<String>,
) -> WebResult {
    let idea = ideas::read(&state.db, &m.member, &id).await?;
    let page = idea_page(&state, &m, idea, None, BTreeMap::new()).await;
    Ok(render(StatusCode::OK, &page))
}

pub async fn update(
    State(state): State<AppState>,
    m: WebMember,
    Path(id): Path<String>,
    WebForm(form): WebForm<HashMap<String, String>>,
) -> WebResult {
    let draft = IdeaDraft { fields: form };
    match ideas::update(&state.db, &m.member, &id, &draft.input()).await {
        Ok(idea) => Ok(Redirect::to(&format!("/dates/ideas/{}", idea.id)).into_response()),
        Err(AppError::Invalid(errors)) => {
            let idea = ideas::read(&state.db, &m.member, &id).await?;
            let page = idea_page(&state, &m, idea, Some(draft), errors).await;
            Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
        Err(other) => Err(other.into()),
    }
}

pub async fn remove(
    State(state): State<AppState>,
    m: WebMember,
    Path(id): Path<String>,
) -> WebResult {
    ideas::remove(&state.db, &m.member, &id).await?;
    Ok(Redirect::to("/dates/ideas").into_response())
}

#[derive(Deserialize, Default)]
pub struct VoteForm {
    #[serde(default)]
    vote: String,
    /// Where to go back to: `dates`, `ideas` or `idea` (nothing else is read).
    #[serde(default)]
    back: String,
    #[serde(default)]
    tag: String,
    #[serde(default)]
    page: String,
}

pub async fn vote(
    State(state): State<AppState>,
    m: WebMember,
    Path(id): Path<String>,
    WebForm(form): WebForm<VoteForm>,
) -> WebResult {
    ideas::vote(&state.db, &m.member, &id, &form.vote).await?;
    // Only fixed places and a known tag go into the address.
    let page: usize = form.page.trim().parse().unwrap_or(1).max(1);
    let to = match form.back.as_str() {
        "ideas" => match Tag::parse(&form.tag) {
            Some(t) => format!("/dates/ideas?tag={}&page={page}#idea-{id}", t.as_str()),
            None => format!("/dates/ideas?page={page}#idea-{id}"),
        },
        "idea" => format!("/dates/ideas/{id}"),
        _ => "/dates#vote".to_owned(),
    };
    Ok(Redirect::to(&to).into_response())
}
