package dev.survivor.models.api;

import java.util.Locale;

/**
 * The {@code --device} request. Like the reference, any string containing "cuda" asks for the GPU;
 * whether a library can honour it is decided by the library and reported, never assumed.
 */
public record Device(String requested, boolean gpu, int ordinal) {
    public static Device parse(String s) {
        String v = s == null ? "cpu" : s.trim().toLowerCase(Locale.ROOT);
        if (v.equals("cpu")) {
            return new Device(v, false, -1);
        }
        if (v.contains("cuda") || v.equals("gpu")) {
            int ordinal = 0;
            int colon = v.indexOf(':');
            if (colon >= 0) {
                try {
                    ordinal = Integer.parseInt(v.substring(colon + 1));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("bad device '" + s + "': expected cpu, cuda or cuda:N");
                }
            }
            return new Device(v, true, ordinal);
        }
        throw new IllegalArgumentException("bad device '" + s + "': expected cpu, cuda or cuda:N");
    }

    public static Device cpu() {
        return new Device("cpu", false, -1);
    }
}
