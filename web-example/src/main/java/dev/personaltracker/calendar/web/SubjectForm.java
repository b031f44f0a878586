package dev.personaltracker.calendar.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One subject's form in the Settings page's Subjects section (add, or edit an existing one): the name, hours per week
 * or hours in all before a date, and the priority, as typed, with a plain message at each field that does not fit.
 *
 * @param original  the name of the subject being edited; empty for the "add" form
 * @param name  the name, as typed
 * @param kind  {@code weekly} or {@code deadline}
 * @param hours  the hours, as typed
 * @param due  the due date, as typed (ISO, {@code 2026-12-18})
 * @param priority  the priority: {@code -1}, {@code 0}, {@code 1} or {@code 2}
 * @param color  the subject's color class in the week view ({@code goal-0} ...), empty for the "add" form
 * @param status  how the subject stands (deadline subjects: on track or not), empty if nothing to say
 * @param errors  what is wrong, by field ({@code name}, {@code hours}, {@code due}, {@code priority})
 */
record SubjectForm(String original, String name, String kind, String hours, String due, String priority, String color,
        String status, Map<String, String> errors) {

    /** The most subjects a person can have. */
    static final int MAX_SUBJECTS = 20;
    /** The priorities offered, value and label. */
    static final List<List<String>> PRIORITIES = List.of(List.of("-1", "low"), List.of("0", "normal"),
            List.of("1", "high"), List.of("2", "highest"));
    private static final int MAX_NAME = 60;
    /** More than this many hours a day before a due date is a typo, not a plan. */
    private static final int MAX_HOURS_A_DAY = 16;
    private static final int COLORS = 8;

    SubjectForm {
        errors = Map.copyOf(errors);
    }

    /**
     * The empty "add" form.
     *
     * @return the form, not null
     */
    static SubjectForm blank() {
        return new SubjectForm("", "", "weekly", "", "", "0", "", "", Map.of());
    }

    /**
     * The form of an existing subject.
     *
     * @param s  the subject, not null
     * @param index  its place in the list (decides its color)
     * @param status  how it stands, may be empty, not null
     * @return the form, not null
     */
    static SubjectForm of(WebSettings.Subject s, int index, String status) {
        return new SubjectForm(s.name(), s.name(), s.due().isPresent() ? "deadline" : "weekly", hours(s.minutes()),
                s.due().map(LocalDate::toString).orElse(""), Integer.toString(s.priority()), color(index), status, Map.of());
    }

    /**
     * The week view's color class of the subject at a place in the list.
     *
     * @param index  its place, from 0
     * @return {@code goal-0} to {@code goal-7}, not null
     */
    static String color(int index) {
        return "goal-" + (index % COLORS);
    }

    /**
     * Reads a posted form.
     *
     * @param typed  the form's values by name, null when absent, not null
     * @return the form as typed, not yet checked, not null
     */
    static SubjectForm typed(Function<String, String> typed) {
        return new SubjectForm(or(typed.apply("original")), or(typed.apply("name")),
                "deadline".equals(typed.apply("kind")) ? "deadline" : "weekly", or(typed.apply("hours")),
                or(typed.apply("due")), or(typed.apply("priority")), "", "", Map.of());
    }

    /** @return true for a subject with a due date */
    boolean deadline() {
        return kind.equals("deadline");
    }

    /** @return true for the "add" form */
    boolean adding() {
        return original.isEmpty();
    }

    /** @return the field id prefix: {@code new} for the "add" form, else unique per subject */
    String id() {
        return adding() ? "new" : "s" + Integer.toHexString(original.hashCode());
    }

    /**
     * Checks the form against the other subjects.
     *
     * @param others  the subjects other than the one edited, not null
     * @param today  the person's today (a due date must lie after it), not null
     * @return the subject, or this form with its errors, not null
     */
    Result check(List<WebSettings.Subject> others, LocalDate today) {
        Map<String, String> problems = new LinkedHashMap<>();
        String n = name.strip();
        if (n.isEmpty()) {
            problems.put("name", "Give the subject a name, such as “Linear algebra”.");
        } else if (n.length() > MAX_NAME || n.codePoints().anyMatch(Character::isISOControl)) {
            problems.put("name", "A subject's name is 1 to " + MAX_NAME + " characters on one line.");
        } else if (others.stream().anyMatch(o -> o.name().equalsIgnoreCase(n))) {
            problems.put("name", "There is already a subject named “" + n + "”: pick another name.");
        } else if (n.equalsIgnoreCase(dev.personaltracker.calendar.plan.StudyPreferences.DEFAULT_GOAL_ID)) {
            problems.put("name", "“" + n + "” is the name of the general weekly goal: pick a subject's own name.");
        }
        int minutes = 0;
        String h = hours.strip().replace(',', '.');
        int maxHours = deadline() ? 2000 : 80;
        try {
            BigDecimal value = new BigDecimal(h);
            minutes = value.multiply(BigDecimal.valueOf(60)).setScale(0, java.math.RoundingMode.HALF_UP).intValueExact();
            if (minutes < 5 || value.compareTo(BigDecimal.valueOf(maxHours)) > 0) {
                problems.put("hours", "Hours: " + h + " is out of range; use 0.1 to " + maxHours + " hours"
                        + (deadline() ? " in all." : " a week."));
            }
        } catch (NumberFormatException | ArithmeticException e) {
            problems.put("hours", "Hours: “" + h + "” is not a number of hours, such as 3 or 1.5.");
        }
        Optional<LocalDate> dueDate = Optional.empty();
        if (deadline()) {
            try {
                LocalDate d = LocalDate.parse(due.strip());
                if (!d.isAfter(today)) {
                    problems.put("due", "The date " + d + " is not after today (" + today + "): pick a later one.");
                } else if (d.isAfter(today.plusYears(5))) {
                    problems.put("due", "The date " + d + " is more than five years away: pick an earlier one.");
                }
                dueDate = Optional.of(d);
                long days = java.time.temporal.ChronoUnit.DAYS.between(today, d);
                if (!problems.containsKey("hours") && minutes > days * MAX_HOURS_A_DAY * 60) {
                    problems.put("hours", "Hours: " + h + " hours in the " + days + (days == 1 ? " day" : " days")
                            + " before " + d + " is more than " + MAX_HOURS_A_DAY + " hours a day: check the number, "
                            + "or pick a later date.");
                }
            } catch (DateTimeParseException e) {
                problems.put("due", "“" + due.strip() + "” is not a date: pick one, such as " + today.plusWeeks(4) + ".");
            }
        }
        int prio = 0;
        try {
            prio = Integer.parseInt(priority.strip());
            if (prio < -1 || prio > 2) {
                problems.put("priority", "Pick a priority from the list.");
            }
        } catch (NumberFormatException e) {
            problems.put("priority", "Pick a priority from the list.");
        }
        if (adding() && others.size() >= MAX_SUBJECTS) {
            problems.put("name", "You have " + MAX_SUBJECTS + " subjects, the most there can be: remove one first.");
        }
        if (!problems.isEmpty()) {
            return new Result(Optional.empty(), withErrors(problems));
        }
        return new Result(Optional.of(new WebSettings.Subject(n, minutes, dueDate, prio)), this);
    }

    /**
     * Returns this form with other errors.
     *
     * @param value  the errors by field, not null
     * @return the changed copy, not null
     */
    SubjectForm withErrors(Map<String, String> value) {
        return new SubjectForm(original, name, kind, hours, due, priority, color, status, value);
    }

    /**
     * Returns this form with a color and a status, for showing it in the list again.
     *
     * @param colorClass  the color class, not null
     * @param statusText  the status, not null
     * @return the changed copy, not null
     */
    SubjectForm shown(String colorClass, String statusText) {
        return new SubjectForm(original, name, kind, hours, due, priority, colorClass, statusText, errors);
    }

    /**
     * The outcome of {@link #check}.
     *
     * @param subject  the subject, if the form fits
     * @param form  the form, with its errors if it does not
     */
    record Result(Optional<WebSettings.Subject> subject, SubjectForm form) {
    }

    /**
     * Writes minutes as hours for the form: {@code 3}, {@code 1.5}, {@code 0.75}.
     *
     * @param minutes  the minutes
     * @return the text, not null
     */
    static String hours(int minutes) {
        return BigDecimal.valueOf(minutes).divide(BigDecimal.valueOf(60), 2, java.math.RoundingMode.HALF_UP)
                .stripTrailingZeros().toPlainString().toLowerCase(Locale.ROOT);
    }

    private static String or(String v) {
        return v == null ? "" : v;
    }

    /**
     * The subjects with one replaced, added or removed.
     *
     * @param all  the subjects now, not null
     * @param original  the name of the one to replace or remove; empty to add, not null
     * @param replacement  the new subject; empty to remove, not null
     * @return the new list, in the same order, not null
     */
    static List<WebSettings.Subject> change(List<WebSettings.Subject> all, String original,
            Optional<WebSettings.Subject> replacement) {
        List<WebSettings.Subject> out = new ArrayList<>();
        boolean found = false;
        for (WebSettings.Subject s : all) {
            if (!original.isEmpty() && s.name().equals(original)) {
                found = true;
                replacement.ifPresent(out::add);
            } else {
                out.add(s);
            }
        }
        if (!found) {
            replacement.ifPresent(out::add);
        }
        return out;
    }
}
