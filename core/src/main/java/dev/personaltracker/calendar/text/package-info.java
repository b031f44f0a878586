/**
 * Text for people: local times in the person's zone and human durations, for hosts' pages and the library's own
 * {@code describe} methods.
 */
package dev.personaltracker.calendar.text;
