package dev.survivor.hub.params;

import java.util.Locale;

/** The value types a script parameter can have. */
public enum ParameterType {
    INT, FLOAT, BOOL, STRING, CHOICE;

    /** Parses the wire spelling ({@code int}, {@code float}, {@code bool}, {@code str}/{@code string}, {@code choice}). */
    public static ParameterType parse(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "int", "integer", "long" -> INT;
            case "float", "double", "number" -> FLOAT;
            case "bool", "boolean" -> BOOL;
            case "str", "string" -> STRING;
            case "choice", "enum" -> CHOICE;
            default -> throw new IllegalArgumentException(
                    "unknown parameter type '" + s + "' (expected int, float, bool, string or choice)");
        };
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
