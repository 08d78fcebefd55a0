//! Rules for the things a person types when they sign up or change their account:
//! e-mail, password, display name. Each check returns a short, kind message meant to be
//! shown next to the field; none of them reveal anything about other accounts.

use crate::content::common_passwords::is_common;

/// Shortest password accepted (PRIVACY.md: at least 8, no composition rules).
pub const PASSWORD_MIN_CHARS: usize = 8;
/// Longest password accepted; long passphrases are welcome, but hashing a megabyte is not.
pub const PASSWORD_MAX_CHARS: usize = 1024;
/// Longest display name.
pub const DISPLAY_NAME_MAX_CHARS: usize = 60;
/// Longest e-mail address (RFC 5321 path limit).
pub const EMAIL_MAX_CHARS: usize = 254;

/// Normalises an e-mail address for storage and lookup: trimmed and lower-cased.
/// Returns a message when it cannot be an address.
pub fn normalize_email(raw: &str) -> Result<String, &'static str> {
    let email = raw.trim().to_lowercase();
    if email.is_empty() {
        return Err("Please enter your e-mail address.");
    }
    if email.chars().count() > EMAIL_MAX_CHARS {
        return Err("That e-mail address is too long.");
    }
    let Some((local, domain)) = email.rsplit_once('@') else {
        return Err("That doesn't look like an e-mail address.");
    };
    let plausible = !local.is_empty()
        && !domain.is_empty()
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !email.chars().any(|c| c.is_whitespace() || c.is_control());
    if plausible {
        Ok(email)
    } else {
        Err("That doesn't look like an e-mail address.")
    }
}

/// Checks a new password against the rules. `email` is refused as a password too.
pub fn check_new_password(password: &str, email: &str) -> Result<(), &'static str> {
    let chars = password.chars().count();
    if chars < PASSWORD_MIN_CHARS {
        return Err("Please use at least 8 characters. A few words together work well.");
    }
    if chars > PASSWORD_MAX_CHARS {
        return Err("That password is longer than we can take (1024 characters at most).");
    }
    if is_common(password) || password.trim().eq_ignore_ascii_case(email.trim()) {
        return Err(
            "That password is one of the first that people guess. Try a few words only you would put together.",
        );
    }
    Ok(())
}

/// Trims a display name and checks it. Control characters are refused so names render
/// the same everywhere.
pub fn normalize_display_name(raw: &str) -> Result<String, &'static str> {
    let name = raw.trim();
    if name.is_empty() {
        return Err("What would you like to be called?");
    }
    if name.chars().count() > DISPLAY_NAME_MAX_CHARS {
        return Err("Please keep your name to 60 characters.");
    }
    if name.chars().any(char::is_control) {
        return Err("Please use letters, numbers and ordinary punctuation.");
    }
    Ok(name.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_trimmed_and_lowercased() {
        assert_eq!(
            normalize_email("  Sam@Example.ORG ").unwrap(),
            "sam@example.org"
        );
        for bad in ["", "sam", "@x", "sam@", "sa m@x.org", "sam@.x", "a@b\u{7}c"] {
            assert!(normalize_email(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn passwords_follow_the_rules() {
        assert!(check_new_password("short", "a@b.c").is_err());
        assert!(check_new_password("password123", "a@b.c").is_err());
        assert!(check_new_password("sam@example.org", "sam@example.org").is_err());
        assert!(check_new_password("tea by the river at dusk", "a@b.c").is_ok());
        assert!(check_new_password(&"x".repeat(200), "a@b.c").is_ok());
        assert!(check_new_password(&"x".repeat(2000), "a@b.c").is_err());
        // Eight characters of any kind are enough: no composition rules.
        assert!(check_new_password("ébène☕☕x", "a@b.c").is_ok());
    }

    #[test]
    fn display_names_are_checked() {
        assert_eq!(normalize_display_name("  Alex ").unwrap(), "Alex");
        assert!(normalize_display_name("   ").is_err());
        assert!(normalize_display_name("a\u{0007}b").is_err());
        assert!(normalize_display_name(&"n".repeat(61)).is_err());
    }
}
