//! The application shell: the WHOLE route table in one place, the layers every response
//! passes through, and `serve`. The route table is data, so the same list builds the
//! router and drives the authorization-matrix test. The state handlers share lives in
//! `state.rs`, below the handlers, so nothing points back up at this shell.

use std::collections::BTreeMap;
use std::net::SocketAddr;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::Method;
use axum::routing::{MethodFilter, MethodRouter};
use tokio::net::TcpListener;

pub use crate::state::AppState;
use crate::{api, web};

pub use crate::input::BODY_LIMIT_BYTES;

/// Who may call a route. Anyone else gets 401 (API), the sign-in page (web), or —
/// when they are signed in but it is not theirs — 404.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone, signed in or not.
    Public,
    /// A signed-in person.
    Person,
    /// A signed-in person who is in a couple.
    CoupleMember,
    /// A signed-in person, about a resource in the path that must be their own.
    Owner,
    /// A signed-in person in a couple, about a resource (in the path or form) that must
    /// belong to their couple — both partners may, anyone else gets 404.
    CoupleResource,
}

/// One row of the route table.
pub struct Route {
    pub method: Method,
    pub path: &'static str,
    pub access: Access,
    pub handler: fn() -> MethodRouter<AppState>,
}

impl Route {
    /// JSON API routes answer errors as JSON and take bearer tokens.
    pub fn is_api(&self) -> bool {
        self.path.starts_with("/api/")
    }
}

macro_rules! route {
    ($method:ident $path:literal, $access:ident, $handler:path) => {
        Route {
            method: Method::$method,
            path: $path,
            access: Access::$access,
            handler: || axum::routing::on(MethodFilter::$method, $handler),
        }
    };
}

