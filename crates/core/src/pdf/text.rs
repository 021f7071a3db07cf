//! Turning styled text into lines of shaped glyphs: the bidirectional
//! algorithm (unicode-bidi), a font per run (the fallback chain in
//! `fonts`), shaping (rustybuzz: Arabic joining, marks, kerning), line
//! breaking at spaces and between Chinese characters (inside a word only
//! when the word is wider than the line), and reordering each line for
//! display.
//!
//! A paragraph is shaped once; its lines reuse those glyphs (breaks fall at
//! spaces or between ideographs, where shaping does not join across).

use std::ops::Range;

use krilla::text::{GlyphId, KrillaGlyph};
use rustybuzz::{Direction, UnicodeBuffer};
use unicode_bidi::ParagraphBidiInfo;

use super::fonts::{font_for, FontId, Weight};

/// A piece of styled text: its text and weight.
pub(super) type Span<'a> = (&'a str, Weight);

/// One glyph, its advance and offsets in ems, and the byte where its
/// cluster starts in the paragraph.
#[derive(Debug, Clone, Copy)]
struct Shaped {
    id: u32,
    advance: f32,
    x_offset: f32,
    y_offset: f32,
    cluster: usize,
}

/// A run of text in one font, one weight and one bidi level, shaped; the
/// glyphs in visual order (right to left text reversed).
#[derive(Debug)]
struct Run {
    range: Range<usize>,
    font: FontId,
    level: u8,
    glyphs: Vec<Shaped>,
}

/// Text in one font on one line, in visual order, ready to draw: its own
/// text, its glyphs (text ranges relative to `text`) and its width.
#[derive(Debug, Clone)]
pub(super) struct Piece {
    pub font: FontId,
    pub text: String,
    pub glyphs: Vec<KrillaGlyph>,
    pub width: f32,
}

/// One line: its pieces from left to right, its width in points, and
/// whether its paragraph runs right to left (so it is set flush right).
#[derive(Debug, Clone, Default)]
pub(super) struct Line {
    pub pieces: Vec<Piece>,
    pub width: f32,
    pub rtl: bool,
}

/// Replaces tabs and other control characters by spaces (one byte each,
/// so offsets stay put for ASCII; others are replaced whole).
fn clean(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// Chinese, Japanese and Korean ideographs, kana and their punctuation:
/// a line may break before or after any of them.
pub(super) fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{2E80}'..='\u{2FFF}'
        | '\u{3000}'..='\u{30FF}'
        | '\u{3100}'..='\u{31FF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FF00}'..='\u{FFEF}'
        | '\u{20000}'..='\u{3FFFF}')
}

/// Punctuation no line may start with (closing marks in Chinese text).
fn no_break_before(c: char) -> bool {
    "，。、；：！？）」』】〉》〕…·,.;:!?)]}”’".contains(c)
}

/// Punctuation no line may end with (opening marks in Chinese text).
fn no_break_after(c: char) -> bool {
    "（「『【〈《〔“‘([{".contains(c)
}

/// Splits `text` (the spans' concatenation) into runs of one font, weight
/// and level, and shapes each.
fn shape_runs(text: &str, weights: &[(Range<usize>, Weight)], levels: &[u8]) -> Vec<Run> {
    let mut runs: Vec<Run> = Vec::new();
    for (span, weight) in weights {
        let mut previous: Option<FontId> = None;
        for (i, c) in text[span.clone()].char_indices() {
            let at = span.start + i;
            let font = font_for(c, *weight, previous);
            previous = Some(font);
            let level = levels.get(at).copied().unwrap_or(0);
            match runs.last_mut() {
                Some(r) if r.font == font && r.level == level && r.range.end == at => {
                    r.range.end = at + c.len_utf8();
                }
                _ => runs.push(Run {
                    range: at..at + c.len_utf8(),
                    font,
                    level,
                    glyphs: Vec::new(),
                }),
            }
        }
    }
    for run in &mut runs {
        let mut buffer = UnicodeBuffer::new();
        buffer.push_str(&text[run.range.clone()]);
        buffer.set_direction(if run.level % 2 == 1 {
            Direction::RightToLeft
        } else {
            Direction::LeftToRight
        });
        buffer.guess_segment_properties();
        let out = rustybuzz::shape(run.font.face(), &[], buffer);
        let em = run.font.units_per_em();
        run.glyphs = out
            .glyph_infos()
            .iter()
            .zip(out.glyph_positions())
            .map(|(info, pos)| Shaped {
                id: info.glyph_id,
                advance: pos.x_advance as f32 / em,
                x_offset: pos.x_offset as f32 / em,
                y_offset: pos.y_offset as f32 / em,
                cluster: run.range.start + info.cluster as usize,
            })
            .collect();
    }
    runs
}

