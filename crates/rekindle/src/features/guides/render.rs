//! A guide's Markdown as HTML, safely: pulldown-cmark with no extensions, raw HTML shown
//! as text, images reduced to their words, and links kept only when they stay inside
//! Rekindle (a path starting with one `/`). The same pass collects the plain text the
//! search index holds and every link, so a test can walk them.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd, html};

/// One guide, rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub html: String,
    /// The words, without marks (for the index and its snippets).
    pub text: String,
    /// Every link target, in order (kept or not).
    pub links: Vec<String>,
}

/// Whether a link target stays inside the app (not `//elsewhere`, no scheme).
pub fn is_internal(target: &str) -> bool {
    target.starts_with('/') && !target.starts_with("//")
}

pub fn render(markdown: &str) -> Rendered {
    let mut links = Vec::new();
    let mut dropped_links = Vec::new();
    let mut events = Vec::new();
    for event in Parser::new_ext(markdown, Options::empty()) {
        match event {
            Event::Html(raw) | Event::InlineHtml(raw) => events.push(Event::Text(raw)),
            Event::Start(Tag::HtmlBlock) | Event::End(TagEnd::HtmlBlock) => {}
            Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => {}
            Event::Start(Tag::Link { ref dest_url, .. }) => {
                links.push(dest_url.to_string());
                let keep = is_internal(dest_url);
                dropped_links.push(!keep);
                if keep {
                    events.push(event);
                }
            }
            Event::End(TagEnd::Link) => {
                if !dropped_links.pop().unwrap_or(false) {
                    events.push(event);
                }
            }
            other => events.push(other),
        }
    }
    let mut text = String::new();
    for event in &events {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak
            | Event::HardBreak
            | Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item) => text.push(' '),
            _ => {}
        }
    }
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut html_out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut html_out, events.into_iter());
    Rendered {
        html: html_out,
        text,
        links,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_is_shown_as_text_never_run() {
        let r = render("Hello <script>alert(1)</script> there\n\n<div onclick=\"x\">block</div>\n");
        assert!(!r.html.contains("<script"), "{}", r.html);
        assert!(!r.html.contains("<div"), "{}", r.html);
        assert!(r.html.contains("&lt;script&gt;"), "{}", r.html);
    }

    #[test]
    fn only_links_inside_the_app_stay_links() {
        let r = render(
            "[in](/listen) [out](https://example.com) [js](javascript:alert(1)) [proto](//evil.test) ![pic](/x.png)",
        );
        assert!(r.html.contains("<a href=\"/listen\">in</a>"), "{}", r.html);
        assert!(!r.html.contains("example.com"), "{}", r.html);
        assert!(!r.html.contains("javascript"), "{}", r.html);
        assert!(!r.html.contains("evil.test"), "{}", r.html);
        assert!(!r.html.contains("<img"), "{}", r.html);
        assert!(r.html.contains("out") && r.html.contains("pic"));
        assert_eq!(
            r.links,
            [
                "/listen",
                "https://example.com",
                "javascript:alert(1)",
                "//evil.test"
            ]
        );
    }

    #[test]
    fn the_plain_text_has_no_marks() {
        let r = render("## A heading\n\nSome *soft* words and a [link](/notes).\n\n- one\n- two\n");
        assert_eq!(r.text, "A heading Some soft words and a link. one two");
        assert!(r.html.contains("<h2>A heading</h2>"));
    }
}
