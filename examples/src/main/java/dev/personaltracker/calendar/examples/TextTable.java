package dev.personaltracker.calendar.examples;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A plain-text table with left-aligned columns, for the examples' console output. */
final class TextTable {

    private final List<String[]> rows = new ArrayList<>();
    private final int columns;

    private TextTable(String... header) {
        this.columns = header.length;
        rows.add(header);
    }

    /**
     * Starts a table.
     *
     * @param header  the column titles
     * @return the table
     */
    static TextTable of(String... header) {
        return new TextTable(header);
    }

    /**
     * Adds a row; missing cells are blank.
     *
     * @param cells  the cells
     * @return this
     */
    TextTable row(Object... cells) {
        String[] row = new String[columns];
        Arrays.fill(row, "");
        for (int i = 0; i < Math.min(cells.length, columns); i++) {
            row[i] = String.valueOf(cells[i]);
        }
        rows.add(row);
        return this;
    }

    /** @return the table, one line per row, columns separated by two spaces, a rule under the header */
    String render() {
        int[] width = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            out.append(line(rows.get(r), width));
            if (r == 0) {
                String[] rule = new String[columns];
                for (int i = 0; i < columns; i++) {
                    rule[i] = "-".repeat(width[i]);
                }
                out.append(line(rule, width));
            }
        }
        return out.toString();
    }

    private static String line(String[] cells, int[] width) {
        StringBuilder b = new StringBuilder("  ");
        for (int i = 0; i < cells.length; i++) {
            b.append(cells[i]);
            if (i < cells.length - 1) {
                b.append(" ".repeat(width[i] - cells[i].length() + 2));
            }
        }
        return b.toString().stripTrailing() + System.lineSeparator();
    }

    /**
     * Formats a duration as hours and minutes, such as {@code 1h 30m}, {@code 45m} or {@code 0m}.
     *
     * @param d  the duration
     * @return the text
     */
    static String hm(Duration d) {
        long h = d.toHours();
        long m = d.toMinutesPart();
        if (h == 0) {
            return m + "m";
        }
        return m == 0 ? h + "h" : h + "h " + m + "m";
    }
}
