//! One planner input: either a single number or a `{low, likely, high}` triangular range.

use std::fmt;

use schemars::JsonSchema;
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use ts_rs::TS;

/// A plan input. In a plan file a bare number is a [`Input::Point`]; an object
/// `{"low": …, "likely": …, "high": …}` is a [`Input::Range`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, JsonSchema, TS)]
#[serde(untagged)]
pub enum Input {
    Point(f64),
    Range(Range),
}

/// A triangular range: the simulation draws between `low` and `high`, most often near `likely`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
pub struct Range {
    pub low: f64,
    pub likely: f64,
    pub high: f64,
}

impl Input {
    /// The value the point result uses.
    pub fn likely(&self) -> f64 {
        match self {
            Input::Point(v) => *v,
            Input::Range(r) => r.likely,
        }
    }

    /// The range, when the input has one.
    pub fn range(&self) -> Option<Range> {
        match self {
            Input::Point(_) => None,
            Input::Range(r) => Some(*r),
        }
    }

    /// The smallest and largest values the input can take.
    pub fn bounds(&self) -> (f64, f64) {
        match self {
            Input::Point(v) => (*v, *v),
            Input::Range(r) => (r.low, r.high),
        }
    }
}

impl From<f64> for Input {
    fn from(v: f64) -> Self {
        Input::Point(v)
    }
}

impl Range {
    pub fn new(low: f64, likely: f64, high: f64) -> Self {
        Range { low, likely, high }
    }

    /// Inverse-CDF sample of the triangular distribution for a uniform `u` in [0, 1).
    pub fn sample(&self, u: f64) -> f64 {
        let Range { low, likely, high } = *self;
        let width = high - low;
        if width <= 0.0 {
            return likely;
        }
        let split = (likely - low) / width;
        let x = if u < split {
            low + (u * width * (likely - low)).sqrt()
        } else {
            high - ((1.0 - u) * width * (high - likely)).sqrt()
        };
        // Rounding can step a hair outside the range; keep draws inside it.
        x.clamp(low, high)
    }
}

// Hand-written so a malformed value gets "expected a number or {low, likely, high}" instead
// of serde's opaque "did not match any variant of untagged enum".
impl<'de> Deserialize<'de> for Input {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct InputVisitor;

        impl<'de> Visitor<'de> for InputVisitor {
            type Value = Input;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number or a range {\"low\": …, \"likely\": …, \"high\": …}")
            }

            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Input, E> {
                Ok(Input::Point(v))
            }

            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Input, E> {
                Ok(Input::Point(v as f64))
            }

            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Input, E> {
                Ok(Input::Point(v as f64))
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Input, A::Error> {
                Range::deserialize(de::value::MapAccessDeserializer::new(map)).map(Input::Range)
            }
        }

        deserializer.deserialize_any(InputVisitor)
    }
}

impl Default for Input {
    fn default() -> Self {
        Input::Point(0.0)
    }
}
