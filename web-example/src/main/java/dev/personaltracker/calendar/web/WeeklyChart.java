package dev.personaltracker.calendar.web;

import dev.personaltracker.calendar.history.StudyProgress;
import dev.personaltracker.calendar.history.WeekTotal;
import java.util.ArrayList;
import java.util.List;

/** Lays out weekly study totals for the {@code chart.jte} SVG template: bars, met weeks green, the goal dashed. */
final class WeeklyChart {

    private static final int BAR = 56;
    private static final int GAP = 18;
    private static final int PLOT = 180;
    private static final int TOP = 22;
    private static final int LEFT = 10;

    /**
     * One week's bar.
     *
     * @param cls  {@code met} or {@code below}
     * @param title  the tooltip, e.g. {@code 2026-W11: 4h of 4h}
     * @param x  left
     * @param y  top
     * @param height  height
     * @param center  the bar's middle, for the texts
     * @param value  the studied time
     * @param valueY  the value's baseline
     * @param week  the week's label
     * @param date  the Monday as MM-DD
     * @param goalY  the goal line's height
     */
    record Bar(String cls, String title, int x, double y, double height, int center, String value, double valueY,
            String week, String date, double goalY) {
    }

    /**
     * The chart.
     *
     * @param width  the viewBox width
     * @param height  the viewBox height
     * @param base  the baseline's height
     * @param bar  a bar's width
     * @param bars  the bars, oldest first
     */
    record Model(int width, int height, int base, int bar, List<Bar> bars) {

        /** @return the label rows' baselines */
        int weekY() {
            return base + 16;
        }

        /** @return the second label row's baseline */
        int dateY() {
            return base + 30;
        }
    }

    private WeeklyChart() {
    }

    /**
     * Lays out the weeks.
     *
     * @param weeks  the totals, oldest first, not null
     * @return the chart, not null
     */
    static Model draw(List<WeekTotal> weeks) {
        long max = 60;
        for (WeekTotal w : weeks) {
            max = Math.max(max, Math.max(w.studied().toMinutes(), w.goal().toMinutes()));
        }
        double scale = PLOT / (max * 1.1);
        int width = Math.max(LEFT * 2 + weeks.size() * (BAR + GAP), 200);
        int base = TOP + PLOT;
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < weeks.size(); i++) {
            WeekTotal w = weeks.get(i);
            int x = LEFT + i * (BAR + GAP);
            double h = Math.round(w.studied().toMinutes() * scale * 10) / 10.0;
            bars.add(new Bar(w.isGoalMet() ? "met" : "below",
                    w.label() + ": " + StudyProgress.format(w.studied()) + " of " + StudyProgress.format(w.goal()),
                    x, base - h, h, x + BAR / 2, StudyProgress.format(w.studied()), base - h - 4, w.label(),
                    w.monday().toString().substring(5), Math.round((base - w.goal().toMinutes() * scale) * 10) / 10.0));
        }
        return new Model(width, base + 40, base, BAR, bars);
    }
}
