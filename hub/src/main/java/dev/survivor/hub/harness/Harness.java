package dev.survivor.hub.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.survivor.hub.Hub;
import dev.survivor.hub.auth.TokenStore;
import dev.survivor.hub.client.HubClient;
import dev.survivor.hub.params.ParameterSpec;
import dev.survivor.hub.protocol.Message;
import dev.survivor.hub.protocol.MessageCodec;
import dev.survivor.hub.server.HubConfig;
import dev.survivor.hub.server.HubCore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Starts a hub and simulated clients over loopback, samples the hub's stats while they run and returns the seeds'
 * JSON report: per-client success and message counts, hub stats over time, final stats, duration, plus share
 * round-trip latency percentiles and throughput.
 */
public final class Harness {
    private static final String[] MODELS = {"xgboost", "lightgbm", "catboost", "neural_net"};

    private final HarnessOptions options;
    private final Path workDir;
    private final PrintWriter progress;

    public Harness(HarnessOptions options, Path workDir, PrintWriter progress) {
        this.options = options;
        this.workDir = workDir;
        this.progress = progress;
    }

    public ObjectNode run() throws IOException, InterruptedException {
        TokenStore tokens = TokenStore.load(workDir.resolve("harness-tokens.json"));
        String token = tokens.add("harness", TokenStore.Role.CLIENT);
        HubConfig cfg = HubConfig.builder().port(0).database(workDir.resolve("harness-hub.db"))
                .tokens(workDir.resolve("harness-tokens.json")).build();
        try (Hub hub = Hub.start(cfg, null)) {
            List<SimulatedClient> sims = plan(hub.port(), token);
            HubCore core = hub.server().core();
            ArrayNode samples = MessageCodec.JSON.createArrayNode();
            long t0 = System.nanoTime();
            CountDownLatch done = new CountDownLatch(1);
            Thread sampler = Thread.ofVirtual().start(() -> sample(core, samples, t0, done));
            progress.printf("harness: scenario %s, %d clients on 127.0.0.1:%d%n", options.scenario().wireName(),
                    sims.size(), hub.port());
            progress.flush();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<?>> futures = new ArrayList<>();
                for (SimulatedClient s : sims) {
                    futures.add(pool.submit(() -> {
                        s.run();
                        return null;
                    }));
                }
                for (Future<?> f : futures) {
                    try {
                        f.get();
                    } catch (java.util.concurrent.ExecutionException e) {
                        // recorded by the client itself
                    }
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            done.countDown();
            sampler.join();
            record(core, samples, t0);
            return report(core, sims, samples, seconds);
        }
    }

    private List<SimulatedClient> plan(int port, String token) {
        List<SimulatedClient> out = new ArrayList<>();
        Duration d = options.duration();
        switch (options.scenario()) {
            case BASIC -> {
                for (int i = 0; i < 2; i++) {
                    out.add(timed(port, token, "trainer-" + i, MODELS[0], Duration.ZERO, d));
                }
            }
            case MULTI_SPEC -> {
                for (int i = 0; i < 4; i++) {
                    out.add(timed(port, token, "trainer-" + MODELS[i], MODELS[i], Duration.ZERO, d));
                }
            }
            case SEQUENTIAL -> {
                int n = 5;
                for (int i = 0; i < n; i++) {
                    Duration join = d.multipliedBy(i).dividedBy(n);
                    out.add(timed(port, token, "joiner-" + i, MODELS[i % MODELS.length], join, d.minus(join)));
                }
            }
            case STRESS_TEST -> {
                // everyone connects first, then all share at once: latency is measured under full load only
                CountDownLatch allConnected = new CountDownLatch(options.clients());
                for (int i = 0; i < options.clients(); i++) {
                    SimulatedClient c = new SimulatedClient(opts(port, token, String.format("stress-%03d", i),
                            MODELS[i % 4]), Duration.ZERO, null, options.sharesPerClient(), Duration.ZERO, null);
                    c.startTogether(allConnected);
                    out.add(c);
                }
            }
        }
        // pair collaborators in the timed scenarios: client i+1 asks client i, which joined no later
        if (options.scenario() != Scenario.STRESS_TEST) {
            for (int i = 0; i + 1 < out.size(); i += 2) {
                out.get(i + 1).collaborateWith(out.get(i).clientId());
            }
        }
        return out;
    }

    private SimulatedClient timed(int port, String token, String id, String model, Duration join, Duration runFor) {
        return new SimulatedClient(opts(port, token, id, model), join, runFor, Integer.MAX_VALUE,
                options.shareInterval(), null);
    }

    private static HubClient.Options opts(int port, String token, String id, String model) {
        return HubClient.Options.of("127.0.0.1", port, id, token, "step5-trainer", model)
                .withHeartbeat(Duration.ofSeconds(5));
    }

    private void sample(HubCore core, ArrayNode samples, long t0, CountDownLatch done) {
        try {
            while (!done.await(options.sampleInterval().toMillis(), TimeUnit.MILLISECONDS)) {
                record(core, samples, t0);
            }
        } catch (InterruptedException ignored) {
            // finishing
        }
    }

    private static synchronized void record(HubCore core, ArrayNode samples, long t0) {
        ObjectNode s = samples.addObject().put("t_s", Math.round((System.nanoTime() - t0) / 1e6) / 1e3)
                .put("connected", core.sessions().size());
        s.setAll(core.stats().toJson());
    }

    private ObjectNode report(HubCore core, List<SimulatedClient> sims, ArrayNode samples, double seconds)
            throws IOException {
        ObjectNode r = MessageCodec.JSON.createObjectNode();
        r.put("scenario", options.scenario().wireName()).put("started_at", Instant.now().minusMillis(
                (long) (seconds * 1000)).toString()).put("duration_s", round(seconds));
        ArrayNode clients = r.putArray("clients");
        List<Long> latencies = new ArrayList<>();
        long sharesAcked = 0;
        int ok = 0;
        for (SimulatedClient s : sims) {
            clients.add(s.toJson());
            latencies.addAll(s.latenciesNanos());
            sharesAcked += s.sharesAcked();
            ok += s.success() ? 1 : 0;
        }
        r.set("hub_stats_over_time", samples);
        ObjectNode fin = r.putObject("final_stats");
        fin.setAll(core.stats().toJson());
        try {
            fin.put("shares_in_db", core.store().countShares())
                    .put("distinct_shares_in_db", core.store().countDistinctShares());
        } catch (SQLException e) {
            throw new IOException("reading the harness database failed: " + e.getMessage(), e);
        }
        fin.put("clients_total", sims.size()).put("clients_succeeded", ok).put("shares_acked", sharesAcked);
        r.set("latency_ms", percentiles(latencies));
        long msgs = core.stats().messagesIn.sum() + core.stats().messagesOut.sum();
        ObjectNode tp = r.putObject("throughput").put("messages_per_s", round(msgs / seconds))
                .put("shares_per_s", round(sharesAcked / seconds));
        sustained(samples, tp);
        return r;
    }

    /**
     * Rate over the window in which the most clients were connected (ramp-up and wind-down excluded): the
     * sustained figure for benchmarks.
     */
    private static void sustained(ArrayNode samples, ObjectNode tp) {
        int max = 0;
        for (JsonNode s : samples) {
            max = Math.max(max, s.path("connected").asInt());
        }
        JsonNode first = null;
        JsonNode last = null;
        for (JsonNode s : samples) {
            if (s.path("connected").asInt() == max) {
                first = first == null ? s : first;
                last = s;
            }
        }
        if (first == null || last.path("t_s").asDouble() <= first.path("t_s").asDouble()) {
            return;
        }
        double dt = last.path("t_s").asDouble() - first.path("t_s").asDouble();
        double msgs = last.path("messages_in").asDouble() + last.path("messages_out").asDouble()
                - first.path("messages_in").asDouble() - first.path("messages_out").asDouble();
        double shares = last.path("shares_stored").asDouble() - first.path("shares_stored").asDouble();
        tp.put("sustained_window_s", round(dt)).put("sustained_clients", max)
                .put("sustained_messages_per_s", round(msgs / dt)).put("sustained_shares_per_s", round(shares / dt));
    }

    static ObjectNode percentiles(List<Long> nanos) {
        long[] a = nanos.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(a);
        ObjectNode o = MessageCodec.JSON.createObjectNode().put("count", a.length);
        if (a.length == 0) {
            return o;
        }
        o.put("p50", ms(a, 0.50)).put("p90", ms(a, 0.90)).put("p99", ms(a, 0.99))
                .put("max", round(a[a.length - 1] / 1e6));
        return o;
    }

    /** Nearest-rank percentile, in milliseconds. */
    private static double ms(long[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return round(sorted[Math.max(0, rank - 1)] / 1e6);
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    /** One simulated trainer: registers the script interface, shares results, optionally collaborates. */
    static final class SimulatedClient {
        private final HubClient.Options options;
        private final Duration joinAfter;
        private final Duration runFor;
        private final int maxShares;
        private final Duration interval;
        private volatile String partner;
        private CountDownLatch startTogether;
        private final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        private long sent;
        private long received;
        private int sharesAcked;
        private int sharesSent;
        private int collaborationsCompleted;
        private final List<String> errors = Collections.synchronizedList(new ArrayList<>());

        SimulatedClient(HubClient.Options options, Duration joinAfter, Duration runFor, int maxShares,
                        Duration interval, String partner) {
            this.options = options;
            this.joinAfter = joinAfter;
            this.runFor = runFor;
            this.maxShares = maxShares;
            this.interval = interval;
            this.partner = partner;
        }

        String clientId() {
            return options.clientId();
        }

        void startTogether(CountDownLatch latch) {
            this.startTogether = latch;
        }

        void collaborateWith(String other) {
            this.partner = other;
        }

        List<Long> latenciesNanos() {
            return latencies;
        }

        int sharesAcked() {
            return sharesAcked;
        }

        boolean success() {
            return errors.isEmpty() && sharesAcked == sharesSent && sharesSent > 0;
        }

        void run() throws InterruptedException {
            Thread.sleep(joinAfter.toMillis());
            try (HubClient c = HubClient.connect(options)) {
                c.onMessage(m -> answer(c, m));
                c.registerParameter(ParameterSpec.ofInt("n_trials", 50, 1, 10_000, "optuna trials"), v -> { });
                c.registerVariable("best_score", MessageCodec.JSON.nullNode(), true);
                if (startTogether != null) {
                    startTogether.countDown();
                    if (!startTogether.await(2, TimeUnit.MINUTES)) {
                        errors.add("not all clients connected within 2 minutes");
                        return;
                    }
                }
                long end = runFor == null ? Long.MAX_VALUE : System.nanoTime() + runFor.toNanos();
                double best = 0;
                boolean asked = false;
                while (sharesSent < maxShares && System.nanoTime() < end) {
                    c.applyPendingParameters();
                    double score = 0.5 + 0.5 * Math.random();
                    best = Math.max(best, score);
                    ObjectNode payload = MessageCodec.JSON.createObjectNode().put("trial", sharesSent)
                            .put("score", score).put("model", options.specialization());
                    long t = System.nanoTime();
                    sharesSent++;
                    Message.ShareAck ack = c.share(options.clientId() + "-" + sharesSent, "trial_result", payload);
                    latencies.add(System.nanoTime() - t);
                    if (!ack.duplicate()) {
                        sharesAcked++;
                    }
                    if (sharesSent % 5 == 0) {
                        c.updateVariables(MessageCodec.JSON.createObjectNode().put("best_score", best)
                                .put("trials", sharesSent).put("current_model", options.specialization()));
                    }
                    if (partner != null && !asked && sharesSent >= 3) {
                        asked = true;
                        c.requestCollaboration(partner, "cross-validate", payload);
                    }
                    if (!interval.isZero()) {
                        Thread.sleep(interval.toMillis());
                    }
                }
                sent = c.messagesSent();
                received = c.messagesReceived();
            } catch (IOException e) {
                errors.add(e.getMessage());
            }
        }

        /** Reader-thread callback: accept and complete collaborations asked of this client. */
        private void answer(HubClient c, Message m) {
            try {
                if (m instanceof Message.CollaborationRequest r) {
                    c.acceptCollaboration(r.collabId());
                    c.collaborationProgress(r.collabId(), 0.5, "halfway");
                    c.completeCollaboration(r.collabId(), true, MessageCodec.JSON.createObjectNode().put("cv", 0.9));
                } else if (m instanceof Message.CollaborationComplete) {
                    synchronized (this) {
                        collaborationsCompleted++;
                    }
                } else if (m instanceof Message.Error e) {
                    errors.add(e.code() + ": " + e.message());
                }
            } catch (IOException e) {
                errors.add(e.getMessage());
            }
        }

        JsonNode toJson() {
            ObjectNode o = MessageCodec.JSON.createObjectNode().put("client_id", options.clientId())
                    .put("specialization", options.specialization()).put("success", success())
                    .put("messages_sent", sent).put("messages_received", received).put("shares_sent", sharesSent)
                    .put("shares_acked", sharesAcked).put("collaborations_completed", collaborationsCompleted);
            ArrayNode e = o.putArray("errors");
            errors.forEach(e::add);
            o.set("latency_ms", percentiles(latencies));
            return o;
        }
    }
}
