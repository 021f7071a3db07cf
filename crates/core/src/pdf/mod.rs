//! Every printed report — agreements today; session records, goal
//! histories, hours logs, letters and invoices later — is built as a
//! [`Document`] and turned into PDF bytes by [`render`].
//!
//! ```
//! use confidant_core::pdf::{render, Block, Document};
//!
//! let doc = Document {
//!     title: "Session record".into(),
//!     subtitle: vec!["Łukasz Żółkiewski · 3 March 2026".into()],
//!     footer: vec!["Content hash: 9f2c…".into()],
//!     blocks: vec![
//!         Block::heading(1, "What the supervisee brought"),
//!         Block::paragraph("A hard home visit.\nWe talked it through."),
//!         Block::field("Case", "C-17"),
//!         Block::bullets(["Call the duty team", "Read the policy"]),
//!     ],
//!     ..Document::default()
//! };
//! let bytes = render(&doc)?;
//! assert!(bytes.starts_with(b"%PDF-"));
//! # Ok::<(), confidant_core::Error>(())
//! ```
//!
//! ## Pages
//!
//! A4 portrait, 64 pt side margins. Page 1 starts with the title (bold,
//! 18 pt, wrapped) and the subtitle lines; then the blocks in order. Every
//! page carries the optional running [`Document::header`] at the top and, at
//! the bottom, a rule, the [`Document::footer`] lines (each shortened with
//! "…" to fit) and "Page n of m" at the right of the last footer line.
//!
//! Text wraps to the page width at spaces and between Chinese characters
//! (a word wider than the line is cut), paragraphs continue on the next
//! page, and a heading is never left at the bottom of a page: it moves to
//! the next page with the first two lines after it. Right-to-left
//! paragraphs (Arabic) are set flush right; mixed lines are ordered by the
//! Unicode bidirectional algorithm and every run is shaped (joined Arabic
//! letters, combining accents).
//!
//! ## Fonts
//!
//! Noto Sans (regular and bold) for Latin, Greek and Cyrillic, falling back
//! per character to Noto Sans Arabic and then to Noto Sans SC (Chinese, one
//! weight), all under the SIL Open Font Licence (files and licences in
//! `crates/core/fonts/`). Only the glyphs used are embedded (subset), so a
//! short document stays small. A character none of them has (an emoji)
//! prints as an empty box but is still in the extracted text.
//!
//! ## Purity
//!
//! [`render`] reads no clock and no file: the same document gives the same
//! bytes. Dates to print are formatted by the caller, with [`long_date`] in
//! the user's date order.

mod draw;
mod fonts;
mod layout;
mod text;

use chrono::{DateTime, NaiveDate, Utc};

use crate::error::Result;
use crate::settings::DateOrder;

pub use fonts::Weight;

/// A report to print.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document {
    /// The title at the top of page 1 (bold, wrapped).
    pub title: String,
    /// Lines under the title (e.g. "Version 2 · In force"), one per entry.
    pub subtitle: Vec<String>,
    /// A line at the top of every page (e.g. "DRAFT — NOT YET
    /// ACKNOWLEDGED"), small and bold; none when `None`.
    pub header: Option<String>,
    /// Footer lines on every page (e.g. "Content hash: …"), each shortened
    /// with "…" if too long; "Page n of m" is added at the right of the last.
    pub footer: Vec<String>,
    /// The body, in order.
    pub blocks: Vec<Block>,
    /// The document title in the PDF's metadata (shown by viewers in the
    /// window title). Keep it generic: name no one.
    pub metadata_title: String,
    /// The creation date recorded in the PDF's metadata, if any.
    pub created: Option<DateTime<Utc>>,
}

/// One part of a document's body.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A section heading: level 1 (12 pt bold) or 2 and deeper (10.5 pt
    /// bold). Kept on the same page as the first two lines after it.
    Heading {
        /// 1 for a section, 2 for a subsection, …
        level: u8,
        /// The heading text.
        text: String,
    },
    /// Prose as a person typed it (10.5 pt). Each `\n` starts a new line; a
    /// blank line adds half a line of space; a line starting with "• ",
    /// "- " or "* " is a bullet with a hanging indent.
    Paragraph {
        /// The text.
        text: String,
        /// Regular or bold.
        weight: Weight,
    },
    /// "Label: value" on one line, the label in bold; the value wraps
    /// under it and keeps its own line breaks.
    Field {
        /// The label, without the colon.
        label: String,
        /// The value.
        value: String,
    },
    /// A bulleted list; each item wraps with a hanging indent and keeps its
    /// line breaks.
    Bullets(Vec<String>),
    /// Columns of wrapped text: an optional bold header row, then one row per
    /// entry. See [`Table`].
    Table(Table),
    /// A shaded box with a bold title line and a plain detail line (shortened
    /// to fit), e.g. the draft banner of an agreement.
    Banner {
        /// The bold line.
        title: String,
        /// The plain line.
        detail: String,
    },
    /// Vertical space in points (dropped at the top of a page).
    Spacer(f32),
}

