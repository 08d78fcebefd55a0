//! Helplines the operator lists on the safety page (`--helplines` /
//! `REKINDLE_HELPLINES`): `Name|contact` entries separated by `;`, where a contact is a
//! phone number (made a `tel:` link), an `https://` address (a link) or plain words.
//! With none configured the page points to finding local help instead of guessing a
//! country.

/// One helpline as the safety page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Helpline {
    pub name: String,
    /// As the operator wrote it, for reading.
    pub contact: String,
    /// A `tel:` or `https:` link, when the contact is one.
    pub href: Option<String>,
}

/// Parses the operator's list; an entry without a name or contact is an error, so a
/// typo shows at start-up rather than as a blank line on a page people need.
pub fn parse(raw: &str) -> Result<Vec<Helpline>, String> {
    raw.split(';')
        .map(str::trim)
        .filter(|e| !e.is_empty())
        .map(|entry| {
            let (name, contact) = entry
                .split_once('|')
                .map(|(n, c)| (n.trim(), c.trim()))
                .filter(|(n, c)| !n.is_empty() && !c.is_empty())
                .ok_or_else(|| format!("helpline {entry:?}: write it as Name|contact"))?;
            Ok(Helpline {
                name: name.to_owned(),
                contact: contact.to_owned(),
                href: href_for(contact),
            })
        })
        .collect()
}

fn href_for(contact: &str) -> Option<String> {
    if contact.starts_with("https://") && !contact.contains(char::is_whitespace) {
        return url::Url::parse(contact).ok().map(String::from);
    }
    let digits: String = contact
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect();
    let phone_like = contact
        .chars()
        .all(|c| c.is_ascii_digit() || " +-().".contains(c));
    (phone_like && digits.len() >= 3).then(|| format!("tel:{digits}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_become_links_where_they_can() {
        let list = parse(
            "Helpline A|0808 2000 247; Chat B|https://example.org/chat ;Text C|text HOME to 85258",
        )
        .unwrap();
        assert_eq!(list.len(), 3);
        assert_eq!(list[0].href.as_deref(), Some("tel:08082000247"));
        assert_eq!(list[1].href.as_deref(), Some("https://example.org/chat"));
        assert_eq!(list[2].href, None);
        assert_eq!(list[2].contact, "text HOME to 85258");
        assert!(parse("").unwrap().is_empty());
    }

    #[test]
    fn malformed_entries_are_refused() {
        for bad in ["no contact", "|123", "Name|", "javascript|"] {
            assert!(parse(bad).is_err(), "{bad}");
        }
        // Not https: kept as words, never a link.
        assert_eq!(parse("X|javascript:alert(1)").unwrap()[0].href, None);
        assert_eq!(parse("X|http://plain.example").unwrap()[0].href, None);
    }
}
