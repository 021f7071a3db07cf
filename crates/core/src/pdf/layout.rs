//! From blocks to pages: the page geometry, blocks turned into a flat list
//! of lines and spaces (with "keep with the next line" marks that hold a
//! heading to the lines after it), and page breaks.
//!
//! Coordinates are krilla's: points from the top-left corner of the page,
//! y growing downwards; a text position is its baseline.

use super::fonts::Weight;
use super::text::{self, Line, Span};
use super::{Block, Document, Table};

pub(super) const PAGE_W: f32 = 595.0;
pub(super) const PAGE_H: f32 = 842.0;
pub(super) const MARGIN_X: f32 = 64.0;
pub(super) const TEXT_W: f32 = PAGE_W - 2.0 * MARGIN_X;
/// The cursor at the top of a page (baselines are below it).
const TOP: f32 = 64.0;
/// No body baseline goes below this.
const BOTTOM: f32 = PAGE_H - 72.0;
const BODY_SIZE: f32 = 10.5;
const BODY_LEADING: f32 = 14.5;
const TITLE_SIZE: f32 = 18.0;
const TITLE_LEADING: f32 = 24.0;
const SUBTITLE_SIZE: f32 = 11.0;
const SUBTITLE_LEADING: f32 = 18.0;
const BULLET_INDENT: f32 = 14.0;
const CELL_GAP: f32 = 10.0;
const ROW_GAP: f32 = 4.0;
const BANNER_H: f32 = 38.0;
pub(super) const FOOTER_SIZE: f32 = 8.0;
pub(super) const HEADER_SIZE: f32 = 9.0;

/// Something drawn on a page.
#[derive(Debug, Clone)]
pub(super) enum Draw {
    /// A line of text with its left end at `x` and baseline at `y`.
    Text {
        x: f32,
        y: f32,
        size: f32,
        line: Line,
    },
    /// A filled rectangle, `gray` from 0 (black) to 255 (white).
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        gray: u8,
    },
    /// A horizontal rule from `x1` to `x2` at `y`.
    Rule { x1: f32, x2: f32, y: f32 },
}

/// One laid-out page of body content (the header and footer are added
/// when drawing, once the page count is known).
pub(super) type Page = Vec<Draw>;

/// A piece of a line item: a line placed at `x` in a box `width` wide
/// (right-to-left lines are set flush right in it).
#[derive(Debug, Clone)]
struct Part {
    x: f32,
    width: f32,
    line: Line,
}

#[derive(Debug, Clone)]
enum Item {
    /// A row of text (several parts side by side for bullets and tables).
    Line {
        parts: Vec<Part>,
        size: f32,
        leading: f32,
        /// Must be on the same page as the next item.
        keep: bool,
    },
    Space(f32),
    /// The rule under a table's header (kept with the first row).
    Rule,
    /// A table with a header starts: the header's items, repeated at the
    /// top of every page the table continues on.
    TableStart(Vec<Item>),
    /// The table ends.
    TableEnd,
    Banner {
        title: Line,
        detail: Line,
    },
}

impl Item {
    fn height(&self) -> f32 {
        match self {
            Item::Line { leading, .. } => *leading,
            Item::Space(h) => *h,
            Item::Rule => ROW_GAP,
            Item::TableStart(_) | Item::TableEnd => 0.0,
            Item::Banner { .. } => BANNER_H + 12.0,
        }
    }

    fn keep(&self) -> bool {
        match self {
            Item::Line { keep, .. } => *keep,
            Item::Rule | Item::TableStart(_) => true,
            Item::Space(_) | Item::TableEnd | Item::Banner { .. } => false,
        }
    }
}

/// Flattens blocks into items.
struct Flow {
    items: Vec<Item>,
    /// Lines still to keep with a heading above them.
    keep_pending: usize,
}

impl Flow {
    fn line(&mut self, parts: Vec<Part>, size: f32, leading: f32, keep: bool) {
        let keep = keep || self.keep_pending > 1;
        self.keep_pending = self.keep_pending.saturating_sub(1);
        self.items.push(Item::Line {
            parts,
            size,
            leading,
            keep,
        });
    }

    fn space(&mut self, h: f32) {
        self.items.push(Item::Space(h));
    }

