//! `Duration`: a deadline or period as the document states it, with its ISO 8601 form.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The unit a duration is stated in.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum DurationUnit {
    Hours,
    Days,
    BusinessDays,
    Weeks,
    Months,
    Years,
}

impl DurationUnit {
    /// Approximate length of one unit in hours, for comparing durations
    /// (a business day counts as 24 h, a month as 30 days, a year as 365 days).
    pub fn approx_hours(self) -> f64 {
        match self {
            DurationUnit::Hours => 1.0,
            DurationUnit::Days | DurationUnit::BusinessDays => 24.0,
            DurationUnit::Weeks => 24.0 * 7.0,
            DurationUnit::Months => 24.0 * 30.0,
            DurationUnit::Years => 24.0 * 365.0,
        }
    }
}

/// `{ "value": 24, "unit": "hours", "iso": "PT24H" }`.
///
/// ```
/// use dpa_model::{Duration, DurationUnit};
/// let d = Duration::new(5, DurationUnit::BusinessDays);
/// assert_eq!(d.iso, "P5D");
/// assert_eq!(serde_json::to_string(&d).unwrap(), r#"{"value":5,"unit":"business_days","iso":"P5D"}"#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub struct Duration {
    pub value: u32,
    pub unit: DurationUnit,
    /// ISO 8601 duration (`PT24H`, `P30D`, `P3M`; business days as `P5D`).
    pub iso: String,
}

impl Duration {
    /// A duration with its ISO form computed from value and unit.
    pub fn new(value: u32, unit: DurationUnit) -> Self {
        let iso = match unit {
            DurationUnit::Hours => format!("PT{value}H"),
            DurationUnit::Days | DurationUnit::BusinessDays => format!("P{value}D"),
            DurationUnit::Weeks => format!("P{value}W"),
            DurationUnit::Months => format!("P{value}M"),
            DurationUnit::Years => format!("P{value}Y"),
        };
        Duration { value, unit, iso }
    }

    /// Approximate length in hours (see [`DurationUnit::approx_hours`]).
    pub fn approx_hours(&self) -> f64 {
        f64::from(self.value) * self.unit.approx_hours()
    }

    /// Approximate length in days.
    pub fn approx_days(&self) -> f64 {
        self.approx_hours() / 24.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_forms_follow_the_unit() {
        assert_eq!(Duration::new(24, DurationUnit::Hours).iso, "PT24H");
        assert_eq!(Duration::new(30, DurationUnit::Days).iso, "P30D");
        assert_eq!(Duration::new(2, DurationUnit::Weeks).iso, "P2W");
        assert_eq!(Duration::new(3, DurationUnit::Months).iso, "P3M");
        assert_eq!(Duration::new(1, DurationUnit::Years).iso, "P1Y");
    }

    #[test]
    fn comparable_in_hours() {
        assert!(
            Duration::new(3, DurationUnit::Days).approx_hours()
                > Duration::new(48, DurationUnit::Hours).approx_hours()
        );
        assert_eq!(Duration::new(3, DurationUnit::Months).approx_days(), 90.0);
    }
}
