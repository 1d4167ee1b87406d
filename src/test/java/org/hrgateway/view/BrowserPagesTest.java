package org.hrgateway.view;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;
import com.microsoft.playwright.options.Media;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hrgateway.support.Chromium;
import org.hrgateway.support.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pages as a person sees them, in Debian's Chromium: the HR mark where it is due and only there,
 * the flags, Chinese drawn with real glyphs, the print layout, and the dashboard's figures equal to
 * `$recognition-report`'s. Screenshots land in target/screenshots.
 */
@QuarkusTest
class BrowserPagesTest {

    /**
     * The characters of `text` drawn as nothing or as the glyph of an unassigned code point (the
     * missing-glyph box), in the page's own font stack: what a reader would see as boxes.
     */
    private static final String BOXES = """
            (text) => {
              const canvas = document.createElement('canvas');
              canvas.width = 48; canvas.height = 48;
              const g = canvas.getContext('2d');
              const font = '32px ' + getComputedStyle(document.body).fontFamily;
              const draw = (s) => { g.clearRect(0, 0, 48, 48); g.font = font; g.fillStyle = '#000';
                                    g.fillText(s, 4, 38); return g.getImageData(0, 0, 48, 48).data.join(','); };
              const missing = draw('\\u0378'), blank = draw(' ');
              return Array.from(text).filter(c => c.charCodeAt(0) >= 0x2E80)
                  .filter(c => { const d = draw(c); return d === missing || d === blank; });
            }""";

    private static Chromium chromium;

    @TestHTTPResource("/fhir")
    URL base;

    @BeforeAll
    static void startChromium() {
        chromium = Chromium.start();
    }

    @AfterAll
    static void stopChromium() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void givenAMarkedReport_whenOpened_thenTheMarkSitsInTheUpperRightCornerAndChineseIsDrawn() {
        ReportViewTest.Scene scene = ReportViewTest.scene(true, true, true, Instant.now().minus(Duration.ofDays(1)));
        Page page = chromium.page(TestTokens.system(), "zh-CN");
        page.navigate(base + "/DiagnosticReport/" + scene.report() + "?_format=html");

        Locator mark = page.locator("#hr-mark");
        assertTrue(mark.isVisible());
        BoundingBox box = mark.boundingBox();
        BoundingBox header = page.locator("header").boundingBox();
        assertTrue(Math.abs(box.x + box.width - (header.x + header.width)) < 2, "flush with the header's right edge");
        assertTrue(box.y - header.y < 2, "at the header's top");
        assertTrue(box.x > header.x + header.width * 0.75, "in the right quarter");
        // Marked as a whole: no per-item marks as well.
        assertEquals(0, page.locator(".item-mark").count());

        Locator high = page.locator("tr[data-code='718-7'] td.flag");
        assertEquals("H 偏高", high.innerText().trim());
        assertEquals("rgb(200, 16, 46)", high.evaluate("cell => getComputedStyle(cell).color"));
        assertEquals("", page.locator("tr[data-code='777-3'] td.flag").innerText().trim());

        String chinese = page.locator("header").innerText() + page.locator("#results thead").innerText();
        assertTrue(chinese.contains("检验报告"), chinese);
        assertEquals(List.of(), page.evaluate(BOXES, chinese), "Chinese drawn with glyphs, not boxes");
        Chromium.screenshot(page, "report-view-zh");
        page.context().close();
    }

    @Test
    void givenOnlySomeItemsMarked_whenOpened_thenTheMarkIsOnThoseItemsAndNotInTheCorner() {
        ReportViewTest.Scene scene = ReportViewTest.scene(false, true, false, Instant.now().minus(Duration.ofDays(1)));
        Page page = chromium.page(TestTokens.system(), "zh-CN");
        page.navigate(base + "/DiagnosticReport/" + scene.report() + "?_format=html");

        assertEquals(0, page.locator("#hr-mark").count());
        assertTrue(page.locator("tr[data-code='718-7'] .item-mark").isVisible());
        assertEquals(0, page.locator("tr[data-code='777-3'] .item-mark").count());
        Chromium.screenshot(page, "report-view-item-marks");
        page.context().close();
    }

