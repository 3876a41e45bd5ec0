package org.resilientcircuit.benchmarks.report;

import java.util.List;
import java.util.Locale;

/** A grouped bar chart as a hand-written SVG document: no plotting library. */
public final class SvgChart {

    /** One group of bars: one value per series (NaN: no bar). */
    public record Group(String label, String subLabel, double[] values) {
    }

    private static final String[] COLOURS = {"#2b6cb0", "#2f855a", "#c05621", "#6b46c1", "#b7791f"};

    private SvgChart() {
    }

    /** One plot of the chart, with its own scale. */
    public record Panel(String title, String axisLabel, List<Group> groups) {
    }

    public static String barChart(String title, String axisLabel, List<String> series, List<Group> groups) {
        return chart(title, series, List.of(new Panel("", axisLabel, groups)));
    }

    /** Panels side by side, one legend for all; an empty chart says that there are no results. */
    public static String chart(String title, List<String> series, List<Panel> panels) {
        int barWidth = 26;
        int gap = 4;
        int groupGap = 28;
        int axisWidth = 70;
        int top = 80;
        int plotHeight = 300;
        int groupWidth = series.size() * (barWidth + gap) - gap;
        int width = 20;
        for (Panel panel : panels) {
            width += axisWidth + Math.max(1, panel.groups().size()) * (groupWidth + groupGap) + 20;
        }
        width = Math.max(560, width);
        int height = top + plotHeight + 70;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n",
                width, height, width, height));
        svg.append(String.format(Locale.ROOT, "<rect x=\"0\" y=\"0\" width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>%n", width, height));
        svg.append(String.format(Locale.ROOT, "<text x=\"20\" y=\"24\" font-size=\"16\" font-weight=\"bold\">%s</text>%n",
                escape(title)));
        int x = 20;
        for (int s = 0; s < series.size(); s++) {
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"34\" width=\"12\" height=\"12\" fill=\"%s\"/>%n", x,
                    COLOURS[s % COLOURS.length]));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"45\">%s</text>%n", x + 16, escape(series.get(s))));
            x += 30 + 8 * series.get(s).length();
        }
        boolean empty = panels.stream().allMatch(p -> p.groups().isEmpty());
        if (empty) {
            svg.append(String.format(Locale.ROOT, "<text x=\"20\" y=\"%d\">no JMH results: run benchmarks/run.sh</text>%n",
                    top + plotHeight / 2));
            return svg.append("</svg>\n").toString();
        }
        int baseline = top + plotHeight;
        int panelLeft = 0;
        for (Panel panel : panels) {
            int left = panelLeft + axisWidth;
            int right = left + Math.max(1, panel.groups().size()) * (groupWidth + groupGap);
            double max = 0;
            for (Group g : panel.groups()) {
                for (double v : g.values()) {
                    if (!Double.isNaN(v)) {
                        max = Math.max(max, v);
                    }
                }
            }
            double scaleMax = niceCeiling(max);
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-weight=\"bold\">%s</text>%n", left, top - 14,
                    escape(panel.title())));
            for (int i = 0; i <= 5; i++) {
                double value = scaleMax * i / 5;
                int y = baseline - (int) Math.round(plotHeight * i / 5.0);
                svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#e2e8f0\"/>%n", left, y,
                        right, y));
                svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n", left - 6, y + 4,
                        label(value)));
            }
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#4a5568\"/>%n", left,
                    baseline, right, baseline));
            int labelX = panelLeft + 16;
            svg.append(String.format(Locale.ROOT,
                    "<text x=\"%d\" y=\"%d\" transform=\"rotate(-90 %d %d)\" text-anchor=\"middle\">%s</text>%n", labelX,
                    top + plotHeight / 2, labelX, top + plotHeight / 2, escape(panel.axisLabel())));
            x = left + groupGap / 2;
            for (Group g : panel.groups()) {
                for (int s = 0; s < series.size() && s < g.values().length; s++) {
                    double v = g.values()[s];
                    int bx = x + s * (barWidth + gap);
                    if (Double.isNaN(v)) {
                        svg.append(String.format(Locale.ROOT,
                                "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" fill=\"#a0aec0\">-</text>%n", bx + barWidth / 2,
                                baseline - 4));
                        continue;
                    }
                    int h = (int) Math.round(plotHeight * Math.max(0, v) / scaleMax);
                    svg.append(String.format(Locale.ROOT,
                            "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"><title>%s: %s</title></rect>%n", bx,
                            baseline - h, barWidth, h, COLOURS[s % COLOURS.length],
                            escape(series.get(s) + ", " + g.label() + ", " + g.subLabel()), label(v)));
                    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-size=\"10\">%s</text>%n",
                            bx + barWidth / 2, baseline - h - 4, label(v)));
                }
                int centre = x + groupWidth / 2;
                svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", centre,
                        baseline + 18, escape(g.label())));
                if (g.subLabel() != null) {
                    svg.append(String.format(Locale.ROOT,
                            "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" fill=\"#4a5568\">%s</text>%n", centre, baseline + 34,
                            escape(g.subLabel())));
                }
                x += groupWidth + groupGap;
            }
            panelLeft = right + 20;
        }
        return svg.append("</svg>\n").toString();
    }

    /** A round number (1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten) at least {@code value}. */
    static double niceCeiling(double value) {
        if (!(value > 0)) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10}) {
            if (step * power >= value) {
                return step * power;
            }
        }
        return 10 * power;
    }

    static String label(double value) {
        if (Math.abs(value) >= 100 || value == Math.rint(value)) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        return String.format(Locale.ROOT, "%.1f", value);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