/// Every route of the application.
pub fn routes() -> Vec<Route> {
    vec![
        // Operations.
        route!(GET "/healthz", Public, web::health::healthz),
        route!(GET "/static/{file}", Public, web::assets::serve),
        // Installing on a phone: the manifest, the service worker (from the root, so its
        // scope is the whole site) and the one page it keeps for offline use.
        route!(GET "/manifest.webmanifest", Public, web::assets::manifest),
        route!(GET "/sw.js", Public, web::assets::service_worker),
        route!(GET "/offline", Public, web::offline::show),
        route!(GET "/api/openapi.json", Public, api::openapi::document),
        // API: accounts.
        route!(POST "/api/v1/auth/register", Public, api::accounts::register),
        route!(POST "/api/v1/auth/login", Public, api::accounts::login),
        route!(POST "/api/v1/auth/logout", Person, api::accounts::logout),
        route!(GET "/api/v1/me", Person, api::me::show),
        route!(PATCH "/api/v1/me", Person, api::me::update),
        route!(PUT "/api/v1/me/password", Person, api::me::change_password),
        route!(GET "/api/v1/me/sessions", Person, api::me::sessions),
        route!(DELETE "/api/v1/me/sessions/{id}", Owner, api::me::end_session),
        route!(GET "/api/v1/me/before", Person, api::archive::before),
        route!(DELETE "/api/v1/me", Person, api::me::delete),
        route!(GET "/api/v1/me/export", Person, api::export::export),
        route!(GET "/api/v1/me/private-writing", Person, api::keyring::show),
        route!(POST "/api/v1/me/private-writing/recovery-code", Person, api::keyring::new_recovery_code),
        route!(POST "/api/v1/me/private-writing/unlock", Person, api::keyring::unlock),
        route!(POST "/api/v1/me/private-writing/start-afresh", Person, api::keyring::start_afresh),
        // API: couples.
        route!(POST "/api/v1/couple", Person, api::couples::create),
        route!(POST "/api/v1/couple/join", Person, api::couples::join),
        route!(GET "/api/v1/couple", CoupleMember, api::couples::show),
        route!(POST "/api/v1/couple/leave", CoupleMember, api::couples::leave),
        // API: check-ins and the dashboard.
        route!(PUT "/api/v1/checkins/{day}", Person, api::checkins::put),
        route!(GET "/api/v1/checkins", Person, api::checkins::list),
        route!(GET "/api/v1/dashboard", Person, api::dashboard::show),
        // API: talk.
        route!(POST "/api/v1/coach", Person, api::coach::analyse_text),
        route!(POST "/api/v1/fair-split", Person, api::fair_split::split),
        route!(GET "/api/v1/compromise", CoupleMember, api::compromise::list),
        route!(POST "/api/v1/compromise", CoupleMember, api::compromise::create),
        route!(GET "/api/v1/compromise/{id}", CoupleResource, api::compromise::show),
        route!(PUT "/api/v1/compromise/{id}/stance", CoupleResource, api::compromise::stance),
        route!(POST "/api/v1/compromise/{id}/options", CoupleResource, api::compromise::add_option),
        route!(PUT "/api/v1/compromise/{id}/ratings", CoupleResource, api::compromise::rate),
        route!(PUT "/api/v1/compromise/{id}/choice", CoupleResource, api::compromise::choose),
        route!(PUT "/api/v1/compromise/{id}/look-back", CoupleResource, api::compromise::look_back),
        route!(GET "/api/v1/fair-splits", CoupleMember, api::fair_split::list),
        route!(POST "/api/v1/fair-splits", CoupleMember, api::fair_split::create),
        route!(GET "/api/v1/fair-splits/{id}", CoupleResource, api::fair_split::show),
        route!(PUT "/api/v1/fair-splits/{id}/items", CoupleResource, api::fair_split::set_items),
        route!(PUT "/api/v1/fair-splits/{id}/points", CoupleResource, api::fair_split::give_points),
        route!(POST "/api/v1/fair-splits/{id}/rota", CoupleResource, api::fair_split::start_rota),
        route!(DELETE "/api/v1/fair-splits/{id}/rota", CoupleResource, api::fair_split::stop_rota),
        route!(GET "/api/v1/prompts/today", CoupleMember, api::questions::today),
        route!(PUT "/api/v1/prompts/{id}/answer", CoupleResource, api::questions::answer),
        route!(POST "/api/v1/prompts/{id}/replies", CoupleResource, api::questions::reply),
        route!(PUT "/api/v1/prompts/{id}/heart", CoupleResource, api::questions::heart),
        route!(DELETE "/api/v1/prompts/{id}/heart", CoupleResource, api::questions::unheart),
        route!(GET "/api/v1/prompts/history", CoupleMember, api::questions::history),
        route!(GET "/api/v1/love-map", CoupleMember, api::love_map::overview),
        route!(POST "/api/v1/love-map/rounds", CoupleMember, api::love_map::start),
        route!(GET "/api/v1/love-map/rounds/{id}", CoupleResource, api::love_map::show),
        route!(PUT "/api/v1/love-map/rounds/{id}/entries", CoupleResource, api::love_map::save_entries),
        route!(PUT "/api/v1/love-map/rounds/{id}/marks", CoupleResource, api::love_map::mark),
        route!(GET "/api/v1/listening", CoupleMember, api::listening::overview),
        route!(POST "/api/v1/listening", CoupleMember, api::listening::start),
        route!(GET "/api/v1/listening/{id}", CoupleResource, api::listening::show),
        route!(POST "/api/v1/listening/{id}/moves", CoupleResource, api::listening::make_move),
        route!(POST "/api/v1/listening/{id}/end", CoupleResource, api::listening::end),
        route!(PUT "/api/v1/listening/{id}/rating", CoupleResource, api::listening::rate),
        route!(PUT "/api/v1/listening/{id}/note", CoupleResource, api::listening::note),
        // API: the weekly State of Us.
        route!(GET "/api/v1/state-of-us", CoupleMember, api::state_of_us::current),
        route!(POST "/api/v1/state-of-us/notes", CoupleMember, api::state_of_us::add_note),
        route!(POST "/api/v1/state-of-us/done", CoupleMember, api::state_of_us::done),
        route!(DELETE "/api/v1/state-of-us/done", CoupleMember, api::state_of_us::undo),
        route!(PUT "/api/v1/state-of-us/notes/{id}", Owner, api::state_of_us::edit_note),
        route!(DELETE "/api/v1/state-of-us/notes/{id}", Owner, api::state_of_us::withdraw_note),
        route!(GET "/api/v1/state-of-us/past", CoupleMember, api::state_of_us::past),
        route!(PUT "/api/v1/couple/meeting-day", CoupleMember, api::state_of_us::set_day),
        // API: dates, traditions and calendars.
        route!(GET "/api/v1/dates", CoupleMember, api::dates::overview),
        route!(POST "/api/v1/dates", CoupleMember, api::dates::plans::plan),
        route!(GET "/api/v1/dates/ideas", CoupleMember, api::dates::ideas::list),
        route!(POST "/api/v1/dates/ideas", CoupleMember, api::dates::ideas::add),
        route!(GET "/api/v1/dates/ideas/{id}", CoupleResource, api::dates::ideas::show),
        route!(PUT "/api/v1/dates/ideas/{id}", CoupleResource, api::dates::ideas::update),
        route!(DELETE "/api/v1/dates/ideas/{id}", CoupleResource, api::dates::ideas::remove),
        route!(PUT "/api/v1/dates/ideas/{id}/vote", CoupleResource, api::dates::ideas::vote),
        route!(GET "/api/v1/dates/matches", CoupleMember, api::dates::ideas::matches),
        route!(GET "/api/v1/dates/memories", CoupleMember, api::dates::plans::timeline),
        route!(GET "/api/v1/dates/traditions", CoupleMember, api::dates::traditions::list),
        route!(POST "/api/v1/dates/traditions", CoupleMember, api::dates::traditions::add),
        route!(PUT "/api/v1/dates/traditions/{id}", CoupleResource, api::dates::traditions::update),
        route!(DELETE "/api/v1/dates/traditions/{id}", CoupleResource, api::dates::traditions::remove),
        route!(POST "/api/v1/dates/traditions/{id}/done", CoupleResource, api::dates::traditions::done),
        route!(GET "/api/v1/dates/{id}", CoupleResource, api::dates::plans::show),
        route!(PUT "/api/v1/dates/{id}", CoupleResource, api::dates::plans::change),
        route!(POST "/api/v1/dates/{id}/cancel", CoupleResource, api::dates::plans::cancel),
        route!(PUT "/api/v1/dates/{id}/rating", CoupleResource, api::dates::plans::rate),
        route!(PUT "/api/v1/dates/{id}/memory", CoupleResource, api::dates::plans::remember),
        route!(GET "/api/v1/dates/{id}/calendar.ics", CoupleResource, api::dates::calendar::one),
        route!(GET "/api/v1/calendar.ics", CoupleMember, api::dates::calendar::couple),
        route!(POST "/api/v1/calendar/feed", Person, api::dates::calendar::new_feed),
        route!(DELETE "/api/v1/calendar/feed", Person, api::dates::calendar::revoke_feed),
        // API: touch, notes and gestures; notifications and reminders.
        route!(POST "/api/v1/notes", CoupleMember, api::notes::send),
        route!(GET "/api/v1/notes/inbox", CoupleMember, api::notes::inbox),
        route!(GET "/api/v1/notes/sent", CoupleMember, api::notes::sent),
        route!(DELETE "/api/v1/notes/{id}", Owner, api::notes::cancel),
        route!(PUT "/api/v1/notes/{id}/heart", Owner, api::notes::heart),
        route!(DELETE "/api/v1/notes/{id}/heart", Owner, api::notes::unheart),
        route!(PUT "/api/v1/notes/{id}/favourite", Owner, api::notes::favourite),
        route!(DELETE "/api/v1/notes/{id}/favourite", Owner, api::notes::unfavourite),
        route!(GET "/api/v1/affection", CoupleMember, api::affection::show),
        route!(POST "/api/v1/affection", CoupleMember, api::affection::record),
        route!(DELETE "/api/v1/affection/today/{kind}", CoupleMember, api::affection::take_back),
        route!(POST "/api/v1/affection/wishes", CoupleMember, api::affection::add_wish),
        route!(PUT "/api/v1/affection/wishes/{id}", Owner, api::affection::update_wish),
        route!(DELETE "/api/v1/affection/wishes/{id}", Owner, api::affection::remove_wish),
        route!(GET "/api/v1/gestures", CoupleMember, api::gestures::library),
        route!(POST "/api/v1/gestures/loves", CoupleMember, api::gestures::add_love),
        route!(DELETE "/api/v1/gestures/loves/{id}", Owner, api::gestures::remove_love),
        // API: reports for a therapist.
        route!(POST "/api/v1/reports", CoupleMember, api::reports::create),
        route!(GET "/api/v1/reports", CoupleMember, api::reports::list),
        route!(GET "/api/v1/reports/{id}", CoupleResource, api::reports::show),
        route!(DELETE "/api/v1/reports/{id}", CoupleResource, api::reports::remove),
        route!(POST "/api/v1/reports/{id}/redactions", CoupleResource, api::reports::redact),
        route!(POST "/api/v1/reports/{id}/approval", CoupleResource, api::reports::approve),
        route!(GET "/api/v1/reports/{id}/document", CoupleResource, api::reports::document),
        // API: the private journal and shared excerpts.
        route!(POST "/api/v1/journal", Person, api::journal::write),
        route!(GET "/api/v1/journal", Person, api::journal::list),
        route!(GET "/api/v1/journal/prompts", Person, api::journal::prompts),
        route!(GET "/api/v1/journal/shared", CoupleMember, api::journal::shared),
        route!(DELETE "/api/v1/journal/shared/{id}", Owner, api::journal::unshare),
        route!(GET "/api/v1/journal/{id}", Owner, api::journal::one),
        route!(PUT "/api/v1/journal/{id}", Owner, api::journal::edit),
        route!(DELETE "/api/v1/journal/{id}", Owner, api::journal::delete),
        route!(POST "/api/v1/journal/{id}/share", Owner, api::journal::share),
        route!(GET "/api/v1/mutual", CoupleMember, api::mutual::list),
        route!(GET "/api/v1/mutual/matches", CoupleMember, api::mutual::matches),
        route!(PUT "/api/v1/mutual/settings", CoupleMember, api::mutual::choose),
        route!(PUT "/api/v1/mutual/{id}", CoupleMember, api::mutual::answer),
        route!(GET "/api/v1/guides", Public, api::guides::search),
        route!(GET "/api/v1/guides/{slug}", Public, api::guides::one),
        route!(GET "/api/v1/notifications", Person, api::notifications::list),
        route!(POST "/api/v1/notifications/read", Person, api::notifications::mark_read),
        route!(GET "/api/v1/me/reminders", Person, api::notifications::reminders),
        route!(PUT "/api/v1/me/reminders", Person, api::notifications::set_reminders),
        // Pages.
        route!(GET "/", Public, web::dashboard::show),
        route!(GET "/safety", Public, web::safety::show),
        route!(POST "/quick-exit", Public, web::safety::quick_exit),
        route!(GET "/checkin", Person, web::checkins::show),
        route!(POST "/checkin", Person, web::checkins::save),
        route!(GET "/coach", Person, web::coach::page),
        route!(POST "/coach", Person, web::coach::check),
        route!(POST "/coach/hint", Person, web::coach::hint),
        route!(GET "/guides", Public, web::guides::index),
        route!(GET "/guides/tags/{tag}", Public, web::guides::tag),
        route!(GET "/guides/{slug}", Public, web::guides::one),
        route!(POST "/question/answer", CoupleResource, web::questions::answer),
        route!(POST "/question/reply", CoupleResource, web::questions::reply),
        route!(POST "/question/heart", CoupleResource, web::questions::heart),
        route!(GET "/questions", CoupleMember, web::questions::history),
        route!(GET "/love-map", CoupleMember, web::love_map::show),
        route!(POST "/love-map/rounds", CoupleMember, web::love_map::start),
        route!(GET "/love-map/rounds/{id}", CoupleResource, web::love_map::round),
        route!(POST "/love-map/rounds/{id}/entries", CoupleResource, web::love_map::save_entries),
        route!(POST "/love-map/rounds/{id}/marks", CoupleResource, web::love_map::mark),
        route!(GET "/listen", CoupleMember, web::listening::show),
        route!(POST "/listen", CoupleMember, web::listening::start),
        route!(GET "/listen/{id}", CoupleResource, web::listening::session),
        route!(GET "/listen/{id}/live", CoupleResource, web::listening::live),
        route!(POST "/listen/{id}/moves", CoupleResource, web::listening::make_move),
        route!(POST "/listen/{id}/end", CoupleResource, web::listening::end),
        route!(POST "/listen/{id}/rating", CoupleResource, web::listening::rate),
        route!(POST "/listen/{id}/note", CoupleResource, web::listening::note),
        route!(GET "/state-of-us", CoupleMember, web::state_of_us::show),
        route!(POST "/state-of-us/notes", CoupleMember, web::state_of_us::add_note),
        route!(POST "/state-of-us/done", CoupleMember, web::state_of_us::done),
        route!(POST "/state-of-us/undo", CoupleMember, web::state_of_us::undo),
        route!(POST "/state-of-us/notes/{id}/edit", Owner, web::state_of_us::edit_note),
        route!(POST "/state-of-us/notes/{id}/delete", Owner, web::state_of_us::withdraw_note),
        route!(POST "/state-of-us/day", CoupleMember, web::state_of_us::set_day),
        route!(GET "/state-of-us/past", CoupleMember, web::state_of_us::past),
        route!(GET "/dates", CoupleMember, web::dates::show),
        route!(POST "/dates", CoupleMember, web::dates::plans::create),
        route!(GET "/dates/plan", CoupleMember, web::dates::plans::new),
        route!(GET "/dates/ideas", CoupleMember, web::dates::ideas::list),
        route!(POST "/dates/ideas", CoupleMember, web::dates::ideas::add),
        route!(GET "/dates/ideas/{id}", CoupleResource, web::dates::ideas::show),
        route!(POST "/dates/ideas/{id}", CoupleResource, web::dates::ideas::update),
        route!(POST "/dates/ideas/{id}/delete", CoupleResource, web::dates::ideas::remove),
        route!(POST "/dates/ideas/{id}/vote", CoupleResource, web::dates::ideas::vote),
        route!(GET "/dates/memories", CoupleMember, web::dates::plans::timeline),
        route!(GET "/dates/traditions", CoupleMember, web::dates::traditions::show),
        route!(POST "/dates/traditions", CoupleMember, web::dates::traditions::add),
        route!(POST "/dates/traditions/{id}", CoupleResource, web::dates::traditions::update),
        route!(POST "/dates/traditions/{id}/done", CoupleResource, web::dates::traditions::done),
        route!(POST "/dates/traditions/{id}/delete", CoupleResource, web::dates::traditions::remove),
        route!(GET "/dates/{id}", CoupleResource, web::dates::plans::show),
        route!(POST "/dates/{id}", CoupleResource, web::dates::plans::change),
        route!(POST "/dates/{id}/cancel", CoupleResource, web::dates::plans::cancel),
        route!(POST "/dates/{id}/rating", CoupleResource, web::dates::plans::rate),
        route!(POST "/dates/{id}/memory", CoupleResource, web::dates::plans::remember),
        route!(GET "/dates/{id}/calendar.ics", CoupleResource, web::dates::calendar::one),
        route!(GET "/calendar/{file}", Public, web::dates::calendar::feed),
        route!(GET "/compromise", CoupleMember, web::compromise::show),
        route!(POST "/compromise", CoupleMember, web::compromise::create),
        route!(GET "/compromise/{id}", CoupleResource, web::compromise::one),
        route!(POST "/compromise/{id}/stance", CoupleResource, web::compromise::stance),
        route!(POST "/compromise/{id}/options", CoupleResource, web::compromise::add_option),
        route!(POST "/compromise/{id}/ratings", CoupleResource, web::compromise::rate),
        route!(POST "/compromise/{id}/choice", CoupleResource, web::compromise::choose),
        route!(POST "/compromise/{id}/look-back", CoupleResource, web::compromise::look_back),
        route!(POST "/safety/afraid", Person, web::safety::set_afraid),
        route!(GET "/touch", CoupleMember, web::affection::show),
        route!(POST "/touch/moments", CoupleMember, web::affection::tap),
        route!(POST "/touch/wishes", CoupleMember, web::affection::add_wish),
        route!(POST "/touch/wishes/{id}", Owner, web::affection::update_wish),
        route!(POST "/touch/wishes/{id}/delete", Owner, web::affection::remove_wish),
        route!(GET "/mutual", CoupleMember, web::mutual::show),
        route!(POST "/mutual/settings", CoupleMember, web::mutual::choose),
        route!(POST "/mutual/{id}", CoupleMember, web::mutual::answer),
        route!(GET "/notes", CoupleMember, web::notes::show),
        route!(POST "/notes", CoupleMember, web::notes::send),
        route!(POST "/notes/{id}/cancel", Owner, web::notes::cancel),
        route!(POST "/notes/{id}/mark", Owner, web::notes::mark),
        route!(GET "/gestures", CoupleMember, web::gestures::show),
        route!(POST "/gestures/loves", CoupleMember, web::gestures::add_love),
        route!(POST "/gestures/loves/{id}/delete", Owner, web::gestures::remove_love),
        // Pages: reports for a therapist.
        route!(GET "/reports", CoupleMember, web::reports::list),
        route!(POST "/reports", CoupleMember, web::reports::create),
        route!(GET "/reports/{id}", CoupleResource, web::reports::show),
        route!(POST "/reports/{id}/redact", CoupleResource, web::reports::redact),
        route!(POST "/reports/{id}/approve", CoupleResource, web::reports::approve),
        route!(GET "/reports/{id}/download", CoupleResource, web::reports::download),
        route!(POST "/reports/{id}/delete", CoupleResource, web::reports::remove),
        // Pages: the private journal and shared excerpts.
        route!(GET "/journal", Person, web::journal::show),
        route!(POST "/journal", Person, web::journal::write),
        route!(GET "/journal/new", Person, web::journal::new),
        route!(GET "/journal/shared", CoupleMember, web::journal::shared),
        route!(POST "/journal/shared/{id}/delete", Owner, web::journal::unshare),
        route!(GET "/journal/{id}", Owner, web::journal::one),
        route!(POST "/journal/{id}", Owner, web::journal::edit),
        route!(POST "/journal/{id}/delete", Owner, web::journal::delete),
        route!(GET "/journal/{id}/share", Owner, web::journal::share_form),
        route!(POST "/journal/{id}/share", Owner, web::journal::share),
        route!(GET "/notifications", Person, web::notifications::show),
        route!(POST "/notifications/read", Person, web::notifications::mark_read),
        route!(POST "/settings/reminders", Person, web::notifications::save),
        route!(GET "/fair-split", CoupleMember, web::fair_split::show),
        route!(POST "/fair-split", CoupleMember, web::fair_split::create),
        route!(GET "/fair-split/{id}", CoupleResource, web::fair_split::one),
        route!(POST "/fair-split/{id}/items", CoupleResource, web::fair_split::set_items),
        route!(POST "/fair-split/{id}/points", CoupleResource, web::fair_split::give_points),
        route!(POST "/fair-split/{id}/rota", CoupleResource, web::fair_split::start_rota),
        route!(POST "/fair-split/{id}/rota/stop", CoupleResource, web::fair_split::stop_rota),
        route!(GET "/register", Public, web::accounts::register_form),
        route!(POST "/register", Public, web::accounts::register),
        route!(GET "/login", Public, web::accounts::login_form),
        route!(POST "/login", Public, web::accounts::login),
        route!(POST "/logout", Person, web::accounts::logout),
        route!(GET "/couple/invite", Person, web::couples::invite_page),
        route!(POST "/couple/invite", Person, web::couples::make_invite),
        route!(GET "/join/{code}", Public, web::couples::join_page),
        route!(POST "/join", Person, web::couples::join),
        route!(GET "/welcome", CoupleMember, web::couples::welcome),
        route!(GET "/settings", Person, web::settings::show),
        route!(POST "/settings/profile", Person, web::settings::update_profile),
        route!(POST "/settings/password", Person, web::settings::change_password),
        route!(GET "/settings/export.html", Person, web::export::html),
        route!(POST "/settings/delete", Person, web::settings::delete_account),
        route!(GET "/settings/export.json", Person, web::export::json),
        route!(POST "/settings/private-writing/recovery-code", Person, web::keyring::new_recovery_code),
        route!(POST "/settings/private-writing/unlock", Person, web::keyring::unlock),
        route!(POST "/settings/private-writing/start-afresh", Person, web::keyring::start_afresh),
        route!(POST "/settings/sessions/{id}/end", Owner, web::settings::end_session),
        route!(POST "/settings/leave", CoupleMember, web::settings::leave_couple),
        route!(POST "/settings/calendar-feed", Person, web::dates::calendar::new_feed),
        route!(POST "/settings/calendar-feed/revoke", Person, web::dates::calendar::revoke_feed),
        route!(GET "/left", Person, web::archive::left),
        route!(GET "/before", Person, web::archive::show),
        route!(GET "/before/download", Person, web::archive::download),
    ]
}

