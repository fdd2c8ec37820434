//! Column-aligned text tables.

/// One line of a table: aligned cells, or free text under the row before
/// it (a note), which takes no part in the alignment.
enum Line {
    Cells(Vec<String>),
    Free(String),
}

/// Rows of cells, printed with each column padded to its widest cell (in
/// characters); the last column is never padded, so lines carry no
/// trailing spaces.
#[derive(Default)]
pub struct Table {
    rows: Vec<Line>,
}

impl Table {
    pub fn row<I, S>(&mut self, cells: I)
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.rows
            .push(Line::Cells(cells.into_iter().map(Into::into).collect()));
    }

    /// A line of free text after the last row (printed after the indent,
    /// as it is), such as the note of the relation on that row.
    pub fn free(&mut self, text: String) {
        self.rows.push(Line::Free(text));
    }

    /// Writes the table, each line starting with `indent`.
    pub fn render(&self, indent: &str, out: &mut String) {
        let cells = || {
            self.rows.iter().filter_map(|line| match line {
                Line::Cells(row) => Some(row),
                Line::Free(_) => None,
            })
        };
        let columns = cells().map(Vec::len).max().unwrap_or(0);
        let mut widths = vec![0; columns];
        for row in cells() {
            for (i, cell) in row.iter().enumerate() {
                widths[i] = widths[i].max(cell.chars().count());
            }
        }
        for line in &self.rows {
            let mut text = String::from(indent);
            match line {
                Line::Free(free) => text.push_str(free),
                Line::Cells(row) => {
                    for (i, cell) in row.iter().enumerate() {
                        text.push_str(cell);
                        if i + 1 < row.len() {
                            let pad = widths[i] - cell.chars().count() + 2;
                            text.extend(std::iter::repeat_n(' ', pad));
                        }
                    }
                }
            }
            out.push_str(text.trim_end());
            out.push('\n');
        }
    }
}
