//! Encryption at rest for private prose (PRIVACY.md, promise 3).
//!
//! Each person has a random 256-bit [`DataKey`]. Their journal entries and other
//! private prose are sealed with it (XChaCha20-Poly1305, a fresh 192-bit nonce each
//! time, the row's table, id and owner bound as associated data, so a sealed text
//! moved to another row or person no longer opens). At rest the data key exists only
//! wrapped (`keys.rs`): by a key from the person's password (Argon2id), by their
//! recovery code, and by a secret that lives only in each live session's token.

mod keys;
pub mod recovery;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chacha20poly1305::aead::{Aead as _, KeyInit as _, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use zeroize::Zeroizing;

pub use keys::{Kek, Purpose};

/// The version mark at the start of every sealed text.
const SEALED_PREFIX: &str = "v1.";
const NONCE_LEN: usize = 24;

/// Why a sealed text could not be opened. Neither says anything about the contents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Unreadable {
    /// Not something we sealed (cut short, or not our format).
    #[error("not a sealed text")]
    Malformed,
    /// The key is not the one it was sealed with, or the text was changed or moved to
    /// another row or person.
    #[error("the sealed text does not open with this key here")]
    WrongKeyOrChanged,
}

/// A person's data key. Cloning copies it; every copy is wiped when dropped.
#[derive(Clone)]
pub struct DataKey(Zeroizing<[u8; 32]>);

impl std::fmt::Debug for DataKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DataKey(…)")
    }
}

/// Where a sealed text lives: its table, row id and owner, bound into the seal.
#[derive(Debug, Clone, Copy)]
pub struct Place<'a> {
    pub table: &'static str,
    pub id: &'a str,
    pub owner: &'a str,
}

impl Place<'_> {
    fn associated_data(&self) -> Vec<u8> {
        // Lengths first, so no two places can ever give the same bytes.
        let mut ad = Vec::with_capacity(64);
        for part in [self.table, self.id, self.owner] {
            ad.extend_from_slice(&(part.len() as u64).to_be_bytes());
            ad.extend_from_slice(part.as_bytes());
        }
        ad
    }
}

fn cipher(key: &[u8; 32]) -> XChaCha20Poly1305 {
    XChaCha20Poly1305::new(key.into())
}

fn random<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).expect("the operating system's random source failed");
    bytes
}

/// Seals `plain` under `key` with associated data `ad`: "v1." and the nonce and
/// ciphertext in URL-safe base64.
fn seal_bytes(key: &[u8; 32], ad: &[u8], plain: &[u8]) -> String {
    let nonce = random::<NONCE_LEN>();
    let sealed = cipher(key)
        .encrypt(
            XNonce::from_slice(&nonce),
            Payload {
                msg: plain,
                aad: ad,
            },
        )
        // Encryption only fails for inputs over 256 GiB.
        .expect("XChaCha20-Poly1305 encryption of a bounded text");
    let mut all = Vec::with_capacity(NONCE_LEN + sealed.len());
    all.extend_from_slice(&nonce);
    all.extend_from_slice(&sealed);
    format!("{SEALED_PREFIX}{}", URL_SAFE_NO_PAD.encode(all))
}

fn open_bytes(key: &[u8; 32], ad: &[u8], sealed: &str) -> Result<Zeroizing<Vec<u8>>, Unreadable> {
    let body = sealed
        .strip_prefix(SEALED_PREFIX)
        .ok_or(Unreadable::Malformed)?;
    let all = URL_SAFE_NO_PAD
        .decode(body)
        .map_err(|_| Unreadable::Malformed)?;
    if all.len() < NONCE_LEN + 16 {
        return Err(Unreadable::Malformed);
    }
    let (nonce, ciphertext) = all.split_at(NONCE_LEN);
    cipher(key)
        .decrypt(
            XNonce::from_slice(nonce),
            Payload {
                msg: ciphertext,
                aad: ad,
            },
        )
        .map(Zeroizing::new)
        .map_err(|_| Unreadable::WrongKeyOrChanged)
}

/// Why private prose could not be shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Closed {
    /// The owner's key is locked (after an operator's reset).
    Locked,
    /// The stored text does not open (changed or moved outside Rekindle).
    Unreadable,
}

