/**
 * A custom calendar provider plugin: the template for writing one. {@link
 * dev.personaltracker.calendar.examples.plugin.RotaCalendarProvider} reads a work rota from a CSV file; this jar's
 * {@code META-INF/services/dev.personaltracker.calendar.spi.CalendarProvider} lists it, so discovery finds it at run
 * time. {@code examples/WRITING-A-PROVIDER.md} walks through it.
 */
package dev.personaltracker.calendar.examples.plugin;
