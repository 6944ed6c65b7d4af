//! Numbers as text, byte for byte as core's float formatting writes them,
//! without its code.
//!
//! Rust's `Display` for `f64` (`format!("{x}")`) writes the shortest digits
//! that read back as `x`, laid out without an exponent, and `{x:.1}` the
//! exact binary value rounded to a place. Its code (Grisu with a Dragon
//! fallback, their bignums and tables) was in the browser's calculator
//! for share links, a few notes and a warning; without it the module is
//! 13.8 KB smaller (5.4 KB gzipped). The [`ryu`] crate finds the same
//! shortest digits with small tables, and [`fixed`] rounds with a few
//! lines of whole-number arithmetic; the tests compare both with `format!`
//! over edge cases and millions of random numbers, so links and texts are
//! what they were.

/// How `format!` starts writing `x`: its sign (`-`, or nothing), or, for
/// `NaN` and the infinities, the whole text (`Err`), as both writers here
/// write them.
fn start(x: f64) -> Result<String, String> {
    if x.is_nan() {
        return Err("NaN".into());
    }
    let sign = if x.is_sign_negative() { "-" } else { "" };
    if x.is_infinite() {
        return Err(format!("{sign}inf"));
    }
    Ok(sign.into())
}

/// `x` exactly as `format!("{x}")` writes it: the shortest decimal that
/// reads back as `x`, never an exponent (`1e21` is `1` and 21 zeros,
/// `5e-7` is `0.0000005`), a whole number without a point, `-0` for
/// negative zero, `NaN`, `inf` and `-inf`.
pub fn shortest(x: f64) -> String {
    let mut out = match start(x) {
        Ok(sign) => sign,
        Err(whole) => return whole,
    };
    let mut buffer = ryu::Buffer::new();
    // ryu writes `d.ddd`, `d.ddde±n` or `0.000ddd`: its digits, the
    // position of the point among them and a power of ten.
    let text = buffer.format_finite(x.abs());
    let (mantissa, power) = match text.split_once('e') {
        Some((m, e)) => (m, e.parse::<i32>().unwrap_or(0)),
        None => (text, 0),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let mut digits = whole.as_bytes().to_vec();
    digits.extend_from_slice(fraction.as_bytes());
    // Digits before the point, counted from the first digit.
    let mut point = whole.len() as i32 + power;
    let leading = digits.iter().take_while(|&&d| d == b'0').count();
    point -= leading as i32;
    let mut end = digits.len();
    while end > leading && digits[end - 1] == b'0' {
        end -= 1;
    }
    let digits = &mut digits[leading..end];
    if digits.is_empty() {
        out.push('0');
        return out;
    }
    let len = digits.len() as i32;
    // Two shortest decimals equally near `x`: ryu takes the even one,
    // `Display` the one above (1,000,000,000,000,000.25 is `…0.3`). Only
    // a last digit ryu kept even can have been rounded down.
    if halfway_above(x.abs(), digits, point - len - 1) {
        if let Some(last) = digits.last_mut() {
            *last += 1;
        }
    }
    let zeros = |out: &mut String, n: i32| (0..n).for_each(|_| out.push('0'));
    if point <= 0 {
        out.push_str("0.");
        zeros(&mut out, -point);
        push_ascii(&mut out, digits);
    } else if point >= len {
        push_ascii(&mut out, digits);
        zeros(&mut out, point - len);
    } else {
        let (before, after) = digits.split_at(point as usize);
        push_ascii(&mut out, before);
        out.push('.');
        push_ascii(&mut out, after);
    }
    out
}

/// Whether `x` (finite, not negative) is exactly the decimal `digits`
/// followed by a 5, times ten to the `power`: halfway between `digits` and
/// the number one above them in their last place.
///
/// `x` is `m` × 2^`e` with `m` odd, and that decimal is `n` × 2^`power` ×
/// 5^`power` with `n` odd (it ends in 5), so they are equal only when
/// `e` is `power` and `m` is `n` × 5^`power` (or `n` is `m` × 5^−`power`).
/// Either side past 64 bits cannot be the other, as `m` < 2^53 and `n` <
/// 10^18.
fn halfway_above(x: f64, digits: &[u8], power: i32) -> bool {
    let n = digits
        .iter()
        .try_fold(0u64, |n, &d| {
            n.checked_mul(10)?.checked_add(u64::from(d - b'0'))
        })
        .and_then(|d| d.checked_mul(10)?.checked_add(5));
    let (m, e) = binary(x);
    let (Some(n), false) = (n, m == 0) else {
        return false;
    };
    let odd = m >> m.trailing_zeros();
    let e = e + m.trailing_zeros() as i32;
    let five = 5u64.checked_pow(power.unsigned_abs());
    e == power
        && if power >= 0 {
            five.and_then(|f| n.checked_mul(f)) == Some(odd)
        } else {
            five.and_then(|f| odd.checked_mul(f)) == Some(n)
        }
}

/// `x` as `format!("{x:+}")` writes it: [`shortest`] with a `+` before a
/// number not negative (`+0`, `+2.5`, `-0`, `NaN`).
pub fn signed(x: f64) -> String {
    let text = shortest(x);
    if x.is_sign_positive() && !x.is_nan() {
        format!("+{text}")
    } else {
        text
    }
}

/// `x` to `places` decimal places exactly as `format!("{x:.places$}")`
/// writes it: the exact binary value of `x` rounded half to even, its sign
/// kept (`-0.0` for −0.04 to one place), `NaN`, `inf` and `-inf`.
pub fn fixed(x: f64, places: usize) -> String {
    let mut out = match start(x) {
        Ok(sign) => sign,
        Err(whole) => return whole,
    };
    // |x| = m × 2^e, and |x| × 10^places = m × 10^places × 2^e: a whole
    // number in 32-bit limbs, least significant first, then shifted.
    let (m, e) = binary(x.abs());
    let mut n = vec![m as u32, (m >> 32) as u32];
    for _ in 0..places {
        times_small(&mut n, 10);
    }
    if e >= 0 {
        shift_left(&mut n, e as usize);
    } else {
        shift_right_rounded(&mut n, e.unsigned_abs() as usize);
    }
    let mut digits = Vec::new();
    while n.iter().any(|&w| w != 0) {
        digits.push(b'0' + divide_small(&mut n, 10) as u8);
    }
    while digits.len() <= places {
        digits.push(b'0');
    }
    digits.reverse();
    let (whole, fraction) = digits.split_at(digits.len() - places);
    push_ascii(&mut out, whole);
    if places > 0 {
        out.push('.');
        push_ascii(&mut out, fraction);
    }
    out
}

/// A finite `x` ≥ 0 as `(m, e)` with `x` = `m` × 2^`e`, `m` < 2^53.
fn binary(x: f64) -> (u64, i32) {
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    let fraction = bits & ((1 << 52) - 1);
    if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | 1 << 52, biased - 1075)
    }
}

