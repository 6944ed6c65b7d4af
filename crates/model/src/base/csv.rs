//! A small CSV reader (RFC 4180), for the official council tables and for
//! files people upload.
//!
//! - Fields are separated by commas; a record ends at CRLF, LF or a lone CR.
//! - A field that starts with `"` is quoted: it may hold commas, line breaks
//!   and doubled quotes (`""` reads as one `"`). Text after the closing quote
//!   (other than a comma or the end of the line) is an error.
//! - A `"` inside an unquoted field is read as an ordinary character.
//! - A UTF-8 byte order mark at the start is dropped.
//! - Empty lines are skipped; a line of commas is a record of empty fields.
//! - Every record must have as many fields as the first one (the header).
//! - Fields are returned exactly as written: no trimming, no type guessing.
//!
//! Errors name the line, as `csv line 12` (lines count from 1, as an editor
//! shows them; a record spread over several lines by a quoted line break is
//! named by the line it starts on). The reader never panics, whatever its
//! input.

use crate::base::error::{Error, ErrorKind, FilePlace, Location};

/// One record of a CSV file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// Line of the file the record starts on, counting from 1.
    pub line: usize,
    /// The fields, unquoted.
    pub fields: Vec<String>,
}

/// Where an error about `line` of a CSV file is (the file not yet named:
/// `csv line 12`).
pub fn line_field(line: usize) -> Location {
    place(line, None)
}

/// A place in a CSV file not yet named: `line`, and `column` when the
/// error is about one cell ([`Location::in_file`] names the file).
pub fn place(line: usize, column: Option<&str>) -> Location {
    Location::File(Box::new(FilePlace {
        file: None,
        line,
        column: column.map(str::to_string),
        words: place_words,
    }))
}

/// A place in a file in words: `name line 12, column x`, `csv` for a file
/// not yet named. Only the code that reads files links it.
fn place_words(p: &FilePlace, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
    let file = p.file.as_deref().unwrap_or("csv");
    write!(f, "{file} line {}", p.line)?;
    match &p.column {
        Some(c) => write!(f, ", column {c}"),
        None => Ok(()),
    }
}

/// An error at `line` of the kind `kind` (an [`ErrorKind`] variant's
/// constructor), in the words `reason`.
fn invalid(line: usize, kind: fn(String) -> ErrorKind, reason: impl Into<String>) -> Error {
    Error::new(line_field(line), kind(reason.into()))
}

/// The records after a header that must read exactly `columns` (each
/// field trimmed); `what` names the file in the error, e.g. "a history
/// file".
///
/// ```
/// use outcome_model::base::csv;
/// let records = csv::records("a,b\n1,2\n").unwrap();
/// assert_eq!(csv::body(&records, &["a", "b"], "a file").unwrap().len(), 1);
/// let e = csv::body(&records, &["a"], "a file").unwrap_err();
/// assert_eq!(e.field, csv::line_field(1));
/// assert_eq!(e.code(), "wrong_columns");
/// ```
pub fn body<'a>(
    records: &'a [Record],
    columns: &[&str],
    what: &str,
) -> Result<&'a [Record], Error> {
    let Some((header, rows)) = records.split_first() else {
        return Err(invalid(
            1,
            |reason| ErrorKind::EmptyFile { reason },
            "the file is empty",
        ));
    };
    let found: Vec<&str> = header.fields.iter().map(|f| f.trim()).collect();
    if found != columns {
        return Err(invalid(
            header.line,
            |reason| ErrorKind::WrongColumns { reason },
            format!("{what} has the columns {}", columns.join(",")),
        ));
    }
    Ok(rows)
}

/// How a field ended.
#[derive(Clone, Copy, PartialEq, Eq)]
enum End {
    /// A comma: another field of the same record follows.
    Comma,
    /// A line break or the end of the text: the record is complete.
    Record,
}