    @Test
    void givenPrinting_whenTheReportIsPrinted_thenOneA4PageWithTheMarkAndWithoutTheLinks() throws Exception {
        ReportViewTest.Scene scene = ReportViewTest.scene(true, true, true, Instant.now().minus(Duration.ofDays(1)));
        Page page = chromium.page(TestTokens.system(), "zh-CN");
        page.navigate(base + "/DiagnosticReport/" + scene.report() + "?_format=html");
        assertTrue(page.locator("footer .no-print").isVisible());

        page.emulateMedia(new Page.EmulateMediaOptions().setMedia(Media.PRINT));
        assertFalse(page.locator("footer .no-print").isVisible(), "links and the print button are not printed");
        assertTrue(page.locator("#hr-mark").isVisible(), "the mark is printed");
        assertEquals("rgba(0, 0, 0, 0)", page.locator("th").first().evaluate("cell => getComputedStyle(cell).backgroundColor"),
                "no grey header band on paper");
        Chromium.screenshot(page, "report-view-print");

        byte[] pdf = page.pdf(new Page.PdfOptions().setPreferCSSPageSize(true).setPrintBackground(true));
        Files.createDirectories(Chromium.SCREENSHOTS);
        Files.write(Chromium.SCREENSHOTS.resolve("report-view.pdf"), pdf);
        String text = new String(pdf, StandardCharsets.ISO_8859_1);
        assertEquals(1, Pattern.compile("/Type\\s*/Page[^s]").matcher(text).results().count(), "one page");
        // A4 portrait, in points (595 × 842), as the print stylesheet asks.
        assertTrue(Pattern.compile("/MediaBox\\s*\\[\\s*0 0 59[45]\\.?\\d* 84[12]").matcher(text).find(), "A4");
        page.context().close();
    }

    @Test
    void givenTheDashboard_whenOpened_thenItsFiguresAreTheReportsAndItsExportDownloads() throws Exception {
        DashboardTest.Scene scene = DashboardTest.scene();
        Map<String, String> query = DashboardTest.query("Organization/" + scene.hospital(), null);
        MeasureReport report = DashboardTest.report(query);
        Page page = chromium.page(TestTokens.system(), "zh-CN");
        page.navigate(base + "/$recognition-report?_format=html&" + query.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&")));

        for (String[] figure : List.of(new String[]{"recognize-calls", "recognize-calls", "initial-population"},
                new String[]{"recognized", "items", "recognized"}, new String[]{"not-recognized", "items", "not-recognized"},
                new String[]{"declines", "declines", "initial-population"},
                new String[]{"unjustified-repeats", "unjustified-repeats", "initial-population"},
                new String[]{"orders-replaced", "orders-replaced", "initial-population"})) {
            assertEquals(String.valueOf(DashboardTest.count(report, figure[1], figure[2])),
                    page.locator("#tile-" + figure[0] + " .value").innerText().trim(), figure[0]);
        }
        // Today's bar is drawn, to the rate's height (1 of 3 judged: a third of the 170-unit axis).
        Locator bars = page.locator("svg.trend rect.bar");
        assertEquals(1, bars.count());
        assertEquals(170 / 3.0, Double.parseDouble(bars.first().getAttribute("height")), 0.1);
        assertTrue(bars.first().boundingBox().height > 10, "visible on screen");
        assertEquals(2, page.locator("tr.repeat").count());
        assertEquals(List.of(), page.evaluate(BOXES, page.locator("h1").innerText() + page.locator("#tiles").innerText()));
        Chromium.screenshot(page, "dashboard-zh");

        Download download = page.waitForDownload(() -> page.locator("#csv-figures").click());
        String csv = Files.readString(download.path(), StandardCharsets.UTF_8);
        assertTrue(csv.startsWith("\uFEFFfigure,code,label,period,value"), csv);
        assertTrue(csv.contains("recognize-calls,,互认查询次数,"), csv);

        // Choosing a category and showing: the filter is kept and the figures follow it.
        page.locator("select[name=category]").selectOption("biochemistry");
        page.locator("form.filters button").click();
        page.waitForURL(Pattern.compile(".*category=biochemistry.*"));
        assertEquals("biochemistry", page.locator("select[name=category]").inputValue());
        assertEquals("1", page.locator("#tile-recognize-calls .value").innerText().trim());
        page.context().close();

        Page english = chromium.page(TestTokens.system(), "en-US");
        english.navigate(base + "/$recognition-report?_format=html&organization=Organization/" + scene.hospital()
                + "&period-start=" + query.get("period-start") + "&period-end=" + query.get("period-end"));
        assertEquals("Recognition rate", english.locator("#tile-recognition-rate .label").innerText().trim());
        Chromium.screenshot(english, "dashboard-en");
        english.context().close();
    }

    /** Which Chromium ran the tests, in the test report: screenshots mean little without it. */
    @Test
    void givenDebiansChromium_whenStarted_thenItSaysItsVersion() {
        assertTrue(chromium.version().matches("\\d+\\..*"), chromium.version());
        System.out.println("Browser tests ran in Chromium " + chromium.version() + "; screenshots in "
                + Path.of("").toAbsolutePath().resolve(Chromium.SCREENSHOTS));
    }
}