    /// Wrapped lines of `spans` from `x` over `width`; the first line may
    /// carry a bullet at `bullet_x`.
    fn wrapped(&mut self, spans: &[Span<'_>], x: f32, width: f32, bullet_x: Option<f32>) {
        let lines = text::wrap(spans, BODY_SIZE, width);
        let weight = spans.first().map_or(Weight::Regular, |s| s.1);
        for (i, line) in lines.into_iter().enumerate() {
            let mut parts = Vec::new();
            if let (0, Some(bx)) = (i, bullet_x) {
                let bullet = text::fit(&[("•", weight)], BODY_SIZE, BULLET_INDENT);
                parts.push(Part {
                    x: bx,
                    width: BULLET_INDENT,
                    line: bullet,
                });
            }
            parts.push(Part { x, width, line });
            self.line(parts, BODY_SIZE, BODY_LEADING, false);
        }
    }

    /// Typed prose: line breaks kept, blank lines as half a line, bullets.
    fn prose(&mut self, text: &str, weight: Weight) {
        for source in text.split('\n') {
            let trimmed = source.trim();
            if trimmed.is_empty() {
                self.space(BODY_LEADING / 2.0);
                continue;
            }
            match ["• ", "- ", "* "]
                .iter()
                .find_map(|p| trimmed.strip_prefix(p))
            {
                Some(rest) => self.wrapped(
                    &[(rest, weight)],
                    MARGIN_X + BULLET_INDENT,
                    TEXT_W - BULLET_INDENT,
                    Some(MARGIN_X + 3.0),
                ),
                None => self.wrapped(&[(trimmed, weight)], MARGIN_X, TEXT_W, None),
            }
        }
    }

    fn heading(&mut self, level: u8, text: &str) {
        let (size, leading, space) = if level <= 1 {
            (12.0, 16.0, 10.0)
        } else {
            (BODY_SIZE, BODY_LEADING, 6.0)
        };
        self.space(space);
        for line in text::wrap(&[(text, Weight::Bold)], size, TEXT_W) {
            let parts = vec![Part {
                x: MARGIN_X,
                width: TEXT_W,
                line,
            }];
            self.line(parts, size, leading, true);
        }
        self.keep_pending = 2;
    }

    fn table(&mut self, table: &Table) {
        let total: f32 = table.columns.iter().map(|c| c.share.max(0.0)).sum();
        if table.columns.is_empty() || total <= 0.0 {
            return;
        }
        let gaps = CELL_GAP * (table.columns.len() - 1) as f32;
        let mut xs = Vec::new();
        let mut x = MARGIN_X;
        for c in &table.columns {
            let w = (TEXT_W - gaps) * c.share.max(0.0) / total;
            xs.push((x, w));
            x += w + CELL_GAP;
        }
        let has_header = table.columns.iter().any(|c| !c.title.trim().is_empty());
        if has_header {
            let titles: Vec<(String, Weight)> = table
                .columns
                .iter()
                .map(|c| (c.title.clone(), Weight::Bold))
                .collect();
            let before = self.items.len();
            self.row(&xs, &titles, true);
            self.items.push(Item::Rule);
            let header = self.items[before..].to_vec();
            self.items.insert(before, Item::TableStart(header));
        }
        for row in &table.rows {
            let cells: Vec<(String, Weight)> = table
                .columns
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    let w = if c.bold {
                        Weight::Bold
                    } else {
                        Weight::Regular
                    };
                    (row.get(i).cloned().unwrap_or_default(), w)
                })
                .collect();
            self.row(&xs, &cells, false);
            self.space(ROW_GAP);
        }
        if has_header {
            self.items.push(Item::TableEnd);
        }
    }

    /// One table row: each cell wrapped in its column (keeping its line
    /// breaks), the columns' lines side by side.
    fn row(&mut self, xs: &[(f32, f32)], cells: &[(String, Weight)], keep_all: bool) {
        let columns: Vec<Vec<Line>> = xs
            .iter()
            .zip(cells)
            .map(|((_, w), (text, weight))| {
                text.split('\n')
                    .flat_map(|l| text::wrap(&[(l.trim(), *weight)], BODY_SIZE, *w))
                    .collect()
            })
            .collect();
        let height = columns.iter().map(Vec::len).max().unwrap_or(0);
        for i in 0..height {
            let parts = xs
                .iter()
                .zip(&columns)
                .filter_map(|((x, w), lines)| {
                    lines.get(i).map(|line| Part {
                        x: *x,
                        width: *w,
                        line: line.clone(),
                    })
                })
                .collect();
            // A row's first two lines stay together.
            self.line(parts, BODY_SIZE, BODY_LEADING, keep_all || i == 0);
        }
    }

    fn block(&mut self, block: &Block) {
        match block {
            Block::Heading { level, text } => self.heading(*level, text),
            Block::Paragraph { text, weight } => self.prose(text, *weight),
            Block::Field { label, value } => {
                let label = format!("{}: ", label.trim_end());
                let mut lines = value.split('\n');
                let first = lines.next().unwrap_or_default().trim();
                self.wrapped(
                    &[(&label, Weight::Bold), (first, Weight::Regular)],
                    MARGIN_X,
                    TEXT_W,
                    None,
                );
                for rest in lines {
                    self.prose(rest, Weight::Regular);
                }
            }
            Block::Bullets(items) => {
                for item in items {
                    let mut lines = item.split('\n').map(str::trim);
                    let first = lines.next().unwrap_or_default();
                    self.wrapped(
                        &[(first, Weight::Regular)],
                        MARGIN_X + BULLET_INDENT,
                        TEXT_W - BULLET_INDENT,
                        Some(MARGIN_X + 3.0),
                    );
                    for rest in lines.filter(|l| !l.is_empty()) {
                        self.wrapped(
                            &[(rest, Weight::Regular)],
                            MARGIN_X + BULLET_INDENT,
                            TEXT_W - BULLET_INDENT,
                            None,
                        );
                    }
                }
            }
            Block::Table(table) => self.table(table),
            Block::Banner { title, detail } => {
                let title = text::fit(&[(title, Weight::Bold)], 12.0, TEXT_W - 20.0);
                let detail = text::fit(&[(detail, Weight::Regular)], 9.0, TEXT_W - 20.0);
                self.items.push(Item::Banner { title, detail });
            }
            Block::Spacer(h) => self.space(h.max(0.0)),
        }
    }
}