/// Reads every record of `text`, with the line each starts on.
///
/// ```
/// use outcome_model::base::csv;
/// let rows = csv::records("code,name\r\nE1,\"Bristol, City of\"\r\n").unwrap();
/// assert_eq!(rows[1].fields, ["E1", "Bristol, City of"]);
/// assert_eq!(rows[1].line, 2);
/// ```
pub fn records(text: &str) -> Result<Vec<Record>, Error> {
    let mut out = Vec::new();
    Reader::new().read(text, usize::MAX, &mut out)?;
    Ok(out)
}

/// A reader of the records of a text that can stop after some records and
/// go on later, so that a page reads a large file a slice at a time and
/// keeps answering. Reading a text in slices gives exactly the records and
/// errors of [`records`].
///
/// ```
/// use outcome_model::base::csv::Reader;
/// let text = "a,b\n1,2\n3,4\n";
/// let (mut reader, mut out) = (Reader::new(), Vec::new());
/// assert!(!reader.read(text, 2, &mut out).unwrap()); // two records, more to come
/// assert_eq!(reader.position(), 8);
/// assert!(reader.read(text, 2, &mut out).unwrap()); // the last one
/// assert_eq!(out[2].fields, ["3", "4"]);
/// ```
#[derive(Debug, Clone)]
pub struct Reader {
    /// Byte offset of the next record in the text.
    pos: usize,
    /// Line the reader is on, counting from 1.
    line: usize,
    /// Fields in the first record (the header), once read.
    width: Option<usize>,
}

impl Default for Reader {
    fn default() -> Self {
        Self::new()
    }
}

impl Reader {
    /// A reader at the start of a text.
    pub fn new() -> Self {
        Reader {
            pos: 0,
            line: 1,
            width: None,
        }
    }

    /// Bytes of the text read so far.
    pub fn position(&self) -> usize {
        self.pos
    }

    /// Reads up to `max` more records of `text` (the same text at every
    /// call) into `out`; `true` once the text has been read to its end.
    pub fn read(&mut self, text: &str, max: usize, out: &mut Vec<Record>) -> Result<bool, Error> {
        let b = text.as_bytes();
        if self.pos == 0 && text.starts_with('\u{feff}') {
            self.pos = '\u{feff}'.len_utf8();
        }
        let mut i = self.pos;
        let mut line = self.line;
        let mut n = 0;
        loop {
            // Start of a record: skip empty lines.
            match b.get(i) {
                None => {
                    self.pos = i;
                    self.line = line;
                    return Ok(true);
                }
                Some(b'\n') => {
                    i += 1;
                    line += 1;
                    continue;
                }
                Some(b'\r') => {
                    i += 1;
                    if b.get(i) == Some(&b'\n') {
                        i += 1;
                    }
                    line += 1;
                    continue;
                }
                Some(_) => {}
            }
            if n >= max {
                self.pos = i;
                self.line = line;
                return Ok(false);
            }

            let start = line;
            let mut fields = Vec::with_capacity(self.width.unwrap_or(8));
            loop {
                let mut field = String::new();
                let quoted = b.get(i) == Some(&b'"');
                if quoted {
                    i += 1;
                    let opened = line;
                    loop {
                        // Delimiters are ASCII, so every stop is a character
                        // boundary.
                        let from = i;
                        while i < b.len() && !matches!(b[i], b'"' | b'\n' | b'\r') {
                            i += 1;
                        }
                        field.push_str(&text[from..i]);
                        match b.get(i) {
                            None => {
                                return Err(invalid(
                                    opened,
                                    |reason| ErrorKind::BadQuote { reason },
                                    "a quoted field that starts on this line is never closed: \
                                     check for a missing \"",
                                ))
                            }
                            Some(b'"') => {
                                i += 1;
                                if b.get(i) == Some(&b'"') {
                                    i += 1;
                                    field.push('"');
                                } else {
                                    break;
                                }
                            }
                            Some(&c) => {
                                // A line break inside the quotes.
                                i += 1;
                                if c == b'\n' || b.get(i) != Some(&b'\n') {
                                    line += 1;
                                }
                                field.push(c as char);
                            }
                        }
                    }
                }
                // Up to the comma or line break that ends the field.
                let from = i;
                let (stop, end) = loop {
                    match b.get(i) {
                        None => break (i, End::Record),
                        Some(b',') => {
                            i += 1;
                            break (i - 1, End::Comma);
                        }
                        Some(b'\n') => {
                            i += 1;
                            line += 1;
                            break (i - 1, End::Record);
                        }
                        Some(b'\r') => {
                            let at = i;
                            i += 1;
                            if b.get(i) == Some(&b'\n') {
                                i += 1;
                            }
                            line += 1;
                            break (at, End::Record);
                        }
                        Some(_) if quoted => {
                            let c = text[i..].chars().next().unwrap_or('?');
                            return Err(invalid(
                                line,
                                |reason| ErrorKind::BadQuote { reason },
                                format!(
                                    "unexpected \u{201c}{}\u{201d} after a closing quote: \
                                     a quote inside a quoted field must be doubled (\"\")",
                                    c.escape_debug()
                                ),
                            ));
                        }
                        Some(_) => i += 1,
                    }
                };
                if !quoted {
                    field.push_str(&text[from..stop]);
                }
                fields.push(field);
                if end == End::Record {
                    break;
                }
            }

            match self.width {
                Some(want) if fields.len() != want => {
                    return Err(invalid(
                        start,
                        |reason| ErrorKind::WrongFieldCount { reason },
                        format!(
                            "this row has {} field{} but the first row has {want}",
                            fields.len(),
                            if fields.len() == 1 { "" } else { "s" }
                        ),
                    ));
                }
                Some(_) => {}
                None => self.width = Some(fields.len()),
            }
            out.push(Record {
                line: start,
                fields,
            });
            n += 1;
        }
    }
}