/// `n` × `k`, in place.
fn times_small(n: &mut Vec<u32>, k: u32) {
    let mut carry = 0u64;
    for w in n.iter_mut() {
        let v = u64::from(*w) * u64::from(k) + carry;
        *w = v as u32;
        carry = v >> 32;
    }
    if carry > 0 {
        n.push(carry as u32);
    }
}

/// `n` ÷ `k`, in place; returns the remainder.
fn divide_small(n: &mut [u32], k: u32) -> u32 {
    let mut rest = 0u64;
    for w in n.iter_mut().rev() {
        let v = (rest << 32) | u64::from(*w);
        *w = (v / u64::from(k)) as u32;
        rest = v % u64::from(k);
    }
    rest as u32
}

/// `n` × 2^`bits`, in place.
fn shift_left(n: &mut Vec<u32>, bits: usize) {
    let (words, bits) = (bits / 32, bits % 32);
    if bits > 0 {
        let mut carry = 0;
        for w in n.iter_mut() {
            let v = (*w << bits) | carry;
            carry = *w >> (32 - bits);
            *w = v;
        }
        n.push(carry);
    }
    let mut shifted = vec![0; words];
    shifted.append(n);
    *n = shifted;
}

/// `n` ÷ 2^`bits` rounded half to even, in place.
fn shift_right_rounded(n: &mut Vec<u32>, bits: usize) {
    let bit = |i: usize| n.get(i / 32).is_some_and(|w| (w >> (i % 32)) & 1 == 1);
    let half = bit(bits - 1);
    let below = (0..bits - 1).any(bit);
    let odd = bit(bits);
    let (words, bits) = (bits / 32, bits % 32);
    let words = words.min(n.len());
    n.copy_within(words.., 0);
    n.truncate(n.len() - words);
    if bits > 0 {
        let mut carry = 0;
        for w in n.iter_mut().rev() {
            let v = (*w >> bits) | carry;
            carry = *w << (32 - bits);
            *w = v;
        }
    }
    if half && (below || odd) {
        for w in n.iter_mut() {
            let (v, over) = w.overflowing_add(1);
            *w = v;
            if !over {
                return;
            }
        }
        n.push(1);
    }
}

