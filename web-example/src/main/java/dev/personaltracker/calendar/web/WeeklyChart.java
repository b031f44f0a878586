package dev.personaltracker.calendar.web;

import static dev.personaltracker.calendar.web.Html.esc;

import dev.personaltracker.calendar.history.StudyProgress;
import dev.personaltracker.calendar.history.WeekTotal;
import java.util.List;

/** Draws weekly study totals as SVG bars with the goal as a dashed line; met weeks are green. */
final class WeeklyChart {

    private static final int BAR = 56;
    private static final int GAP = 18;
    private static final int PLOT = 180;
    private static final int TOP = 22;
    private static final int LEFT = 10;

    private WeeklyChart() {
    }

    static String draw(List<WeekTotal> weeks) {
        long max = 60;
        for (WeekTotal w : weeks) {
            max = Math.max(max, Math.max(w.studied().toMinutes(), w.goal().toMinutes()));
        }
        double scale = PLOT / (max * 1.1);
        int width = LEFT * 2 + weeks.size() * (BAR + GAP);
        int height = TOP + PLOT + 40;
        StringBuilder svg = new StringBuilder("<svg id=\"weekly-chart\" class=\"chart\" viewBox=\"0 0 ").append(width)
                .append(' ').append(height).append("\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" role=\"img\" aria-label=\"Study time per week against the goal\">");
        int base = TOP + PLOT;
        svg.append("<line class=\"baseline\" x1=\"0\" x2=\"").append(width).append("\" y1=\"").append(base)
                .append("\" y2=\"").append(base).append("\"/>");
        for (int i = 0; i < weeks.size(); i++) {
            WeekTotal w = weeks.get(i);
            int x = LEFT + i * (BAR + GAP);
            double h = w.studied().toMinutes() * scale;
            double goalY = base - w.goal().toMinutes() * scale;
            String label = w.label() + ": " + StudyProgress.format(w.studied()) + " of " + StudyProgress.format(w.goal());
            svg.append("<g class=\"bar ").append(w.isGoalMet() ? "met" : "below").append("\"><title>").append(esc(label))
                    .append("</title><rect x=\"").append(x).append("\" y=\"").append(Html.num(base - h)).append("\" width=\"")
                    .append(BAR).append("\" height=\"").append(Html.num(h)).append("\"/>")
                    .append("<text class=\"value\" x=\"").append(x + BAR / 2).append("\" y=\"").append(Html.num(base - h - 4))
                    .append("\" text-anchor=\"middle\">").append(esc(StudyProgress.format(w.studied()))).append("</text>")
                    .append("<text class=\"label\" x=\"").append(x + BAR / 2).append("\" y=\"").append(base + 16)
                    .append("\" text-anchor=\"middle\">").append(esc(w.label())).append("</text>")
                    .append("<text class=\"label\" x=\"").append(x + BAR / 2).append("\" y=\"").append(base + 30)
                    .append("\" text-anchor=\"middle\">").append(esc(w.monday().toString().substring(5))).append("</text>")
                    .append("</g>");
            svg.append("<line class=\"goal\" x1=\"").append(x - 4).append("\" x2=\"").append(x + BAR + 4).append("\" y1=\"")
                    .append(Html.num(goalY)).append("\" y2=\"").append(Html.num(goalY)).append("\"/>");
        }
        svg.append("</svg><p class=\"legend\"><span class=\"key met\">goal met</span><span class=\"key below\">below goal"
                + "</span><span class=\"key goal\">goal</span></p>");
        return svg.toString();
    }
}