impl Closed {
    /// What a page or export says in place of the words.
    pub fn words(self) -> &'static str {
        match self {
            Self::Locked => {
                "Your private writing is locked since your password was reset. Open it in \
                 Settings with your recovery code."
            }
            Self::Unreadable => {
                "Something you wrote here can't be opened: it was changed outside Rekindle. \
                 Nothing of anyone else's is shown in its place."
            }
        }
    }
}

/// Opens one piece of the viewer's own private prose with their key, if they have it.
/// A piece that does not open is logged (never its content) and reported as such.
pub fn open_own(key: Option<&DataKey>, place: &Place<'_>, sealed: &str) -> Result<String, Closed> {
    let key = key.ok_or(Closed::Locked)?;
    key.open(place, sealed).map_err(|e| {
        tracing::warn!(table = place.table, error = %e, "a sealed text does not open");
        Closed::Unreadable
    })
}

/// Whether text has the shape of something [`DataKey::seal`] wrote.
pub fn looks_sealed(text: &str) -> bool {
    text.starts_with(SEALED_PREFIX)
}

impl DataKey {
    /// A fresh random key.
    pub fn generate() -> Self {
        Self(Zeroizing::new(random::<32>()))
    }

    /// Seals a text for its place.
    pub fn seal(&self, place: &Place<'_>, plain: &str) -> String {
        seal_bytes(&self.0, &place.associated_data(), plain.as_bytes())
    }

    /// Opens a text sealed for this place with this key.
    pub fn open(&self, place: &Place<'_>, sealed: &str) -> Result<String, Unreadable> {
        let bytes = open_bytes(&self.0, &place.associated_data(), sealed)?;
        String::from_utf8(bytes.to_vec()).map_err(|_| Unreadable::Malformed)
    }

    fn bytes(&self) -> &[u8; 32] {
        &self.0
    }

    fn from_bytes(bytes: &[u8]) -> Option<Self> {
        let array: [u8; 32] = bytes.try_into().ok()?;
        Some(Self(Zeroizing::new(array)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HERE: Place<'static> = Place {
        table: "journal_entries",
        id: "entry-1",
        owner: "sam",
    };

    #[test]
    fn a_sealed_text_opens_only_with_its_key_in_its_place() {
        let key = DataKey::generate();
        let sealed = key.seal(&HERE, "what I want to say gently");
        assert!(looks_sealed(&sealed));
        assert!(!sealed.contains("gently"));
        assert_eq!(
            key.open(&HERE, &sealed).unwrap(),
            "what I want to say gently"
        );
        // Each seal is fresh (a new nonce), yet both open.
        let again = key.seal(&HERE, "what I want to say gently");
        assert_ne!(sealed, again);
        let other_key = DataKey::generate();
        assert_eq!(
            other_key.open(&HERE, &sealed),
            Err(Unreadable::WrongKeyOrChanged)
        );
        for moved in [
            Place {
                id: "entry-2",
                ..HERE
            },
            Place {
                owner: "alex",
                ..HERE
            },
            Place {
                table: "checkin_notes",
                ..HERE
            },
        ] {
            assert_eq!(
                key.open(&moved, &sealed),
                Err(Unreadable::WrongKeyOrChanged)
            );
        }
    }

    #[test]
    fn damaged_texts_are_refused_never_a_panic() {
        let key = DataKey::generate();
        let sealed = key.seal(&HERE, "a");
        let mut flipped = sealed.clone().into_bytes();
        let last = flipped.len() - 3;
        flipped[last] = if flipped[last] == b'A' { b'B' } else { b'A' };
        let flipped = String::from_utf8(flipped).unwrap();
        assert_eq!(
            key.open(&HERE, &flipped),
            Err(Unreadable::WrongKeyOrChanged)
        );
        for bad in ["", "v1.", "v1.!!!", "plain words", "v1.AAAA", &sealed[..20]] {
            assert!(key.open(&HERE, bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn places_never_collide() {
        let a = Place {
            table: "t",
            id: "ab",
            owner: "c",
        };
        let b = Place {
            table: "t",
            id: "a",
            owner: "bc",
        };
        assert_ne!(a.associated_data(), b.associated_data());
    }
}
