//! `GET /api/openapi.json`: the OpenAPI document for every `/api/v1` operation, built
//! from the handlers' annotations so it cannot drift from the code. `CommonErrors` adds
//! the error answers any operation can give (400 for a path, query or body that cannot
//! be read, 413 for a body over the cap), so a new operation cannot forget them.
//! Schema names must be unique across the crate — utoipa keeps only one type per name;
//! `tests/it/openapi_conformance` checks that, and validates real answers against this.

use axum::Json;
use utoipa::openapi::path::Operation;
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::openapi::{ContentBuilder, Ref, ResponseBuilder};
use utoipa::{Modify, OpenApi};

use super::{
    accounts, affection, archive, checkins, coach, compromise, couples, dashboard, dates, export,
    fair_split, gestures, guides, journal, keyring, listening, love_map, me, mutual, notes,
    notifications, questions, reports, state_of_us,
};
use crate::error::{ErrorBody, ErrorDetail};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Rekindle API",
        description = "A private daily practice for two. Errors are `{\"error\": {\"code\", \"message\", \"fields\"?}}`; what the caller may not see is 404."
    ),
    paths(
        accounts::register, accounts::login, accounts::logout,
        me::show, me::update, me::delete, me::change_password, me::sessions, me::end_session, archive::before,
        couples::create, couples::join, couples::show, couples::leave,
        checkins::put, checkins::list, dashboard::show,
        coach::analyse_text,
        questions::today, questions::answer, questions::reply, questions::heart, questions::unheart, questions::history,
        love_map::overview, love_map::start, love_map::show, love_map::save_entries, love_map::mark,
        listening::overview, listening::start, listening::show, listening::make_move, listening::end, listening::rate, listening::note,
        state_of_us::current, state_of_us::add_note, state_of_us::done, state_of_us::undo, state_of_us::edit_note, state_of_us::withdraw_note, state_of_us::past, state_of_us::set_day,
        dates::overview, dates::ideas::list, dates::ideas::show, dates::ideas::vote, dates::ideas::add, dates::ideas::update, dates::ideas::remove, dates::ideas::matches,
        dates::plans::plan, dates::plans::show, dates::plans::change, dates::plans::cancel, dates::plans::rate, dates::plans::remember, dates::plans::timeline,
        dates::traditions::list, dates::traditions::add, dates::traditions::update, dates::traditions::done, dates::traditions::remove,
        dates::calendar::couple, dates::calendar::one, dates::calendar::new_feed, dates::calendar::revoke_feed,
        fair_split::split, fair_split::list, fair_split::create, fair_split::show, fair_split::set_items,
        fair_split::give_points, fair_split::start_rota, fair_split::stop_rota,
        compromise::list, compromise::create, compromise::show, compromise::stance, compromise::add_option,
        compromise::rate, compromise::choose, compromise::look_back,
        notes::send, notes::inbox, notes::sent, notes::cancel, notes::heart, notes::unheart,
        notes::favourite, notes::unfavourite,
        affection::show, affection::record, affection::take_back, affection::add_wish, affection::update_wish, affection::remove_wish,
        gestures::library, gestures::add_love, gestures::remove_love,
        mutual::list, mutual::answer, mutual::matches, mutual::choose,
        notifications::list, notifications::mark_read, notifications::reminders, notifications::set_reminders,
        journal::write, journal::list, journal::prompts, journal::one, journal::edit, journal::delete,
        journal::share, journal::shared, journal::unshare,
        reports::create, reports::list, reports::show, reports::remove, reports::redact, reports::approve, reports::document,
        guides::search, guides::one,
        export::export, keyring::show, keyring::new_recovery_code, keyring::unlock, keyring::start_afresh,
    ),
    components(schemas(ErrorBody, ErrorDetail)),
    modifiers(&BearerScheme, &CommonErrors),
    tags(
        (name = "accounts", description = "Sign up, sign in, your account and sessions"),
        (name = "couple", description = "Pairing with your partner"),
        (name = "checkins", description = "The daily check-in and the connection dashboard"),
        (name = "state-of-us", description = "The weekly State of Us meeting"),
        (name = "talk", description = "Talking gently: the question of the day, love-map rounds, the listening exercise and the gentle-start coach"),
        (name = "fairness", description = "Compromise and fairness: the fair split (Adjusted Winner with exact fractions) and the compromise workspace"),
        (name = "touch", description = "Touch, love notes and gestures, with the notification centre and reminders"),
        (name = "journal", description = "Your private reflection journal, encrypted with your own key, and the excerpts you choose to share"),
        (name = "reports", description = "A report for a therapist: what you both shared over a period, which either of you can redact and both must approve"),
        (name = "guides", description = "The guides library: short original guides with full-text search, tags and the exercise each leads into (no token needed)"),
        (name = "dates", description = "Dates, traditions and new adventures: ideas with private votes and shared matches, planned dates, traditions and calendars"),
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

/// The error answers every operation can give, added where a handler did not describe
/// its own.
struct CommonErrors;

const BAD_REQUEST: &str = "The request could not be read: malformed JSON or the wrong shape, \
     a path or query that is not valid, text that is not UTF-8, or a NUL character";
const TOO_LARGE: &str = "The body is larger than 1 MiB";

fn add_error(op: &mut Operation, status: &str, description: &str) {
    op.responses
        .responses
        .entry(status.to_owned())
        .or_insert_with(|| {
            ResponseBuilder::new()
                .description(description)
                .content(
                    "application/json",
                    ContentBuilder::new()
                        .schema(Some(Ref::from_schema_name("ErrorBody")))
                        .build(),
                )
                .build()
                .into()
        });
}

impl Modify for CommonErrors {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        for item in openapi.paths.paths.values_mut() {
            let ops = [
                &mut item.get,
                &mut item.put,
                &mut item.post,
                &mut item.delete,
                &mut item.patch,
            ];
            for op in ops.into_iter().flatten() {
                add_error(op, "400", BAD_REQUEST);
                if op.request_body.is_some() {
                    add_error(op, "413", TOO_LARGE);
                }
            }
        }
    }
}

/// The document, served as JSON.
pub async fn document() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
