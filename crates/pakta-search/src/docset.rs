//! Sets of document numbers as the browser downloads them: a JSON array of
//! gaps when the set is sparse, a base64 bitmap string when it is dense,
//! whichever is shorter.

use serde_json::Value;

const BASE64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Encodes ascending, distinct document numbers below `universe`.
pub(crate) fn encode(docs: &[u32], universe: u32) -> Value {
    let bitmap_len = (universe as usize).div_ceil(8).div_ceil(3) * 4;
    let gaps_len: usize = gaps(docs).map(|g| digits(g) + 1).sum();
    if gaps_len <= bitmap_len {
        Value::Array(gaps(docs).map(Value::from).collect())
    } else {
        Value::String(bitmap(docs, universe))
    }
}

/// The first number, then each number's distance from the one before.
fn gaps(docs: &[u32]) -> impl Iterator<Item = u32> + '_ {
    let mut previous = None;
    docs.iter().map(move |&d| {
        let gap = previous.map_or(d, |p| d - p);
        previous = Some(d);
        gap
    })
}

fn digits(n: u32) -> usize {
    n.checked_ilog10().map_or(1, |l| l as usize + 1)
}

/// Bit `d % 8` of byte `d / 8` is set for each member, then base64.
fn bitmap(docs: &[u32], universe: u32) -> String {
    let mut bytes = vec![0u8; (universe as usize).div_ceil(8)];
    for &d in docs {
        bytes[d as usize / 8] |= 1 << (d % 8);
    }
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = (u32::from(chunk[0]) << 16)
            | (u32::from(*chunk.get(1).unwrap_or(&0)) << 8)
            | u32::from(*chunk.get(2).unwrap_or(&0));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(BASE64[(n >> (18 - 6 * i)) as usize & 63] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The inverse of [`encode`], as the browser implements it.
#[cfg(test)]
pub(crate) fn decode(value: &Value) -> Vec<u32> {
    match value {
        Value::Array(gaps) => {
            let mut at = 0u32;
            gaps.iter()
                .enumerate()
                .map(|(i, g)| {
                    let g = g.as_u64().expect("gaps are numbers") as u32;
                    at = if i == 0 { g } else { at + g };
                    at
                })
                .collect()
        }
        Value::String(text) => {
            let sextets: Vec<u32> = text
                .bytes()
                .filter(|&b| b != b'=')
                .map(|b| BASE64.iter().position(|&x| x == b).expect("base64") as u32)
                .collect();
            let mut bytes = Vec::new();
            for group in sextets.chunks(4) {
                let n = group
                    .iter()
                    .enumerate()
                    .fold(0, |n, (i, s)| n | (s << (18 - 6 * i)));
                for i in 0..group.len() - 1 {
                    bytes.push((n >> (16 - 8 * i)) as u8);
                }
            }
            (0..bytes.len() as u32 * 8)
                .filter(|d| bytes[*d as usize / 8] & (1 << (d % 8)) != 0)
                .collect()
        }
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sparse_sets_are_gaps() {
        let value = encode(&[3, 10, 11, 400], 50_000);
        assert_eq!(value, serde_json::json!([3, 7, 1, 389]));
        assert_eq!(decode(&value), [3, 10, 11, 400]);
    }

    #[test]
    fn dense_sets_are_bitmaps_that_round_trip() {
        let docs: Vec<u32> = (0..1000).filter(|d| d % 3 != 0).collect();
        let value = encode(&docs, 1000);
        assert!(value.is_string());
        assert_eq!(value.as_str().unwrap().len(), 168);
        assert_eq!(decode(&value), docs);
        assert_eq!(decode(&encode(&[0, 7, 8], 9)), [0, 7, 8]);
        assert_eq!(decode(&encode(&[], 9)), Vec::<u32>::new());
    }
}
