//! The demo in a browser: `rekindle demo`'s couple, ninety days in, signs in on a phone
//! and a desktop; every main page shows their history and passes axe.

use rekindle::config::Config;

use super::harness::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_couple_signs_in_and_sees_ninety_days() {
    let Some(mut driver) = start_driver() else {
        return;
    };
    let (base, _path, db) = start_server_with_db(Config::default()).await;
    let logins = rekindle::demo::fill(&db, 90).await.unwrap();
    let script = axe_script();
    let mut failures = Vec::new();
    let sign_in = |client: fantoccini::Client, who: usize| {
        let (name, email, password) = logins.people[who].clone();
        let base = base.clone();
        async move {
            client.goto(&format!("{base}/login")).await.unwrap();
            fill(&client, "#email", &email).await;
            fill(&client, "#password", &password).await;
            click(&client, "form[action='/login'] button").await;
            expect_text(&client, "main h1", &format!("{name} & ")).await;
            client
        }
    };
    let maya = sign_in(browser(&mut driver, Device::Phone, false).await, 0).await;
    shot(&maya, "demo-home-phone").await;
    check(&maya, script.as_ref(), "demo home", &mut failures).await;
    for (path, heading, seen) in [
        ("/dates", "Dates", "Sunday pancakes"),
        ("/journal", "Your journal", "We laughed properly tonight"),
        ("/notes", "Love notes", "Home by six"),
        ("/love-map", "Love map", "About you"),
        ("/state-of-us", "State of Us", "Sunday"),
        ("/touch", "Touch", "days in a row"),
    ] {
        maya.goto(&format!("{base}{path}")).await.unwrap();
        expect_text(&maya, "main h1", heading).await;
        expect_text(&maya, "main", seen).await;
        let name = format!("demo{}-phone", path.replace('/', "-"));
        shot(&maya, &name).await;
        check(&maya, script.as_ref(), &name, &mut failures).await;
    }
    let tom = sign_in(browser(&mut driver, Device::Desktop, true).await, 1).await;
    shot(&tom, "demo-home-desktop-dark").await;
    check(&tom, script.as_ref(), "demo home (dark)", &mut failures).await;
    for c in [maya, tom] {
        c.close().await.unwrap();
    }
    assert!(failures.is_empty(), "{failures:#?}");
}
