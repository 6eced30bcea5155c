package dev.survivor.hub;

import dev.survivor.hub.server.HubConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Test-only launcher for a hub in its own JVM (RestartDurabilityTest kills it; {@code pipeline hub serve} is the
 * user-facing command). Arguments: {@code --port N --http-port N|-1 --db F --tokens F [--scripts F]}. Prints
 * {@code HUB_READY port=P http=H} once serving.
 */
public final class HubMain {
    private HubMain() { }

    public static void main(String[] args) throws IOException, InterruptedException {
        HubConfig.Builder b = HubConfig.builder();
        int http = -1;
        for (int i = 0; i + 1 < args.length; i += 2) {
            String v = args[i + 1];
            switch (args[i]) {
                case "--port" -> b.port(Integer.parseInt(v));
                case "--http-port" -> http = Integer.parseInt(v);
                case "--db" -> b.database(Path.of(v));
                case "--tokens" -> b.tokens(Path.of(v));
                case "--scripts" -> b.scripts(Path.of(v));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        InetSocketAddress dash = http < 0 ? null : new InetSocketAddress(InetAddress.getLoopbackAddress(), http);
        Hub hub = Hub.start(b.build(), dash);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                hub.close();
            } catch (IOException ignored) {
                // exiting anyway
            }
        }));
        System.out.println("HUB_READY port=" + hub.port() + " http=" + hub.httpPort());
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