/// Reads every record of `text` as rows of fields (see [`records`]).
pub fn parse(text: &str) -> Result<Vec<Vec<String>>, Error> {
    Ok(records(text)?.into_iter().map(|r| r.fields).collect())
}

/// Reads the records of a file's raw bytes, which must be UTF-8 text (with
/// or without a byte order mark). Other encodings are an error naming the
/// line of the first byte that is not UTF-8.
pub fn records_from_bytes(bytes: &[u8]) -> Result<Vec<Record>, Error> {
    match std::str::from_utf8(bytes) {
        Ok(text) => records(text),
        Err(e) => {
            let before = bytes.get(..e.valid_up_to()).unwrap_or_default();
            Err(invalid(
                lines_in(before),
                |reason| ErrorKind::NotText { reason },
                "the file is not UTF-8 text: save it as \u{201c}CSV UTF-8\u{201d}",
            ))
        }
    }
}

/// The line (from 1) reached at the end of `bytes`, counting CRLF, LF and a
/// lone CR each as one line break.
fn lines_in(bytes: &[u8]) -> usize {
    let mut line = 1;
    let mut previous_cr = false;
    for &b in bytes {
        match b {
            b'\n' if previous_cr => {}
            b'\n' | b'\r' => line += 1,
            _ => {}
        }
        previous_cr = b == b'\r';
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> Vec<Vec<String>> {
        parse(text).unwrap_or_else(|e| panic!("{text:?}: {e}"))
    }

    #[test]
    fn reads_well_formed_files() {
        let cases: &[(&str, &[&[&str]])] = &[
            ("", &[]),
            ("\u{feff}", &[]),
            ("a", &[&["a"]]),
            ("a,b\n1,2\n", &[&["a", "b"], &["1", "2"]]),
            ("a,b\r\n1,2\r\n", &[&["a", "b"], &["1", "2"]]),
            ("a,b\r1,2\r", &[&["a", "b"], &["1", "2"]]),
            ("a,b\n1,2", &[&["a", "b"], &["1", "2"]]),
            ("\u{feff}a,b\r\n1,2", &[&["a", "b"], &["1", "2"]]),
            ("a,b\n\n1,2\n\r\n", &[&["a", "b"], &["1", "2"]]),
            ("a,b,c\n,,\n", &[&["a", "b", "c"], &["", "", ""]]),
            ("a,b\n1,\n", &[&["a", "b"], &["1", ""]]),
            (
                "code,name\nE1,\"Bristol, City of\"\n",
                &[&["code", "name"], &["E1", "Bristol, City of"]],
            ),
            ("\"say \"\"hi\"\"\",x", &[&["say \"hi\"", "x"]]),
            ("\"\",\"\"\n", &[&["", ""]]),
            ("\"two\r\nlines\",x\n", &[&["two\r\nlines", "x"]]),
            ("\"a\nb\"", &[&["a\nb"]]),
            ("5'10\",x", &[&["5'10\"", "x"]]),
            (" a , b ", &[&[" a ", " b "]]),
            ("caf\u{e9},\u{1f600}", &[&["caf\u{e9}", "\u{1f600}"]]),
            ("\u{feff}\"q\"", &[&["q"]]),
        ];
        for (text, expected) in cases {
            let expected: Vec<Vec<String>> = expected
                .iter()
                .map(|r| r.iter().map(|f| f.to_string()).collect())
                .collect();
            assert_eq!(rows(text), expected, "{text:?}");
        }
    }

    #[test]
    fn records_know_their_line() {
        let cases: &[(&str, &[usize])] = &[
            ("a\nb\nc", &[1, 2, 3]),
            ("a\r\nb\r\nc\r\n", &[1, 2, 3]),
            ("a\rb", &[1, 2]),
            ("a\n\n\nb", &[1, 4]),
            ("\"x\ny\"\nb\n", &[1, 3]),
            ("\"x\r\ny\r\nz\"\r\nb", &[1, 4]),
            ("\u{feff}\n\na", &[3]),
        ];
        for (text, lines) in cases {
            let found: Vec<usize> = records(text).unwrap().iter().map(|r| r.line).collect();
            assert_eq!(&found, lines, "{text:?}");
        }
    }

    #[test]
    fn bad_files_are_errors_naming_the_line() {
        let cases: &[(&str, usize, &str, &str)] = &[
            ("a,b\n\"open,2\n3,4\n", 2, "bad_quote", "never closed"),
            ("\"", 1, "bad_quote", "never closed"),
            ("a,b\n\"x\"y,2\n", 2, "bad_quote", "after a closing quote"),
            ("a,b\n\"x\" ,2\n", 2, "bad_quote", "after a closing quote"),
            (
                "a,b\n1,2,3\n",
                2,
                "wrong_field_count",
                "this row has 3 fields but the first row has 2",
            ),
            (
                "a,b\r\n1,2\r\n\r\n4\r\n",
                4,
                "wrong_field_count",
                "this row has 1 field but",
            ),
            (
                "a,b\n\"1\n2\",3\n4\n",
                4,
                "wrong_field_count",
                "this row has 1 field but",
            ),
            ("a\n\"x\ny\"z\n", 3, "bad_quote", "after a closing quote"),
        ];
        for (text, line, code, reason) in cases {
            let error = records(text).expect_err(text);
            assert_eq!(error.field, line_field(*line), "{text:?}");
            assert_eq!(error.code(), *code, "{text:?}");
            assert!(
                error.message().contains(reason),
                "{text:?}: {}",
                error.message()
            );
            assert_eq!(error.message(), error.message().to_lowercase().as_str());
        }
    }

    /// A file without rows, or whose header is not the one asked for, is
    /// told by its kind.
    #[test]
    fn an_empty_file_or_wrong_header_is_its_own_kind() {
        let columns = ["a", "b"];
        let cases: &[(&str, usize, &str, &str)] = &[
            ("", 1, "empty_file", "the file is empty"),
            (
                "a\n1\n",
                1,
                "wrong_columns",
                "a test file has the columns a,b",
            ),
            (
                "\n\nb,a\n",
                3,
                "wrong_columns",
                "a test file has the columns a,b",
            ),
        ];
        for (text, line, code, message) in cases {
            let rows = records(text).unwrap();
            let error = body(&rows, &columns, "a test file").expect_err(text);
            assert_eq!(error.field, line_field(*line), "{text:?}");
            assert_eq!((error.code(), error.message().as_str()), (*code, *message));
        }
    }

    #[test]
    fn bytes_must_be_utf8() {
        let cases: &[(&[u8], Result<usize, usize>)] = &[
            (b"a,b\r\n1,2\r\n", Ok(2)),
            (b"\xef\xbb\xbfa,b\n1,2", Ok(2)),
            (b"a,b\r\nCaf\xe9,2\r\n", Err(2)),
            (b"a\rb\r\n\n\xff", Err(4)),
            (b"\xff\xfea\x00", Err(1)),
        ];
        for (bytes, expected) in cases {
            match (records_from_bytes(bytes), expected) {
                (Ok(rows), Ok(n)) => assert_eq!(rows.len(), *n, "{bytes:?}"),
                (Err(e), Err(line)) => {
                    assert_eq!(e.field, line_field(*line), "{bytes:?}");
                    assert_eq!(e.code(), "not_text", "{bytes:?}");
                    assert!(e.message().contains("not UTF-8"), "{}", e.message());
                }
                (found, _) => panic!("{bytes:?}: {found:?}"),
            }
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod props {
    use super::*;
    use proptest::prelude::*;

    /// Writes rows as RFC 4180 CSV, quoting every field that needs it.
    fn write(rows: &[Vec<String>], eol: &str) -> String {
        let mut out = String::new();
        for row in rows {
            let fields: Vec<String> = row
                .iter()
                .map(|f| {
                    if f.is_empty() || f.contains([',', '"', '\r', '\n']) {
                        format!("\"{}\"", f.replace('"', "\"\""))
                    } else {
                        f.clone()
                    }
                })
                .collect();
            out.push_str(&fields.join(","));
            out.push_str(eol);
        }
        out
    }

    proptest! {
        #[test]
        fn never_panics_on_any_text(text in "\\PC*") {
            let _ = records(&text);
        }

        #[test]
        fn never_panics_on_csv_like_text(text in "[a,\"\r\n\u{feff} ]{0,64}") {
            let _ = records(&text);
        }

        #[test]
        fn slices_read_what_the_whole_reads(text in "[ab,\"\r\n\u{feff}é ]{0,80}", slice in 1usize..5) {
            let whole = records(&text);
            let mut reader = Reader::new();
            let mut out = Vec::new();
            let sliced = loop {
                match reader.read(&text, slice, &mut out) {
                    Ok(true) => break Ok(out),
                    Ok(false) => prop_assert!(reader.position() <= text.len()),
                    Err(e) => break Err(e),
                }
            };
            prop_assert_eq!(whole, sliced);
        }

        #[test]
        fn never_panics_on_any_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..256)) {
            let _ = records_from_bytes(&bytes);
        }

        #[test]
        fn reads_back_what_is_written(
            width in 1usize..5,
            cells in proptest::collection::vec("[a-c,\"\r\n \u{e9}]{0,6}", 0..20),
            crlf in any::<bool>(),
        ) {
            let rows: Vec<Vec<String>> = cells.chunks_exact(width).map(<[String]>::to_vec).collect();
            let text = write(&rows, if crlf { "\r\n" } else { "\n" });
            prop_assert_eq!(parse(&text).unwrap(), rows);
        }
    }
}
