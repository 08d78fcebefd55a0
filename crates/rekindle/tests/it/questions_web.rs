//! The question of the day on the pages: answering (sealed, then revealed), replies and
//! hearts, and answers kept as they were once both are in.

use axum::http::{Method, StatusCode};
use serde_json::json;

use super::questions::CANARY;
use crate::helpers::{PASSWORD, TestApp};
use crate::on_both;

async fn answering_on_the_web(app: TestApp) {
    let p = crate::helpers::pair(&app).await;
    let sam_cookie = app
        .page(
            Method::POST,
            "/login",
            None,
            &[("email", "sam@example.org"), ("password", PASSWORD)],
        )
        .await
        .session_cookie()
        .unwrap();
    let home = app
        .page(Method::GET, "/", Some(&sam_cookie), &[])
        .await
        .text();
    assert!(home.contains("Today's question"));
    let start =
        home.find("name=\"prompt_id\" value=\"").unwrap() + "name=\"prompt_id\" value=\"".len();
    let id = home[start..].split('"').next().unwrap().to_owned();
    let empty = app
        .page(
            Method::POST,
            "/question/answer",
            Some(&sam_cookie),
            &[("prompt_id", &id), ("body", " ")],
        )
        .await;
    assert_eq!(
        empty.header("location"),
        Some("/?notice=answer_empty#question")
    );
    let ok = app
        .page(
            Method::POST,
            "/question/answer",
            Some(&sam_cookie),
            &[("prompt_id", &id), ("body", CANARY)],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    assert_eq!(
        ok.header("location"),
        Some("/#question"),
        "nothing to add to a gentle answer"
    );
    assert!(
        app.page(Method::GET, "/", Some(&sam_cookie), &[])
            .await
            .text()
            .contains(CANARY)
    );
    let alex_home = app
        .page(Method::GET, "/", Some(&p.alex_cookie), &[])
        .await
        .text();
    assert!(!alex_home.contains(CANARY));
    assert!(alex_home.contains("Sam's answer appears here once you've both answered."));
    // A harsh answer is saved all the same; the coach's thought follows it.
    let harsh = app
        .page(
            Method::POST,
            "/question/answer",
            Some(&sam_cookie),
            &[
                ("prompt_id", &id),
                ("body", "You never ask me anything like this"),
            ],
        )
        .await;
    assert_eq!(harsh.header("location"), Some("/?notice=coached#question"));
    let after = app
        .page(Method::GET, "/?notice=coached", Some(&sam_cookie), &[])
        .await
        .text();
    assert!(after.contains("A thought for next time"));
    assert!(
        after.contains("You never ask me anything like this"),
        "saved all the same"
    );
}
on_both!(answering_on_the_web);

async fn replying_and_hearts_on_the_web(app: TestApp) {
    let p = crate::helpers::pair(&app).await;
    let id = app
        .api(Method::GET, "/api/v1/prompts/today", Some(&p.sam), None)
        .await
        .json()["prompt"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    for (token, body) in [(&p.sam, "A."), (&p.alex, "B.")] {
        app.api(
            Method::PUT,
            &format!("/api/v1/prompts/{id}/answer"),
            Some(token),
            Some(json!({"body": body})),
        )
        .await;
    }
    let heart = app
        .page(
            Method::POST,
            "/question/heart",
            Some(&p.alex_cookie),
            &[("prompt_id", &id), ("on", "yes")],
        )
        .await;
    assert_eq!(heart.status, StatusCode::SEE_OTHER);
    let reply = app
        .page(
            Method::POST,
            "/question/reply",
            Some(&p.alex_cookie),
            &[("prompt_id", &id), ("body", "Thank you for that answer.")],
        )
        .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    let home = app
        .page(Method::GET, "/", Some(&p.alex_cookie), &[])
        .await
        .text();
    assert!(home.contains("Thank you for that answer.") && home.contains("You sent a heart"));
}
on_both!(replying_and_hearts_on_the_web);

async fn a_revealed_answer_stays_as_it_was(app: TestApp) {
    let p = crate::helpers::pair(&app).await;
    let today = app
        .api(Method::GET, "/api/v1/prompts/today", Some(&p.sam), None)
        .await
        .json();
    let id = today["prompt"]["id"].as_str().unwrap().to_owned();
    let path = format!("/api/v1/prompts/{id}/answer");
    let put = |token: String, body: &'static str| {
        let path = path.clone();
        let app = &app;
        async move {
            app.api(
                Method::PUT,
                &path,
                Some(&token),
                Some(json!({"body": body})),
            )
            .await
        }
    };
    // Before the reveal an answer can change, and the edit box starts with it.
    put(p.sam.clone(), "first thoughts").await;
    put(p.sam.clone(), "second thoughts & <more>").await;
    let home = app
        .page(Method::GET, "/", Some(&p.sam_cookie), &[])
        .await
        .text();
    assert!(
        home.contains("&#60;more&#62;</textarea>"),
        "the edit box starts with the current answer: {}",
        home.split("answer-body").nth(2).unwrap_or("")
    );
    assert!(
        home.contains("Sealed until you&#39;ve both answered")
            || home.contains("Sealed until you've both answered")
    );

    // After both answered, a change is refused and nothing moves under the partner.
    assert_eq!(put(p.alex.clone(), "mine").await.status, StatusCode::OK);
    let late = put(p.sam.clone(), "a quiet rewrite").await;
    assert_eq!(late.status, StatusCode::CONFLICT, "{}", late.text());
    assert_eq!(late.json()["error"]["code"], "answer_revealed");
    let alex_view = app
        .api(Method::GET, "/api/v1/prompts/today", Some(&p.alex), None)
        .await
        .json();
    assert_eq!(alex_view["partner_answer"], "second thoughts & <more>");
    // The web form is gone after the reveal, and so is the "sealed" line.
    let home = app
        .page(Method::GET, "/", Some(&p.sam_cookie), &[])
        .await
        .text();
    assert!(!home.contains("action=\"/question/answer\""));
    assert!(!home.contains("Sealed until"));
    assert!(home.contains("answers stay just as they were"));
    let web = app
        .page(
            Method::POST,
            "/question/answer",
            Some(&p.sam_cookie),
            &[("prompt_id", &id), ("body", "a quiet rewrite")],
        )
        .await;
    assert_eq!(web.status, StatusCode::CONFLICT);
    let alex_view = app
        .api(Method::GET, "/api/v1/prompts/today", Some(&p.alex), None)
        .await
        .json();
    assert_eq!(alex_view["partner_answer"], "second thoughts & <more>");
}
on_both!(a_revealed_answer_stays_as_it_was);