/// Lays `doc`'s title and blocks out on pages.
pub(super) fn paginate(doc: &Document) -> Vec<Page> {
    let mut flow = Flow {
        items: Vec::new(),
        keep_pending: 0,
    };
    for line in text::wrap(&[(&doc.title, Weight::Bold)], TITLE_SIZE, TEXT_W) {
        let parts = vec![Part {
            x: MARGIN_X,
            width: TEXT_W,
            line,
        }];
        flow.line(parts, TITLE_SIZE, TITLE_LEADING, false);
    }
    for sub in &doc.subtitle {
        for line in text::wrap(&[(sub, Weight::Regular)], SUBTITLE_SIZE, TEXT_W) {
            let parts = vec![Part {
                x: MARGIN_X,
                width: TEXT_W,
                line,
            }];
            flow.line(parts, SUBTITLE_SIZE, SUBTITLE_LEADING, false);
        }
    }
    flow.space(6.0);
    for block in &doc.blocks {
        flow.block(block);
    }
    place(&flow.items)
}

/// Puts items on pages, breaking before an item that does not fit and
/// before a group of kept-together items that does not fit (unless the
/// group starts a page: then it is split). A table's header is repeated at
/// the top of each page the table continues on.
fn place(items: &[Item]) -> Vec<Page> {
    let mut pages = Vec::new();
    let mut page = Page::new();
    let mut y = TOP;
    // Where the body starts on this page (below a repeated table header):
    // a group too tall for a page is split rather than moved on forever.
    let mut page_top = TOP;
    let mut header: Option<&[Item]> = None;
    let mut i = 0;
    while i < items.len() {
        let item = &items[i];
        let at_top = y <= page_top;
        if matches!(item, Item::Space(_)) && at_top {
            i += 1;
            continue;
        }
        let mut needed = item.height();
        if item.keep() {
            let mut j = i;
            while j + 1 < items.len() && items[j].keep() {
                j += 1;
                needed += items[j].height();
            }
        }
        if y + needed > BOTTOM && !at_top {
            pages.push(std::mem::take(&mut page));
            y = TOP;
            // A table continuing here gets its header again (unless the
            // table is only starting: its header comes next anyway).
            if !matches!(item, Item::TableStart(_)) {
                for h in header.unwrap_or_default() {
                    put(h, &mut page, &mut y);
                }
            }
            page_top = y;
            if matches!(item, Item::Space(_)) {
                i += 1;
            }
            continue;
        }
        match item {
            Item::TableStart(items) => header = Some(items),
            Item::TableEnd => header = None,
            _ => put(item, &mut page, &mut y),
        }
        i += 1;
    }
    pages.push(page);
    pages
}

