package dev.survivor.kernels.backend.hip;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A shared library opened on first use from a list of sonames/paths, with downcall handles made per
 * symbol on demand. Opening failures are remembered and rethrown with the same message.
 */
final class NativeLib {
    private final String what;
    private final String[] candidates;
    private final Map<String, MethodHandle> handles = new ConcurrentHashMap<>();
    private volatile SymbolLookup lookup;
    private volatile String opened;
    private volatile String failure;

    NativeLib(String what, String... candidates) {
        this.what = what;
        this.candidates = candidates;
    }

    synchronized SymbolLookup lookup() {
        if (lookup != null) {
            return lookup;
        }
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
        List<String> tried = new ArrayList<>();
        for (String c : candidates) {
            try {
                lookup = c.startsWith("/") ? SymbolLookup.libraryLookup(Path.of(c), Arena.global())
                        : SymbolLookup.libraryLookup(c, Arena.global());
                opened = c;
                return lookup;
            } catch (IllegalArgumentException e) {
                tried.add(c);
            }
        }
        failure = what + " not found; tried " + String.join(", ", tried);
        throw new IllegalStateException(failure);
    }

    String opened() {
        return opened;
    }

    boolean has(String symbol) {
        return lookup().find(symbol).isPresent();
    }

    MethodHandle fn(String symbol, FunctionDescriptor fd) {
        MethodHandle mh = handles.get(symbol);
        if (mh != null) {
            return mh;
        }
        MemorySegment addr = lookup().find(symbol).orElseThrow(() ->
                new IllegalStateException(what + " (" + opened + "): symbol " + symbol + " not found"));
        mh = Linker.nativeLinker().downcallHandle(addr, fd);
        handles.putIfAbsent(symbol, mh);
        return mh;
    }
}
