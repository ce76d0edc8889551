package dev.chorus.gateway;

import dev.chorus.testkit.Prerequisite;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Real headless Chromium for the console's tests (Debian's chromium + chromium-driver, driven by Selenium through the
 * system chromedriver; no driver download). Without Chromium a test is skipped, except on CI, where it fails
 * ({@link Prerequisite}): .ci/test-tools.sh installs it.
 */
final class Chromium {

    static final String INSTALL = "apt-get install chromium chromium-driver; .ci/test-tools.sh does";

    private Chromium() {}

    /** A browser with its profile in {@code profile}, and these extra command-line switches. */
    static WebDriver start(Path profile, String... switches) {
        Path chromium = Prerequisite.tool("chromium", INSTALL);
        Path chromedriver = Prerequisite.tool("chromedriver", INSTALL);
        System.setProperty(
                "webdriver.chrome.driver", chromedriver.toString()); // the system driver: no Selenium Manager
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        List<String> arguments = new ArrayList<>(List.of(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--user-data-dir=" + profile.toAbsolutePath()));
        arguments.addAll(List.of(switches));
        options.addArguments(arguments);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    static String textOf(JavascriptExecutor js, String id) {
        Object text =
                js.executeScript("const e = document.getElementById(arguments[0]); return e ? e.textContent : '';", id);
        return text == null ? "" : text.toString().strip();
    }

    static void screenshot(WebDriver web, Path file) throws IOException {
        File shot = ((TakesScreenshot) web).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
