//! Splits a message into words with byte spans, folding case (ASCII) and curly
//! apostrophes, and notes where sentences start and which end in a question mark.
//! Emoji are one-character words of their own ("🙄" can mean something). Byte offsets
//! always point into the original text.

/// One word of the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Lower-case, straight apostrophes.
    pub norm: String,
    pub start: usize,
    pub end: usize,
    /// The first word of a sentence.
    pub sentence_start: bool,
    /// Index of the sentence it belongs to.
    pub sentence: usize,
    /// Written in capitals (three letters or more): shouting.
    pub shouted: bool,
    /// Its sentence ends with a question mark.
    pub question: bool,
}

impl Token {
    /// The last word of its sentence.
    pub fn ends_sentence(tokens: &[Token], i: usize) -> bool {
        tokens
            .get(i + 1)
            .is_none_or(|next| next.sentence != tokens[i].sentence)
    }
}

/// Pictographs (emoji and dingbats): each is a word of its own.
fn is_pictograph(c: char) -> bool {
    matches!(u32::from(c), 0x1F300..=0x1FAFF | 0x2600..=0x27BF)
}

/// Whether a link starts here: its words ("…/never/breaks/…") are an address, not
/// something said, so the coach skips the whole link.
fn starts_link(rest: &str) -> bool {
    let head = rest.get(..8).unwrap_or(rest).to_ascii_lowercase();
    head.starts_with("http://") || head.starts_with("https://") || head.starts_with("www.")
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '\'' || c == '\u{2019}'
}

/// The words of `text`.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut sentence = 0usize;
    let mut at_sentence_start = true;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if is_pictograph(c) {
            tokens.push(Token {
                norm: c.to_string(),
                start: i,
                end: i + c.len_utf8(),
                sentence_start: at_sentence_start,
                sentence,
                shouted: false,
                question: false,
            });
            at_sentence_start = false;
        } else if is_word_char(c) && starts_link(&text[i..]) {
            while chars.peek().is_some_and(|&(_, d)| !d.is_whitespace()) {
                chars.next();
            }
            at_sentence_start = false;
        } else if is_word_char(c) {
            let start = i;
            let mut end = i + c.len_utf8();
            let mut norm = String::new();
            let mut letters = 0usize;
            let mut upper = 0usize;
            let mut push = |c: char, norm: &mut String| {
                if c.is_alphabetic() {
                    letters += 1;
                    if c.is_uppercase() {
                        upper += 1;
                    }
                }
                match c {
                    '\u{2019}' => norm.push('\''),
                    c => norm.extend(c.to_lowercase()),
                }
            };
            push(c, &mut norm);
            while let Some(&(j, d)) = chars.peek() {
                if !is_word_char(d) {
                    break;
                }
                push(d, &mut norm);
                end = j + d.len_utf8();
                chars.next();
            }
            let norm = norm.trim_matches('\'').to_owned();
            if norm.is_empty() {
                continue;
            }
            tokens.push(Token {
                norm,
                start,
                end,
                sentence_start: at_sentence_start,
                sentence,
                shouted: letters >= 3 && upper == letters,
                question: false,
            });
            at_sentence_start = false;
        } else if matches!(c, '.' | '!' | '?' | '\n' | ';') {
            if c == '?' {
                for t in tokens
                    .iter_mut()
                    .rev()
                    .take_while(|t| t.sentence == sentence)
                {
                    t.question = true;
                }
            }
            if !at_sentence_start {
                sentence += 1;
            }
            at_sentence_start = true;
        }
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_their_byte_spans() {
        let text = "You’re ALWAYS late. Why?";
        let t = tokenize(text);
        let words: Vec<&str> = t.iter().map(|t| t.norm.as_str()).collect();
        assert_eq!(words, vec!["you're", "always", "late", "why"]);
        assert_eq!(&text[t[0].start..t[0].end], "You’re");
        assert!(t[1].shouted && !t[0].shouted);
        assert!(t[3].sentence_start && t[3].sentence == 1);
        assert!(t[3].question && !t[0].question);
        assert!(Token::ends_sentence(&t, 2) && !Token::ends_sentence(&t, 1));
    }

    #[test]
    fn emoji_are_words_and_questions_are_marked() {
        let t = tokenize("Seriously?! 🙄 ok");
        let words: Vec<&str> = t.iter().map(|t| t.norm.as_str()).collect();
        assert_eq!(words, vec!["seriously", "🙄", "ok"]);
        assert!(t[0].question && !t[1].question);
    }

    #[test]
    fn links_are_not_words() {
        let t =
            tokenize("Look: https://example.org/you/never/listen?x=1 and www.Always.example too");
        let words: Vec<&str> = t.iter().map(|t| t.norm.as_str()).collect();
        assert_eq!(words, vec!["look", "and", "too"]);
    }
}
