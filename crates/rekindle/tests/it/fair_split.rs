//! The fair split: `rekindle fair-split` and `POST /api/v1/fair-split` answer exactly as
//! CONTRACT.md shows, refuse every broken rule (exit 2 with one line; a 422), and agree
//! with each other on a thousand random sheets.

use std::io::Write as _;
use std::process::{Command, Stdio};

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use crate::helpers::{TestApp, pair};
use crate::on_both;

/// Runs the CLI with `stdin`: (exit code, stdout, stderr).
fn cli(args: &[&str], stdin: &[u8]) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_rekindle"))
        .arg("fair-split")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn contract_sheet() -> Value {
    json!({"mode": "goods", "partners": ["Sam", "Alex"],
           "items": [{"name": "Home", "points": [45, 30]}, {"name": "Car", "points": [30, 20]},
                     {"name": "Piano", "points": [25, 50]}]})
}

fn contract_answer() -> Value {
    json!({"method": "adjusted-winner", "mode": "goods", "partners": ["Sam", "Alex"],
           "items": [{"name": "Home", "shares": ["2/3", "1/3"]}, {"name": "Car", "shares": ["1", "0"]},
                     {"name": "Piano", "shares": ["0", "1"]}],
           "points": ["60", "60"], "split_item": "Home"})
}

/// Sheets that break each rule of CONTRACT.md, with a word the one line must contain.
fn broken_sheets() -> Vec<(String, &'static str)> {
    let items = |list: Value| {
        json!({"mode": "chores", "partners": ["Sam", "Alex"], "items": list}).to_string()
    };
    let many: Vec<Value> = (0..201)
        .map(|i| json!({"name": format!("chore {i}"), "points": [0, 0]}))
        .collect();
    vec![
        (
            items(json!([{"name": "Dishes", "points": [60, 40]}])),
            "add up to 60, not 100",
        ),
        (
            items(
                json!([{"name": "Dishes", "points": [110, 100]}, {"name": "Bins", "points": [-10, 0]}]),
            ),
            "0 to 100",
        ),
        (
            items(
                json!([{"name": "Dishes", "points": [50, 50]}, {"name": "Dishes", "points": [50, 50]}]),
            ),
            "appears twice",
        ),
        (items(json!([])), "items is empty"),
        (items(Value::Array(many)), "at most 200 items"),
        (
            items(json!([{"name": "", "points": [100, 100]}])),
            "needs a name",
        ),
        (
            items(json!([{"name": "Dishes", "points": [100]}])),
            "exactly two points",
        ),
        (
            items(json!([{"name": "Dishes", "points": [99.5, 100]}])),
            "not a fair-split sheet",
        ),
        (
            json!({"mode": "money", "partners": ["Sam", "Alex"], "items": []}).to_string(),
            "mode must be",
        ),
        (
            json!({"mode": "goods", "partners": ["Sam", "Sam"], "items": []}).to_string(),
            "different names",
        ),
        (
            json!({"mode": "goods", "partners": ["Sam"], "items": []}).to_string(),
            "exactly two people",
        ),
        ("{\"mode\": ".to_owned(), "not a fair-split sheet"),
        ("".to_owned(), "not a fair-split sheet"),
    ]
}

#[test]
fn the_cli_answers_the_contract_example_and_bob_and_carol_exactly() {
    let (code, out, err) = cli(&[], contract_sheet().to_string().as_bytes());
    assert_eq!((code, err.as_str()), (0, ""));
    assert_eq!(
        serde_json::from_str::<Value>(&out).unwrap(),
        contract_answer()
    );
    // Brams & Taylor, The Win-Win Solution (1999): Carol and Bob.
    let file = std::env::temp_dir().join(format!("rk-split-{}.json", rekindle::secret::new_id()));
    std::fs::write(
        &file,
        json!({"mode": "goods", "partners": ["Carol", "Bob"], "items": [
            {"name": "Retirement account", "points": [50, 40]}, {"name": "Home", "points": [20, 30]},
            {"name": "Summer cottage", "points": [15, 10]}, {"name": "Investments", "points": [10, 10]},
            {"name": "Other", "points": [5, 10]}]})
        .to_string(),
    )
    .unwrap();
    let (code, out, _) = cli(&[file.to_str().unwrap()], b"");
    std::fs::remove_file(&file).ok();
    assert_eq!(code, 0);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["items"][0]["shares"], json!(["5/6", "1/6"]));
    assert_eq!(
        v["items"][3]["shares"],
        json!(["0", "1"]),
        "the tied investments go to Bob"
    );
    assert_eq!(v["points"], json!(["170/3", "170/3"]));
    assert_eq!(v["split_item"], "Retirement account");
}

