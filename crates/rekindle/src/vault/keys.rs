//! Wrapping a data key: key-encryption keys from a password (Argon2id, derived on the
//! bounded password threads), from a recovery code, and from a session's token.
//! Wrapped keys are sealed texts bound to the person and to what wrapped them.

use sha2::{Digest as _, Sha256};
use zeroize::Zeroizing;

use super::{DataKey, Unreadable, open_bytes, seal_bytes};

/// What wrapped a data key (bound into the wrap, so one cannot stand in for another).
#[derive(Debug, Clone, Copy)]
pub enum Purpose<'a> {
    Password,
    Recovery,
    /// One live session, by its id.
    Session(&'a str),
}

impl Purpose<'_> {
    fn associated_data(&self, user_id: &str) -> Vec<u8> {
        let what = match self {
            Self::Password => "password".to_owned(),
            Self::Recovery => "recovery".to_owned(),
            Self::Session(id) => format!("session:{id}"),
        };
        let mut ad = Vec::with_capacity(64);
        for part in ["rekindle data key", user_id, what.as_str()] {
            ad.extend_from_slice(&(part.len() as u64).to_be_bytes());
            ad.extend_from_slice(part.as_bytes());
        }
        ad
    }
}

/// A key-encryption key. Wiped when dropped.
pub struct Kek(Zeroizing<[u8; 32]>);

/// SHA-256 over a domain word and the parts, each length-prefixed.
fn derive(domain: &str, parts: &[&[u8]]) -> Zeroizing<[u8; 32]> {
    let mut hash = Sha256::new();
    for part in std::iter::once(domain.as_bytes()).chain(parts.iter().copied()) {
        hash.update((part.len() as u64).to_be_bytes());
        hash.update(part);
    }
    Zeroizing::new(hash.finalize().into())
}

impl Kek {
    /// The key a session's token gives. The server stores the token's plain SHA-256
    /// (`secret::hash_token`); this one is under its own domain word, so that stored
    /// hash does not give it.
    pub fn of_session(token: &str) -> Self {
        Self(derive("rekindle session key v1", &[token.as_bytes()]))
    }

    /// The key a recovery code gives (the code is already 137 random bits, so a plain
    /// hash is as strong as stretching it; the salt keeps equal codes apart).
    pub fn of_recovery(code: &super::recovery::RecoveryCode, salt: &[u8]) -> Self {
        Self(derive(
            "rekindle recovery key v1",
            &[salt, code.plain().as_bytes()],
        ))
    }

    /// The key Argon2id derived from a password (see `auth::password`).
    pub fn from_password_hash(bytes: Zeroizing<[u8; 32]>) -> Self {
        Self(bytes)
    }

    /// Wraps `key` for `user_id`, bound to `purpose`.
    pub fn wrap(&self, key: &DataKey, user_id: &str, purpose: Purpose<'_>) -> String {
        seal_bytes(&self.0, &purpose.associated_data(user_id), key.bytes())
    }

    /// Unwraps what [`Kek::wrap`] wrapped with this key for this person and purpose.
    pub fn unwrap(
        &self,
        wrapped: &str,
        user_id: &str,
        purpose: Purpose<'_>,
    ) -> Result<DataKey, Unreadable> {
        let bytes = open_bytes(&self.0, &purpose.associated_data(user_id), wrapped)?;
        DataKey::from_bytes(&bytes).ok_or(Unreadable::Malformed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wrapped_key_opens_only_for_its_person_purpose_and_secret() {
        let key = DataKey::generate();
        let kek = Kek::of_session("token-one");
        let wrapped = kek.wrap(&key, "sam", Purpose::Session("s1"));
        let back = kek.unwrap(&wrapped, "sam", Purpose::Session("s1")).unwrap();
        assert_eq!(back.bytes(), key.bytes());
        assert!(
            kek.unwrap(&wrapped, "alex", Purpose::Session("s1"))
                .is_err()
        );
        assert!(kek.unwrap(&wrapped, "sam", Purpose::Session("s2")).is_err());
        assert!(kek.unwrap(&wrapped, "sam", Purpose::Password).is_err());
        assert!(
            Kek::of_session("token-two")
                .unwrap(&wrapped, "sam", Purpose::Session("s1"))
                .is_err()
        );
    }

    #[test]
    fn the_session_key_is_not_the_stored_token_hash() {
        let token = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
        let stored = crate::secret::hash_token(token);
        let kek = Kek::of_session(token);
        let hex: String = kek.0.iter().map(|b| format!("{b:02x}")).collect();
        assert_ne!(hex, stored);
    }
}
