package org.hrgateway.tools.demo;

import java.io.PrintStream;

/**
 * A one-line text progress bar, e.g. {@code [#########.....] 45% 120/270 bundles  310 resources/s}.
 * On a console it redraws the line in place with {@code \r}; into a file or pipe, where carriage
 * returns would pile up as noise, it prints a line at every tenth of the way and at the end.
 */
public final class ProgressBar {

    private static final int WIDTH = 30;
    /** Redrawing more often than this only costs terminal time; nobody reads it. */
    private static final long REDRAW_INTERVAL_NANOS = 100_000_000L;
    private static final int LOG_STEP_PERCENT = 10;

    private final PrintStream out;
    private final int total;
    private final boolean redraw;
    private final long startNanos;
    private int done;
    private long resources;
    private long lastDrawNanos;
    private int lastLoggedPercent;
    private int lastLineLength;
    private boolean finished;

    public ProgressBar(PrintStream out, int totalBundles, boolean redraw) {
        this.out = out;
        this.total = totalBundles;
        this.redraw = redraw;
        this.startNanos = System.nanoTime();
        this.lastDrawNanos = startNanos - REDRAW_INTERVAL_NANOS;
    }

    /** Records one more bundle, holding {@code resourcesInBundle} resources, as loaded. */
    public void advance(int resourcesInBundle) {
        done++;
        resources += resourcesInBundle;
        long nowNanos = System.nanoTime();
        if (redraw) {
            if (nowNanos - lastDrawNanos >= REDRAW_INTERVAL_NANOS) {
                lastDrawNanos = nowNanos;
                drawInPlace(nowNanos);
            }
        } else if (percent() >= lastLoggedPercent + LOG_STEP_PERCENT && done < total) {
            lastLoggedPercent = percent() - percent() % LOG_STEP_PERCENT;
            out.println(line(nowNanos));
        }
    }

    /** Prints the final state and ends the line; later calls do nothing. */
    public void finish() {
        if (finished) {
            return;
        }
        finished = true;
        long nowNanos = System.nanoTime();
        if (redraw) {
            drawInPlace(nowNanos);
            out.println();
        } else {
            out.println(line(nowNanos));
        }
        out.flush();
    }

    private void drawInPlace(long nowNanos) {
        String line = line(nowNanos);
        // Pad over the previous line's tail: the rate can get shorter as it is redrawn.
        String padding = " ".repeat(Math.max(0, lastLineLength - line.length()));
        lastLineLength = line.length();
        out.print("\r" + line + padding);
        out.flush();
    }

    private String line(long nowNanos) {
        int filled = total == 0 ? WIDTH : (int) ((long) done * WIDTH / total);
        double seconds = Math.max((nowNanos - startNanos) / 1e9, 1e-3);
        return "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] "
                + String.format("%3d%% %d/%d bundles  %.0f resources/s", percent(), done, total, resources / seconds);
    }

    private int percent() {
        return total == 0 ? 100 : (int) ((long) done * 100 / total);
    }
}
