//! E-mail through SMTP (lettre), off until the operator sets `--smtp-url`. An e-mail
//! never carries content: only the notification's words ("You have a new note") and a
//! link. Its Message-ID is made from the outbox item, so a resend after a crash is the
//! same message to any mail system that looks.

use std::time::Duration;

use lettre::message::Mailbox;
use lettre::message::header::ContentType;
use lettre::{AsyncSmtpTransport, AsyncTransport as _, Message, Tokio1Executor};

/// A configured sender.
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    /// The domain of Message-IDs (the sender's).
    domain: String,
    /// Where links point (`https://rekindle.example`), when the operator said.
    public_url: Option<String>,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mailer")
            .field("from", &self.from.email.to_string())
            .finish()
    }
}

impl Mailer {
    /// From an SMTP URL (`smtp://host:25` plain, `smtp://host:587?tls=required` for
    /// STARTTLS, `smtps://user:pass@host` for TLS from the start) and a From address.
    ///
    /// # Errors
    /// When the URL or the address cannot be read.
    pub fn new(url: &str, from: &str, public_url: Option<String>) -> anyhow::Result<Self> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| anyhow::anyhow!("--smtp-url: {e}"))?
            .timeout(Some(Duration::from_secs(15)))
            .build();
        let from: Mailbox = from
            .parse()
            .map_err(|e| anyhow::anyhow!("--smtp-from: {e}"))?;
        let domain = from.email.domain().to_owned();
        Ok(Self {
            transport,
            from,
            domain,
            public_url: public_url.map(|u| u.trim_end_matches('/').to_owned()),
        })
    }

    /// The Message-ID of an outbox item's e-mail: the same every time it is sent.
    pub fn message_id(&self, outbox_id: &str) -> String {
        format!("<{outbox_id}@{}>", self.domain)
    }

    /// Sends the e-mail for a notification; its Message-ID.
    ///
    /// # Errors
    /// When the address is unusable or the server refuses or cannot be reached.
    pub async fn send(
        &self,
        to: &str,
        outbox_id: &str,
        kind: &str,
        subject_id: Option<&str>,
    ) -> anyhow::Result<String> {
        let words = crate::features::notifications::words(kind, subject_id);
        let mut body = format!("{}\n", words.line);
        if let Some(base) = &self.public_url {
            body.push_str(&format!("\n{base}{}\n", words.link));
        }
        body.push_str("\nYou can change reminders and e-mail in Rekindle's settings.\n");
        let message_id = self.message_id(outbox_id);
        let message = Message::builder()
            .from(self.from.clone())
            .to(to.parse()?)
            .subject(words.title)
            .message_id(Some(message_id.clone()))
            .header(ContentType::TEXT_PLAIN)
            .body(body)?;
        self.transport.send(message).await?;
        Ok(message_id)
    }
}
