package dev.kuvert.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The administrator portal in a real (headless) browser, through the gateway as a user reaches it:
 * sign in, add a domain and read its DNS records, add an account to it, sign out.
 *
 * <p>Needs Chromium and its driver ({@code apt-get install chromium chromium-driver}; other paths
 * through {@code KUVERT_CHROMIUM} and {@code KUVERT_CHROMEDRIVER}). Without them the test is
 * skipped with a loud message, unless {@code KUVERT_REQUIRE_BROWSER=true}: then it fails.
 */
class PortalIT {
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Path FAILURE_DIR = Path.of("target");

    private static Path chromium;
    private static Path chromedriver;

    private WebDriver browser;
    private WebDriverWait wait;
    private Path profile;
    private URI portal;

    @RegisterExtension
    final AfterTestExecutionCallback evidenceOnFailure = new EvidenceOnFailure(() -> browser);

    @BeforeAll
    static void findBrowser() {
        chromium = executable("KUVERT_CHROMIUM", "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome");
        chromedriver = executable("KUVERT_CHROMEDRIVER", "/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");
        if (chromium != null && chromedriver != null) {
            return;
        }
        String missing = (chromium == null ? "Chromium" : "") + (chromium == null && chromedriver == null ? " and " : "")
                + (chromedriver == null ? "chromedriver" : "");
        String message = """

                ############################################################################
                ##  PortalIT: %s NOT FOUND. THE BROWSER TEST OF THE PORTAL DID NOT RUN.
                ##  Install them:  apt-get install -y chromium chromium-driver
                ##  (or point KUVERT_CHROMIUM / KUVERT_CHROMEDRIVER at them).
                ##  Set KUVERT_REQUIRE_BROWSER=true to make this a failure instead of a skip.
                ############################################################################
                """.formatted(missing.toUpperCase(Locale.ROOT));
        System.err.println(message);
        if ("true".equalsIgnoreCase(System.getenv("KUVERT_REQUIRE_BROWSER"))) {
            fail(missing + " not found, and KUVERT_REQUIRE_BROWSER=true");
        }
        Assumptions.abort(missing + " not found: PortalIT skipped (set KUVERT_REQUIRE_BROWSER=true to fail instead)");
    }

    @BeforeEach
    void openBrowser() throws IOException {
        profile = Files.createTempDirectory("kuvert-portal-it-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1400,1000", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, PATIENCE);
    }

