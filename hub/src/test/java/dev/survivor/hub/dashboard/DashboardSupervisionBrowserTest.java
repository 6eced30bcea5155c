package dev.survivor.hub.dashboard;

import static dev.survivor.hub.supervise.Await.awaitTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.survivor.hub.Hub;
import dev.survivor.hub.auth.TokenStore;
import dev.survivor.hub.client.HubClient;
import dev.survivor.hub.server.HubConfig;
import dev.survivor.hub.server.HubCore;
import dev.survivor.hub.supervise.RestartPolicy;
import dev.survivor.hub.wrap.WrapEndToEndTest;
import dev.survivor.hub.wrap.WrappedCommand;
import dev.survivor.hub.wrap.Wrapper;
import java.io.File;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in real headless Chromium shows hub-started and wrapped scripts live: state, PID, restarts, last
 * exit, their log tails and the restart history, after real processes were killed with SIGKILL.
 */
@Timeout(120)
class DashboardSupervisionBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    @TempDir
    Path dir;

    @Test
    void supervisedAndWrappedScriptsWithLogsAndRestartsAppear() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs Debian's chromium and chromium-driver (apt-get install -y chromium chromium-driver)");
        Logger.getLogger("org.openqa.selenium").setLevel(Level.SEVERE);
        TokenStore tokens = TokenStore.load(dir.resolve("tokens.json"));
        String clientToken = tokens.add("workers", TokenStore.Role.CLIENT);
        String opToken = tokens.add("ops", TokenStore.Role.OPERATOR);
        Path scripts = dir.resolve("scripts.json");
        Files.writeString(scripts, """
                {"scripts": {"ticker": {"command": ["sh", "-c", "echo tick from $$; exec sleep 300"],
                  "description": "supervised", "restart": {"policy": "on-failure", "max_restarts": 2,
                  "backoff_ms": 100}}}}""");
        Path prog = dir.resolve("prog.sh");
        Files.writeString(prog, WrapEndToEndTest.SH_PROG);
        List<String> cmd = List.of("sh", prog.toString(), "--batch-size", "32", "in.txt");
        HubConfig cfg = HubConfig.builder().port(0).database(dir.resolve("hub.db")).tokens(dir.resolve("tokens.json"))
                .scripts(scripts).build();
        Path profile = Files.createTempDirectory(dir, "chrome-profile");
        try (Hub hub = Hub.start(cfg, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             HubClient op = HubClient.connect(HubClient.Options.of("127.0.0.1", hub.port(), "op", opToken,
                     "operator", null));
             HubClient wrapClient = HubClient.connect(HubClient.Options.of("127.0.0.1", hub.port(), "wrap-prog",
                     clientToken, HubCore.WRAPPED_ROLE, "prog.sh"))) {
            long tickerPid = op.command("execute", F.objectNode().put("script", "ticker")).path("pid").asLong();
            Wrapper w = new Wrapper(wrapClient, new WrappedCommand(cmd, Wrapper.discover(cmd, Duration.ofSeconds(30))),
                    RestartPolicy.onFailure(1, Duration.ofMillis(100)), Duration.ofSeconds(3), 50, null);
            w.register();
            Thread runner = Thread.ofVirtual().start(() -> {
                try {
                    w.run();
                } catch (Exception ignored) {
                    // the test's assertions say what went wrong
                }
            });
            awaitTrue(() -> w.process() != null && w.process().isAlive());
            long wrappedPid = w.process().pid();
            new ProcessBuilder("kill", "-9", Long.toString(tickerPid)).start().waitFor();
            new ProcessBuilder("kill", "-9", Long.toString(wrappedPid)).start().waitFor();

            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
                    .withLogFile(new File("target/chromedriver-supervision.log")).build();
            ChromeOptions o = new ChromeOptions();
            o.setBinary(CHROMIUM.toString());
            o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--no-first-run", "--user-data-dir=" + profile, "--window-size=1400,1400");
            WebDriver d = new ChromeDriver(service, o);
            try {
                d.get("http://127.0.0.1:" + hub.httpPort() + "/");
                WebDriverWait wait = new WebDriverWait(d, Duration.ofSeconds(30));
                // hub-started script: restarted once after SIGKILL, running again, log tail with both starts
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("scripts"), "signal 9"));
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("scripts"), "running"));
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("script-log-ticker"),
                        "restart 1/2"));
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("script-log-ticker"),
                        "tick from " + tickerPid));
                // wrapped script: state, restarts, log tail
                wait.until(ExpectedConditions.textToBe(By.id("wrapped-restarts-wrap-prog"), "1"));
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("wrapped-state-wrap-prog"),
                        "running"));
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("wrapped-log-wrap-prog"),
                        "plain log line"));
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("wrapped"), "--batch-size 32"));
                // restart history from both supervisors
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("restarts"), "ticker"));
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("restarts"), "wrap-prog"));
                String restarts = d.findElement(By.id("restarts")).getText();
                org.assertj.core.api.Assertions.assertThat(restarts).contains("execute").contains("wrap")
                        .contains(Long.toString(tickerPid)).contains(Long.toString(wrappedPid));

                // an operator's stop of the wrapped script shows as stopped
                op.command("stop", F.objectNode().put("script", "wrap-prog"));
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("wrapped-state-wrap-prog"),
                        "stopped"));
                Files.write(Path.of("target/dashboard-supervision.png"),
                        ((TakesScreenshot) d).getScreenshotAs(OutputType.BYTES));
            } finally {
                d.quit();
                w.shutdown();
                runner.join(10_000);
            }
        } finally {
            try (var walk = Files.walk(profile)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