/// A table: columns of wrapped text (each cell keeps its line breaks). A
/// row that does not fit continues on the next page (its first two lines
/// stay together), and the header row is repeated at the top of every page
/// the table continues on.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    /// The columns, left to right.
    pub columns: Vec<Column>,
    /// The rows; each has one cell per column (missing cells are empty,
    /// extra ones ignored).
    pub rows: Vec<Vec<String>>,
}

/// One column of a [`Table`].
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// The header (bold); a table whose headers are all empty has no header
    /// row.
    pub title: String,
    /// The column's share of the text width, relative to the other columns'
    /// (e.g. 1.0 and 2.0 for a third and two thirds).
    pub share: f32,
    /// Whether the column's cells are bold (e.g. the labels of a key–value
    /// list).
    pub bold: bool,
}

impl Block {
    /// A heading at `level` (1 = section).
    pub fn heading(level: u8, text: impl Into<String>) -> Block {
        Block::Heading {
            level,
            text: text.into(),
        }
    }

    /// A regular paragraph (see [`Block::Paragraph`] for line breaks and
    /// bullets).
    pub fn paragraph(text: impl Into<String>) -> Block {
        Block::Paragraph {
            text: text.into(),
            weight: Weight::Regular,
        }
    }

    /// A bold paragraph.
    pub fn bold(text: impl Into<String>) -> Block {
        Block::Paragraph {
            text: text.into(),
            weight: Weight::Bold,
        }
    }

    /// "Label: value".
    pub fn field(label: impl Into<String>, value: impl Into<String>) -> Block {
        Block::Field {
            label: label.into(),
            value: value.into(),
        }
    }

    /// A bulleted list.
    pub fn bullets<S: Into<String>>(items: impl IntoIterator<Item = S>) -> Block {
        Block::Bullets(items.into_iter().map(Into::into).collect())
    }

    /// A two-column key–value list without a header: bold labels in the
    /// left third, values in the rest.
    pub fn key_values<K: Into<String>, V: Into<String>>(
        pairs: impl IntoIterator<Item = (K, V)>,
    ) -> Block {
        Block::Table(Table {
            columns: vec![
                Column {
                    title: String::new(),
                    share: 1.0,
                    bold: true,
                },
                Column {
                    title: String::new(),
                    share: 2.0,
                    bold: false,
                },
            ],
            rows: pairs
                .into_iter()
                .map(|(k, v)| vec![k.into(), v.into()])
                .collect(),
        })
    }
}

impl Document {
    /// Every piece of text the document prints (title, subtitle, header,
    /// footer and each block's).
    fn texts(&self) -> impl Iterator<Item = &str> {
        let blocks = self.blocks.iter().flat_map(|block| -> Vec<&str> {
            match block {
                Block::Heading { text, .. } | Block::Paragraph { text, .. } => vec![text],
                Block::Field { label, value } => vec![label, value],
                Block::Bullets(items) => items.iter().map(String::as_str).collect(),
                Block::Table(table) => table
                    .columns
                    .iter()
                    .map(|c| c.title.as_str())
                    .chain(table.rows.iter().flatten().map(String::as_str))
                    .collect(),
                Block::Banner { title, detail } => vec![title, detail],
                Block::Spacer(_) => Vec::new(),
            }
        });
        std::iter::once(self.title.as_str())
            .chain(self.subtitle.iter().map(String::as_str))
            .chain(self.header.as_deref())
            .chain(self.footer.iter().map(String::as_str))
            .chain(blocks)
    }
}

/// Renders `doc` to PDF bytes. Pure: no clock, and no files but the
/// system's CJK font on Linux (read once, see [`fonts`]); the same document
/// gives the same bytes. Fails with [`crate::Error::MissingFont`] when the
/// document has Chinese, Japanese or Korean text and this machine has no
/// font for it, or if the PDF library cannot write the file (an internal
/// error).
pub fn render(doc: &Document) -> Result<Vec<u8>> {
    for text in doc.texts() {
        fonts::check_cjk_font(text)?;
    }
    let pages = layout::paginate(doc);
    draw::draw(doc, &pages)
}

/// A calendar date written out in the user's date order, as the app shows
/// it: "3 March 2026" (day first, and for [`DateOrder::Locale`], which the
/// core cannot see), "March 3, 2026" (month first) or "2026-03-03" (year
/// first). Month names are English, like the rest of the printed text.
pub fn long_date(date: NaiveDate, order: DateOrder) -> String {
    match order {
        DateOrder::Dmy | DateOrder::Locale => date.format("%-d %B %Y").to_string(),
        DateOrder::Mdy => date.format("%B %-d, %Y").to_string(),
        DateOrder::Ymd => date.format("%Y-%m-%d").to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_follow_the_order() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 3).expect("date");
        assert_eq!(long_date(d, DateOrder::Dmy), "3 March 2026");
        assert_eq!(long_date(d, DateOrder::Locale), "3 March 2026");
        assert_eq!(long_date(d, DateOrder::Mdy), "March 3, 2026");
        assert_eq!(long_date(d, DateOrder::Ymd), "2026-03-03");
    }
}
