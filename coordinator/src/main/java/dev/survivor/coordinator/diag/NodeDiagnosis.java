package dev.survivor.coordinator.diag;

import dev.survivor.coordinator.config.Backend;
import dev.survivor.coordinator.config.NodeConfig;
import dev.survivor.coordinator.config.SshSettings;
import dev.survivor.coordinator.exec.HostKeys;
import dev.survivor.coordinator.exec.NodeException;
import dev.survivor.coordinator.exec.SshConnection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * All checks of one node, in dependency order: ssh → host_key → auth → launcher → java, backends, gpus;
 * disk and hub need only a working shell. A check whose prerequisite failed is reported as SKIP with the
 * reason, so every node always has the same lines. Nothing runs on a node whose host key does not match.
 */
final class NodeDiagnosis {
    private final NodeConfig node;
    private final int index;
    private final SshSettings ssh;
    private final HostKeys hostKeys;
    private final String hostKeysError;
    private final DoctorOptions options;
    private final String name;
    private final List<CheckResult> results = new ArrayList<>();

    NodeDiagnosis(NodeConfig node, int index, SshSettings ssh, HostKeys hostKeys, String hostKeysError,
                  DoctorOptions options) {
        this.node = node;
        this.index = index;
        this.ssh = ssh;
        this.hostKeys = hostKeys;
        this.hostKeysError = hostKeysError;
        this.options = options;
        this.name = node.name();
    }

    /** Every check name this node reports, in order (also the lines written when the node times out). */
    List<String> plan() {
        List<String> p = new ArrayList<>(List.of("ssh", "host_key", "auth", "launcher", "java", "backends"));
        if (node.backend() == Backend.CPU) {
            p.add("gpus");
        } else {
            for (int g = 0; g < node.gpuCount(); g++) {
                p.add("gpu " + g);
            }
        }
        p.add("disk");
        if (!node.isLocal()) {
            options.hubTargets().forEach(h -> p.add(h.check()));
        }
        return p;
    }

    List<CheckResult> run() {
        if (node.isLocal()) {
            add(CheckResult.skip(name, "ssh", "local node: workers run as child processes here, no SSH"));
            add(CheckResult.skip(name, "host_key", "local node"));
            add(CheckResult.skip(name, "auth", "local node"));
            Path wd = options.baseDir().resolve(node.scriptPath()).toAbsolutePath().normalize();
            checkThroughShell(NodeShell.local(wd, Duration.ofSeconds(ssh.commandTimeoutSeconds())), wd.toString());
            return results;
        }
        Ports.Answer a = Ports.probe(node.hostname(), node.port(), ssh.connectTimeoutSeconds() * 1000, true);
        if (!a.answered()) {
            add(CheckResult.fail(name, "ssh", a.error(), "check the host is up and port " + node.port()
                    + " is open (sshd running, firewall), or fix nodes[" + index + "].hostname/port"));
            return skipRest("ssh failed");
        }
        if (!a.banner().startsWith("SSH-")) {
            add(CheckResult.fail(name, "ssh", "port " + node.port() + " answers but is not an SSH server (it said '"
                    + a.banner() + "')", "fix nodes[" + index + "].port"));
            return skipRest("ssh failed");
        }
        add(CheckResult.ok(name, "ssh", node.hostname() + ":" + node.port() + " answers (" + a.banner() + ")"));
        if (hostKeys == null) {
            add(CheckResult.fail(name, "host_key", hostKeysError,
                    "create it with ssh-keyscan (see below), pass --known-hosts FILE, or use --accept-new-host-keys"));
            return skipRest("host key not checked");
        }
        boolean known = hostKeys.getHostKey(knownHostsName(), null).length > 0;
        SshConnection c;
        try {
            c = new SshConnection(node, ssh, hostKeys);
        } catch (NodeException e) {
            add(CheckResult.skip(name, "host_key", "not checked: no usable SSH key to log in with"));
            add(CheckResult.fail(name, "auth", e.getMessage(), "set nodes[" + index + "].identity_file to a readable "
                    + "private key whose public key is in ~" + node.username() + "/.ssh/authorized_keys on the node"));
            return skipRest("authentication failed");
        }
        try (c) {
            NodeShell shell = NodeShell.over(c);
            try {
                shell.run("true");
            } catch (NodeException e) {
                return sessionFailed(e, known);
            }
            add(known ? CheckResult.ok(name, "host_key", "matches " + hostKeys.file())
                    : CheckResult.warn(name, "host_key", "first contact: key recorded in " + hostKeys.file()
                    + " (accept-new)", "verify the recorded key once against the node (ssh-keygen -lf /etc/ssh/ssh_host_*.pub there)"));
            add(CheckResult.ok(name, "auth", "public key accepted for " + node.username()));
            checkThroughShell(shell, node.scriptPath());
            return results;
        }
    }

