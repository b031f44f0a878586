/**
 * An exact, immutable algebra of time: {@link dev.personaltracker.calendar.time.Interval} (a half-open span
 * {@code [start, end)} of instants), {@link dev.personaltracker.calendar.time.IntervalSet} (a normalized set
 * of instants with union, intersection, minus and complement) and
 * {@link dev.personaltracker.calendar.time.WeeklyHours} (recurring wall-clock hours per weekday in one zone,
 * turned into instants inside a window).
 * <p>
 * Typical use, the free time of a week outside work hours:
 * <pre>{@code
 * WeeklyHours work = WeeklyHours.builder(ZoneId.of("Europe/Berlin"))
 *         .addWeekdays(LocalTime.of(9, 0), LocalTime.of(17, 0))
 *         .build();
 * IntervalSet busy = IntervalSet.of(meetings);                 // any order, overlaps merge
 * IntervalSet free = busy.union(work.within(week)).complement(week)
 *         .withoutShorterThan(Duration.ofMinutes(30));
 * }</pre>
 * Everything here is pure: no I/O, no clock, no logging; the same input gives the same output. All types
 * are immutable and thread-safe, except the single-thread {@link dev.personaltracker.calendar.time.WeeklyHours.Builder}.
 */
package dev.personaltracker.calendar.time;
