package dev.survivor.coordinator.diag;

/**
 * A hub port whose answer is checked from this machine and from every SSH node.
 *
 * @param check report name ({@code hub} for the TCP port, {@code hub_dashboard} for the HTTP port)
 */
public record HubTarget(String check, String host, int port) {
    public HubTarget {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(check + " port " + port + " is outside 1-65535");
        }
    }

    public String address() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
