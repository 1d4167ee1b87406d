package org.hrgateway.support;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Debian's Chromium, driven by Playwright for Java with the machine's Node.js (no browser or Node.js
 * downloaded: the driver bundle is excluded in the pom). Pages open with a bearer token on every
 * request, as a browser behind the province's sign-in proxy sends it. Screenshots go to
 * `target/screenshots`, kept by CI as build artifacts.
 */
public final class Chromium implements AutoCloseable {

    public static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String EXECUTABLE = System.getProperty("hr.test.chromium", "/usr/bin/chromium");
    private static final String NODE = System.getProperty("hr.test.node", "/usr/bin/node");

    private final Playwright playwright;
    private final Browser browser;

    private Chromium(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    /** Fails, saying what to install, where Chromium or Node.js is missing: browser tests are never skipped. */
    public static Chromium start() {
        for (String needed : List.of(EXECUTABLE, NODE)) {
            if (!Files.isExecutable(Path.of(needed))) {
                throw new IllegalStateException(needed + " is missing: the browser tests need Debian's Chromium, its"
                        + " Chinese fonts and Node.js (apt-get install chromium fonts-wqy-microhei nodejs; .ci/run installs them)");
            }
        }
        Map<String, String> environment = Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1", "PLAYWRIGHT_NODEJS_PATH", NODE);
        Playwright playwright = Playwright.create(new Playwright.CreateOptions().setEnv(environment));
        // The flags the machine's closed network needs: no background connections, no sandbox as root.
        Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(Path.of(EXECUTABLE)).setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync")));
        return new Chromium(playwright, browser);
    }

    /** A tab that sends `token` with every request, preferring `language` (`zh-CN`, `en-US`). */
    public Page page(String token, String language) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                .setLocale(language).setViewportSize(1280, 900).setAcceptDownloads(true)
                .setExtraHTTPHeaders(Map.of("Authorization", "Bearer " + token, "Accept-Language", language)));
        return context.newPage();
    }

    /** The page as shown, full length, saved as `target/screenshots/[name].png`. */
    public static Path screenshot(Page page, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path file = SCREENSHOTS.resolve(name + ".png");
        page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
        return file;
    }

    public String version() {
        return browser.version();
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
