package dev.survivor.hub.params;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A typed, range-checked parameter a script exposes. Validation is the same on the hub (before delivery) and in
 * the client (before applying), so a value the hub accepted is never refused at the safe point for its type.
 *
 * @param min inclusive lower bound for INT/FLOAT, or null
 * @param max inclusive upper bound for INT/FLOAT, or null
 * @param choices valid values for CHOICE (and optionally STRING); empty means any
 */
public record ParameterSpec(String name, ParameterType type, JsonNode defaultValue, Double min, Double max,
                            List<String> choices, String description) {

    public ParameterSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (name.isBlank()) {
            throw new IllegalArgumentException("parameter name is blank");
        }
        choices = choices == null ? List.of() : List.copyOf(choices);
        description = description == null ? "" : description;
        if (type == ParameterType.CHOICE && choices.isEmpty()) {
            throw new IllegalArgumentException("parameter '" + name + "': type choice needs a non-empty choices list");
        }
        if (min != null && max != null && min > max) {
            throw new IllegalArgumentException("parameter '" + name + "': min " + min + " > max " + max);
        }
        try {
            defaultValue = validateValue(name, type, min, max, choices, defaultValue);
        } catch (InvalidValueException e) {
            throw new IllegalArgumentException("parameter '" + name + "': default " + e.getMessage(), e);
        }
    }

    public static ParameterSpec ofInt(String name, long dflt, long min, long max, String description) {
        return new ParameterSpec(name, ParameterType.INT, LongNode.valueOf(dflt), (double) min, (double) max,
                List.of(), description);
    }

    public static ParameterSpec ofFloat(String name, double dflt, double min, double max, String description) {
        return new ParameterSpec(name, ParameterType.FLOAT, DoubleNode.valueOf(dflt), min, max, List.of(),
                description);
    }

    public static ParameterSpec ofChoice(String name, String dflt, List<String> choices, String description) {
        return new ParameterSpec(name, ParameterType.CHOICE, TextNode.valueOf(dflt), null, null, choices,
                description);
    }

    public static ParameterSpec ofBool(String name, boolean dflt, String description) {
        return new ParameterSpec(name, ParameterType.BOOL, BooleanNode.valueOf(dflt), null, null, List.of(),
                description);
    }

    /** Checks a proposed value; returns it in canonical JSON form (text "64" for an INT becomes 64). */
    public JsonNode validate(JsonNode value) throws InvalidValueException {
        return validateValue(name, type, min, max, choices, value);
    }

    /** A value that failed validation; the message says what was expected. */
    public static final class InvalidValueException extends Exception {
        public InvalidValueException(String message) {
            super(message);
        }
    }

    private static JsonNode validateValue(String name, ParameterType type, Double min, Double max,
                                          List<String> choices, JsonNode value) throws InvalidValueException {
        if (value == null || value.isNull() || value.isMissingNode()) {
            throw new InvalidValueException("value for '" + name + "' is missing");
        }
        return switch (type) {
            case INT -> checkRange(name, min, max, LongNode.valueOf(asLong(name, value)));
            case FLOAT -> checkRange(name, min, max, DoubleNode.valueOf(asDouble(name, value)));
            case BOOL -> BooleanNode.valueOf(asBool(name, value));
            case STRING, CHOICE -> {
                if (!value.isTextual() && !value.isNumber() && !value.isBoolean()) {
                    throw new InvalidValueException("value for '" + name + "' must be a string, got " + value);
                }
                String s = value.asText();
                if (!choices.isEmpty() && !choices.contains(s)) {
                    throw new InvalidValueException(
                            "value '" + s + "' for '" + name + "' is not one of " + choices);
                }
                yield TextNode.valueOf(s);
            }
        };
    }

    private static JsonNode checkRange(String name, Double min, Double max, JsonNode v) throws InvalidValueException {
        double d = v.asDouble();
        if ((min != null && d < min) || (max != null && d > max)) {
            throw new InvalidValueException("value " + v + " for '" + name + "' is outside the range ["
                    + fmt(min) + ", " + fmt(max) + "]");
        }
        return v;
    }

    private static String fmt(Double d) {
        if (d == null) {
            return "unbounded";
        }
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) : d.toString();
    }

    private static long asLong(String name, JsonNode v) throws InvalidValueException {
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return v.asLong();
        }
        if (v.isNumber() && v.asDouble() == Math.rint(v.asDouble())) {
            return (long) v.asDouble();
        }
        if (v.isTextual()) {
            try {
                return Long.parseLong(v.asText().trim());
            } catch (NumberFormatException ignored) {
                // falls through to the error below
            }
        }
        throw new InvalidValueException("value for '" + name + "' must be an integer, got " + v);
    }

    private static double asDouble(String name, JsonNode v) throws InvalidValueException {
        if (v.isNumber()) {
            return v.asDouble();
        }
        if (v.isTextual()) {
            try {
                double d = Double.parseDouble(v.asText().trim());
                if (Double.isFinite(d)) {
                    return d;
                }
            } catch (NumberFormatException ignored) {
                // falls through to the error below
            }
        }
        throw new InvalidValueException("value for '" + name + "' must be a finite number, got " + v);
    }

    private static boolean asBool(String name, JsonNode v) throws InvalidValueException {
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isTextual()) {
            switch (v.asText().trim().toLowerCase(Locale.ROOT)) {
                case "true", "yes", "1", "on" -> { return true; }
                case "false", "no", "0", "off" -> { return false; }
                default -> { }
            }
        }
        throw new InvalidValueException("value for '" + name + "' must be true or false, got " + v);
    }
}
