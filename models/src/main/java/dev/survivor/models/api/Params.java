package dev.survivor.models.api;

import java.util.List;
import java.util.Map;

/** Typed reads of a hyperparameter map, with errors naming the parameter. */
public final class Params {
    private Params() {
    }

    public static int getInt(Map<String, Object> p, String name) {
        Object v = require(p, name);
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.intValue();
        }
        throw new IllegalArgumentException("hyperparameter " + name + " must be an integer, got " + v);
    }

    public static double getDouble(Map<String, Object> p, String name) {
        Object v = require(p, name);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException("hyperparameter " + name + " must be a number, got " + v);
    }

    public static int[] getIntList(Map<String, Object> p, String name) {
        Object v = require(p, name);
        if (v instanceof List<?> l) {
            int[] out = new int[l.size()];
            for (int i = 0; i < out.length; i++) {
                if (!(l.get(i) instanceof Number n)) {
                    throw new IllegalArgumentException("hyperparameter " + name + " must be a list of integers, got " + v);
                }
                out[i] = n.intValue();
            }
            return out;
        }
        throw new IllegalArgumentException("hyperparameter " + name + " must be a list of integers, got " + v);
    }

    private static Object require(Map<String, Object> p, String name) {
        Object v = p.get(name);
        if (v == null) {
            throw new IllegalArgumentException("missing hyperparameter " + name + " (have " + p.keySet() + ")");
        }
        return v;
    }
}
