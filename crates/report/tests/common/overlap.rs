//! Where every word of a PDF lies, read with poppler's `pdftotext -bbox-layout`, and the layout
//! faults a reader would see: two words printed over each other, words outside the page, and
//! pages left nearly empty.

use std::path::Path;
use std::process::Command;

/// How far two word boxes may intersect (in points) before they count as printed over each
/// other: glyph boxes of neighbouring words touch by rounding, never by more.
pub const EPSILON: f64 = 0.5;

/// A word and its box, in points from the top-left corner of its page.
#[derive(Debug, Clone)]
pub struct Word {
    pub text: String,
    pub x_min: f64,
    pub y_min: f64,
    pub x_max: f64,
    pub y_max: f64,
}

impl Word {
    /// Whether the two boxes intersect by more than [`EPSILON`] in both directions.
    pub fn overlaps(&self, other: &Word) -> bool {
        let x = self.x_max.min(other.x_max) - self.x_min.max(other.x_min);
        let y = self.y_max.min(other.y_max) - self.y_min.max(other.y_min);
        x > EPSILON && y > EPSILON
    }
}

/// One page of the PDF: its size and its words.
#[derive(Debug)]
pub struct PageWords {
    pub number: usize,
    pub width: f64,
    pub height: f64,
    pub words: Vec<Word>,
}

/// The words of every page of a PDF file.
pub fn words(pdf: &Path) -> Vec<PageWords> {
    let output = Command::new("pdftotext")
        .arg("-bbox-layout")
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("pdftotext (poppler-utils) must be installed: {e}"));
    assert!(
        output.status.success(),
        "pdftotext failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    parse(&String::from_utf8(output.stdout).expect("poppler prints UTF-8"))
}

/// Reads poppler's XHTML: `<page width=".." height="..">` holding `<word xMin=".." ...>text</word>`.
pub fn parse(xhtml: &str) -> Vec<PageWords> {
    let mut pages = Vec::new();
    for (index, chunk) in xhtml.split("<page ").skip(1).enumerate() {
        let tag = &chunk[..chunk.find('>').expect("a page tag ends")];
        let mut page = PageWords {
            number: index + 1,
            width: number(tag, "width"),
            height: number(tag, "height"),
            words: Vec::new(),
        };
        for piece in chunk.split("<word ").skip(1) {
            let close = piece.find('>').expect("a word tag ends");
            let tag = &piece[..close];
            let text = &piece[close + 1..piece.find("</word>").expect("a word ends")];
            page.words.push(Word {
                text: unescape(text),
                x_min: number(tag, "xMin"),
                y_min: number(tag, "yMin"),
                x_max: number(tag, "xMax"),
                y_max: number(tag, "yMax"),
            });
        }
        pages.push(page);
    }
    pages
}

fn number(tag: &str, name: &str) -> f64 {
    let key = format!("{name}=\"");
    let start = tag
        .find(&key)
        .unwrap_or_else(|| panic!("no {name} in {tag}"))
        + key.len();
    let end = start + tag[start..].find('"').expect("a closing quote");
    tag[start..end].parse().expect("a number")
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// Every pair of words on the same page whose boxes intersect by more than [`EPSILON`], and
/// every word that reaches past the page's edge, described for a failure message.
pub fn layout_faults(pages: &[PageWords]) -> Vec<String> {
    let mut faults = Vec::new();
    for page in pages {
        for (i, a) in page.words.iter().enumerate() {
            if a.x_min < 0.0 || a.y_min < 0.0 || a.x_max > page.width || a.y_max > page.height {
                faults.push(format!("page {}: {:?} runs off the page", page.number, a));
            }
            for b in &page.words[i + 1..] {
                if a.overlaps(b) {
                    faults.push(format!(
                        "page {}: {:?} at ({:.1}, {:.1})-({:.1}, {:.1}) overlaps {:?} at ({:.1}, {:.1})-({:.1}, {:.1})",
                        page.number,
                        short(&a.text), a.x_min, a.y_min, a.x_max, a.y_max,
                        short(&b.text), b.x_min, b.y_min, b.x_max, b.y_max,
                    ));
                }
            }
        }
    }
    faults
}

fn short(text: &str) -> String {
    let mut out: String = text.chars().take(50).collect();
    if text.chars().count() > 50 {
        out.push('…');
    }
    out
}

/// Fails with every fault found when any word of the PDF overlaps another or leaves the page.
pub fn assert_no_overlaps(pdf: &[u8], what: &str) {
    let pages = words_of(pdf);
    assert!(!pages.is_empty(), "{what}: no pages");
    let faults = layout_faults(&pages);
    assert!(
        faults.is_empty(),
        "{what}: {} layout faults:\n{}",
        faults.len(),
        faults.join("\n")
    );
}

/// The words of a PDF given as bytes.
pub fn words_of(pdf: &[u8]) -> Vec<PageWords> {
    assert!(pdf.starts_with(b"%PDF-"), "not a PDF");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("document.pdf");
    std::fs::write(&path, pdf).unwrap();
    words(&path)
}

/// The share of the page's text area (between the top and bottom margins given in points)
/// that the page's body uses: from the top of the text area to the lowest word in it. Running
/// headers and footers lie in the margins and do not count.
pub fn used_height(page: &PageWords, top: f64, bottom: f64) -> f64 {
    let area_end = page.height - bottom;
    let lowest = page
        .words
        .iter()
        .filter(|w| w.y_min >= top && w.y_max <= area_end)
        .map(|w| w.y_max)
        .fold(top, f64::max);
    (lowest - top) / (area_end - top)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_poppler_xhtml_and_finds_overlapping_words() {
        let xhtml = r#"<doc><page width="595" height="842"><flow><block><line>
            <word xMin="10" yMin="10" xMax="50" yMax="20">a&amp;b</word>
            <word xMin="50.2" yMin="10" xMax="80" yMax="20">touching</word>
            <word xMin="70" yMin="12" xMax="90" yMax="22">over</word>
            </line></block></flow></page><page width="595" height="842">
            <word xMin="590" yMin="10" xMax="600" yMax="20">off</word></page></doc>"#;
        let pages = parse(xhtml);
        assert_eq!(pages.len(), 2);
        assert_eq!(pages[0].words[0].text, "a&b");
        let faults = layout_faults(&pages);
        assert_eq!(faults.len(), 2, "{faults:#?}");
        assert!(faults[0].contains("\"touching\"") && faults[0].contains("\"over\""));
        assert!(faults[1].contains("runs off the page"));
    }
}