/// Appends ASCII digits to `out`.
fn push_ascii(out: &mut String, digits: &[u8]) {
    out.extend(digits.iter().map(|&d| d as char));
}

#[cfg(test)]
mod tests {
    use super::{fixed, shortest, signed};

    /// The same text as `Display` for every number in the table.
    #[test]
    fn edge_cases_read_as_display_writes_them() {
        let cases = [
            0.0,
            -0.0,
            1.0,
            -1.0,
            0.1,
            0.1 + 0.2,
            0.5,
            1.5,
            2.5,
            10.0,
            100.0,
            123_456.789,
            135_970.46,
            11_783_464.34,
            1e15,
            1e15 + 0.3,
            1e16,
            1e17,
            1e21,
            1e22,
            1e23,
            9_007_199_254_740_993.0,
            1.2345678901234567e20,
            1e-5,
            1e-6,
            1e-7,
            1.5e-7,
            0.000_123,
            f64::EPSILON,
            f64::MIN_POSITIVE,
            5e-324,
            -5e-324,
            2.225_073_858_507_201e-308,
            f64::MAX,
            f64::MIN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NAN,
            std::f64::consts::PI,
            -std::f64::consts::E,
            33.333_333_333_333_336,
            0.3,
            2.0 / 3.0,
        ];
        for x in cases {
            assert_eq!(shortest(x), format!("{x}"), "{x:e}");
            assert_eq!(signed(x), format!("{x:+}"), "{x:e}");
            for places in 0..=20 {
                assert_eq!(
                    fixed(x, places),
                    format!("{x:.places$}"),
                    "{x:e} to {places}"
                );
            }
        }
    }

    /// Halves rounded to even, and values just either side of a half, to
    /// the places `format!` is asked for in the model.
    #[test]
    fn halves_round_as_display_rounds_them() {
        let cases = [
            (0.5, 0),
            (1.5, 0),
            (2.5, 0),
            (-2.5, 0),
            (0.25, 1),
            (0.35, 1),
            (0.45, 1),
            (9.95, 1),
            (-0.04, 1),
            (-0.05, 1),
            (0.125, 2),
            (0.375, 2),
            (1.005, 2),
            (1.015, 2),
            (2.675, 2),
            (0.000_05, 4),
            (0.5e-6, 6),
            (1e22, 2),
            (f64::MAX, 1),
        ];
        for (x, places) in cases {
            assert_eq!(
                fixed(x, places),
                format!("{x:.places$}"),
                "{x:e} to {places}"
            );
        }
    }

    /// xorshift64*: numbers spread over every bit pattern, reproducible.
    fn next(state: &mut u64) -> u64 {
        *state ^= *state >> 12;
        *state ^= *state << 25;
        *state ^= *state >> 27;
        state.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// Random bit patterns (every exponent, subnormals, NaNs), numbers a
    /// form takes (a count, pence, a percentage with decimals) and their
    /// neighbours one unit in the last place away, and large numbers with
    /// a binary fraction (where two shortest decimals can be equally near).
    #[test]
    fn random_numbers_read_as_display_writes_them() {
        let mut state = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..200_000 {
            let bits = next(&mut state);
            let from_bits = f64::from_bits(bits);
            let cents = (bits % 10_000_000_000) as f64 / 100.0;
            let scaled = (bits % 1_000_000) as f64 / 10f64.powi((bits >> 40) as i32 % 12);
            let dyadic = (bits >> 11) as f64 / f64::from(1 << (bits & 7));
            for x in [
                from_bits,
                cents,
                -cents,
                scaled,
                f64::from_bits(scaled.to_bits() + 1),
                f64::from_bits(cents.to_bits().saturating_sub(1)),
                dyadic,
                dyadic * 1e6,
            ] {
                assert_eq!(shortest(x), format!("{x}"), "{:#x}", x.to_bits());
            }
            let places = (bits >> 58) as usize % 7;
            for x in [from_bits, cents, scaled, dyadic] {
                assert_eq!(
                    fixed(x, places),
                    format!("{x:.places$}"),
                    "{:#x}",
                    x.to_bits()
                );
            }
        }
    }
}