/// Lays out one paragraph without hard breaks.
struct Paragraph<'t> {
    text: &'t str,
    runs: Vec<Run>,
    /// Advance in points of the cluster starting at each byte (0 elsewhere).
    advance: Vec<f32>,
    /// Whether a cluster starts at each byte.
    cluster_start: Vec<bool>,
    rtl: bool,
    size: f32,
}

impl<'t> Paragraph<'t> {
    fn new(text: &'t str, weights: &[(Range<usize>, Weight)], size: f32) -> Self {
        let bidi = ParagraphBidiInfo::new(text, None);
        let levels: Vec<u8> = bidi.levels.iter().map(|l| l.number()).collect();
        let rtl = bidi.paragraph_level.is_rtl();
        let runs = shape_runs(text, weights, &levels);
        let mut advance = vec![0.0; text.len() + 1];
        let mut cluster_start = vec![false; text.len() + 1];
        for g in runs.iter().flat_map(|r| &r.glyphs) {
            advance[g.cluster] += g.advance * size;
            cluster_start[g.cluster] = true;
        }
        cluster_start[text.len()] = true;
        Paragraph {
            text,
            runs,
            advance,
            cluster_start,
            rtl,
            size,
        }
    }

    fn width(&self, range: Range<usize>) -> f32 {
        self.advance[range].iter().sum()
    }

    /// Where a line may end: byte offsets of break opportunities, each the
    /// start of the next line's first character. Spaces before a break are
    /// dropped from the line.
    fn breaks(&self) -> Vec<usize> {
        let mut out = Vec::new();
        let mut prev: Option<char> = None;
        for (i, c) in self.text.char_indices() {
            if let Some(p) = prev {
                let after_space = p == ' ' && c != ' ';
                let cjk = (is_cjk(p) || is_cjk(c))
                    && c != ' '
                    && p != ' '
                    && !no_break_before(c)
                    && !no_break_after(p);
                if (after_space || cjk) && self.cluster_start[i] {
                    out.push(i);
                }
            }
            prev = Some(c);
        }
        out.push(self.text.len());
        out
    }

    /// Greedy line breaking into lines at most `width` wide; each line a
    /// byte range without its trailing spaces.
    fn line_ranges(&self, width: f32) -> Vec<Range<usize>> {
        let mut lines = Vec::new();
        let mut start = 0;
        let mut end = 0; // end of the line's content so far (no trailing spaces)
        let mut seg_start = 0;
        for b in self.breaks() {
            let content_end = seg_start + self.text[seg_start..b].trim_end_matches(' ').len();
            if end > start && self.width(start..content_end) > width {
                lines.push(start..end);
                start = seg_start;
            }
            // A segment wider than a line on its own is cut at clusters.
            while self.width(start..content_end) > width {
                let mut cut = start;
                let mut w = 0.0;
                for i in start..content_end {
                    if self.cluster_start[i] && i > start {
                        if w + self.advance[i] > width {
                            break;
                        }
                        cut = i;
                    }
                    if self.cluster_start[i] {
                        w += self.advance[i];
                    }
                }
                if cut == start {
                    // Not even one cluster fits: take one anyway.
                    cut = (start + 1..=content_end)
                        .find(|&i| self.cluster_start[i])
                        .unwrap_or(content_end);
                }
                lines.push(start..cut);
                start = cut;
            }
            end = content_end;
            seg_start = b;
        }
        if end > start || lines.is_empty() {
            lines.push(start..end);
        }
        lines
    }

