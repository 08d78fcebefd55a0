//! `GET /api/openapi.json`: the OpenAPI document for every `/api/v1` operation, built
//! from the handlers' annotations so it cannot drift from the code.

use axum::Json;
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::{Modify, OpenApi};

use super::{
    archive, auth, checkins, coach, couple, listening, love_map, me, prompts, state_of_us,
};
use crate::error::{ErrorBody, ErrorDetail};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Rekindle API",
        description = "A private daily practice for two. Errors are `{\"error\": {\"code\", \"message\", \"fields\"?}}`; what the caller may not see is 404."
    ),
    paths(
        auth::register, auth::login, auth::logout,
        me::show, me::update, me::change_password, me::sessions, me::end_session, archive::before,
        couple::create, couple::join, couple::show, couple::leave,
        checkins::put, checkins::list, checkins::dashboard,
        coach::analyse_text,
        prompts::today, prompts::answer, prompts::reply, prompts::heart, prompts::unheart, prompts::history,
        love_map::overview, love_map::start, love_map::show, love_map::save_entries, love_map::mark,
        listening::overview, listening::start, listening::show, listening::make_move, listening::end, listening::rate, listening::note,
        state_of_us::current, state_of_us::add_note, state_of_us::done, state_of_us::undo, state_of_us::edit_note, state_of_us::withdraw_note, state_of_us::past, state_of_us::set_day,
    ),
    components(schemas(ErrorBody, ErrorDetail)),
    modifiers(&BearerScheme),
    tags(
        (name = "accounts", description = "Sign up, sign in, your account and sessions"),
        (name = "couple", description = "Pairing with your partner"),
        (name = "checkins", description = "The daily check-in and the connection dashboard"),
        (name = "state-of-us", description = "The weekly State of Us meeting"),
        (name = "talk", description = "Talking gently: the question of the day, love-map rounds, the listening exercise and the gentle-start coach"),
    )
)]
pub struct ApiDoc;

struct BearerScheme;

impl Modify for BearerScheme {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)),
        );
    }
}

pub async fn document() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
