//! Writing the laid-out pages with krilla: the body, the running header,
//! the footer with "Page n of m", and the document metadata. krilla embeds
//! each font used as a subset of the glyphs drawn, with a ToUnicode map so
//! the text can be searched and copied.

use chrono::{DateTime, Datelike, Timelike, Utc};
use krilla::color::luma;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::{DateTime as PdfDate, Metadata};
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;

use super::fonts::Weight;
use super::layout::{Draw, Page, FOOTER_SIZE, HEADER_SIZE, MARGIN_X, PAGE_H, PAGE_W, TEXT_W};
use super::text::{self, Line};
use super::Document;
use crate::error::{Error, Result};

/// Baselines of the footer lines, bottom one last (from the page top).
const FOOTER_LAST_Y: f32 = PAGE_H - 32.0;
const FOOTER_LEADING: f32 = 12.0;
const HEADER_Y: f32 = 40.0;

fn text_line(surface: &mut Surface<'_>, x: f32, y: f32, size: f32, line: &Line) {
    let mut x = x;
    for piece in &line.pieces {
        surface.draw_glyphs(
            Point::from_xy(x, y),
            &piece.glyphs,
            piece.font.krilla(),
            &piece.text,
            size,
            false,
        );
        x += piece.width;
    }
}

fn draw_one(surface: &mut Surface<'_>, d: &Draw) {
    match d {
        Draw::Text { x, y, size, line } => text_line(surface, *x, *y, *size, line),
        Draw::Rect { x, y, w, h, gray } => {
            let mut path = PathBuilder::new();
            if let Some(rect) = Rect::from_xywh(*x, *y, *w, *h) {
                path.push_rect(rect);
            }
            if let Some(path) = path.finish() {
                surface.set_fill(Some(Fill {
                    paint: luma::Color::new(*gray).into(),
                    ..Fill::default()
                }));
                surface.draw_path(&path);
                surface.set_fill(None);
            }
        }
        Draw::Rule { x1, x2, y } => {
            let mut path = PathBuilder::new();
            path.move_to(*x1, *y);
            path.line_to(*x2, *y);
            if let Some(path) = path.finish() {
                surface.set_fill(None);
                surface.set_stroke(Some(Stroke {
                    paint: luma::Color::new(153).into(),
                    width: 0.5,
                    ..Stroke::default()
                }));
                surface.draw_path(&path);
                surface.set_stroke(None);
            }
        }
    }
}

/// The header and footer of page `n` (1-based) of `total`.
fn furniture(doc: &Document, n: usize, total: usize) -> Vec<Draw> {
    let mut out = Vec::new();
    if let Some(header) = doc.header.as_deref().filter(|h| !h.trim().is_empty()) {
        out.push(Draw::Text {
            x: MARGIN_X,
            y: HEADER_Y,
            size: HEADER_SIZE,
            line: text::fit(&[(header, Weight::Bold)], HEADER_SIZE, TEXT_W),
        });
    }
    let number = text::fit(
        &[(&format!("Page {n} of {total}"), Weight::Regular)],
        FOOTER_SIZE,
        TEXT_W,
    );
    let lines = doc.footer.len().max(1);
    let first_y = FOOTER_LAST_Y - FOOTER_LEADING * (lines - 1) as f32;
    out.push(Draw::Rule {
        x1: MARGIN_X,
        x2: PAGE_W - MARGIN_X,
        y: first_y - 12.0,
    });
    for (i, footer) in doc.footer.iter().enumerate() {
        let last = i + 1 == doc.footer.len();
        let room = if last {
            TEXT_W - number.width - 12.0
        } else {
            TEXT_W
        };
        out.push(Draw::Text {
            x: MARGIN_X,
            y: first_y + FOOTER_LEADING * i as f32,
            size: FOOTER_SIZE,
            line: text::fit(&[(footer, Weight::Regular)], FOOTER_SIZE, room),
        });
    }
    out.push(Draw::Text {
        x: PAGE_W - MARGIN_X - number.width,
        y: FOOTER_LAST_Y,
        size: FOOTER_SIZE,
        line: number,
    });
    out
}

fn pdf_date(t: DateTime<Utc>) -> PdfDate {
    let year = u16::try_from(t.year().clamp(0, 9999)).unwrap_or(0);
    // In range by construction (chrono's own ranges).
    PdfDate::new(year)
        .month(t.month() as u8)
        .day(t.day() as u8)
        .hour(t.hour() as u8)
        .minute(t.minute() as u8)
        .second(t.second() as u8)
        .utc_offset_hour(0)
        .utc_offset_minute(0)
}

/// Writes `pages` of `doc` as a PDF.
pub(super) fn draw(doc: &Document, pages: &[Page]) -> Result<Vec<u8>> {
    let mut pdf = krilla::Document::new();
    let total = pages.len();
    for (i, body) in pages.iter().enumerate() {
        let settings = PageSettings::from_wh(PAGE_W, PAGE_H)
            .ok_or_else(|| Error::Internal("The PDF page size is invalid.".into()))?;
        let mut page = pdf.start_page_with(settings);
        let mut surface = page.surface();
        for d in body.iter().chain(&furniture(doc, i + 1, total)) {
            draw_one(&mut surface, d);
        }
        surface.finish();
        page.finish();
    }
    let mut metadata = Metadata::new()
        .title(doc.metadata_title.clone())
        .producer("Confidant".into());
    if let Some(created) = doc.created {
        metadata = metadata.creation_date(pdf_date(created));
    }
    pdf.set_metadata(metadata);
    pdf.finish()
        .map_err(|e| Error::Internal(format!("The PDF could not be written: {e:?}")))
}
