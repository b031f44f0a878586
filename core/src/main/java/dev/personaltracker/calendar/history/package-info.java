/**
 * The history of study sessions and the progress a person makes: the {@linkplain
 * dev.personaltracker.calendar.history.SessionLifecycle life of each session} (proposed, scheduled, moved,
 * completed, skipped, cancelled) recorded through a {@link dev.personaltracker.calendar.spi.HistoryStore}, the
 * {@linkplain dev.personaltracker.calendar.history.StudyProgress queries} over it (totals per day and per ISO week
 * against the goal, streaks, adherence, moves and their reasons, a short progress report) and a CSV export.
 */
package dev.personaltracker.calendar.history;