    @AfterEach
    void closeBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            deleteTree(profile);
        }
    }

    @Test
    void anAdministratorAddsADomainSeesItsDnsRecordsAddsAnAccountAndSignsOut() {
        Platform platform = Platform.shared();
        portal = URI.create(withSlash(platform.gatewayUrl()));
        String domain = "portal-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()) + ".test";

        // every page needs a session: a deep link leads to the sign-in page, and after it back to that page
        browser.get(portal.resolve("domains").toString());
        waitForPath("/login");
        signIn(platform.adminUser(), platform.adminPassword());
        waitForPath("/domains");
        WebElement user = visible(By.id("signed-in-user"));
        assertEquals(platform.adminUser(), user.getText());

        // a new domain is selected at once and shows the records to publish
        type(By.id("domain-name"), domain);
        click(By.id("create-domain"));
        waitForCell(By.id("domains"), domain);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("dns-title"), domain));
        List<String> purposes = List.of("MX", "SPF", "DKIM", "DMARC");
        for (String purpose : purposes) {
            waitForCell(By.id("dns-records"), purpose);
        }
        for (String value : List.of("v=spf1", "v=DKIM1", "v=DMARC1")) {
            waitForCellContaining(By.id("dns-records"), value);
        }

        // its accounts, from the link in the domain's row
        click(By.cssSelector("#domains a[href$='accounts/" + domain + "']"));
        waitForPath("/accounts/" + domain);
        type(By.id("account-address"), "anna");
        type(By.id("account-display-name"), "Anna Portal");
        type(By.id("account-password"), "correct horse battery staple");
        type(By.id("account-quota"), "512");
        click(By.id("create-account"));
        waitForCell(By.id("accounts"), "anna@" + domain);
        waitForCell(By.id("accounts"), "Anna Portal");
        waitForCell(By.id("accounts"), "512 MiB");

        // the domain list counts the account
        click(By.id("nav-domains"));
        waitForCell(By.id("domains"), domain);
        wait.until(d -> !d.findElements(By.cssSelector("#domains a[href$='accounts/" + domain + "']")).isEmpty()
                && "1".equals(d.findElement(By.cssSelector("#domains a[href$='accounts/" + domain + "']")).getText().strip()));

        // signing out ends the session: the portal asks for a sign-in again
        click(By.id("logout"));
        waitForPath("/login");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("login-notice"), "signed out"));
        browser.get(portal.resolve("accounts/" + domain).toString());
        waitForPath("/login");
        visible(By.id("login-form"));
    }

    @Test
    void aWrongPasswordIsRefusedOnTheSignInPage() {
        Platform platform = Platform.shared();
        portal = URI.create(withSlash(platform.gatewayUrl()));
        browser.get(portal.resolve("login").toString());
        signIn(platform.adminUser(), "not-the-password-" + ThreadLocalRandom.current().nextInt(1_000_000));

        waitForPath("/login");
        wait.until(d -> d.getCurrentUrl().endsWith("/login?error"));
        WebElement form = visible(By.id("login-form"));
        wait.until(d -> form.getDomAttribute("error") != null);
        assertTrue(browser.findElements(By.id("signed-in-user")).isEmpty());
    }

    private void signIn(String username, String password) {
        visible(By.id("login-form"));
        type(By.cssSelector("#vaadinLoginUsername input"), username);
        type(By.cssSelector("#vaadinLoginPassword input"), password);
        click(By.cssSelector("#login-form vaadin-button[slot='submit']"));
    }

    /** Types into a Vaadin field: the id is on the web component, the input is its light-DOM child. */
    private void type(By field, String text) {
        WebElement element = visible(field);
        WebElement input = "input".equalsIgnoreCase(element.getTagName())
                ? element
                : element.findElement(By.cssSelector("input"));
        input.clear();
        input.sendKeys(text);
    }

    private void click(By target) {
        wait.until(ExpectedConditions.elementToBeClickable(target)).click();
    }

    private WebElement visible(By target) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(target));
    }

    /** The page at {@code path}, still on the gateway's origin: no redirect may lead to admin-ui's own port. */
    private void waitForPath(String path) {
        wait.withMessage(() -> "the portal page " + path + " on " + portal + ", but the browser is at " + browser.getCurrentUrl())
                .until(d -> {
                    URI current = URI.create(d.getCurrentUrl());
                    return Objects.equals(current.getScheme(), portal.getScheme())
                            && Objects.equals(current.getAuthority(), portal.getAuthority())
                            && current.getPath().equals(path);
                });
    }

    /** A Vaadin grid renders its cells as light-DOM {@code vaadin-grid-cell-content} elements. */
    private void waitForCell(By grid, String text) {
        wait.withMessage(() -> "a cell '" + text + "' in " + grid)
                .until(d -> cells(d, grid).stream().anyMatch(cell -> cell.equals(text)));
    }

    private void waitForCellContaining(By grid, String text) {
        wait.withMessage(() -> "a cell containing '" + text + "' in " + grid)
                .until(d -> cells(d, grid).stream().anyMatch(cell -> cell.contains(text)));
    }

    private static List<String> cells(WebDriver driver, By grid) {
        List<WebElement> grids = driver.findElements(grid);
        if (grids.isEmpty()) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        List<String> texts = (List<String>) ((JavascriptExecutor) driver).executeScript(
                "return Array.from(arguments[0].querySelectorAll('vaadin-grid-cell-content'))"
                        + ".map(c => c.textContent.trim());",
                grids.getFirst());
        return texts == null ? List.of() : texts;
    }

    private static String withSlash(String url) {
        return url.endsWith("/") ? url : url + "/";
    }

    private static Path executable(String variable, String... candidates) {
        String configured = System.getenv(variable);
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured);
            return Files.isExecutable(path) ? path : null;
        }
        for (String candidate : candidates) {
            Path path = Path.of(candidate);
            if (Files.isExecutable(path)) {
                return path;
            }
        }
        return null;
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }

    /** On failure: a screenshot and the page's HTML in {@code target/}, named after the test. */
    private record EvidenceOnFailure(Supplier<WebDriver> browser) implements AfterTestExecutionCallback {
        @Override
        public void afterTestExecution(ExtensionContext context) throws IOException {
            WebDriver driver = browser.get();
            if (context.getExecutionException().isEmpty() || driver == null) {
                return;
            }
            Files.createDirectories(FAILURE_DIR);
            String name = "portal-" + context.getRequiredTestMethod().getName();
            try {
                File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
                Path png = FAILURE_DIR.resolve(name + ".png");
                Files.copy(shot.toPath(), png, StandardCopyOption.REPLACE_EXISTING);
                Files.writeString(FAILURE_DIR.resolve(name + ".html"),
                        "<!-- " + driver.getCurrentUrl() + " -->\n" + driver.getPageSource(), StandardCharsets.UTF_8);
                System.err.println("PortalIT failed at " + driver.getCurrentUrl() + "; screenshot: " + png.toAbsolutePath());
            } catch (RuntimeException e) {
                System.err.println("PortalIT could not take a screenshot: " + e);
            }
        }
    }
}
