package org.illbridge.console.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.illbridge.itests.support.ServerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
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
 * The ILL Bridge console pages in a real browser (Debian's chromium, headless) against the real
 * distribution: log in, see the dashboard, create a partner, search transactions, a POST without
 * CSRF token refused, a dialect bundle uploaded on the Bundles page becomes active. A screenshot
 * of each step goes to target/screenshots.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT {
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final String PASSWORD = "browser-test-Pw-42";

  private static ServerProcess server;
  private static HomeSystem home;
  /** The transaction sent through the simulated lenders (test 6), acted on in test 7. */
  private static String simulatedTx;
  private static WebDriver driver;
  private static Path profile;

  @BeforeAll
  static void start() throws Exception {
    if (!Files.isExecutable(CHROMEDRIVER) || !Files.isExecutable(CHROMIUM)) {
      String why = "chromium and chromium-driver are not installed (" + CHROMIUM + ", " + CHROMEDRIVER
          + "): the console browser tests cannot run. Install them with apt-get install chromium chromium-driver.";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(why + " CI=true, so this is a failure.");
      }
      Assumptions.abort(why);
    }
    server = ServerProcess.prepare("console-browser")
        .replaceBundle("org.illbridge.console-", Path.of(System.getProperty("illbridge.testBundles"), "org.illbridge.console.jar"));
    server.setPassword("admin", PASSWORD);
    // The home system is the test (REST in, webhooks out); the lenders are the project's
    // simulators running inside the server, configured from conf/*.cfg like any partner.
    home = new HomeSystem();
    home.configure(server);
    int tcpPort = ServerProcess.freePort();
    server.installSimulator()
        .conf("org.illbridge.iso10161.tcp.cfg", "port=" + tcpPort + "\nbindAddress=127.0.0.1\n")
        .conf("org.illbridge.engine.cfg", "homePartnerKey=home\nholdDelaySeconds=1\ntimerPollSeconds=2\n")
        .conf("org.illbridge.store.outbox.cfg", "initialBackoffSeconds=1\nmaxBackoffMinutes=1\npollIntervalMillis=100\n");
    server.simulatedLender("relaisno", "BKUX", "RELAIS", "relais", 0.0, tcpPort); // answers Unfilled (in use / on loan)
    server.simulatedLender("vdx", "BRCZ", "VDX", "vdx", 1.0, tcpPort);         // Will supply, then Shipped
    server.start();
    home.awaitRest(Duration.ofSeconds(90));

    profile = Files.createTempDirectory("chromium-profile");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage", "--window-size=1400,1000",
        "--user-data-dir=" + profile, "--lang=en-US");
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort().build();
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
  }

  @AfterAll
  static void stop() throws Exception {
    if (driver != null) {
      driver.quit();
    }
    if (server != null) {
      server.close();
    }
    if (home != null) {
      home.close();
    }
    if (profile != null) {
      ServerProcess.deleteTree(profile);
    }
  }

  static String console(String path) {
    return "http://127.0.0.1:" + server.httpPort + "/system/console/" + path;
  }

  static void screenshot(String name) throws Exception {
    Path dir = Path.of(System.getProperty("illbridge.screenshots", "target/screenshots"));
    Files.createDirectories(dir);
    Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(shot, dir.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }

  static WebDriverWait waiting() {
    return new WebDriverWait(driver, Duration.ofSeconds(20));
  }

  @Test
  @Order(1)
  void logInAndSeeTheDashboardWithItsChart() throws Exception {
    // Basic credentials in the URL of the first navigation; the console then keeps a session.
    driver.get("http://admin:" + PASSWORD + "@127.0.0.1:" + server.httpPort + "/system/console/illbridge-dashboard");
    waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("dashboard-counts")));
    assertTrue(driver.getPageSource().contains("Messages waiting to be sent"));
    assertTrue(driver.findElement(By.id("dashboard-as-of")).getText().startsWith("Figures as of "),
        "the dashboard says how fresh its cached figures are");
    driver.get(console("illbridge-dashboard"));
    WebElement canvas = waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("per-minute")));
    assertTrue(canvas.isDisplayed());
    assertEquals("function", ((JavascriptExecutor) driver).executeScript("return typeof Chart;"),
        "Chart.js is served by the console bundle");
    assertTrue(driver.findElement(By.cssSelector("meta[name=csrf-token]")).getAttribute("content").length() > 10);
    screenshot("01-dashboard");
    driver.get(console("illbridge-dashboard?lang=fr"));
    waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h2"), "Tableau de bord"));
    screenshot("02-dashboard-fr");
    driver.get(console("illbridge-dashboard?lang=en"));
  }

  @Test
  @Order(2)
  void createAPartner() throws Exception {
    driver.get(console("illbridge-partners"));
    driver.findElement(By.id("new-partner")).click();
    waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("p-key"))).sendKeys("ubc");
    driver.findElement(By.id("p-name")).sendKeys("UBC Library");
    driver.findElement(By.id("p-ids")).sendKeys("ISIL:CA-BVAS\nNUC:BKU");
    driver.findElement(By.id("p-protocol")).sendKeys("ISO 10161");
    driver.findElement(By.id("p-dialect")).clear();
    driver.findElement(By.id("p-dialect")).sendKeys("relais");
    driver.findElement(By.id("p-endpoints")).sendKeys("tcp://127.0.0.1:" + server.httpPort);
    WebElement days = driver.findElement(By.id("p-days"));
    days.clear();
    days.sendKeys("10");
    screenshot("03-partner-form");
    driver.findElement(By.cssSelector("form.partner-form button[type=submit]")).click();
    WebElement done = waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("p.illbridge-done")));
    assertEquals("Partner ubc is created.", done.getText());
    String row = driver.findElement(By.id("partner-ubc")).getText();
    assertTrue(row.contains("UBC Library") && row.contains("ISIL:CA-BVAS") && row.contains("relais"), row);
    screenshot("04-partner-created");

    // the test-connection button reaches the endpoint (the console's own port)
    // the page being replaced still shows "Partner ubc is created.": wait for that element to go stale
    // before reading the new one (reading it mid-navigation raised StaleElementReferenceException)
    driver.findElement(By.cssSelector("#partner-ubc button.test")).click();
    waiting().until(ExpectedConditions.stalenessOf(done));
    WebElement tested = waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("p.illbridge-done")));
    assertTrue(tested.getText().startsWith("Connection test: tcp://127.0.0.1:"), tested.getText());
    screenshot("05-partner-tested");
  }

  @Test
  @Order(3)
  void transactionsPageSearches() throws Exception {
    driver.get(console("illbridge-transactions"));
    waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("tx-search")));
    driver.findElement(By.id("q")).sendKeys("IBNOSUCHKEY");
    driver.findElement(By.cssSelector("#tx-search button")).click();
    waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("content"), "No transaction matches."));
    screenshot("06-transactions");
    driver.get(console("illbridge-transactions?from=yesterday"));
    assertTrue(driver.findElement(By.id("content")).getText().contains("Not a date (use YYYY-MM-DD): yesterday"));
    driver.get(console("illbridge-audit?action=partner"));
    assertTrue(driver.findElement(By.id("content")).getText().contains("Partner created"), "the partner creation is audited");
    screenshot("07-audit");
  }

  @Test
  @Order(4)
  void aPostWithoutTheCsrfTokenIsRefused() throws Exception {
    driver.get(console("illbridge-partners"));
    String cookies = driver.manage().getCookies().stream().map(c -> c.getName() + "=" + c.getValue())
        .collect(Collectors.joining("; "));
    // The browser's own session, replayed without the token, as a forged form post would be.
    HttpResponse<String> refused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.url(
        "/system/console/illbridge-partners")).header("Cookie", cookies).header("Origin", "http://evil.example")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("action=block&key=ubc")).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(403, refused.statusCode(), refused.body());
    assertTrue(refused.body().contains("CSRF"), refused.body());

    // In the browser: a form posted from another origin (a data: page) is refused too.
    driver.get("data:text/html,<form method='post' action='" + console("illbridge-partners")
        + "'><input name='action' value='block'/><input name='key' value='ubc'/></form><script>document.forms[0].submit()</script>");
    waiting().until(d -> d.getCurrentUrl().startsWith("http://127.0.0.1"));
    String body = driver.findElement(By.tagName("body")).getText();
    assertTrue(body.startsWith("Refused: the request has no CSRF token."), body);
    screenshot("08-csrf-refused");
    driver.get(console("illbridge-partners"));
    assertTrue(!driver.findElement(By.id("partner-ubc")).getText().contains("Blocked"), "the forged block did nothing");
  }

  @Test
  @Order(5)
  void aDialectBundleUploadedOnTheBundlesPageBecomesActive() throws Exception {
    driver.get(console("illbridge-dialects"));
    String before = driver.findElement(By.id("dialects")).getText();
    assertTrue(before.contains("relais") && !before.contains("org.illbridge.itests.dialect.example"), before);
    driver.get(console("bundles"));
    waiting().until(ExpectedConditions.elementToBeClickable(By.cssSelector("button.installButton"))).click();
    WebElement dialog = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("uploadDialog")));
    dialog.findElement(By.name("bundlestart")).click();
    Path jar = Path.of(System.getProperty("illbridge.testBundles")).resolve("org.illbridge.itests.dialect.example.jar");
    dialog.findElement(By.cssSelector("input[type=file]")).sendKeys(jar.toAbsolutePath().toString());
    screenshot("09-upload-dialog");
    driver.findElement(By.cssSelector(".ui-dialog-buttonpane button")).click();
    waiting().until(ExpectedConditions.urlContains("/system/console/bundles"));
    WebDriverWait slow = new WebDriverWait(driver, Duration.ofSeconds(60));
    slow.until(d -> {
      d.get(console("illbridge-dialects"));
      return d.findElement(By.id("dialects")).getText().contains("org.illbridge.itests.dialect.example");
    });
    String row = driver.findElement(By.id("dialects")).getText();
    assertTrue(row.contains("example"), row);
    screenshot("10-dialect-active");
  }

  /** Enum-style codes (WILL_SUPPLY), protocol reason codes (in-use-on-loan), bare message codes, a Java null. */
  static final Pattern RAW_CODE = Pattern.compile("\\bnull\\b|"
      + "\\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\\b|\\b[a-z]+(?:-[a-z]+){2,}\\b|\\b(?:REQUEST|SHIPPED|UNFILLED|INBOUND|OUTBOUND|ILL_ANSWER)\\b");

  static void assertNoRawCodes(String text) {
    Matcher m = RAW_CODE.matcher(text);
    if (m.find()) {
      fail("raw code '" + m.group() + "' shown to staff in:\n" + text);
    }
  }

  static void await(String what, Duration timeout, Callable<Boolean> condition) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.call()) {
      if (System.nanoTime() > deadline) {
        fail("timed out after " + timeout + " waiting for " + what + "\n" + server.output());
      }
      Thread.sleep(250);
    }
  }

  @Test
  @Order(6)
  void aRequestSentThroughSimulatedLendersAppearsInTheTimelineInReadableWords() throws Exception {
    // Rota: the Relais-like lender cannot supply, the VDX-like lender answers Will supply, then Shipped.
    String key = home.createRequest("CONSOLE-1", "Readable Timelines", "Tester, Tess", "relaisno", "vdx");
    simulatedTx = key;
    await("Shipped from the second lender", Duration.ofSeconds(90), () -> home.count(key, "INBOUND", "vdx", "SHIPPED") == 1
        && home.count(key, "OUTBOUND", "vdx", "REQUEST") == 1);

    driver.get(console("illbridge-transactions?lang=en"));
    driver.findElement(By.id("q")).sendKeys(key);
    driver.findElement(By.cssSelector("#tx-search button")).click();
    waiting().until(ExpectedConditions.elementToBeClickable(By.linkText(key))).click();
    WebElement timeline = waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("timeline")));
    String en = timeline.getText();
    List<WebElement> rows = timeline.findElements(By.cssSelector("tbody tr"));
    assertTrue(rows.size() >= 5, "request, unfilled, request, will supply, shipped:\n" + en);
    // the request as sent to the first lender, in words
    assertTrue(rowWith(rows, "relaisno", "sent").contains("Request"), en);
    assertTrue(rowWith(rows, "relaisno", "sent").contains("Item: Readable Timelines Tester, Tess"), en);
    assertTrue(rowWith(rows, "relaisno", "sent").contains("Service: Loan"), en);
    // the first lender's answer: the ISO 10161 reason code in words
    String unfilled = rowWith(rows, "relaisno", "received");
    assertTrue(unfilled.contains("Cannot supply") && unfilled.contains("Reason: In use or on loan"), en);
    String vdx = rows.stream().filter(r -> r.getText().contains("vdx") && r.getText().contains("received"))
        .map(WebElement::getText).collect(Collectors.joining("\n"));
    assertTrue(vdx.contains("Will supply") && vdx.contains("Shipped") && vdx.contains("Due date: "), en);
    assertTrue(en.contains("Raw BER"), "the raw bytes are one click away");
    assertNoRawCodes(en);
    assertNoRawCodes(driver.findElement(By.id("tx-facts")).getText());
    scrollTo(timeline.findElements(By.cssSelector("tbody tr")).get(1));
    screenshot("11-timeline");

    driver.get(console("illbridge-transactions?tx=" + key + "&lang=fr"));
    waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h3"), "Chronologie"));
    String fr = driver.findElement(By.id("timeline")).getText();
    for (String words : List.of("Demande", "Ne peut pas fournir", "Motif : En consultation ou en prêt", "Fournira",
        "Expédié", "Date de retour : ", "Service : Prêt", "envoyé", "reçu")) {
      assertTrue(fr.contains(words), words + " in:\n" + fr);
    }
    assertNoRawCodes(fr);
    screenshot("12-timeline-fr");

    // the raw BER of the Unfilled answer, one click away
    driver.findElements(By.cssSelector("#timeline tbody tr")).stream()
        .filter(r -> r.getText().contains("relaisno") && r.getText().contains("reçu")).findFirst()
        .orElseThrow().findElement(By.className("raw-link")).click();
    waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("raw-hex")));
    assertTrue(driver.findElement(By.id("raw-hex")).getText().length() > 20);
    screenshot("13-raw-ber");
    driver.get(console("illbridge-transactions?lang=en"));
  }

  static void scrollTo(WebElement e) {
    ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", e);
  }

  private static String rowWith(List<WebElement> rows, String partner, String direction) {
    return rows.stream().map(WebElement::getText).filter(t -> t.contains(partner) && t.contains(direction)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + direction + " row for " + partner));
  }

  @Test
  @Order(7)
  void repeatLastMessageProducesANewOutboundMessage() throws Exception {
    Assumptions.assumeTrue(simulatedTx != null, "needs the transaction of the previous test");
    String key = simulatedTx;
    driver.get(console("illbridge-transactions?tx=" + key));
    int sentBefore = driver.findElements(By.cssSelector("#timeline tbody tr.out")).size();
    int requestsBefore = home.count(key, "OUTBOUND", "vdx", "REQUEST");
    // the action's form carries the session's CSRF token
    WebElement form = driver.findElement(By.cssSelector("#tx-actions form:has(input[name=action][value=repeat])"));
    assertTrue(form.findElement(By.name("_csrf")).getAttribute("value").length() > 10, "the form carries the CSRF token");
    form.findElement(By.cssSelector("button.repeat")).click();
    WebElement done = waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("p.illbridge-done")));
    assertEquals("The last message of " + key + " is queued to be sent again.", done.getText());

    // the outbox sends it: a new outbound row in the timeline, to the current lender
    await("the repeated Request logged as sent", Duration.ofSeconds(60),
        () -> home.count(key, "OUTBOUND", "vdx", "REQUEST") == requestsBefore + 1);
    driver.get(console("illbridge-transactions?tx=" + key));
    List<WebElement> sent = driver.findElements(By.cssSelector("#timeline tbody tr.out"));
    assertEquals(sentBefore + 1, sent.size(), driver.findElement(By.id("timeline")).getText());
    String repeated = sent.stream().map(WebElement::getText).filter(t -> t.contains("vdx"))
        .reduce((a, b) -> b).orElseThrow();
    assertTrue(repeated.contains("Request") && repeated.contains("Item: Readable Timelines") && repeated.contains("Sent"),
        repeated);
    assertNoRawCodes(driver.findElement(By.id("timeline")).getText());
    String audit = driver.findElement(By.id("content")).getText();
    assertTrue(audit.contains("Last message repeated"), "audited on the transaction page:\n" + audit);
    scrollTo(sent.get(sent.size() - 1));
    screenshot("14-repeat-last-message");

    driver.get(console("illbridge-audit?tx=" + key));
    String log = driver.findElement(By.id("content")).getText();
    String entry = log.lines().filter(l -> l.contains("Last message repeated")).findFirst()
        .orElseThrow(() -> new AssertionError("no audit entry for the repeat:\n" + log));
    assertTrue(entry.contains("admin"), "the logged-in user is the actor: " + entry);
    screenshot("15-audit-repeat");
  }
}
