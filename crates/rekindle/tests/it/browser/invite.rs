//! Pairing by the SHORT code on two phones (issue 8, points 9 and 13): the invite
//! page's waiting state, the warning before a new link replaces the old, one's own code
//! named kindly, and the welcome page for the partner who joins — screenshots and
//! axe-core in light and dark.

use fantoccini::Locator;
use rekindle::config::Config;

use super::harness::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_partners_pair_by_typing_the_short_code_on_their_phones() {
    let Some(mut driver) = start_driver() else {
        return;
    };
    let script = axe_script();
    let (base, _db) = start_server(Config::default()).await;
    let mut failures = Vec::new();
    for dark in [false, true] {
        let n = if dark { "dark" } else { "light" };
        let sam = browser(&mut driver, Device::Phone, dark).await;
        let alex = browser(&mut driver, Device::Phone, dark).await;

        // Sam makes an invite and reads the short code out.
        sam.goto(&format!("{base}/register")).await.unwrap();
        sign_up(&sam, "Sam", &format!("sam-{n}@example.org")).await;
        expect_text(&sam, "main h1", "Hello, Sam").await;
        click(&sam, "main a[href='/couple/invite']").await;
        click(&sam, "form[action='/couple/invite'] button").await;
        let short = sam
            .wait()
            .for_element(Locator::Css("#invite-short-code"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert_eq!(short.len(), 12, "grouped: {short}");
        shot(&sam, &format!("invite-short-code-phone-{n}")).await;
        check(
            &sam,
            script.as_ref(),
            &format!("{n} invite made"),
            &mut failures,
        )
        .await;

        // Coming back later: the page is waiting, and says until when.
        sam.goto(&format!("{base}/couple/invite")).await.unwrap();
        expect_text(&sam, "main", "Waiting for your partner to join").await;
        expect_text(&sam, "main", "works until").await;
        shot(&sam, &format!("invite-waiting-phone-{n}")).await;
        check(
            &sam,
            script.as_ref(),
            &format!("{n} invite waiting"),
            &mut failures,
        )
        .await;

        // Asking for a new link warns first; Sam keeps the one sent.
        click(&sam, "form[action='/couple/invite'] button").await;
        expect_text(&sam, "main", "will stop working").await;
        shot(&sam, &format!("invite-replace-warning-phone-{n}")).await;
        check(
            &sam,
            script.as_ref(),
            &format!("{n} invite warning"),
            &mut failures,
        )
        .await;
        click(&sam, "main a[href='/couple/invite']").await;
        expect_text(&sam, "main", "Waiting for your partner to join").await;

        // Typing one's own code says so, kindly.
        fill(&sam, "#invite_code", &short).await;
        click(&sam, "form[action='/join'] button").await;
        expect_text(&sam, "main .alert", "your own invite").await;
        shot(&sam, &format!("invite-own-code-phone-{n}")).await;
        check(
            &sam,
            script.as_ref(),
            &format!("{n} own code"),
            &mut failures,
        )
        .await;

        // Alex signs up on their own phone and types the code as heard: lower case,
        // with spaces.
        alex.goto(&format!("{base}/register")).await.unwrap();
        sign_up(&alex, "Alex", &format!("alex-{n}@example.org")).await;
        expect_text(&alex, "main h1", "Hello, Alex").await;
        click(&alex, "main a[href='/couple/invite']").await;
        let typed = short.to_lowercase().replace('-', " ");
        fill(&alex, "#invite_code", &typed).await;
        click(&alex, "form[action='/join'] button").await;
        expect_text(&alex, "main h1", "You're connected with Sam").await;
        shot(&alex, &format!("welcome-connected-phone-{n}")).await;
        check(
            &alex,
            script.as_ref(),
            &format!("{n} welcome"),
            &mut failures,
        )
        .await;
        click(&alex, "main a[href='/checkin']").await;
        expect_text(&alex, "main h1", "How are you today?").await;

        // Sam's invite page now shows them together.
        sam.goto(&format!("{base}/couple/invite")).await.unwrap();
        expect_text(&sam, "main h1", "You two are together here").await;
        for c in [sam, alex] {
            c.close().await.unwrap();
        }
    }
    assert!(failures.is_empty(), "axe found:\n{}", failures.join("\n"));
}
