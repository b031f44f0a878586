/**
 * The library's entry point: the fluent facade and provider discovery.
 * <p>
 * A host builds one {@link dev.personaltracker.calendar.StudyTracker} (providers, token and history stores, clock,
 * provider settings, busy policy) and asks it for one {@link dev.personaltracker.calendar.UserTracker} per person,
 * which connects calendar accounts, computes {@link dev.personaltracker.calendar.FreeTime free time}, proposes,
 * approves and reconciles study sessions, and answers history and progress questions.
 * <p>
 * {@link dev.personaltracker.calendar.ProviderRegistry} finds the calendar providers on the class path with
 * {@link java.util.ServiceLoader}: an unknown id fails with a {@link dev.personaltracker.calendar.ProviderNotFoundException}
 * naming the ids found, two providers with one id fail with a {@link dev.personaltracker.calendar.DuplicateProviderException}
 * naming both classes, and a provider that fails to load is logged by class while the others still load.
 * <p>
 * Errors are typed: every failure a host should handle is a subclass of
 * {@link dev.personaltracker.calendar.spi.CalendarException}; programming errors (a missing setting before a call that
 * needs it, a blank id) are {@link java.lang.IllegalStateException} or {@link java.lang.IllegalArgumentException}
 * with a message that names the value and says what to do.
 */
package dev.personaltracker.calendar;