    /// The pieces of the line `range`, in visual order.
    fn line(&self, range: Range<usize>) -> Line {
        // The runs cut to the line, in logical order.
        let mut slices: Vec<(&Run, Range<usize>)> = self
            .runs
            .iter()
            .filter_map(|r| {
                let s = r.range.start.max(range.start);
                let e = r.range.end.min(range.end);
                (s < e).then_some((r, s..e))
            })
            .collect();
        // Rule L2 of the bidirectional algorithm: from the highest level to
        // the lowest odd level, reverse every sequence at that level or above.
        let max = slices.iter().map(|(r, _)| r.level).max().unwrap_or(0);
        let min_odd = slices
            .iter()
            .map(|(r, _)| r.level)
            .filter(|l| l % 2 == 1)
            .min()
            .unwrap_or(max + 1);
        let mut level = max;
        while level >= min_odd && level > 0 {
            let mut i = 0;
            while i < slices.len() {
                if slices[i].0.level >= level {
                    let mut j = i;
                    while j < slices.len() && slices[j].0.level >= level {
                        j += 1;
                    }
                    slices[i..j].reverse();
                    i = j;
                } else {
                    i += 1;
                }
            }
            level -= 1;
        }
        let pieces: Vec<Piece> = slices
            .into_iter()
            .map(|(run, s)| self.piece(run, s))
            .collect();
        Line {
            width: pieces.iter().map(|p| p.width).sum(),
            pieces,
            rtl: self.rtl,
        }
    }

    /// The glyphs of `run` within `s`, with text ranges relative to `s`.
    fn piece(&self, run: &Run, s: Range<usize>) -> Piece {
        let glyphs: Vec<&Shaped> = run
            .glyphs
            .iter()
            .filter(|g| s.contains(&g.cluster))
            .collect();
        let mut starts: Vec<usize> = glyphs.iter().map(|g| g.cluster).collect();
        starts.sort_unstable();
        starts.dedup();
        let end_of = |c: usize| {
            let i = starts.partition_point(|&x| x <= c);
            starts.get(i).copied().unwrap_or(s.end)
        };
        let width = glyphs.iter().map(|g| g.advance).sum::<f32>() * self.size;
        let mut text = self.text[s.clone()].to_string();
        if run.level % 2 == 1 {
            // A right-to-left ligature (one glyph for several letters, such
            // as lam-alef) is mapped to its letters in reverse: the common
            // text extractors (poppler's pdftotext among them) put the
            // glyphs of a right-to-left word back into reading order but
            // not the letters inside one glyph. Byte lengths do not change,
            // so the other glyphs' ranges still hold.
            for &start in &starts {
                let end = end_of(start);
                let one_glyph = glyphs.iter().filter(|g| g.cluster == start).count() == 1;
                let cluster = &self.text[start..end];
                if one_glyph && cluster.chars().count() > 1 {
                    let reversed: String = cluster.chars().rev().collect();
                    text.replace_range(start - s.start..end - s.start, &reversed);
                }
            }
        }
        Piece {
            font: run.font,
            text,
            glyphs: glyphs
                .iter()
                .map(|g| {
                    KrillaGlyph::new(
                        GlyphId::new(g.id),
                        g.advance,
                        g.x_offset,
                        g.y_offset,
                        0.0,
                        g.cluster - s.start..end_of(g.cluster) - s.start,
                        None,
                    )
                })
                .collect(),
            width,
        }
    }
}

