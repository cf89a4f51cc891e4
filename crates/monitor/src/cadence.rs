//! When a schedule is due. A schedule has slots (every day at 09:00, every Monday at 07:30,
//! every 6 hours from when it was made); it is due when the latest slot at or before now has not
//! been run yet. Only that latest slot counts, so a laptop asleep for three days runs once on
//! waking, and a clock set back never reaches a slot past the one already run.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use time::{Duration, OffsetDateTime, Time, UtcOffset};
use ts_rs::TS;

/// How often a schedule runs. Times of day are in the schedule's own UTC offset (the offset of
/// the machine where it was set up).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(tag = "every", rename_all = "snake_case")]
pub enum Cadence {
    /// Every day at `hour:minute`.
    Day { hour: u8, minute: u8 },
    /// Every week on `weekday` at `hour:minute`.
    Week {
        weekday: Weekday,
        hour: u8,
        minute: u8,
    },
    /// Every `hours` hours (1 to 168), counted from when the schedule was made.
    Hours { hours: u16 },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum Weekday {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

impl Weekday {
    fn of(day: time::Weekday) -> Weekday {
        use time::Weekday as W;
        match day {
            W::Monday => Weekday::Monday,
            W::Tuesday => Weekday::Tuesday,
            W::Wednesday => Weekday::Wednesday,
            W::Thursday => Weekday::Thursday,
            W::Friday => Weekday::Friday,
            W::Saturday => Weekday::Saturday,
            W::Sunday => Weekday::Sunday,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Weekday::Monday => "Monday",
            Weekday::Tuesday => "Tuesday",
            Weekday::Wednesday => "Wednesday",
            Weekday::Thursday => "Thursday",
            Weekday::Friday => "Friday",
            Weekday::Saturday => "Saturday",
            Weekday::Sunday => "Sunday",
        }
    }
}

/// Why a cadence cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CadenceError {
    #[error("{hour:02}:{minute:02} is not a time of day: use 00:00 to 23:59")]
    BadTime { hour: u8, minute: u8 },
    #[error("every {0} hours is not allowed: use 1 to 168 hours (one week)")]
    BadHours(u16),
}

impl Cadence {
    /// Checks the numbers are a real time of day or a sensible interval.
    pub fn validate(self) -> Result<Cadence, CadenceError> {
        match self {
            Cadence::Day { hour, minute } | Cadence::Week { hour, minute, .. }
                if hour > 23 || minute > 59 =>
            {
                Err(CadenceError::BadTime { hour, minute })
            }
            Cadence::Hours { hours } if !(1..=168).contains(&hours) => {
                Err(CadenceError::BadHours(hours))
            }
            ok => Ok(ok),
        }
    }

    /// The cadence in words ("Every day at 09:00", "Every Monday at 07:30", "Every 6 hours").
    pub fn label(self) -> String {
        match self {
            Cadence::Day { hour, minute } => format!("Every day at {hour:02}:{minute:02}"),
            Cadence::Week {
                weekday,
                hour,
                minute,
            } => format!("Every {} at {hour:02}:{minute:02}", weekday.label()),
            Cadence::Hours { hours: 1 } => "Every hour".into(),
            Cadence::Hours { hours } => format!("Every {hours} hours"),
        }
    }

    /// The latest slot at or before `now`, counting from `anchor` (when the schedule was made:
    /// no slot before it exists).
    pub fn latest_slot(
        self,
        offset: UtcOffset,
        anchor: OffsetDateTime,
        now: OffsetDateTime,
    ) -> Option<OffsetDateTime> {
        if now < anchor {
            return None;
        }
        let slot = match self {
            Cadence::Hours { hours } => {
                let step = Duration::hours(i64::from(hours.max(1)));
                let steps = (now - anchor).whole_seconds() / step.whole_seconds();
                anchor + step * steps as i32
            }
            Cadence::Day { hour, minute } => {
                let local = now.to_offset(offset);
                let today = local.replace_time(time_of(hour, minute));
                if today <= local {
                    today
                } else {
                    today - Duration::days(1)
                }
            }
            Cadence::Week {
                weekday,
                hour,
                minute,
            } => {
                let local = now.to_offset(offset);
                let mut day = local.replace_time(time_of(hour, minute));
                // Step back to the last such weekday whose time has come.
                for _ in 0..8 {
                    if Weekday::of(day.weekday()) == weekday && day <= local {
                        break;
                    }
                    day -= Duration::days(1);
                }
                day
            }
        };
        // A daily or weekly slot before the schedule was made never happened; an hourly one
        // starts at the anchor itself, which is not a run either.
        (slot > anchor).then_some(slot)
    }

