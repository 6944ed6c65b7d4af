//! Reading numbers as people type them into a form.
//!
//! Lenient about decoration, strict about digits: what people type or paste
//! from a spreadsheet is read — `1,250`, ` 1250 `, `£5,000`, `£1,250.50`,
//! `50%`, `12.5 %`, `3.5`, and thousands grouped by spaces (`1 234`, also
//! with the non-breaking and thin spaces spreadsheets and word processors
//! put there) — while `12a`, `1.2.3`, `--5`, `NaN`, `inf` and `1e999` are
//! refused with [`ErrorKind::NotANumber`]. Commas and spaces must group
//! thousands: a decimal comma (`12,5`) is refused, with a message asking
//! for a point, rather than guessed at, since `1,250` and `12,5` cannot
//! both be read the way a European and a British user mean them. Blank
//! text means "no figure".
//!
//! The text is checked here (signs, `£`, `%`, digit grouping) and its
//! digits, with the grouping taken out, are then read by `str::parse::<f64>`,
//! so every figure comes out exactly as the standard library reads it. (An
//! earlier hand-written reader was meant to keep the standard float parser
//! out of the browser build; the build holds it anyway, so it saved
//! nothing.)

use crate::base::error::ErrorKind;

/// Longest piece of the user's text repeated back in an error message.
const ECHO_CHARS: usize = 24;

/// Reads a number typed into a form. `Ok(None)` for blank text.
///
/// ```
/// use outcome_model::scenario::parse::number;
/// assert_eq!(number("£1,250.50"), Ok(Some(1250.5)));
/// assert_eq!(number(" 12.5 % "), Ok(Some(12.5)));
/// assert_eq!(number("  "), Ok(None));
/// assert!(number("12a").is_err());
/// ```
pub fn number(text: &str) -> Result<Option<f64>, ErrorKind> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Ok(None);
    }
    // Spaces inside a figure (`1 234`, non-breaking or thin) group
    // thousands, as commas do.
    if let Some(v) = spaces_to_commas(trimmed).and_then(|t| read(&t)) {
        return Ok(Some(v));
    }
    if decimal_comma(trimmed) {
        return Err(ErrorKind::DecimalComma {
            reason: format!(
                "\u{201c}{}\u{201d} has a decimal comma: write decimals with a point (for example 12.5); commas only group thousands",
                echo(trimmed)
            ),
        });
    }
    Err(not_a_number(trimmed))
}

fn not_a_number(text: &str) -> ErrorKind {
    ErrorKind::NotANumber { text: echo(text) }
}

/// Spaces people and spreadsheets put inside figures.
fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{2007}' | '\u{2009}' | '\u{202f}')
}

/// `1 234 567.5` as `1,234,567.5`: a space between digits becomes a
/// comma, other spaces (after `£` or a sign, before `%`) go. `None` when
/// spaces and commas are mixed as separators.
fn spaces_to_commas(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    let mut prev_digit = false;
    let mut spaced = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if is_space(c) {
            if prev_digit && chars.peek().is_some_and(char::is_ascii_digit) {
                out.push(',');
                spaced = true;
            }
            continue;
        }
        prev_digit = c.is_ascii_digit();
        out.push(c);
    }
    (!(spaced && text.contains(','))).then_some(out)
}

/// True for `12,5`, `1 234,56` or `1.234,56`: a digit, a comma and one or
/// two digits at the end, the way much of Europe writes decimals.
fn decimal_comma(text: &str) -> bool {
    let t = text.trim_end_matches(|c: char| c == '%' || c.is_whitespace());
    t.rsplit_once(',').is_some_and(|(head, tail)| {
        (1..=2).contains(&tail.len())
            && tail.bytes().all(|b| b.is_ascii_digit())
            && head.bytes().last().is_some_and(|b| b.is_ascii_digit())
    })
}

/// The user's text, shortened for an error message.
fn echo(text: &str) -> String {
    if text.chars().count() <= ECHO_CHARS {
        return text.to_string();
    }
    let mut short: String = text.chars().take(ECHO_CHARS - 1).collect();
    short.push('\u{2026}');
    short
}