#[test]
fn the_cli_refuses_every_broken_rule_with_exit_2_and_one_line() {
    for (sheet, says) in broken_sheets() {
        let (code, out, err) = cli(&["-"], sheet.as_bytes());
        assert_eq!(code, 2, "{sheet}: {err}");
        assert!(out.is_empty());
        assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
        assert!(err.contains(says), "{sheet}: {err}");
    }
    let (code, _, err) = cli(&["/no/such/sheet.json"], b"");
    assert_eq!(code, 2);
    assert!(err.contains("cannot read /no/such/sheet.json"), "{err}");
    let (code, _, _) = cli(&[], &[0xff, 0xfe, b'{']);
    assert_eq!(code, 2, "not UTF-8");
}

async fn the_api_answers_as_the_cli_and_refuses_the_same(app: TestApp) {
    let p = pair(&app).await;
    let res = app
        .api(
            Method::POST,
            "/api/v1/fair-split",
            Some(&p.sam),
            Some(contract_sheet()),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.json(), contract_answer());
    for (sheet, says) in broken_sheets() {
        let res = app
            .send(
                axum::http::Request::builder()
                    .method(Method::POST)
                    .uri("/api/v1/fair-split")
                    .header("host", crate::helpers::HOST)
                    .header("authorization", format!("Bearer {}", p.sam))
                    .header("content-type", "application/json")
                    .body(axum::body::Body::from(sheet.clone()))
                    .unwrap(),
            )
            .await;
        assert!(res.status.is_client_error(), "{sheet}: {}", res.status);
        if res.status == StatusCode::UNPROCESSABLE_ENTITY && !says.starts_with("not a") {
            assert!(res.text().contains(says), "{sheet}: {}", res.text());
        }
    }
    let anonymous = app
        .api(
            Method::POST,
            "/api/v1/fair-split",
            None,
            Some(contract_sheet()),
        )
        .await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
}
on_both!(the_api_answers_as_the_cli_and_refuses_the_same);

/// A small deterministic generator (the same thousand sheets on every run).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % below
    }

    /// `n` whole numbers summing to 100.
    fn hundred(&mut self, n: usize) -> Vec<i64> {
        let mut cuts: Vec<u64> = (0..n.saturating_sub(1)).map(|_| self.next(101)).collect();
        cuts.sort_unstable();
        let mut out = Vec::with_capacity(n);
        let mut last = 0;
        for c in cuts {
            out.push(i64::try_from(c - last).unwrap());
            last = c;
        }
        out.push(i64::try_from(100 - last).unwrap());
        out
    }

    fn sheet(&mut self) -> Value {
        let n = 1 + usize::try_from(self.next(12)).unwrap();
        let (a, mut b) = (self.hundred(n), self.hundred(n));
        // One sheet in ten breaks a rule.
        if self.next(10) == 0 {
            b[0] += 1;
        }
        let items: Vec<Value> = (0..n)
            .map(|i| json!({"name": format!("item {i}"), "points": [a[i], b[i]]}))
            .collect();
        let mode = if self.next(2) == 0 { "goods" } else { "chores" };
        json!({"mode": mode, "partners": ["Sam", "Alex"], "items": items})
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_random_sheets_get_the_same_answer_from_the_cli_and_the_api() {
    let app = TestApp::sqlite().await;
    let p = pair(&app).await;
    let mut rng = Lcg(0x5eed_f00d);
    let (mut valid, mut refused) = (0, 0);
    for _ in 0..1000 {
        let sheet = rng.sheet();
        let (code, out, _) = cli(&[], sheet.to_string().as_bytes());
        let res = app
            .api(
                Method::POST,
                "/api/v1/fair-split",
                Some(&p.sam),
                Some(sheet.clone()),
            )
            .await;
        if code == 0 {
            valid += 1;
            assert_eq!(res.status, StatusCode::OK, "{sheet}");
            let answer = res.json();
            assert_eq!(
                serde_json::from_str::<Value>(&out).unwrap(),
                answer,
                "{sheet}"
            );
            // Equal, and at least (goods) or at most (chores) half.
            assert_eq!(answer["points"][0], answer["points"][1], "{sheet}");
        } else {
            refused += 1;
            assert_eq!(code, 2);
            assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{sheet}");
        }
    }
    assert!(
        valid > 800 && refused > 50,
        "{valid} valid, {refused} refused"
    );
}

/// Everything Alex can read of a split and the list of splits.
async fn alex_split_view(
    app: &TestApp,
    p: &crate::helpers::Pair,
    id: &str,
) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for path in [
        "/api/v1/fair-splits".to_owned(),
        format!("/api/v1/fair-splits/{id}"),
    ] {
        out.push((
            path.clone(),
            app.api(Method::GET, &path, Some(&p.alex), None).await.body,
        ));
    }
    for path in [
        "/fair-split".to_owned(),
        format!("/fair-split/{id}"),
        "/".to_owned(),
    ] {
        out.push((
            path.clone(),
            app.page(Method::GET, &path, Some(&p.alex_cookie), &[])
                .await
                .body,
        ));
    }
    out
}

