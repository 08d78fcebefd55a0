//! `GET /api/v1/guides?q=&tag=` and `GET /api/v1/guides/{slug}`: the guides library.
//! Guides are the project's own writing, so these answer without a token.

use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::json::{ApiPath, ApiQuery};
use crate::error::{ApiResult, AppError, ErrorBody};
use crate::features::guides::{self, Hit};

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct GuidesQuery {
    /// Words to search for (up to 200 characters); empty or absent lists every guide.
    pub q: Option<String>,
    /// Only guides with this tag, in its address form (`soft-start`).
    pub tag: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct GuideHitBody {
    pub slug: String,
    pub title: String,
    /// Plain text around the best match (the summary when nothing was searched).
    pub snippet: String,
    pub tags: Vec<String>,
    pub reading_minutes: usize,
}

#[derive(Serialize, ToSchema)]
pub struct GuidesBody {
    /// The closest guides (at most 12), best match first; the whole library in its own
    /// order when nothing was searched.
    pub guides: Vec<GuideHitBody>,
}

#[derive(Serialize, ToSchema)]
pub struct GuideBody {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub tags: Vec<String>,
    pub reading_minutes: usize,
    /// The in-app page of the exercise that practises this guide.
    pub exercise: String,
    /// The guide as written (Markdown).
    pub markdown: String,
    /// The guide rendered: no raw HTML, links only inside Rekindle.
    pub html: String,
}

fn owned(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| (*s).to_owned()).collect()
}

impl From<Hit> for GuideHitBody {
    fn from(hit: Hit) -> Self {
        Self {
            snippet: hit.plain_snippet(),
            slug: hit.guide.slug.to_owned(),
            title: hit.guide.title.to_owned(),
            tags: owned(&hit.guide.tags),
            reading_minutes: hit.guide.reading_minutes(),
        }
    }
}

#[utoipa::path(get, path = "/api/v1/guides", tag = "guides",
    params(GuidesQuery),
    responses(
        (status = 200, body = GuidesBody, description = "Matching guides, best first, with snippets"),
        (status = 422, body = ErrorBody, description = "The search is too long")))]
pub async fn search(ApiQuery(q): ApiQuery<GuidesQuery>) -> ApiResult<axum::Json<GuidesBody>> {
    let hits = guides::find(q.q.as_deref().unwrap_or(""), q.tag.as_deref())?;
    Ok(axum::Json(GuidesBody {
        guides: hits.into_iter().map(Into::into).collect(),
    }))
}

#[utoipa::path(get, path = "/api/v1/guides/{slug}", tag = "guides",
    params(("slug" = String, Path, description = "A guide's slug")),
    responses((status = 200, body = GuideBody), (status = 404, body = ErrorBody)))]
pub async fn one(ApiPath(slug): ApiPath<String>) -> ApiResult<axum::Json<GuideBody>> {
    let (guide, html) = guides::library().page(&slug).ok_or(AppError::NotFound)?;
    Ok(axum::Json(GuideBody {
        slug: guide.slug.to_owned(),
        title: guide.title.to_owned(),
        summary: guide.summary.to_owned(),
        tags: owned(&guide.tags),
        reading_minutes: guide.reading_minutes(),
        exercise: guide.exercise.to_owned(),
        markdown: guide.body.to_owned(),
        html: html.to_owned(),
    }))
}
