//! Random ids, tokens and their hashes. Tokens (sessions, API, invites, calendar feeds)
//! are 256 random bits shown once; only their SHA-256 is stored, so a copied database
//! cannot be used to sign in.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest as _, Sha256};

fn random_bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    // The OS random source failing is not something a request can recover from.
    getrandom::fill(&mut bytes).expect("the operating system's random source failed");
    bytes
}

/// A fresh opaque id (128 random bits, URL-safe).
pub fn new_id() -> String {
    URL_SAFE_NO_PAD.encode(random_bytes::<16>())
}

/// A secret random number (a surprise note's hidden moment is chosen with it).
pub fn random_u64() -> u64 {
    u64::from_le_bytes(random_bytes::<8>())
}

/// A fresh secret token (256 random bits, URL-safe, 43 characters).
pub fn new_token() -> String {
    URL_SAFE_NO_PAD.encode(random_bytes::<32>())
}

/// The stored form of a token.
pub fn hash_token(token: &str) -> String {
    let digest = Sha256::digest(token.as_bytes());
    let mut hex = String::with_capacity(64);
    for byte in digest {
        hex.push_str(&format!("{byte:02x}"));
    }
    hex
}

/// Whether text could be one of our tokens; cheap to check before touching the database.
pub fn looks_like_token(text: &str) -> bool {
    (20..=64).contains(&text.len())
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The short invite code's alphabet: Crockford-style, without 0, O, 1, I, L and U, so
/// nothing is mistaken when read aloud or typed from a screen (30 symbols).
pub const SHORT_CODE_ALPHABET: &[u8; 30] = b"23456789ABCDEFGHJKMNPQRSTVWXYZ";
/// Symbols in a short invite code: 30^10 ≈ 5.9 × 10^14, about 49 bits.
pub const SHORT_CODE_LEN: usize = 10;

/// A fresh short invite code, ungrouped ("K7QM4RXP29").
pub fn new_short_code() -> String {
    random_code(SHORT_CODE_LEN)
}

/// `len` symbols of [`SHORT_CODE_ALPHABET`], each equally likely.
pub fn random_code(len: usize) -> String {
    let mut code = String::with_capacity(len);
    while code.len() < len {
        for byte in random_bytes::<16>() {
            // 240 = 8 × 30: rejecting the rest keeps every symbol equally likely.
            if byte < 240 && code.len() < len {
                code.push(char::from(SHORT_CODE_ALPHABET[usize::from(byte % 30)]));
            }
        }
    }
    code
}

/// A short code as typed — any case, with spaces or dashes — in its plain form, or
/// `None` when it cannot be one.
pub fn normalize_short_code(typed: &str) -> Option<String> {
    let plain: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    (plain.len() == SHORT_CODE_LEN && plain.bytes().all(|b| SHORT_CODE_ALPHABET.contains(&b)))
        .then_some(plain)
}

/// A short code grouped for reading: "K7QM-4RXP-29".
pub fn group_short_code(code: &str) -> String {
    let mut out = String::with_capacity(code.len() + 2);
    for (i, c) in code.chars().enumerate() {
        if i == 4 || i == 8 {
            out.push('-');
        }
        out.push(c);
    }
    out
}

/// Random bytes for a password salt.
pub fn salt_bytes() -> [u8; 16] {
    random_bytes::<16>()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_unique_and_hashable() {
        let a = new_token();
        let b = new_token();
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
        assert!(looks_like_token(&a));
        assert_eq!(hash_token(&a).len(), 64);
        assert_ne!(hash_token(&a), hash_token(&b));
        assert!(!looks_like_token("short"));
        assert!(!looks_like_token("has spaces in it and is long enough"));
    }

    #[test]
    fn short_codes_read_well_and_forgive_how_they_are_typed() {
        let code = new_short_code();
        assert_eq!(code.len(), SHORT_CODE_LEN);
        assert!(code.bytes().all(|b| SHORT_CODE_ALPHABET.contains(&b)));
        assert_ne!(code, new_short_code());
        let grouped = group_short_code(&code);
        assert_eq!(grouped.len(), 12);
        assert_eq!(
            normalize_short_code(&grouped).as_deref(),
            Some(code.as_str())
        );
        let typed = format!(" {} {} ", code[..3].to_lowercase(), &code[3..]);
        assert_eq!(normalize_short_code(&typed).as_deref(), Some(code.as_str()));
        for bad in [
            "K7QM-4RXP-2",
            "K7QM-4RXP-290",
            "K7QM-4RXP-2O",
            "K7QM-4RXP-2I",
            "",
        ] {
            assert_eq!(normalize_short_code(bad), None, "{bad}");
        }
        // Every symbol turns up (the alphabet is used evenly, not just partly).
        let many: String = (0..200).map(|_| new_short_code()).collect();
        assert!(
            SHORT_CODE_ALPHABET
                .iter()
                .all(|b| many.as_bytes().contains(b))
        );
    }
}
