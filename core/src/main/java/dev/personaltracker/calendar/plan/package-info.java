/**
 * The study planner: proposes sessions that reach a weekly goal around busy time, explains any shortfall
 * week by week, and reconciles scheduled sessions with a changed calendar by moving only the broken ones.
 * <p>
 * Start from {@link dev.personaltracker.calendar.plan.StudyPreferences#builder(java.time.ZoneId)}, then
 * {@link dev.personaltracker.calendar.plan.StudyPlanner#create(StudyPreferences)}. The rules, the objective
 * and the edge semantics (grid on DST days, midnight, breaks across days, weeks cut by the window) are
 * spelled out on {@link dev.personaltracker.calendar.plan.StudyPlanner}.
 * <p>
 * Everything here is pure: no I/O, no clock, deterministic.
 */
package dev.personaltracker.calendar.plan;
