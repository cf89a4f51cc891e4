//! Byte offsets to 1-based line and column numbers (columns counted in characters).

pub struct LineIndex<'t> {
    text: &'t str,
    /// Byte offset where each line starts.
    starts: Vec<usize>,
    /// The last answer (byte offset, its column), so that offsets asked in page order on one
    /// long line (a minified page) are counted from there instead of from the line's start.
    last: std::cell::Cell<(usize, usize)>,
}

impl<'t> LineIndex<'t> {
    pub fn new(text: &'t str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex {
            text,
            starts,
            last: std::cell::Cell::new((0, 1)),
        }
    }

    /// 1-based (line, column) of a byte offset; offsets past the end clamp to the end.
    pub fn line_column(&self, offset: usize) -> (u32, u32) {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let mut end = offset;
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        let (last_offset, last_column) = self.last.get();
        let column = if last_offset >= start && last_offset <= end {
            last_column + self.text[last_offset..end].chars().count()
        } else {
            self.text[start..end].chars().count() + 1
        };
        self.last.set((end, column));
        (saturate(line + 1), saturate(column))
    }
}

fn saturate(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::LineIndex;

    #[test]
    fn lines_and_character_columns() {
        let idx = LineIndex::new("ab\né x\n");
        assert_eq!(idx.line_column(0), (1, 1));
        assert_eq!(idx.line_column(1), (1, 2));
        assert_eq!(idx.line_column(3), (2, 1));
        // 'x' sits after the two-byte 'é' and a space: third character of line 2.
        assert_eq!(idx.line_column(6), (2, 3));
        // Asked again out of order, the answers stay the same.
        assert_eq!(idx.line_column(4), (2, 1));
        assert_eq!(idx.line_column(1), (1, 2));
        assert_eq!(idx.line_column(6), (2, 3));
        assert_eq!(idx.line_column(1000), (3, 1));
    }
}