/// Parses trimmed, non-empty text; `None` when it is not a number.
fn read(text: &str) -> Option<f64> {
    let mut s = text;
    let mut negative = false;
    if let Some(rest) = s.strip_prefix(['-', '\u{2212}']) {
        negative = true;
        s = rest;
    } else if let Some(rest) = s.strip_prefix('+') {
        s = rest;
    }
    let pounds = s.starts_with('£');
    if pounds {
        s = s['£'.len_utf8()..].trim_start();
    }
    if let Some(rest) = s.strip_suffix('%') {
        if pounds {
            return None;
        }
        s = rest.trim_end();
    }
    let (whole, frac) = match s.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (s, None),
    };
    if whole.is_empty() && frac.is_none_or(str::is_empty) {
        return None;
    }
    let mut plain = String::with_capacity(s.len());
    for (i, group) in whole.split(',').enumerate() {
        let ok_len = if i == 0 {
            // With commas, the first group has 1 to 3 digits.
            !whole.contains(',') || (1..=3).contains(&group.len())
        } else {
            group.len() == 3
        };
        if !ok_len || !group.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        plain.push_str(group);
    }
    if let Some(frac) = frac {
        if !frac.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        plain.push('.');
        plain.push_str(frac);
    }
    if !plain.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let value: f64 = plain.parse().ok().filter(|v: &f64| v.is_finite())?;
    Some(if negative { -value } else { value })
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn reads_what_people_type() {
        let cases: &[(&str, Option<f64>)] = &[
            ("1,250", Some(1250.0)),
            (" 1250 ", Some(1250.0)),
            ("£1,250.50", Some(1250.5)),
            ("12%", Some(12.0)),
            ("12.5 %", Some(12.5)),
            ("3.5", Some(3.5)),
            ("0", Some(0.0)),
            ("0.1", Some(0.1)),
            (".5", Some(0.5)),
            ("5.", Some(5.0)),
            ("£ 646", Some(646.0)),
            ("6,123.08", Some(6123.08)),
            ("1,000,000", Some(1_000_000.0)),
            ("-5", Some(-5.0)),
            ("\u{2212}2.5", Some(-2.5)),
            ("-£40", Some(-40.0)),
            ("+7", Some(7.0)),
            ("\t 42\n", Some(42.0)),
            // Pasted from a spreadsheet or a report.
            ("£5,000", Some(5000.0)),
            ("50%", Some(50.0)),
            ("1 234", Some(1234.0)),
            ("1 234 567.25", Some(1_234_567.25)),
            ("£1 250", Some(1250.0)),
            ("1\u{a0}234", Some(1234.0)),
            ("\u{a0}£5,000\u{a0}", Some(5000.0)),
            ("1\u{202f}234", Some(1234.0)),
            ("1\u{2009}234", Some(1234.0)),
            ("50\u{a0}%", Some(50.0)),
            ("£\u{a0}646", Some(646.0)),
            (" 12.5 ", Some(12.5)),
            ("", None),
            ("   ", None),
        ];
        for (text, expected) in cases {
            assert_eq!(number(text), Ok(*expected), "reading {text:?}");
        }
    }

    #[test]
    fn refuses_what_is_not_a_number() {
        for text in [
            "12a",
            "1.2.3",
            "--5",
            "NaN",
            "nan",
            "inf",
            "-inf",
            "infinity",
            "1e999",
            "1e3",
            "0x10",
            ",5",
            "1,,000",
            "1,2345",
            "£",
            "%",
            ".",
            "-",
            "£12%",
            "12%%",
            "12 50",
            "1 2345",
            "1 234,567",
            "£-5",
            "twelve",
            "½",
            "١٢",
            "1\t234",
        ] {
            match number(text) {
                Err(ErrorKind::NotANumber { text: echoed }) => {
                    assert_eq!(echoed, text.trim(), "echoes {text:?}")
                }
                other => panic!("{text:?} gave {other:?}"),
            }
        }
    }

    #[test]
    fn a_decimal_comma_is_refused_with_a_reason_and_the_text() {
        for text in ["12,5", "12,50", " 12,5 ", "1 234,56", "1.234,56", "12,5%"] {
            match number(text) {
                Err(ErrorKind::DecimalComma { reason }) => {
                    assert!(reason.contains(text.trim()), "{reason}");
                    assert!(reason.contains("decimal comma"), "{reason}");
                }
                other => panic!("{text:?} gave {other:?}"),
            }
        }
    }

    #[test]
    fn long_text_is_shortened_in_the_message() {
        let long = "9".repeat(400);
        let Err(ErrorKind::NotANumber { text }) = number(&long) else {
            panic!("400 nines overflow and are refused");
        };
        assert_eq!(text.chars().count(), ECHO_CHARS);
        assert!(text.ends_with('\u{2026}'));
    }

    proptest! {
        #[test]
        fn never_panics(text in "\\PC*") {
            let _ = number(&text);
        }

        #[test]
        fn never_panics_on_number_like_text(text in "[-+£ ]{0,2}[0-9,.]{0,30}[ %]{0,2}") {
            if let Ok(Some(v)) = number(&text) {
                prop_assert!(v.is_finite());
            }
        }

        #[test]
        fn reads_pence_exactly_as_std_does(pence in 0u64..100_000_000_000) {
            let text = format!("{}.{:02}", pence / 100, pence % 100);
            prop_assert_eq!(number(&text), Ok(Some(text.parse::<f64>().unwrap())));
        }

        #[test]
        fn reads_thousands_grouping(n in 0u64..10_000_000_000) {
            let digits = n.to_string();
            let mut grouped = String::new();
            for (i, c) in digits.chars().enumerate() {
                if i > 0 && (digits.len() - i) % 3 == 0 {
                    grouped.push(',');
                }
                grouped.push(c);
            }
            prop_assert_eq!(number(&format!("£{grouped}")), Ok(Some(n as f64)));
        }
    }
}