/// Concatenates spans (cleaned of control characters) and records each
/// one's byte range and weight.
fn join(spans: &[Span<'_>]) -> (String, Vec<(Range<usize>, Weight)>) {
    let mut text = String::new();
    let mut weights = Vec::new();
    for (t, w) in spans {
        let start = text.len();
        text.push_str(&clean(t));
        if text.len() > start {
            weights.push((start..text.len(), *w));
        }
    }
    (text, weights)
}

/// Wraps spans (one paragraph, no newlines) into lines at most `width`
/// points wide at `size` points. Empty text gives one empty line.
pub(super) fn wrap(spans: &[Span<'_>], size: f32, width: f32) -> Vec<Line> {
    let (text, weights) = join(spans);
    let para = Paragraph::new(&text, &weights, size);
    para.line_ranges(width)
        .into_iter()
        .map(|r| para.line(r))
        .collect()
}

/// The spans on one line, shortened with "…" if wider than `width`.
pub(super) fn fit(spans: &[Span<'_>], size: f32, width: f32) -> Line {
    let (text, weights) = join(spans);
    let para = Paragraph::new(&text, &weights, size);
    let whole = para.line(0..text.len());
    if whole.width <= width {
        return whole;
    }
    let ellipsis_weight = weights.last().map_or(Weight::Regular, |w| w.1);
    let ellipsis = Paragraph::new("…", &[(0..3, ellipsis_weight)], size).width(0..3);
    let room = width - ellipsis;
    let mut cut = 0;
    let mut w = 0.0;
    for i in 0..text.len() {
        if para.cluster_start[i] {
            if w + para.advance[i] > room {
                break;
            }
            w += para.advance[i];
            cut = i + 1;
        }
    }
    // `cut` is one past a cluster start; move it to the next boundary.
    while cut < text.len() && !para.cluster_start[cut] {
        cut += 1;
    }
    let mut shortened: Vec<Span<'_>> = Vec::new();
    for (r, wgt) in &weights {
        let e = r.end.min(cut);
        if r.start < e {
            shortened.push((&text[r.start..e], *wgt));
        }
    }
    let kept: String = shortened.iter().map(|s| s.0).collect();
    let trimmed = kept.trim_end().len();
    let mut out: Vec<Span<'_>> = Vec::new();
    let mut at = 0;
    for (t, wgt) in shortened {
        let take = t.len().min(trimmed.saturating_sub(at));
        if take > 0 {
            out.push((&t[..take], wgt));
        }
        at += t.len();
    }
    out.push(("…", ellipsis_weight));
    let (text, weights) = join(&out);
    let para = Paragraph::new(&text, &weights, size);
    para.line(0..text.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(line: &Line) -> String {
        line.pieces.iter().map(|p| p.text.as_str()).collect()
    }

    #[test]
    fn lines_fit_and_keep_every_word() {
        let text = "the quick brown fox jumps over the lazy dog ".repeat(20);
        let lines = wrap(&[(&text, Weight::Regular)], 10.5, 200.0);
        assert!(lines.len() > 5);
        for l in &lines {
            assert!(l.width <= 200.0, "{}", l.width);
            let t = text_of(l);
            assert!(!t.starts_with(' ') && !t.ends_with(' '), "{t:?}");
        }
        let joined: Vec<String> = lines.iter().map(text_of).collect();
        assert_eq!(joined.join(" "), text.trim_end());
    }

    #[test]
    fn a_word_longer_than_a_line_is_cut_not_lost() {
        let long = "W".repeat(200);
        let lines = wrap(&[(&long, Weight::Bold)], 12.0, 100.0);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| l.width <= 100.0));
        assert_eq!(lines.iter().map(text_of).collect::<String>(), long);
    }

    #[test]
    fn chinese_breaks_between_characters_and_mixes_with_latin() {
        let text = "王秀英".repeat(40);
        let lines = wrap(
            &[("Name: ", Weight::Bold), (&text, Weight::Regular)],
            10.0,
            150.0,
        );
        assert!(lines.len() > 2);
        assert!(lines.iter().all(|l| l.width <= 150.0));
        let first = &lines[0];
        assert_eq!(first.pieces[0].font, FontId::SansBold);
        assert_eq!(first.pieces[0].text, "Name: ");
        assert_eq!(first.pieces[1].font, FontId::Cjk);
        let all: String = lines.iter().map(text_of).collect();
        assert_eq!(all, format!("Name: {text}"));
    }

    #[test]
    fn arabic_is_shaped_right_to_left_inside_a_latin_line() {
        let lines = wrap(
            &[("Supervisee: ليلى حداد (Beirut)", Weight::Regular)],
            10.0,
            400.0,
        );
        assert_eq!(lines.len(), 1);
        let line = &lines[0];
        assert!(!line.rtl);
        let texts: Vec<&str> = line.pieces.iter().map(|p| p.text.as_str()).collect();
        // "لى" (lam, alef maksura) is one ligature glyph: its letters are
        // mapped in reverse for text extractors (see `Paragraph::piece`).
        assert_eq!(texts[..2], ["Supervisee: ", "ليىل حداد"]);
        assert_eq!(texts.concat(), "Supervisee: ليىل حداد (Beirut)");
        let arabic = &line.pieces[1];
        assert_eq!(arabic.font, FontId::ArabicRegular);
        // Visual order: the glyph drawn first (leftmost) is the last letter.
        let first = arabic.glyphs.first().expect("glyphs");
        let last = arabic.glyphs.last().expect("glyphs");
        assert!(first.text_range.start > last.text_range.start);
    }

    #[test]
    fn a_right_to_left_paragraph_is_marked_so() {
        let lines = wrap(&[("ليلى حداد", Weight::Regular)], 10.0, 400.0);
        assert!(lines[0].rtl);
    }

    #[test]
    fn fit_shortens_with_an_ellipsis_only_when_needed() {
        let short = fit(&[("short", Weight::Regular)], 8.0, 100.0);
        assert_eq!(text_of(&short), "short");
        let long = "m".repeat(100);
        let cut = fit(&[(&long, Weight::Regular)], 8.0, 50.0);
        assert!(text_of(&cut).ends_with('…'));
        assert!(cut.width <= 50.0, "{}", cut.width);
    }
}