    private List<CheckResult> sessionFailed(NodeException e, boolean known) {
        String f = hostKeys.file().toString();
        String keyscan = "ssh-keyscan -p " + node.port() + " " + node.hostname() + " >> " + f;
        switch (SshFailure.of(e)) {
            case HOST_KEY_CHANGED -> {
                String fp = hostKeys.presentedFingerprint(knownHostsName());
                add(CheckResult.fail(name, "host_key", "MISMATCH: the key " + node.name() + " presented"
                        + (fp == null ? "" : " (" + fp + ")") + " differs from the one in " + f
                        + "; the connection was dropped before login, nothing ran there",
                        "a reinstalled node or a man in the middle: verify the key on the node (ssh-keygen -lf "
                                + "/etc/ssh/ssh_host_*.pub), then ssh-keygen -R '" + knownHostsName() + "' -f " + f
                                + " and " + keyscan));
                return skipRest("host key mismatch");
            }
            case HOST_KEY_UNKNOWN -> {
                String fp = hostKeys.presentedFingerprint(knownHostsName());
                add(CheckResult.fail(name, "host_key", "unknown: " + knownHostsName() + " is not in " + f
                        + (fp == null ? "" : " (it presented " + fp + ")"),
                        "verify that fingerprint on the node (ssh-keygen -lf /etc/ssh/ssh_host_*.pub), then " + keyscan
                                + ", or rerun with --accept-new-host-keys"));
                return skipRest("host key unknown");
            }
            case AUTH -> {
                add(known ? CheckResult.ok(name, "host_key", "matches " + f)
                        : CheckResult.warn(name, "host_key", "first contact: key recorded in " + f + " (accept-new)", ""));
                add(CheckResult.fail(name, "auth", "login as " + node.username() + " refused: " + e.getMessage(),
                        "put the public key of " + (node.identityFile() != null ? node.identityFile() : "~/.ssh/id_*")
                                + " into ~" + node.username() + "/.ssh/authorized_keys on the node, or fix nodes["
                                + index + "].username/identity_file"));
                return skipRest("authentication failed");
            }
            default -> {
                add(CheckResult.fail(name, "auth", "SSH session failed: " + e.getMessage(),
                        "try ssh -p " + node.port() + " " + node.username() + "@" + node.hostname() + " by hand"));
                return skipRest("SSH session failed");
            }
        }
    }

    /** The checks that need only a shell on the node: launcher first, then what depends on it, then the rest. */
    private void checkThroughShell(NodeShell shell, String workdir) {
        ShellChecks checks = new ShellChecks(node, index, options, shell, workdir, this::add);
        RemoteReport report = checks.launcher();
        if (report == null) {
            skipUpTo("disk", "launcher failed");
        } else {
            checks.backends(report);
            checks.gpus(report);
        }
        checks.disk();
        if (!node.isLocal()) {
            options.hubTargets().forEach(checks::hubFromNode);
        }
    }

    /** The host as known_hosts names it: {@code [host]:port} unless the port is 22. */
    private String knownHostsName() {
        return node.port() == 22 ? node.hostname() : "[" + node.hostname() + "]:" + node.port();
    }

    private synchronized void add(CheckResult r) {
        results.add(r);
    }

    /**
     * The lines of a node that did not finish in time: what was reported, a FAIL for the check that hung, SKIP
     * for the rest. Called from another thread while {@link #run} may still be going.
     */
    synchronized List<CheckResult> timedOut(Duration limit) {
        List<CheckResult> out = new ArrayList<>(results);
        List<String> done = out.stream().map(CheckResult::check).toList();
        boolean first = true;
        for (String c : plan()) {
            if (!done.contains(c)) {
                out.add(first ? CheckResult.fail(name, c, "no answer within " + limit.toSeconds() + " s (the whole node's limit)",
                        "the node or its launcher hangs: run the check by hand there, or raise --timeout")
                        : CheckResult.skip(name, c, "not run: node timed out"));
                first = false;
            }
        }
        return out;
    }

    /** SKIP lines for every planned check not reported yet. */
    private List<CheckResult> skipRest(String reason) {
        skipUpTo(null, reason);
        return results;
    }

    /** SKIP lines for planned checks not reported yet, up to (not including) {@code stop}; null: all. */
    private synchronized void skipUpTo(String stop, String reason) {
        List<String> done = results.stream().map(CheckResult::check).toList();
        for (String c : plan()) {
            if (c.equals(stop)) {
                return;
            }
            if (!done.contains(c)) {
                add(CheckResult.skip(name, c, "not run: " + reason));
            }
        }
    }
}
