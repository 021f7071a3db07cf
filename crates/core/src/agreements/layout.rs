//! Laying text out on A4 pages: the page geometry, line wrapping with
//! Helvetica's glyph widths, page breaks that keep a heading with its first
//! lines, bullets with a hanging indent, and the shaded banner.

use pdf_writer::{Content, Name, Str};

use super::winansi::{self, Font};

pub(super) const PAGE_W: f32 = 595.0;
pub(super) const PAGE_H: f32 = 842.0;
pub(super) const MARGIN_X: f32 = 64.0;
pub(super) const TEXT_W: f32 = PAGE_W - 2.0 * MARGIN_X;
/// The cursor at the top of a page (baselines are below it).
pub(super) const TOP: f32 = 778.0;
/// No body baseline goes below this.
pub(super) const BOTTOM: f32 = 72.0;
pub(super) const BODY_SIZE: f32 = 10.5;
pub(super) const BODY_LEADING: f32 = 14.5;
pub(super) const HEADING_SIZE: f32 = 12.0;
pub(super) const HEADING_LEADING: f32 = 16.0;
pub(super) const HEADING_SPACE: f32 = 10.0;
pub(super) const TITLE_SIZE: f32 = 18.0;
pub(super) const FOOTER_SIZE: f32 = 8.0;
pub(super) const BULLET_INDENT: f32 = 14.0;
pub(super) const REGULAR: Name<'static> = Name(b"F1");
pub(super) const BOLD: Name<'static> = Name(b"F2");

pub(super) fn font_name(font: Font) -> Name<'static> {
    match font {
        Font::Regular => REGULAR,
        Font::Bold => BOLD,
    }
}

