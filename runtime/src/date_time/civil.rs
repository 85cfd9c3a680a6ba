//! Calendar arithmetic: converting between day counts and proleptic Gregorian dates.
//!
//! Both directions work on a calendar whose year starts on 1 March, so that the leap day is
//! the last day of the year, and on 400-year cycles ("eras") of exactly 146,097 days.

use super::DateTime;

/// Seconds in one day (there are no leap seconds in Smithy's time scale).
pub(super) const SECONDS_PER_DAY: i64 = 86_400;

/// Days in a 400-year cycle of the Gregorian calendar.
const DAYS_PER_ERA: i64 = 146_097;

/// Days from 0000-03-01 (the start of era 0 in the March-based calendar) to 1970-01-01.
const EPOCH_OFFSET_DAYS: i64 = 719_468;

/// English month names, January first.
pub(super) const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A date and a time of day in UTC, to whole seconds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Civil {
    pub year: i64,
    /// 1..=12
    pub month: u32,
    /// 1..=31
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
    pub second: u32,
    /// Day of the week, 0 = Sunday.
    pub weekday: u32,
}

/// Whether `year` has a 29 February.
pub(super) fn is_leap_year(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

/// Number of days in `month` (1..=12) of `year`; 0 for a month out of range.
pub(super) fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Days from 1970-01-01 to the given date, which must be valid (see [`check_date`]).
pub(super) fn days_from_date(year: i64, month: u32, day: u32) -> i64 {
    debug_assert!((1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month));
    // January and February belong to the previous March-based year.
    let shifted_year = if month <= 2 { year - 1 } else { year };
    let era = shifted_year.div_euclid(400);
    let year_of_era = shifted_year.rem_euclid(400);
    let month_from_march = i64::from((month + 9) % 12);
    // Month lengths from March repeat 31,30,31,30,31 in a pattern this line reproduces.
    let day_of_year = (153 * month_from_march + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * DAYS_PER_ERA + day_of_era - EPOCH_OFFSET_DAYS
}

/// The date `days` days after 1970-01-01, as (year, month, day).
///
/// Valid for any `days` obtained by dividing an `i64` second count by [`SECONDS_PER_DAY`].
pub(crate) fn date_from_days(days: i64) -> (i64, u32, u32) {
    let shifted = days + EPOCH_OFFSET_DAYS;
    let era = shifted.div_euclid(DAYS_PER_ERA);
    let day_of_era = shifted.rem_euclid(DAYS_PER_ERA);
    // Undo the leap-day corrections to find the year within the era (0..=399).
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524
        - day_of_era / (DAYS_PER_ERA - 1))
        / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    };
    let year = era * 400 + year_of_era + i64::from(month <= 2);
    // month is in 1..=12 and day in 1..=31, so the narrowing is lossless.
    (year, month as u32, day as u32)
}

/// Checks that the date exists, naming the first part that does not.
pub(super) fn check_date(year: i64, month: u32, day: u32) -> Result<(), String> {
    if !(1..=12).contains(&month) {
        return Err(format!("month {month} is out of range"));
    }
    let last = days_in_month(year, month);
    if day == 0 || day > last {
        // month is 1..=12 here; the fallback is never used.
        let name = MONTH_NAMES.get(month as usize - 1).unwrap_or(&"month");
        return Err(format!("day {day} is out of range for {name} {year:04}"));
    }
    Ok(())
}

/// Checks the time of day, naming the first part that is out of range.
pub(super) fn check_time(hour: u32, minute: u32, second: u32) -> Result<(), String> {
    if hour > 23 {
        Err(format!("hour {hour} is out of range"))
    } else if minute > 59 {
        Err(format!("minute {minute} is out of range"))
    } else if second > 59 {
        Err(format!(
            "second {second} is out of range (leap seconds are not supported)"
        ))
    } else {
        Ok(())
    }
}

impl Civil {
    /// Splits an instant into its UTC date and time of day.
    pub(super) fn from_date_time(value: &DateTime) -> Self {
        let days = value.seconds.div_euclid(SECONDS_PER_DAY);
        // In 0..86_400, so it fits in u32.
        let second_of_day = value.seconds.rem_euclid(SECONDS_PER_DAY) as u32;
        let (year, month, day) = date_from_days(days);
        Civil {
            year,
            month,
            day,
            hour: second_of_day / 3600,
            minute: second_of_day / 60 % 60,
            second: second_of_day % 60,
            // 1970-01-01 was a Thursday (4).
            weekday: (days + 4).rem_euclid(7) as u32,
        }
    }

    /// Seconds since the epoch of this date and time; the parts must already be checked.
    pub(super) fn to_seconds(self) -> i64 {
        days_from_date(self.year, self.month, self.day) * SECONDS_PER_DAY
            + i64::from(self.hour) * 3600
            + i64::from(self.minute) * 60
            + i64::from(self.second)
    }

    /// Fails unless the year has four digits and is not 0000, as the text formats require.
    pub(super) fn check_writable_year(&self) -> Result<(), String> {
        if (1..=9999).contains(&self.year) {
            Ok(())
        } else {
            Err(format!("year {} is outside 0001..=9999", self.year))
        }
    }
}
