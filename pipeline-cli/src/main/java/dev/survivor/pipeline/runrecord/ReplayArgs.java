package dev.survivor.pipeline.runrecord;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The argv a replay runs: the recorded one, with live changes' final values and without hub options on request. */
final class ReplayArgs {
    static final Set<String> HUB_OPTIONS = Set.of("--hub", "--hub-token-file", "--hub-client-id");

    private ReplayArgs() {
    }

    static List<String> build(List<String> argv, Map<String, JsonNode> finalLive, boolean withoutHub) {
        List<String> a = new ArrayList<>(argv);
        if (withoutHub) {
            HUB_OPTIONS.forEach(o -> remove(a, o));
        }
        for (var e : finalLive.entrySet()) {
            remove(a, e.getKey());
            a.add(e.getKey());
            a.add(e.getValue().asText());
        }
        return a;
    }

    /** Removes {@code --opt VALUE} and {@code --opt=VALUE} (options taking one value). */
    static void remove(List<String> a, String option) {
        for (int i = 0; i < a.size(); ) {
            String s = a.get(i);
            if (s.equals(option)) {
                a.remove(i);
                if (i < a.size()) {
                    a.remove(i);
                }
            } else if (s.startsWith(option + "=")) {
                a.remove(i);
            } else {
                i++;
            }
        }
    }

    /** The command line as a POSIX shell would need it typed. */
    static String shellQuoted(List<String> argv) {
        StringBuilder b = new StringBuilder();
        for (String s : argv) {
            if (!b.isEmpty()) {
                b.append(' ');
            }
            b.append(s.matches("[A-Za-z0-9_./:=,@%+-]+") ? s : "'" + s.replace("'", "'\\''") + "'");
        }
        return b.toString();
    }
}
