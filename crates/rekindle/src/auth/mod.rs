//! Who is asking: passwords, sessions and tokens, the same-origin check for forms,
//! and the throttle on failed sign-ins.

pub mod account;
pub mod current;
pub mod device;
pub mod invite;
pub mod origin;
pub mod password;
pub mod throttle;

pub use current::{ApiMember, ApiUser, ClientIp, WebMember, WebUser};