    /// The first slot after `now`: when the schedule runs next.
    pub fn next_slot(
        self,
        offset: UtcOffset,
        anchor: OffsetDateTime,
        now: OffsetDateTime,
    ) -> OffsetDateTime {
        let from = now.max(anchor);
        let period = match self {
            Cadence::Hours { hours } => Duration::hours(i64::from(hours.max(1))),
            Cadence::Day { .. } => Duration::days(1),
            Cadence::Week { .. } => Duration::weeks(1),
        };
        // The latest slot at `from` (or the anchor for none yet) plus one period is next;
        // stepping is exact because slots are evenly spaced in the fixed offset.
        let base = self
            .latest_slot(offset, anchor, from)
            .unwrap_or_else(|| self.first_slot_after(offset, anchor, period));
        if base > from {
            base
        } else {
            base + period
        }
    }

    fn first_slot_after(
        self,
        offset: UtcOffset,
        anchor: OffsetDateTime,
        period: Duration,
    ) -> OffsetDateTime {
        match self.latest_slot(offset, anchor - period, anchor) {
            Some(slot) if slot > anchor => slot,
            Some(slot) => slot + period,
            None => anchor + period,
        }
    }

    /// The slot to run now, if any: the latest slot, when it is later than the last slot run.
    pub fn due(
        self,
        offset: UtcOffset,
        anchor: OffsetDateTime,
        last_slot: Option<OffsetDateTime>,
        now: OffsetDateTime,
    ) -> Option<OffsetDateTime> {
        let slot = self.latest_slot(offset, anchor, now)?;
        match last_slot {
            Some(done) if slot <= done => None,
            _ => Some(slot),
        }
    }
}

fn time_of(hour: u8, minute: u8) -> Time {
    Time::from_hms(hour.min(23), minute.min(59), 0).unwrap_or(Time::MIDNIGHT)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{datetime, offset};

    const UTC: UtcOffset = offset!(UTC);

    #[test]
    fn a_daily_schedule_is_due_once_its_time_has_come_and_not_again_that_day() {
        let daily = Cadence::Day { hour: 9, minute: 0 };
        let made = datetime!(2026-12-01 08:00 UTC);
        assert_eq!(
            daily.due(UTC, made, None, datetime!(2026-12-01 08:59 UTC)),
            None
        );
        let slot = daily.due(UTC, made, None, datetime!(2026-12-01 09:00 UTC));
        assert_eq!(slot, Some(datetime!(2026-12-01 09:00 UTC)));
        assert_eq!(
            daily.due(UTC, made, slot, datetime!(2026-12-01 23:59 UTC)),
            None
        );
        assert_eq!(
            daily.due(UTC, made, slot, datetime!(2026-12-02 09:01 UTC)),
            Some(datetime!(2026-12-02 09:00 UTC))
        );
    }

    #[test]
    fn a_schedule_made_after_todays_time_waits_for_tomorrow() {
        let daily = Cadence::Day { hour: 9, minute: 0 };
        let made = datetime!(2026-12-01 10:00 UTC);
        assert_eq!(
            daily.due(UTC, made, None, datetime!(2026-12-01 10:05 UTC)),
            None
        );
        assert_eq!(
            daily.next_slot(UTC, made, datetime!(2026-12-01 10:05 UTC)),
            datetime!(2026-12-02 09:00 UTC)
        );
    }

    #[test]
    fn days_missed_asleep_make_one_run_not_one_per_day() {
        let daily = Cadence::Day { hour: 9, minute: 0 };
        let made = datetime!(2026-12-01 08:00 UTC);
        let last = Some(datetime!(2026-12-01 09:00 UTC));
        let woke = datetime!(2026-12-05 14:00 UTC);
        let slot = daily.due(UTC, made, last, woke);
        assert_eq!(slot, Some(datetime!(2026-12-05 09:00 UTC)));
        assert_eq!(daily.due(UTC, made, slot, woke), None);
    }

    #[test]
    fn a_clock_set_back_does_not_run_a_slot_twice() {
        let hourly = Cadence::Hours { hours: 6 };
        let made = datetime!(2026-12-01 00:00 UTC);
        let slot = hourly.due(UTC, made, None, datetime!(2026-12-01 12:30 UTC));
        assert_eq!(slot, Some(datetime!(2026-12-01 12:00 UTC)));
        // Back an hour, then forward again to the same slot.
        assert_eq!(
            hourly.due(UTC, made, slot, datetime!(2026-12-01 11:30 UTC)),
            None
        );
        assert_eq!(
            hourly.due(UTC, made, slot, datetime!(2026-12-01 12:45 UTC)),
            None
        );
        // A clock set before the schedule was made runs nothing.
        assert_eq!(
            hourly.due(UTC, made, None, datetime!(2026-11-30 12:00 UTC)),
            None
        );
    }

    #[test]
    fn weekly_slots_fall_on_the_weekday_in_the_schedules_offset() {
        let weekly = Cadence::Week {
            weekday: Weekday::Monday,
            hour: 7,
            minute: 30,
        };
        let paris = offset!(+1);
        // Sunday 2026-12-06 in Paris; the slot is Monday 07:30 Paris = 06:30 UTC.
        let made = datetime!(2026-12-06 12:00 UTC);
        assert_eq!(
            weekly.next_slot(paris, made, made),
            datetime!(2026-12-07 06:30 UTC)
        );
        assert_eq!(
            weekly.due(paris, made, None, datetime!(2026-12-07 06:31 UTC)),
            Some(datetime!(2026-12-07 06:30 UTC))
        );
        assert_eq!(
            weekly.due(paris, made, None, datetime!(2026-12-07 06:29 UTC)),
            None
        );
        assert_eq!(
            weekly.next_slot(paris, made, datetime!(2026-12-07 06:31 UTC)),
            datetime!(2026-12-14 06:30 UTC)
        );
    }

    #[test]
    fn every_n_hours_counts_from_when_the_schedule_was_made() {
        let every = Cadence::Hours { hours: 4 };
        let made = datetime!(2026-12-01 10:15 UTC);
        assert_eq!(
            every.next_slot(UTC, made, made),
            datetime!(2026-12-01 14:15 UTC)
        );
        assert_eq!(
            every.due(UTC, made, None, datetime!(2026-12-01 14:00 UTC)),
            None
        );
        assert_eq!(
            every.due(UTC, made, None, datetime!(2026-12-01 18:20 UTC)),
            Some(datetime!(2026-12-01 18:15 UTC))
        );
    }

    #[test]
    fn nonsense_cadences_are_refused_in_words() {
        assert!(Cadence::Day {
            hour: 24,
            minute: 0
        }
        .validate()
        .is_err());
        assert!(Cadence::Hours { hours: 0 }.validate().is_err());
        assert!(Cadence::Hours { hours: 169 }.validate().is_err());
        assert_eq!(
            Cadence::Hours { hours: 0 }
                .validate()
                .unwrap_err()
                .to_string(),
            "every 0 hours is not allowed: use 1 to 168 hours (one week)"
        );
        assert_eq!(
            Cadence::Day { hour: 9, minute: 5 }.label(),
            "Every day at 09:05"
        );
    }
}