/// Draws one item at `y` and moves `y` below it.
fn put(item: &Item, page: &mut Page, y: &mut f32) {
    match item {
        Item::Line {
            parts,
            size,
            leading,
            ..
        } => {
            *y += leading;
            for part in parts {
                let x = if part.line.rtl {
                    part.x + (part.width - part.line.width).max(0.0)
                } else {
                    part.x
                };
                page.push(Draw::Text {
                    x,
                    y: *y,
                    size: *size,
                    line: part.line.clone(),
                });
            }
        }
        Item::Space(h) => *y += h,
        Item::Rule => {
            page.push(Draw::Rule {
                x1: MARGIN_X,
                x2: PAGE_W - MARGIN_X,
                y: *y + 3.0,
            });
            *y += ROW_GAP;
        }
        Item::TableStart(_) | Item::TableEnd => {}
        Item::Banner { title, detail } => {
            let top = *y + 8.0;
            page.push(Draw::Rect {
                x: MARGIN_X,
                y: top,
                w: TEXT_W,
                h: BANNER_H,
                gray: 224,
            });
            page.push(Draw::Text {
                x: MARGIN_X + 10.0,
                y: top + 15.0,
                size: 12.0,
                line: title.clone(),
            });
            page.push(Draw::Text {
                x: MARGIN_X + 10.0,
                y: top + 29.0,
                size: 9.0,
                line: detail.clone(),
            });
            *y = top + BANNER_H + 4.0;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(page: &Page) -> Vec<String> {
        page.iter()
            .filter_map(|d| match d {
                Draw::Text { line, .. } => {
                    Some(line.pieces.iter().map(|p| p.text.as_str()).collect())
                }
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_heading_moves_to_the_next_page_with_its_first_lines() {
        let filler = "A line of text that fills a line. ".repeat(2);
        let mut blocks: Vec<Block> = (0..60).map(|_| Block::paragraph(&filler)).collect();
        // Find how many single-line paragraphs fill page 1, then put a
        // heading at the very bottom of it.
        let doc = Document {
            title: "T".into(),
            blocks: blocks.clone(),
            ..Document::default()
        };
        let first_page_lines = texts(&paginate(&doc)[0]).len() - 1; // minus the title
        blocks.insert(first_page_lines - 1, Block::heading(1, "Kept heading"));
        let doc = Document {
            title: "T".into(),
            blocks,
            ..Document::default()
        };
        let pages = paginate(&doc);
        assert!(!texts(&pages[0]).contains(&"Kept heading".to_string()));
        let second = texts(&pages[1]);
        assert_eq!(second[0], "Kept heading", "{second:?}");
        for page in &pages {
            for d in page {
                if let Draw::Text { y, .. } = d {
                    assert!(*y <= BOTTOM && *y > TOP, "{y}");
                }
            }
        }
    }

    #[test]
    fn a_long_table_repeats_its_header_on_every_page() {
        let table = Table {
            columns: vec![
                super::super::Column {
                    title: "Date".into(),
                    share: 1.0,
                    bold: false,
                },
                super::super::Column {
                    title: "Hours".into(),
                    share: 1.0,
                    bold: false,
                },
            ],
            rows: (1..=120)
                .map(|n| vec![format!("Day {n}"), "1.5".into()])
                .collect(),
        };
        let doc = Document {
            title: "Hours".into(),
            blocks: vec![Block::Table(table), Block::paragraph("After the table")],
            ..Document::default()
        };
        let pages = paginate(&doc);
        assert!(pages.len() >= 3, "{}", pages.len());
        let mut rows = 0;
        for (n, page) in pages.iter().enumerate() {
            let t = texts(page);
            let first = if n == 0 { 1 } else { 0 }; // the title on page 1
            assert_eq!(t[first..first + 2], ["Date", "Hours"], "page {}", n + 1);
            rows += t.iter().filter(|l| l.starts_with("Day ")).count();
        }
        assert_eq!(rows, 120, "every row once");
        let last = texts(pages.last().expect("a page"));
        assert_eq!(last.last().map(String::as_str), Some("After the table"));
    }

    #[test]
    fn a_table_row_taller_than_a_page_is_split_not_looped_over() {
        let tall = "A line of its own\n".repeat(120);
        let table = Table {
            columns: vec![super::super::Column {
                title: "Notes".into(),
                share: 1.0,
                bold: false,
            }],
            rows: vec![vec![tall.clone()], vec![tall]],
        };
        let doc = Document {
            blocks: vec![Block::Table(table)],
            ..Document::default()
        };
        let pages = paginate(&doc);
        let lines: usize = pages
            .iter()
            .map(|p| texts(p).iter().filter(|l| l.starts_with("A line")).count())
            .sum();
        assert_eq!(lines, 240);
    }

    #[test]
    fn right_to_left_lines_are_flush_right() {
        let doc = Document {
            title: "T".into(),
            blocks: vec![Block::paragraph("ليلى حداد")],
            ..Document::default()
        };
        let pages = paginate(&doc);
        let x = pages[0]
            .iter()
            .find_map(|d| match d {
                Draw::Text { x, line, .. } if line.rtl => Some(*x + line.width),
                _ => None,
            })
            .expect("the Arabic line");
        assert!((x - (PAGE_W - MARGIN_X)).abs() < 0.01, "{x}");
    }
}
