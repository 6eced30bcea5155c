package dev.survivor.hub.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.survivor.hub.Hub;
import dev.survivor.hub.auth.TokenStore;
import dev.survivor.hub.client.HubClient;
import dev.survivor.hub.params.ParameterSpec;
import dev.survivor.hub.server.HubConfig;
import java.io.File;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * The dashboard in real headless Chromium (Debian's chromium + chromium-driver): it shows clients, jobs and the
 * leaderboard live, and an operator's parameter change typed into the page reaches a connected client.
 */
@Timeout(120)
class DashboardBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    @TempDir
    Path dir;

    @Test
    void pageUpdatesLiveAndAParameterChangeReachesTheClient() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs Debian's chromium and chromium-driver (apt-get install -y chromium chromium-driver)");
        Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder").setLevel(Level.SEVERE);
        Logger.getLogger("org.openqa.selenium").setLevel(Level.SEVERE);

        TokenStore tokens = TokenStore.load(dir.resolve("tokens.json"));
        String clientToken = tokens.add("workers", TokenStore.Role.CLIENT);
        String opToken = tokens.add("ops", TokenStore.Role.OPERATOR);
        HubConfig cfg = HubConfig.builder().port(0).database(dir.resolve("hub.db")).tokens(dir.resolve("tokens.json"))
                .build();
        AtomicBoolean running = new AtomicBoolean(true);
        Path profile = Files.createTempDirectory(dir, "chrome-profile");
        try (Hub hub = Hub.start(cfg, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             HubClient coord = HubClient.connect(HubClient.Options.of("127.0.0.1", hub.port(), "coord",
                     clientToken, "step3-coordinator", null));
             HubClient trainer = HubClient.connect(HubClient.Options.of("127.0.0.1", hub.port(), "trainer-xgb",
                     clientToken, "step5-trainer", "xgboost"))) {
            coord.registerParameter(ParameterSpec.ofInt("batch_size", 64, 1, 4096, "seeds per batch"), v -> { });
            var jobs = F.arrayNode();
            jobs.addObject().put("node", "gpu-node-1").put("gpu", 0).put("job", "chunk-000").put("status", "running")
                    .put("progress", 0.4).put("failures", 0);
            jobs.addObject().put("node", "gpu-node-2").put("gpu", 1).put("job", "chunk-001").put("status", "failed")
                    .put("progress", 0.1).put("failures", 2);
            coord.updateVariables(F.objectNode().set("jobs", jobs));
            trainer.updateVariables(F.objectNode().put("best_score", 0.913).put("trials", 17)
                    .put("current_model", "xgboost"));
            trainer.share("best-1", "best_params", F.objectNode().put("max_depth", 7));
            Thread safePoints = Thread.ofVirtual().start(() -> {
                while (running.get()) {
                    try {
                        coord.applyPendingParameters();
                        Thread.sleep(20);
                    } catch (Exception e) {
                        return;
                    }
                }
            });

            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
                    .withLogFile(new File("target/chromedriver.log")).build();
            ChromeOptions o = new ChromeOptions();
            o.setBinary(CHROMIUM.toString());
            o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--no-first-run", "--user-data-dir=" + profile, "--window-size=1200,1000");
            WebDriver d = new ChromeDriver(service, o);
            try {
                d.get("http://127.0.0.1:" + hub.httpPort() + "/");
                WebDriverWait wait = new WebDriverWait(d, Duration.ofSeconds(15));
                wait.until(ExpectedConditions.textToBe(By.id("value-coord-batch_size"), "64"));
                assertThat(d.findElement(By.id("clients")).getText()).contains("step3-coordinator")
                        .contains("step5-trainer").contains("trainer-xgb");
                assertThat(d.findElement(By.id("jobs")).getText()).contains("gpu-node-2").contains("failed");
                assertThat(d.findElement(By.id("leaderboard")).getText()).contains("trainer-xgb").contains("0.9130");
                assertThat(d.findElement(By.id("shares")).getText()).contains("best_params");

                // live update without reload
                trainer.updateVariable("trials", 18);
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("leaderboard"), "18"));

                // without the operator token the change is refused
                d.findElement(By.id("param-coord-batch_size")).sendKeys("300");
                d.findElement(By.id("set-coord-batch_size")).click();
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("param-result"), "refused"));
                assertThat(coord.parameter("batch_size").asInt()).isEqualTo(64);

                d.findElement(By.id("token")).sendKeys(opToken);
                d.findElement(By.id("set-coord-batch_size")).click();
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("param-result"), "acknowledged"));
                assertThat(coord.parameter("batch_size").asInt()).isEqualTo(300);
                wait.until(ExpectedConditions.textToBe(By.id("value-coord-batch_size"), "300"));
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("audit"), "dashboard:ops"));

                // an out-of-range value typed into the page is rejected by the hub with the range
                var input = d.findElement(By.id("param-coord-batch_size"));
                input.clear();
                input.sendKeys("99999");
                d.findElement(By.id("set-coord-batch_size")).click();
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("param-result"),
                        "outside the range [1, 4096]"));
                assertThat(coord.parameter("batch_size").asInt()).isEqualTo(300);
                Files.write(Path.of("target/dashboard.png"), ((TakesScreenshot) d).getScreenshotAs(OutputType.BYTES));
            } finally {
                d.quit();
                running.set(false);
                safePoints.join();
            }
        } finally {
            try (var walk = Files.walk(profile)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
