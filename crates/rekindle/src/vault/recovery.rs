//! The recovery code: 28 symbols of the short-code alphabet (no 0/O, 1/I/L, U), about
//! 137 random bits, shown once in groups of four and never stored. Case, spaces and
//! dashes are forgiven when it is typed back.

use zeroize::Zeroizing;

use crate::secret::{SHORT_CODE_ALPHABET, random_code};

/// Symbols in a recovery code: 30^28 ≈ 2^137.
pub const LEN: usize = 28;

/// A recovery code in its plain form. Wiped when dropped.
pub struct RecoveryCode(Zeroizing<String>);

impl RecoveryCode {
    /// A fresh random code.
    pub fn generate() -> Self {
        Self(Zeroizing::new(random_code(LEN)))
    }

    /// A code as typed, or `None` when it cannot be one.
    pub fn parse(typed: &str) -> Option<Self> {
        let plain: String = typed
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .map(|c| c.to_ascii_uppercase())
            .collect();
        (plain.len() == LEN && plain.bytes().all(|b| SHORT_CODE_ALPHABET.contains(&b)))
            .then(|| Self(Zeroizing::new(plain)))
    }

    /// The plain symbols (what the key is derived from).
    pub fn plain(&self) -> &str {
        &self.0
    }

    /// Grouped for reading and writing down: "K7QM-4RXP-…".
    pub fn grouped(&self) -> String {
        let mut out = String::with_capacity(LEN + LEN / 4);
        for (i, c) in self.0.chars().enumerate() {
            if i > 0 && i % 4 == 0 {
                out.push('-');
            }
            out.push(c);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_read_back_however_they_are_typed() {
        let code = RecoveryCode::generate();
        let grouped = code.grouped();
        assert_eq!(grouped.len(), LEN + 6);
        let typed = format!("  {} ", grouped.to_lowercase().replace('-', " "));
        assert_eq!(RecoveryCode::parse(&typed).unwrap().plain(), code.plain());
        assert_ne!(RecoveryCode::generate().plain(), code.plain());
        for bad in [
            "",
            "ABCD",
            &grouped[..grouped.len() - 1],
            &format!("{grouped}A"),
        ] {
            assert!(RecoveryCode::parse(bad).is_none(), "{bad}");
        }
        let with_o = format!("O{}", &code.plain()[1..]);
        assert!(RecoveryCode::parse(&with_o).is_none());
    }
}
