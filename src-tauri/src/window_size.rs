//! `PREFLIGHT_WINDOW_SIZE=900x600` opens the window at that size (in logical pixels), for small
//! screens and for screenshots at a chosen size. Sizes below the window's minimum are raised to it.

/// The window's smallest size, as in `tauri.conf.json`.
const MIN: (f64, f64) = (900.0, 600.0);

/// Reads `WIDTHxHEIGHT`; anything else is ignored.
pub fn parse(value: &str) -> Option<(f64, f64)> {
    let (w, h) = value.trim().split_once(['x', 'X'])?;
    let (w, h): (u32, u32) = (w.trim().parse().ok()?, h.trim().parse().ok()?);
    if w == 0 || h == 0 || w > 20_000 || h > 20_000 {
        return None;
    }
    Some((f64::from(w).max(MIN.0), f64::from(h).max(MIN.1)))
}

/// The size asked for in the environment, if any.
pub fn from_env() -> Option<(f64, f64)> {
    parse(&std::env::var("PREFLIGHT_WINDOW_SIZE").ok()?)
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn reads_width_by_height_and_keeps_the_minimum() {
        assert_eq!(parse("900x600"), Some((900.0, 600.0)));
        assert_eq!(parse(" 1280 X 800 "), Some((1280.0, 800.0)));
        assert_eq!(parse("640x480"), Some((900.0, 600.0)));
        assert_eq!(parse("900"), None);
        assert_eq!(parse("0x600"), None);
        assert_eq!(parse("wide x tall"), None);
        assert_eq!(parse("99999x600"), None);
    }
}
