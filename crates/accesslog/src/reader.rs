//! Streaming input: counts the bytes read (for progress), and splits the text into lines of
//! bounded length so a file without newlines cannot exhaust memory.

use std::io::{self, BufRead, Read};

use memchr::memchr;

/// How often progress is reported.
const PROGRESS_STEP: u64 = 1 << 20;

/// Wraps the raw (possibly compressed) input and reports how many bytes have been read.
pub struct CountingReader<'a, R> {
    inner: R,
    read: u64,
    last_reported: u64,
    progress: Option<&'a dyn Fn(u64)>,
}

impl<'a, R: Read> CountingReader<'a, R> {
    pub fn new(inner: R, progress: Option<&'a dyn Fn(u64)>) -> Self {
        CountingReader {
            inner,
            read: 0,
            last_reported: 0,
            progress,
        }
    }
}

impl<R: Read> Read for CountingReader<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        if let Some(progress) = self.progress {
            if n == 0 || self.read - self.last_reported >= PROGRESS_STEP {
                self.last_reported = self.read;
                progress(self.read);
            }
        }
        Ok(n)
    }
}

/// What the line reader found next.
#[derive(Debug, PartialEq, Eq)]
pub enum Next<'a> {
    /// One line, without its line ending.
    Line(&'a [u8]),
    /// A line longer than the limit; its content is skipped.
    TooLong,
    /// Part of an over-long line was skipped; nothing to process, but the caller gets a chance
    /// to check for cancellation on input that never ends a line.
    Skipping,
    Eof,
}

/// Splits a buffered stream into lines of at most `max_len` bytes.
pub struct LineReader<R> {
    inner: R,
    max_len: usize,
    /// Bytes of the line returned last that are still in `inner`'s buffer.
    pending_consume: usize,
    /// A line that spans two buffer fills is assembled here.
    joined: Vec<u8>,
    skipping: bool,
    bytes: u64,
}

enum Found {
    InBuffer(usize),
    Joined,
    TooLong,
    Skipping,
    Eof,
}

impl<R: BufRead> LineReader<R> {
    pub fn new(inner: R, max_len: usize) -> Self {
        LineReader {
            inner,
            max_len,
            pending_consume: 0,
            joined: Vec::new(),
            skipping: false,
            bytes: 0,
        }
    }

    /// Bytes of text consumed so far (after decompression).
    pub fn bytes(&self) -> u64 {
        self.bytes
    }

    pub fn next_line(&mut self) -> io::Result<Next<'_>> {
        self.inner.consume(self.pending_consume);
        self.pending_consume = 0;
        self.joined.clear();
        let found = self.find_line()?;
        Ok(match found {
            Found::InBuffer(end) => {
                // Same data as the fill in `find_line`: a non-empty buffer is returned as is.
                let available = self.inner.fill_buf()?;
                self.pending_consume = end + 1;
                Next::Line(trim_cr(&available[..end]))
            }
            Found::Joined => Next::Line(trim_cr(&self.joined)),
            Found::TooLong => Next::TooLong,
            Found::Skipping => Next::Skipping,
            Found::Eof => Next::Eof,
        })
    }

    fn find_line(&mut self) -> io::Result<Found> {
        loop {
            let available = match self.inner.fill_buf() {
                Ok(available) => available,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if available.is_empty() {
                self.skipping = false;
                return Ok(if self.joined.is_empty() {
                    Found::Eof
                } else {
                    Found::Joined
                });
            }
            let newline = memchr(b'\n', available);
            let taken = newline.map_or(available.len(), |i| i + 1);
            self.bytes += taken as u64;

            if self.skipping {
                self.inner.consume(taken);
                if newline.is_some() {
                    self.skipping = false;
                    continue;
                }
                return Ok(Found::Skipping);
            }
            let line_len = self.joined.len() + newline.unwrap_or(available.len());
            if line_len > self.max_len {
                self.inner.consume(taken);
                self.joined.clear();
                self.skipping = newline.is_none();
                return Ok(Found::TooLong);
            }
            match newline {
                // Returned straight from the buffer; consumed on the next call.
                Some(i) if self.joined.is_empty() => return Ok(Found::InBuffer(i)),
                Some(i) => {
                    self.joined.extend_from_slice(&available[..i]);
                    self.inner.consume(taken);
                    return Ok(Found::Joined);
                }
                None => {
                    self.joined.extend_from_slice(available);
                    self.inner.consume(taken);
                }
            }
        }
    }
}

fn trim_cr(line: &[u8]) -> &[u8] {
    line.strip_suffix(b"\r").unwrap_or(line)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::BufReader;

    fn lines(input: &[u8], buffer: usize, max: usize) -> Vec<String> {
        let mut r = LineReader::new(BufReader::with_capacity(buffer, input), max);
        let mut out = Vec::new();
        loop {
            match r.next_line().unwrap() {
                Next::Line(l) => out.push(String::from_utf8_lossy(l).into_owned()),
                Next::TooLong => out.push("<too long>".into()),
                Next::Skipping => {}
                Next::Eof => break,
            }
        }
        assert_eq!(r.bytes(), input.len() as u64);
        out
    }

    #[test]
    fn splits_lines_across_buffer_boundaries() {
        let input = b"first line\r\nsecond\n\nlast without newline";
        for buffer in [1, 2, 3, 7, 64] {
            assert_eq!(
                lines(input, buffer, 100),
                ["first line", "second", "", "last without newline"],
                "buffer {buffer}"
            );
        }
    }

    #[test]
    fn over_long_lines_are_reported_once_and_skipped() {
        let input = b"ok\n0123456789abcdef\nfine\n0123456789abcdef";
        for buffer in [2, 5, 64] {
            assert_eq!(
                lines(input, buffer, 10),
                ["ok", "<too long>", "fine", "<too long>"],
                "buffer {buffer}"
            );
        }
    }

    #[test]
    fn counting_reader_reports_progress() {
        use std::cell::Cell;
        let seen = Cell::new(0u64);
        let report = |n: u64| seen.set(n);
        let data = vec![b'x'; 3 << 20];
        let mut r = CountingReader::new(&data[..], Some(&report));
        io::copy(&mut r, &mut io::sink()).unwrap();
        assert_eq!(seen.get(), data.len() as u64);
    }
}
