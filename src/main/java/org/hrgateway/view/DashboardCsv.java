package org.hrgateway.view;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.hrgateway.view.DashboardModel.Bar;
import org.hrgateway.view.DashboardModel.Board;
import org.hrgateway.view.DashboardModel.CityRow;
import org.hrgateway.view.DashboardModel.Lapse;
import org.hrgateway.view.DashboardModel.RepeatRow;
import org.hrgateway.view.DashboardModel.Tile;
import org.hrgateway.view.DashboardModel.TrendBar;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The dashboard's exports, written from the same {@link Board} the page draws: every figure
 * (`part` absent), the orders behind the unjustified repeats (`repeats`), the certifications
 * lapsing (`certifications`). UTF-8 with a byte order mark, which spreadsheet programs need to
 * read Chinese; one row per figure, so an analyst can filter and pivot.
 */
final class DashboardCsv {

    /** The parts there are, as `part` names them. */
    static final java.util.List<String> PARTS = java.util.List.of("figures", "repeats", "certifications");

    private DashboardCsv() {
    }

    static String write(Board board, String part, BoardText text) {
        StringBuilder out = new StringBuilder("\uFEFF");
        try {
            switch (part) {
                case "repeats" -> repeats(board, out);
                case "certifications" -> certifications(board, out);
                default -> figures(board, text, out);
            }
        } catch (IOException cannotHappen) {
            throw new UncheckedIOException(cannotHappen);
        }
        return out.toString();
    }

    /** `figure,code,label,period,value`: the filters, the headline figures, items, reasons and the trend. */
    private static void figures(Board board, BoardText text, StringBuilder out) throws IOException {
        try (CSVPrinter csv = format("figure", "code", "label", "period", "value").print(out)) {
            csv.printRecord("filter", "period-start", text.periodStart(), "", board.start());
            csv.printRecord("filter", "period-end", text.periodEnd(), "", board.end());
            csv.printRecord("filter", "scope", text.scope(), "", board.province() ? "province" : "city");
            if (!board.complete()) {
                csv.printRecord("incomplete", "", text.incomplete(), "", "");
            }
            if (!board.organization().isEmpty()) {
                csv.printRecord("filter", "organization", text.institution(), "", board.organization());
            }
            if (!board.category().isEmpty()) {
                csv.printRecord("filter", "category", text.category(), "", board.category());
            }
            for (Tile tile : board.tiles()) {
                if (board.items().stream().anyMatch(bar -> bar.code().equals(tile.id()))) {
                    continue; // recognized, not recognized: the `items` rows below, by population
                }
                csv.printRecord(tile.id(), "", tile.label(), board.period(), tile.id().equals("recognition-rate")
                        ? board.rateFigure() : tile.value());
            }
            for (Bar bar : board.items()) {
                csv.printRecord("items", bar.code(), bar.label(), board.period(), bar.count());
            }
            for (Bar bar : board.reasons()) {
                csv.printRecord("not-recognized-reason", bar.code(), bar.label(), board.period(), bar.count());
            }
            for (Bar bar : board.declineReasons()) {
                csv.printRecord("decline-reason", bar.code(), bar.label(), board.period(), bar.count());
            }
            for (CityRow city : board.cities()) {
                csv.printRecord("by-city-recognize-calls", city.city(), text.calls(), board.period(), city.calls());
                csv.printRecord("by-city-recognized", city.city(), text.recognized(), board.period(), city.recognized());
                csv.printRecord("by-city-not-recognized", city.city(), text.notRecognized(), board.period(), city.notRecognized());
                csv.printRecord("by-city-recognition-rate", city.city(), text.rate(), board.period(), city.rateFigure());
                csv.printRecord("by-city-declines", city.city(), text.declines(), board.period(), city.declines());
                csv.printRecord("by-city-unjustified-repeats", city.city(), text.unjustifiedRepeats(), board.period(),
                        city.unjustifiedRepeats());
                csv.printRecord("by-city-orders-replaced", city.city(), text.ordersReplaced(), board.period(), city.ordersReplaced());
            }
            for (TrendBar bar : board.trend()) {
                csv.printRecord("trend-recognized", "", text.recognized(), bar.period(), bar.recognized());
                csv.printRecord("trend-judged", "", text.recognized() + " + " + text.notRecognized(), bar.period(), bar.judged());
                csv.printRecord("trend-rate", "", text.rate(), bar.period(), bar.rateFigure());
            }
            csv.printRecord("certifications-lapsing", "", text.lapsingHeading(board.noticeDays()), "",
                    board.lapsing().size());
        }
    }

    private static void repeats(Board board, StringBuilder out) throws IOException {
        try (CSVPrinter csv = format("found", "item-code", "item", "ordered-by", "ordered-by-name", "order", "ordered",
                "result", "detected-issue").print(out)) {
            for (RepeatRow row : board.repeats()) {
                csv.printRecord(row.identified(), row.itemCode(), row.item(), row.orderedBy(), row.orderedByName(),
                        row.order(), row.ordered(), row.result(), row.issue());
            }
        }
    }

    private static void certifications(Board board, StringBuilder out) throws IOException {
        try (CSVPrinter csv = format("institution", "institution-name", "category", "category-name", "ends", "days-left")
                .print(out)) {
            for (Lapse lapse : board.lapsing()) {
                csv.printRecord(lapse.institution(), lapse.institutionName(), lapse.category(), lapse.categoryName(),
                        lapse.ends(), lapse.daysLeft());
            }
        }
    }

    private static CSVFormat format(String... header) {
        return CSVFormat.DEFAULT.builder().setHeader(header).setRecordSeparator("\r\n").get();
    }
}