async fn points_stay_sealed_until_both_are_in_then_the_division_shows(app: TestApp) {
    let p = pair(&app).await;
    let res = app
        .api(
            Method::POST,
            "/api/v1/fair-splits",
            Some(&p.sam),
            Some(
                json!({"title": "Weekly chores", "mode": "chores", "items": ["Dishes", "Laundry"]}),
            ),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text());
    let id = res.json()["id"].as_str().unwrap().to_owned();
    let points = |who: String, pts: Value| {
        let app = &app;
        let path = format!("/api/v1/fair-splits/{id}/points");
        async move {
            app.api(
                Method::PUT,
                &path,
                Some(&who),
                Some(json!({ "points": pts })),
            )
            .await
        }
    };
    // Refused, nothing saved: not 100, wrong count, out of range.
    for bad in [json!([60, 30]), json!([100]), json!([120, -20])] {
        let res = points(p.sam.clone(), bad.clone()).await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM fair_split_points").await, 0);
    // Sam's points change nothing Alex can read, byte for byte.
    let before = alex_split_view(&app, &p, &id).await;
    let mine = points(p.sam.clone(), json!([70, 30])).await;
    assert_eq!(mine.json()["my_points"], json!([70, 30]));
    assert_eq!(mine.json()["revealed"], false);
    let after = alex_split_view(&app, &p, &id).await;
    for ((path, a), (_, b)) in before.iter().zip(&after) {
        assert!(a == b, "{path}: Alex's view changed when Sam gave points");
    }
    // Alex's points open both, and the division is Adjusted Winner's.
    let both = points(p.alex.clone(), json!([20, 80])).await.json();
    assert_eq!(both["revealed"], true);
    let d = &both["division"];
    assert_eq!(d["partners"], json!(["Sam", "Alex"]));
    assert_eq!(d["rows"][0]["shares"], json!(["0", "1"]));
    assert_eq!(d["rows"][1]["shares"], json!(["10/11", "1/11"]));
    assert_eq!(d["points"], json!(["300/11", "300/11"]));
    assert_eq!(d["split_item"], "Laundry");
    assert_eq!(d["rows"][0]["words"], "Dishes: Alex does it");
    assert_eq!(
        d["rows"][1]["words"],
        "Laundry: Sam 91% of the time, Alex 9%"
    );
    assert!(
        d["why"]
            .as_str()
            .unwrap()
            .contains("27.27 of your own 100 points")
    );
    // The same sheet through the contract's endpoint gives the same shares.
    let sheet = app
        .api(
            Method::POST,
            "/api/v1/fair-split",
            Some(&p.sam),
            Some(
                json!({"mode": "chores", "partners": ["Sam", "Alex"], "items": [
                {"name": "Dishes", "points": [70, 20]}, {"name": "Laundry", "points": [30, 80]}]}),
            ),
        )
        .await
        .json();
    assert_eq!(sheet["points"], d["points"]);
    // Now fixed: no more points, no list change.
    assert_eq!(
        points(p.sam.clone(), json!([50, 50])).await.status,
        StatusCode::CONFLICT
    );
    let page = app
        .page(
            Method::GET,
            &format!("/fair-split/{id}"),
            Some(&p.alex_cookie),
            &[],
        )
        .await
        .text();
    assert!(page.contains("Laundry: Sam 91% of the time, Alex 9%"));
    assert!(page.contains("Only Laundry is shared."));

    // A weekly rota: over eleven weeks Sam does the laundry ten times.
    let rota = app
        .api(
            Method::POST,
            &format!("/api/v1/fair-splits/{id}/rota"),
            Some(&p.alex),
            None,
        )
        .await
        .json();
    let weeks = rota["rota"].as_array().unwrap();
    assert_eq!(weeks.len(), 4);
    for w in weeks {
        assert_eq!(w["chores"][0], json!({"chore": "Dishes", "who": "Alex"}));
    }
    let mut sam_turns = 0;
    let start = app.clock.now_ms();
    for week in 0..11 {
        app.clock.set(start + week * 7 * 24 * 3_600_000);
        let r = app
            .api(
                Method::GET,
                &format!("/api/v1/fair-splits/{id}"),
                Some(&p.sam),
                None,
            )
            .await
            .json();
        if r["rota"][0]["chores"][1]["who"] == "Sam" {
            sam_turns += 1;
        }
    }
    assert_eq!(sam_turns, 10, "10 of 11 weeks");
}
on_both!(points_stay_sealed_until_both_are_in_then_the_division_shows);

async fn changing_the_list_clears_the_points_and_other_couples_see_nothing(app: TestApp) {
    let p = pair(&app).await;
    let created = app
        .page(
            Method::POST,
            "/fair-split",
            Some(&p.sam_cookie),
            &[
                ("title", "Things from the flat"),
                ("mode", "goods"),
                ("items", "Sofa\nLamp\n\nRecord player"),
            ],
        )
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER);
    let path = created.header("location").unwrap().to_owned();
    let id = path.trim_start_matches("/fair-split/").to_owned();
    let api = format!("/api/v1/fair-splits/{id}");
    let split = app.api(Method::GET, &api, Some(&p.alex), None).await.json();
    assert_eq!(split["items"], json!(["Sofa", "Lamp", "Record player"]));
    app.api(
        Method::PUT,
        &format!("{api}/points"),
        Some(&p.sam),
        Some(json!({"points": [50, 10, 40]})),
    )
    .await;
    // Alex changes the list: Sam's points no longer fit and are gone.
    let changed = app
        .page(
            Method::POST,
            &format!("{path}/items"),
            Some(&p.alex_cookie),
            &[("items", "Sofa\nLamp")],
        )
        .await;
    assert_eq!(changed.status, StatusCode::SEE_OTHER);
    let split = app.api(Method::GET, &api, Some(&p.sam), None).await.json();
    assert_eq!(split["my_points"], Value::Null);
    assert_eq!(app.count("SELECT COUNT(*) FROM fair_split_points").await, 0);
    // Duplicates and an empty list are refused with what to fix; nothing changes.
    for items in ["Sofa\nsofa", "\n  \n"] {
        let res = app
            .page(
                Method::POST,
                &format!("{path}/items"),
                Some(&p.alex_cookie),
                &[("items", items)],
            )
            .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{items:?}");
    }
    // Points on the page: the form keeps what was typed when the total is off.
    let res = app
        .page(
            Method::POST,
            &format!("{path}/points"),
            Some(&p.sam_cookie),
            &[("p0", "70"), ("p1", "20")],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.text()
            .contains("Your points add up to 90; spread exactly 100.")
    );
    assert!(res.html().contains(r#"value="70""#));
    // Another couple: not found.
    let (_, stranger) = app.register("stranger@example.org", "Stranger").await;
    app.api(Method::POST, "/api/v1/couple", Some(&stranger), None)
        .await;
    assert_eq!(
        app.api(Method::GET, &api, Some(&stranger), None)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let res = app
        .api(
            Method::PUT,
            &format!("{api}/points"),
            Some(&stranger),
            Some(json!({"points": [50, 50]})),
        )
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
}
on_both!(changing_the_list_clears_the_points_and_other_couples_see_nothing);

async fn leaving_keeps_the_split_you_wrote(app: TestApp) {
    let p = pair(&app).await;
    for (token, title) in [(&p.sam, "sam-split-chores"), (&p.alex, "alex-split-things")] {
        app.api(
            Method::POST,
            "/api/v1/fair-splits",
            Some(token),
            Some(json!({"title": title, "mode": "chores", "items": ["Bins", "Hoovering"]})),
        )
        .await;
    }
    app.api(Method::POST, "/api/v1/couple/leave", Some(&p.sam), None)
        .await;
    let before = app
        .api(Method::GET, "/api/v1/me/before", Some(&p.sam), None)
        .await
        .text();
    assert!(
        before.contains("sam-split-chores") && before.contains("Bins, Hoovering"),
        "{before}"
    );
    assert!(!before.contains("alex-split"), "{before}");
}
on_both!(leaving_keeps_the_split_you_wrote);
