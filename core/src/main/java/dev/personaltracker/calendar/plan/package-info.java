/**
 * The study planner: proposes sessions that reach a person's goals (weekly courses, exams with a due date spread
 * over the weeks before it) around busy time, explains any shortfall per goal and week, and reconciles scheduled
 * sessions with a changed calendar by moving only the broken ones, each inside its own goal and ISO week.
 * <p>
 * Start from {@link dev.personaltracker.calendar.plan.StudyPreferences#builder(java.time.ZoneId)}, then
 * {@link dev.personaltracker.calendar.plan.StudyPlanner#create(StudyPreferences)}. The rules, the objective
 * and the edge semantics (grid on DST days, midnight, breaks across days, weeks cut by the window) are
 * spelled out on {@link dev.personaltracker.calendar.plan.StudyPlanner}.
 * <p>
 * Everything here is pure: no I/O, no clock, deterministic.
 */
package dev.personaltracker.calendar.plan;