/// Builds the router from the route table, with the layers every response gets.
pub fn router(state: AppState) -> Router {
    let mut api_paths: BTreeMap<&str, MethodRouter<AppState>> = BTreeMap::new();
    let mut web_paths: BTreeMap<&str, MethodRouter<AppState>> = BTreeMap::new();
    for route in routes() {
        let paths = if route.is_api() {
            &mut api_paths
        } else {
            &mut web_paths
        };
        let handler = (route.handler)();
        let merged = match paths.remove(route.path) {
            Some(existing) => existing.merge(handler),
            None => handler,
        };
        paths.insert(route.path, merged);
    }
    let api = api_paths
        .into_iter()
        .fold(Router::new(), |r, (path, mr)| {
            let inner = path.strip_prefix("/api").unwrap_or(path);
            r.route(inner, mr.fallback(api::json::method_not_allowed))
        })
        .fallback(api::json::not_found);
    let pages = web_paths
        .into_iter()
        .fold(Router::new(), |r, (path, mr)| {
            r.route(path, mr.fallback(web::errors::method_not_allowed))
        })
        .route_layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::auth::origin::require_same_origin,
        ));
    Router::new()
        .nest("/api", api)
        .merge(pages)
        .fallback(web::errors::not_found)
        .layer(axum::middleware::from_fn(crate::input::check_input))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            web::errors::with_configured_quick_exit,
        ))
        .layer(axum::middleware::from_fn(web::headers::secure_headers))
        // The cap itself is enforced by `input::check_input` (inside the headers layer,
        // so a 413 carries them); this keeps extractors to the same limit.
        .layer(DefaultBodyLimit::max(BODY_LIMIT_BYTES))
        .with_state(state)
}

/// Serves until `shutdown` resolves, then finishes in-flight requests.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let started = std::time::Instant::now();
    let guides = crate::features::guides::library().guide_count();
    tracing::info!(guides, ms = started.elapsed().as_millis(), "guides indexed");
    let app = router(state);
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
}
