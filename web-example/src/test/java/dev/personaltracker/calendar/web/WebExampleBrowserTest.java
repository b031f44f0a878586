package dev.personaltracker.calendar.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
 * The web example end to end in a real browser: headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}) driven by Selenium. A person sets work hours and a goal, proposes sessions, approves some
 * and then all, sees them on the plan; a week passes, reconcile settles them, and the history shows them with the
 * weekly total. Screenshots of every page go to {@code target/screenshots/}.
 * <p>
 * Without Chromium the test is skipped with a message, unless {@code CI=true}, where it must run.
 */
class WebExampleBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @TempDir
    Path data;
    @TempDir
    Path profile;
    TestApp app;
    WebDriver browser;
    WebDriverWait wait;

    @BeforeEach
    void start() {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed) {
            String message = "Headless Chromium is needed for this test: install Debian's 'chromium' and "
                    + "'chromium-driver' (expected " + CHROMIUM + " and " + CHROMEDRIVER + ")";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(message + "; CI=true, so this is a failure, not a skip");
            }
            Assumptions.abort(message + "; skipped because CI is not set");
        }
        app = TestApp.start(data);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--user-data-dir=" + profile,
                "--window-size=1280,1900");
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (app != null) {
            app.close();
        }
    }

    @Test
    void personSetsWorkHours_proposesApproves_checksIn_andSeesTheHistory_onADesktopAndAPhone() throws Exception {
        // Settings: Monday 08:00-18:00 (was 09:00-17:00), a 4-hour goal.
        open("/settings");
        assertThat(browser.getTitle()).isEqualTo("Settings · Personal Tracker");
        type("from-monday", "08:00");
        type("to-monday", "18:00");
        type("goal", "240");
        click("save-settings");
        assertThat(flash()).isEqualTo("Settings saved.");
        assertThat(browser.findElement(By.id("from-monday")).getDomAttribute("value")).isEqualTo("08:00");
        assertThat(browser.findElement(By.id("goal")).getDomAttribute("value")).isEqualTo("240");
        screenshot("settings");

        // a mistake comes back with what was typed and a plain message at the field
        type("min", "120");
        type("max", "60");
        click("save-settings");
        assertThat(flash()).startsWith("Not saved:");
        assertThat(text("error-min")).isEqualTo("The shortest session (120 min) is longer than the longest (60 min): "
                + "make it 60 min or less.");
        assertThat(browser.findElement(By.id("min")).getDomProperty("value")).isEqualTo("120");
        screenshot("settings-error");

        // Connect: the samples are in use; Google needs a client.
        open("/connect");
        assertThat(text("ics-calendars")).contains("Bundled sample calendars").contains("connected");
        assertThat(browser.findElement(By.id("connect-google")).isEnabled()).isFalse();
        assertThat(text("why-google")).containsAnyOf("GOOGLE_CLIENT_ID", "not on the class path");
        screenshot("connect");

        // Plan: the sample week with Monday's longer work day (10h + 4 x 8h, Friday is all-day out of office).
        open("/plan");
        assertThat(text("week-label")).contains("Mon 9 Mar 2026");
        assertThat(text("summary")).contains("work hours 42h").contains("goal 4h");
        assertThat(text("busy")).contains("Statistics lecture").contains("Daily stand-up")
                .doesNotContain("declined", "Declined");
        click("propose");
        assertThat(flash()).startsWith("Proposed ").contains("4h in all");
        List<WebElement> proposals = browser.findElements(By.cssSelector("#proposals tbody tr"));
        int proposed = proposals.size();
        assertThat(proposed).isGreaterThanOrEqualTo(3);
        assertThat(browser.findElements(By.cssSelector("#week-view g.session.proposed"))).hasSize(proposed);

        proposals.get(0).findElement(By.cssSelector("input[type=checkbox]")).click();
        click("approve-selected");
        assertThat(flash()).isEqualTo("Approved 1 session: they are in your calendar now.");
        assertThat(browser.findElements(By.cssSelector("#proposals tbody tr"))).hasSize(proposed - 1);
        click("approve-all");
        assertThat(flash()).isEqualTo("Approved " + (proposed - 1) + " sessions: they are in your calendar now.");
        assertThat(browser.findElements(By.id("proposals"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("#sessions td.status")))
                .hasSize(proposed).allSatisfy(td -> assertThat(td.getText()).isEqualTo("scheduled"));
        assertThat(browser.findElements(By.cssSelector("#week-view g.session.scheduled"))).hasSize(proposed);
        assertThat(Files.readString(app.web.app().sessionsFile()).split("BEGIN:VEVENT", -1)).hasSize(proposed + 1);
        screenshot("plan");

        // A week passes: the Plan page asks "Did you study?" for each session instead of counting it by itself.
        app.clock.advance(Duration.ofDays(7));
        open("/plan?week=2026-03-09");
        List<WebElement> asks = browser.findElements(By.cssSelector("#checkins form.checkin"));
        assertThat(asks).hasSize(proposed);
        screenshot("plan-checkins");
        String first = asks.get(0).getDomAttribute("id").substring("checkin-".length());
        type("note-" + first, "chapter 3");
        click("save-" + first);
        assertThat(flash()).startsWith("Noted: you studied");
        String second = browser.findElements(By.cssSelector("#checkins form.checkin")).get(0).getDomAttribute("id")
                .substring("checkin-".length());
        browser.findElement(By.id("partly-" + second)).click();
        type("minutes-" + second, "30");
        click("save-" + second);
        assertThat(flash()).isEqualTo("Noted: you studied 30m.");
        while (!browser.findElements(By.cssSelector("#checkins form.checkin")).isEmpty()) {
            String key = browser.findElements(By.cssSelector("#checkins form.checkin")).get(0).getDomAttribute("id")
                    .substring("checkin-".length());
            browser.findElement(By.id("skipped-" + key)).click();
            click("save-" + key);
            assertThat(flash()).isEqualTo("Noted: skipped.");
        }
        assertThat(browser.findElements(By.cssSelector("#week-view g.session.completed"))).hasSize(2);

        // History: the week's total against the goal from the answers, the chart from the first week used.
        click("nav-history");
        assertThat(browser.getTitle()).isEqualTo("History · Personal Tracker");
        assertThat(browser.findElements(By.cssSelector("#history td.status"))).hasSize(proposed);
        List<WebElement> bars = browser.findElements(By.cssSelector("#weekly-chart g.bar"));
        assertThat(bars).hasSize(2);
        assertThat(bars.get(0).findElement(By.tagName("title")).getDomProperty("textContent")).startsWith("2026-W11: ")
                .endsWith(" of 4h");
        assertThat(text("history")).contains("chapter 3").contains("studied 30m");
        assertThat(text("this-week")).contains("0m of 4h");
        assertThat(text("streak")).containsPattern("\\d+ days?");
        assertThat(text("report")).contains("2026-W12");
        screenshot("history");

        // The same pages on a 390 px phone: nothing wider than the screen, the whole week in view.
        onAPhone("phone-", "/plan?week=2026-03-09", "/history", "/connect", "/settings");
        open("/plan?week=2026-03-09");
        assertThat(browser.findElement(By.id("week-view")).isDisplayed()).isFalse();
        WebElement narrow = browser.findElement(By.id("week-view-narrow"));
        assertThat(narrow.isDisplayed()).isTrue();
        assertThat(narrow.getRect().getX() + narrow.getRect().getWidth()).isLessThanOrEqualTo(390);
        assertThat(narrow.findElements(By.cssSelector("text.day"))).hasSize(7)
                .allSatisfy(day -> assertThat(day.getRect().getX() + day.getRect().getWidth()).isLessThanOrEqualTo(390));
        open("/history");
        WebElement table = browser.findElement(By.id("history"));
        WebElement box = table.findElement(By.xpath(".."));
        assertThat(box.getRect().getX() + box.getRect().getWidth()).isLessThanOrEqualTo(390);
    }

    @Test
    void personAddsSubjects_andSeesTheWeekColoredBySubject_withHowEachStands_onADesktopAndAPhone() throws Exception {
        open("/settings");
        type("new-name", "Linear algebra");
        type("new-hours", "2");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("new-priority"))).selectByVisibleText("high");
        click("add-subject");
        assertThat(flash()).startsWith("Added the subject “Linear algebra”");
        type("new-name", "Statistics exam");
        browser.findElement(By.id("new-deadline")).click();
        type("new-hours", "6");
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = '2026-03-21';",
                browser.findElement(By.id("new-due")));
        click("add-subject");
        assertThat(flash()).startsWith("Added the subject “Statistics exam”");
        // a mistake in a subject comes back as typed, the others untouched
        type("new-name", "Essay");
        type("new-hours", "much");
        click("add-subject");
        assertThat(text("new-error-hours")).contains("“much” is not a number of hours");
        assertThat(browser.findElement(By.id("new-hours")).getDomProperty("value")).isEqualTo("much");
        assertThat(browser.findElements(By.cssSelector("#subjects form.subject"))).hasSize(3);
        screenshot("settings-subjects");

        open("/plan");
        click("propose");
        assertThat(flash()).contains("Linear algebra:").contains("Statistics exam:");
        click("approve-all");
        assertThat(browser.findElements(By.cssSelector("#week-view g.session.scheduled.goal-0"))).isNotEmpty();
        assertThat(browser.findElements(By.cssSelector("#week-view g.session.scheduled.goal-1"))).isNotEmpty();
        assertThat(text("subjects-legend")).contains("Linear algebra").contains("Statistics exam");
        assertThat(text("standing")).contains("Statistics exam:");
        screenshot("plan-subjects");
        open("/history");
        assertThat(text("goals")).contains("Linear algebra").contains("Statistics exam");
        screenshot("history-subjects");

        onAPhone("phone-subjects-", "/plan", "/history", "/settings", "/connect");
    }

    /**
     * A crowded student week on every page at three phone widths and a desktop: 20 meetings in a day, four events at
     * once, a lecture with a 150-character title, subjects with long names (one a single 60-letter word) and
     * check-ins waiting. No page may be wider than the screen; a screenshot of each.
     */
    @Test
    void aCrowdedWeek_withLongNames_fitsEveryPage_atPhoneAndDesktopWidths() throws Exception {
        StringBuilder ics = new StringBuilder("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n");
        int uid = 0;
        for (int i = 0; i < 20; i++) {
            int from = 7 * 60 + i * 30;
            ics.append(event(uid++, "20260311", from, from + 30, "Tutorial group meeting number " + (i + 1)));
        }
        for (int i = 0; i < 4; i++) {
            ics.append(event(uid++, "20260312", 10 * 60, (12 + i) * 60, "Overlapping workshop " + (i + 1)));
        }
        ics.append(event(uid++, "20260310", 8 * 60, 10 * 60, "Introduction to Computational Thermodynamics and "
                + "Statistical Mechanics of Non-Equilibrium Systems (Lecture, Room H-1234, Hauptgebäude, Campus Nord)"));
        ics.append("END:VCALENDAR\r\n");
        Files.writeString(data.resolve("crowded.ics"), ics.toString());
        Browserless setup = new Browserless(app);
        setup.connectIcs("crowded", data.resolve("crowded.ics").toString());
        for (String name : List.of("Einführung in die Theoretische Informatik und formale Logik",
                "Rechtswissenschaftlichesgrundlagenseminarfürerstsemesterinnen",
                "Statistik 數學 für Wirtschaftswissenschaften (Übung)")) {
            setup.post("/settings/subjects", "csrf", setup.csrf("/settings"), "original", "", "name", name,
                    "kind", "weekly", "hours", "2", "due", "", "priority", "0", "action", "save");
        }
        setup.post("/plan/propose", "csrf", setup.csrf("/plan"), "week", "2026-03-09");
        setup.post("/plan/approve", "csrf", setup.csrf("/plan"), "week", "2026-03-09", "action", "all");
        app.clock.advance(Duration.ofDays(4).plusHours(14));
        assertThat(setup.page("/plan?week=2026-03-09")).contains("Did you study?");

        for (int width : new int[] {360, 390, 414, 1280}) {
            ((ChromeDriver) browser).executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width,
                    "height", 1500, "deviceScaleFactor", 1, "mobile", width < 700));
            for (String page : List.of("/plan?week=2026-03-09", "/history", "/connect", "/settings")) {
                open(page);
                Number scroll = (Number) ((JavascriptExecutor) browser).executeScript(
                        "return document.documentElement.scrollWidth;");
                Number viewport = (Number) ((JavascriptExecutor) browser).executeScript("return window.innerWidth;");
                screenshot("crowded-" + width + "-" + page.substring(1).replaceAll("\\?.*", ""));
                assertThat(scroll.intValue()).as(page + " at " + width + " px").isLessThanOrEqualTo(viewport.intValue());
            }
            // how each subject stands and what happened to each session are read without scrolling sideways
            for (String[] table : new String[][] {{"/history", "goals"}, {"/history", "history"},
                    {"/plan?week=2026-03-09", "sessions"}, {"/connect", "ics-calendars"}}) {
                open(table[0]);
                String cells = "ics-calendars".equals(table[1]) ? " td.status" : " td.story";
                assertThat(browser.findElements(By.cssSelector("#" + table[1] + cells))).isNotEmpty()
                        .allSatisfy(cell -> assertThat(cell.getRect().getX() + cell.getRect().getWidth())
                                .as(table[1] + " at " + width + " px").isLessThanOrEqualTo(width));
            }
            open("/plan?week=2026-03-09");
            WebElement week = browser.findElement(By.id(width < 700 ? "week-view-narrow" : "week-view"));
            assertThat(week.findElements(By.cssSelector("text.day"))).hasSize(7).allSatisfy(day ->
                    assertThat(day.getRect().getX() + day.getRect().getWidth()).isLessThanOrEqualTo(width));
        }
    }

    private static String event(int uid, String day, int fromMinute, int toMinute, String title) {
        return "BEGIN:VEVENT\r\nUID:crowded-" + uid + "@test\r\nDTSTAMP:20260301T000000Z\r\n"
                + "DTSTART;TZID=Europe/Berlin:" + day + "T" + String.format("%02d%02d00", fromMinute / 60, fromMinute % 60)
                + "\r\nDTEND;TZID=Europe/Berlin:" + day + "T" + String.format("%02d%02d00", toMinute / 60, toMinute % 60)
                + "\r\nSUMMARY:" + title + "\r\nEND:VEVENT\r\n";
    }

    /** Opens pages on a 390 px phone: nothing may be wider than the screen; a screenshot of each. */
    private void onAPhone(String prefix, String... pages) throws Exception {
        ((ChromeDriver) browser).executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", 390,
                "height", 1500, "deviceScaleFactor", 1, "mobile", true));
        for (String page : pages) {
            open(page);
            Number width = (Number) ((JavascriptExecutor) browser).executeScript(
                    "return document.documentElement.scrollWidth;");
            Number viewport = (Number) ((JavascriptExecutor) browser).executeScript("return window.innerWidth;");
            assertThat(viewport.intValue()).isEqualTo(390);
            assertThat(width.intValue()).as(page + " is wider than the phone").isLessThanOrEqualTo(390);
            screenshot(prefix + page.substring(1).replaceAll("\\?.*", ""));
        }
    }

    private void open(String path) {
        browser.get(app.url(path).toString());
    }

    private void click(String id) {
        WebElement button = browser.findElement(By.id(id));
        button.click();
        wait.until(d -> gone(button));
    }

    /**
     * Whether an element left the page. While the next page loads, chromedriver sometimes reports the old element
     * as an inspector error ("Node with given id does not belong to the document") instead of as stale: that is gone
     * too.
     */
    private static boolean gone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (org.openqa.selenium.StaleElementReferenceException e) {
            return true;
        } catch (org.openqa.selenium.WebDriverException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("does not belong to the document") || message.contains("No node with given id")) {
                return true;
            }
            throw e;
        }
    }

    private void type(String id, String value) {
        WebElement input = browser.findElement(By.id(id));
        input.clear();
        input.sendKeys(value);
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private String flash() {
        try {
            return wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("flash"))).getText();
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("No message on " + browser.getCurrentUrl() + ":\n" + browser.getPageSource(), e);
        }
    }

    private void screenshot(String name) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
