//! Who is asking: passwords (bounded hashing), sessions and tokens, device tokens, the
//! same-origin check for forms, the throttle on sign-ins, sign-ups and invite codes,
//! and using an invite code.

pub mod accounts;
pub mod current;
pub mod device;
pub mod invite;
pub mod keyring;
pub mod origin;
pub mod password;
pub mod throttle;

pub use current::{ApiMember, ApiUser, ClientIp, WebMember, WebUser};
