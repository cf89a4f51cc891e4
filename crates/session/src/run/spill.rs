//! Whole pages of a run kept on disk as they finish, to be read back in input order once the run
//! ends (the JSON export of a run too large to hold in memory). The file is anonymous: it goes
//! away with the value, whatever happens to the process.

use preflight_audit::report::PageReport;
use std::fs::File;
use std::io::{BufReader, Read, Seek, SeekFrom, Write};

/// Pages written as JSON one after the other, with where each input position's page starts.
#[derive(Debug)]
pub struct PageSpill {
    file: File,
    /// By input position: (offset, length) of the page's JSON.
    places: Vec<Option<(u64, u64)>>,
    end: u64,
}

impl PageSpill {
    pub fn new() -> std::io::Result<PageSpill> {
        Ok(PageSpill {
            file: tempfile::tempfile()?,
            places: Vec::new(),
            end: 0,
        })
    }

    /// Keeps the page checked at input position `index`.
    pub fn keep(&mut self, index: usize, page: &PageReport) -> std::io::Result<()> {
        let bytes = serde_json::to_vec(page).map_err(std::io::Error::other)?;
        self.file.seek(SeekFrom::Start(self.end))?;
        self.file.write_all(&bytes)?;
        if self.places.len() <= index {
            self.places.resize(index + 1, None);
        }
        self.places[index] = Some((self.end, bytes.len() as u64));
        self.end += bytes.len() as u64;
        Ok(())
    }

    /// The pages kept, in input order (positions with no page skipped), read one at a time.
    pub fn pages(&mut self) -> impl Iterator<Item = Result<PageReport, String>> + '_ {
        let places: Vec<(u64, u64)> = self.places.iter().flatten().copied().collect();
        let file = &mut self.file;
        places.into_iter().map(move |(offset, len)| {
            file.seek(SeekFrom::Start(offset))
                .map_err(|e| e.to_string())?;
            let reader = BufReader::new(Read::by_ref(file).take(len));
            serde_json::from_reader(reader)
                .map_err(|e| format!("a kept page could not be read back: {e}"))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use preflight_audit::report::Verdict;
    use preflight_model::Confidence;

    fn page(url: &str) -> PageReport {
        PageReport {
            url: url.into(),
            verdict: Verdict::Reachable,
            verdict_confidence: Confidence::High,
            verdict_reason: "ok".into(),
            vendor: None,
            robots: None,
            params_survive: None,
            findings: Vec::new(),
            fetches: Vec::new(),
            robots_fetch: None,
            params_fetch: None,
            pixel: None,
        }
    }

    #[test]
    fn pages_come_back_in_input_order_whatever_order_they_finished_in() {
        let mut spill = PageSpill::new().unwrap();
        for index in [2, 0, 3] {
            spill
                .keep(index, &page(&format!("https://a.example/{index}")))
                .unwrap();
        }
        let urls: Vec<String> = spill.pages().map(|p| p.unwrap().url).collect();
        assert_eq!(
            urls,
            [
                "https://a.example/0",
                "https://a.example/2",
                "https://a.example/3"
            ]
        );
        // Reading twice gives the same pages.
        assert_eq!(spill.pages().count(), 3);
    }
}
