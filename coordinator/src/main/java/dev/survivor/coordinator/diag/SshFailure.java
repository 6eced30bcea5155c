package dev.survivor.coordinator.diag;

import com.jcraft.jsch.JSchChangedHostKeyException;
import com.jcraft.jsch.JSchUnknownHostKeyException;

/** Why an SSH session could not be opened, told apart from JSch's exceptions. */
enum SshFailure {
    HOST_KEY_CHANGED, HOST_KEY_UNKNOWN, AUTH, OTHER;

    static SshFailure of(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JSchChangedHostKeyException) {
                return HOST_KEY_CHANGED;
            }
            if (t instanceof JSchUnknownHostKeyException) {
                return HOST_KEY_UNKNOWN;
            }
            // JSch's auth exceptions are package-private; its message is stable ("Auth fail", "Auth cancel")
            String m = String.valueOf(t.getMessage());
            if (m.startsWith("Auth fail") || m.startsWith("Auth cancel")) {
                return AUTH;
            }
        }
        return OTHER;
    }
}