/// Splits encoded text into lines at most `width` points wide, breaking at
/// spaces and, for a word longer than a line, inside the word.
pub(super) fn wrap(font: Font, text: &[u8], size: f32, width: f32) -> Vec<Vec<u8>> {
    let space = winansi::width(font, b" ", size);
    let mut lines = Vec::new();
    let mut current: Vec<u8> = Vec::new();
    let mut current_w = 0.0;
    for word in text.split(|&b| b == b' ').filter(|w| !w.is_empty()) {
        let word_w = winansi::width(font, word, size);
        if !current.is_empty() {
            if current_w + space + word_w <= width {
                current.push(b' ');
                current.extend_from_slice(word);
                current_w += space + word_w;
                continue;
            }
            lines.push(std::mem::take(&mut current));
        }
        let mut rest = word;
        while winansi::width(font, rest, size) > width {
            let mut n = 0;
            let mut w = 0.0;
            for &b in rest {
                let bw = winansi::width(font, &[b], size);
                if n > 0 && w + bw > width {
                    break;
                }
                w += bw;
                n += 1;
            }
            lines.push(rest[..n].to_vec());
            rest = &rest[n..];
        }
        current = rest.to_vec();
        current_w = winansi::width(font, rest, size);
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines
}

/// Shortens encoded text with an ellipsis so it fits `width`.
pub(super) fn fit(font: Font, text: &[u8], size: f32, width: f32) -> Vec<u8> {
    if winansi::width(font, text, size) <= width {
        return text.to_vec();
    }
    let ellipsis = [0x85u8];
    let room = width - winansi::width(font, &ellipsis, size);
    let mut out = Vec::new();
    let mut w = 0.0;
    for &b in text {
        let bw = winansi::width(font, &[b], size);
        if w + bw > room {
            break;
        }
        w += bw;
        out.push(b);
    }
    out.push(ellipsis[0]);
    out
}

/// Pages being laid out, top to bottom.
pub(super) struct Layout {
    pages: Vec<Content>,
    page: Content,
    y: f32,
    header: Option<&'static str>,
}

impl Layout {
    pub(super) fn new(header: Option<&'static str>) -> Layout {
        let mut layout = Layout {
            pages: Vec::new(),
            page: Content::new(),
            y: TOP,
            header,
        };
        layout.page_header();
        layout
    }

    fn page_header(&mut self) {
        if let Some(h) = self.header {
            self.text_at(
                Font::Bold,
                9.0,
                MARGIN_X,
                PAGE_H - 40.0,
                &winansi::encode(h),
            );
        }
    }

    fn new_page(&mut self) {
        let done = std::mem::replace(&mut self.page, Content::new());
        self.pages.push(done);
        self.y = TOP;
        self.page_header();
    }

    fn text_at(&mut self, font: Font, size: f32, x: f32, y: f32, text: &[u8]) {
        self.page
            .begin_text()
            .set_font(font_name(font), size)
            .next_line(x, y)
            .show(Str(text))
            .end_text();
    }

    /// One line of text below the previous one, on a new page if needed.
    pub(super) fn line(&mut self, font: Font, size: f32, leading: f32, x: f32, text: &[u8]) {
        if self.y - leading < BOTTOM {
            self.new_page();
        }
        self.y -= leading;
        self.text_at(font, size, x, self.y, text);
    }

    pub(super) fn space(&mut self, h: f32) {
        if self.y < TOP {
            self.y -= h;
        }
    }

    /// A heading, kept on the same page as the first two lines after it.
    pub(super) fn heading(&mut self, text: &str) {
        let needed = HEADING_SPACE + HEADING_LEADING + 2.0 * BODY_LEADING;
        if self.y - needed < BOTTOM {
            self.new_page();
        } else {
            self.space(HEADING_SPACE);
        }
        let encoded = winansi::encode(text);
        for l in wrap(Font::Bold, &encoded, HEADING_SIZE, TEXT_W) {
            self.line(Font::Bold, HEADING_SIZE, HEADING_LEADING, MARGIN_X, &l);
        }
    }

    /// Text that may run over several lines. Each `\n` starts a new line; a
    /// line starting with "• ", "- " or "* " is a bullet with a hanging
    /// indent; a blank line adds half a line of space.
    pub(super) fn paragraph(&mut self, font: Font, text: &str) {
        for source in text.split('\n') {
            let trimmed = source.trim();
            if trimmed.is_empty() {
                self.space(BODY_LEADING / 2.0);
                continue;
            }
            let (bullet, rest) = match ["• ", "- ", "* "]
                .iter()
                .find_map(|p| trimmed.strip_prefix(p))
            {
                Some(rest) => (true, rest),
                None => (false, trimmed),
            };
            let x = if bullet {
                MARGIN_X + BULLET_INDENT
            } else {
                MARGIN_X
            };
            let lines = wrap(
                font,
                &winansi::encode(rest),
                BODY_SIZE,
                PAGE_W - MARGIN_X - x,
            );
            for (i, l) in lines.iter().enumerate() {
                self.line(font, BODY_SIZE, BODY_LEADING, x, l);
                if i == 0 && bullet {
                    self.text_at(font, BODY_SIZE, MARGIN_X + 3.0, self.y, &[0x95]);
                }
            }
        }
    }

    /// A shaded box with a bold line and a plain line (the draft banner).
    pub(super) fn banner(&mut self, title: &str, detail: &str) {
        let height = 38.0;
        if self.y - height - 12.0 < BOTTOM {
            self.new_page();
        }
        let top = self.y - 8.0;
        self.page
            .save_state()
            .set_fill_gray(0.88)
            .rect(MARGIN_X, top - height, TEXT_W, height)
            .fill_nonzero()
            .restore_state();
        self.text_at(
            Font::Bold,
            12.0,
            MARGIN_X + 10.0,
            top - 15.0,
            &winansi::encode(title),
        );
        let detail = fit(Font::Regular, &winansi::encode(detail), 9.0, TEXT_W - 20.0);
        self.text_at(Font::Regular, 9.0, MARGIN_X + 10.0, top - 29.0, &detail);
        self.y = top - height - 4.0;
    }

    pub(super) fn finish(mut self) -> Vec<Content> {
        self.pages.push(self.page);
        self.pages
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_fits_lines_and_breaks_long_words() {
        let text = winansi::encode(
            "the quick brown fox jumps over the lazy dog "
                .repeat(20)
                .as_str(),
        );
        let lines = wrap(Font::Regular, &text, BODY_SIZE, 200.0);
        assert!(lines.len() > 5);
        for l in &lines {
            assert!(winansi::width(Font::Regular, l, BODY_SIZE) <= 200.0);
            assert!(!l.starts_with(b" ") && !l.ends_with(b" "));
        }
        let joined: Vec<u8> = lines.join(&b' ');
        assert_eq!(joined, text.trim_ascii_end());

        let long = vec![b'W'; 200];
        let lines = wrap(Font::Bold, &long, 12.0, 100.0);
        assert!(lines.len() > 1);
        assert_eq!(lines.concat(), long);
        assert!(lines
            .iter()
            .all(|l| winansi::width(Font::Bold, l, 12.0) <= 100.0));
    }

    #[test]
    fn fit_adds_an_ellipsis_only_when_needed() {
        assert_eq!(fit(Font::Regular, b"short", 8.0, 100.0), b"short".to_vec());
        let cut = fit(Font::Regular, &[b'm'; 100], 8.0, 50.0);
        assert_eq!(cut.last(), Some(&0x85));
        assert!(winansi::width(Font::Regular, &cut, 8.0) <= 50.0);
    }
}
