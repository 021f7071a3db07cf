//! From what a person typed to a safe FTS5 expression, and from FTS5's
//! marked-up output to plain text with highlight ranges.
//!
//! The user types plain words. Every word becomes a quoted FTS5 phrase, so
//! nothing typed is ever FTS5 syntax: `AND`, `OR`, `NOT`, `NEAR`, `*`, `^`,
//! `:`, `+`, `-` and parentheses are text (the tokenizer drops punctuation;
//! the operator words are searched as words). Text between double quotes
//! is one phrase; an unclosed quote runs to the end. The last bare word is
//! matched as a prefix while the person is still typing it (no space after
//! it), so "supervis" finds "supervision". Words are joined with implicit
//! AND. A word with no letter or digit in it is dropped; a query with no
//! word left matches nothing (it is not an error).

use crate::error::{Error, Result};
use crate::validate::QUERY_CHARS;

/// Marks the start of a highlighted stretch in FTS5 output (private use).
pub(super) const OPEN: char = '\u{E000}';
/// Marks its end.
pub(super) const CLOSE: char = '\u{E001}';

/// One stretch of a title or snippet: highlighted (`hit`) or not.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TextPart {
    /// The text, as stored (never markup).
    pub text: String,
    /// Whether it matched the query.
    pub hit: bool,
}

/// The FTS5 expression for `typed`, or `None` when it holds no word to
/// search for. Too long a query is refused with a plain message.
pub fn translate(typed: &str) -> Result<Option<String>> {
    if typed.chars().count() > QUERY_CHARS {
        return Err(Error::InvalidInput(format!(
            "Search for at most {QUERY_CHARS} characters."
        )));
    }
    let mut terms: Vec<(String, bool)> = Vec::new(); // (text, bare word)
    let mut in_quotes = false;
    let mut current = String::new();
    for c in typed.chars() {
        match c {
            '"' => {
                push(&mut terms, &mut current, !in_quotes);
                in_quotes = !in_quotes;
            }
            c if c.is_whitespace() && !in_quotes => push(&mut terms, &mut current, true),
            OPEN | CLOSE | '\0' => current.push(' '),
            c => current.push(c),
        }
    }
    let still_typing = !current.is_empty() && !in_quotes;
    push(&mut terms, &mut current, !in_quotes);
    let kept: Vec<(String, bool)> = terms
        .into_iter()
        .filter(|(t, _)| t.chars().any(char::is_alphanumeric))
        .collect();
    if kept.is_empty() {
        return Ok(None);
    }
    let last = kept.len() - 1;
    let parts: Vec<String> = kept
        .iter()
        .enumerate()
        .map(|(i, (t, bare))| {
            let quoted = format!("\"{}\"", t.replace('"', "\"\""));
            if i == last && *bare && still_typing {
                format!("{quoted}*")
            } else {
                quoted
            }
        })
        .collect();
    Ok(Some(parts.join(" ")))
}

fn push(terms: &mut Vec<(String, bool)>, current: &mut String, bare: bool) {
    let t = current.trim();
    if !t.is_empty() {
        terms.push((t.to_string(), bare));
    }
    current.clear();
}

/// Splits FTS5 `highlight()`/`snippet()` output marked with [`OPEN`] and
/// [`CLOSE`] into parts. Indexed text never holds the markers (they are
/// replaced on the way in), so every marker here is FTS5's.
pub fn parts(marked: &str) -> Vec<TextPart> {
    let mut out: Vec<TextPart> = Vec::new();
    let mut hit = false;
    let mut text = String::new();
    let flush = |text: &mut String, hit: bool, out: &mut Vec<TextPart>| {
        if text.is_empty() {
            return;
        }
        match out.last_mut() {
            Some(last) if last.hit == hit => last.text.push_str(text),
            _ => out.push(TextPart {
                text: text.clone(),
                hit,
            }),
        }
        text.clear();
    };
    for c in marked.chars() {
        match c {
            OPEN => {
                flush(&mut text, hit, &mut out);
                hit = true;
            }
            CLOSE => {
                flush(&mut text, hit, &mut out);
                hit = false;
            }
            c => text.push(c),
        }
    }
    flush(&mut text, hit, &mut out);
    out
}

/// `text` with the highlight markers replaced, so stored text cannot fake a
/// highlight.
pub(super) fn clean(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains([OPEN, CLOSE]) {
        std::borrow::Cow::Owned(text.replace([OPEN, CLOSE], " "))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(typed: &str) -> String {
        translate(typed).expect("valid").expect("a word")
    }

    #[test]
    fn words_become_quoted_phrases_and_the_last_a_prefix() {
        assert_eq!(t("burnout supervis"), "\"burnout\" \"supervis\"*");
        assert_eq!(t("burnout "), "\"burnout\"", "a finished word is whole");
        assert_eq!(t("say \"safe space\""), "\"say\" \"safe space\"");
        assert_eq!(
            t("a OR b NOT (c) NEAR/2 d^ e:f"),
            "\"a\" \"OR\" \"b\" \"NOT\" \"(c)\" \"NEAR/2\" \"d^\" \"e:f\"*"
        );
        assert_eq!(translate("*** ( ) \"\"").expect("valid"), None);
        assert_eq!(translate("   ").expect("valid"), None);
        assert_eq!(t("\"open"), "\"open\"");
    }

    #[test]
    fn highlight_markers_become_parts() {
        let p = parts("a \u{E000}b\u{E001} c");
        assert_eq!(
            p,
            vec![
                TextPart {
                    text: "a ".into(),
                    hit: false
                },
                TextPart {
                    text: "b".into(),
                    hit: true
                },
                TextPart {
                    text: " c".into(),
                    hit: false
                },
            ]
        );
        assert_eq!(clean("x\u{E000}y"), "x y");
    }
}
