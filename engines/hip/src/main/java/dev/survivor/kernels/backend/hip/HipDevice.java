package dev.survivor.kernels.backend.hip;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.survivor.kernels.backend.device.DeviceApi;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * One HIP device through the FFM bindings: the kernel source compiled by hiprtc for this device,
 * loaded with hipModuleLoadData, launched with hipModuleLaunchKernel; spectra through hipFFT.
 */
final class HipDevice implements DeviceApi {
    /** Overrides the gfx target given to hiprtc (default: the current device's, chosen by hiprtc). */
    static final String ENV_ARCH = "SURVIVOR_HIP_ARCH";

    private final int ordinal;
    private final String name;
    private final MemorySegment module;
    private final Map<String, MemorySegment> functions = new HashMap<>();
    private final Set<Long> allocations = new HashSet<>();
    private final Arena arena = Arena.ofShared();

    HipDevice(int ordinal) {
        this.ordinal = ordinal;
        bind();
        this.name = Hip.deviceName(ordinal);
        String arch = System.getenv(ENV_ARCH);
        byte[] code = HipRtc.compile(arch == null || arch.isBlank() ? null : arch);
        MemorySegment image = arena.allocate(code.length + 1L);
        MemorySegment.copy(MemorySegment.ofArray(code), 0, image, 0, code.length);
        MemorySegment holder = arena.allocate(ADDRESS);
        Hip.check(Hip.call(Hip.RUNTIME, "hipModuleLoadData", Hip.I_PP, holder, image), "hipModuleLoadData");
        this.module = holder.get(ADDRESS, 0);
    }

    private void bind() {
        Hip.check(Hip.call(Hip.RUNTIME, "hipSetDevice", Hip.I_I, ordinal), "hipSetDevice(" + ordinal + ")");
    }

    @Override
    public synchronized long alloc(long bytes) {
        bind();
        try (Arena a = Arena.ofConfined()) {
            MemorySegment p = a.allocate(ADDRESS);
            Hip.check(Hip.call(Hip.RUNTIME, "hipMalloc", Hip.I_PL, p, Math.max(8, bytes)), "hipMalloc(" + bytes + ")");
            long addr = p.get(ADDRESS, 0).address();
            allocations.add(addr);
            return addr;
        }
    }

    @Override
    public synchronized void free(long address) {
        bind();
        if (!allocations.remove(address)) {
            throw new IllegalArgumentException("not a device allocation: 0x" + Long.toHexString(address));
        }
        Hip.check(Hip.call(Hip.RUNTIME, "hipFree", Hip.I_P, MemorySegment.ofAddress(address)), "hipFree");
    }

    @Override
    public synchronized void upload(long address, MemorySegment source, long bytes) {
        bind();
        try (Arena a = Arena.ofConfined()) {
            MemorySegment staged = source.isNative() ? source : a.allocate(bytes, 16).copyFrom(source.asSlice(0, bytes));
            Hip.check(Hip.call(Hip.RUNTIME, "hipMemcpyHtoD", Hip.I_PPL, MemorySegment.ofAddress(address), staged, bytes),
                    "hipMemcpyHtoD");
        }
    }

    @Override
    public synchronized void download(MemorySegment target, long address, long bytes) {
        bind();
        Hip.check(Hip.call(Hip.RUNTIME, "hipMemcpyDtoH", Hip.I_PPL, target, MemorySegment.ofAddress(address), bytes),
                "hipMemcpyDtoH");
    }

    @Override
    public synchronized void zero(long address, long bytes) {
        bind();
        Hip.check(Hip.call(Hip.RUNTIME, "hipMemset", Hip.I_PIL, MemorySegment.ofAddress(address), 0, bytes), "hipMemset");
    }

    @Override
    public synchronized void launch(String kernel, int blocks, int threadsPerBlock, Object... args) {
        bind();
        MemorySegment f = functions.computeIfAbsent(kernel, k -> {
            MemorySegment holder = arena.allocate(ADDRESS);
            Hip.check(Hip.call(Hip.RUNTIME, "hipModuleGetFunction", Hip.I_PPP, holder, module, arena.allocateFrom(k)),
                    "hipModuleGetFunction(" + k + ")");
            return holder.get(ADDRESS, 0);
        });
        try (Arena a = Arena.ofConfined()) {
            MemorySegment params = a.allocate(ADDRESS, args.length);
            for (int i = 0; i < args.length; i++) {
                Object v = args[i];
                MemorySegment slot;
                if (v instanceof Long l) {
                    slot = a.allocateFrom(JAVA_LONG, l);
                } else if (v instanceof Integer n) {
                    slot = a.allocateFrom(JAVA_INT, n);
                } else if (v instanceof byte[] b) {
                    slot = a.allocate(b.length, 8).copyFrom(MemorySegment.ofArray(b));
                } else {
                    throw new IllegalArgumentException("unsupported kernel argument " + v);
                }
                params.setAtIndex(ADDRESS, i, slot);
            }
            Hip.check(Hip.call(Hip.RUNTIME, "hipModuleLaunchKernel", Hip.LAUNCH, f, blocks, 1, 1, threadsPerBlock, 1, 1,
                    0, MemorySegment.NULL, params, MemorySegment.NULL), "hipModuleLaunchKernel(" + kernel + ")");
        }
    }

    @Override
    public synchronized long planD2Z(int n, int batch) {
        bind();
        try (Arena a = Arena.ofConfined()) {
            MemorySegment handle = a.allocate(ADDRESS);
            int rc = Hip.call(Hip.FFT, "hipfftPlanMany", Hip.FFT_PLAN_MANY, handle, 1, a.allocateFrom(JAVA_INT, n),
                    MemorySegment.NULL, 1, n, MemorySegment.NULL, 1, n / 2 + 1, Hip.HIPFFT_D2Z, batch);
            if (rc != 0) {
                throw new IllegalStateException("hipfftPlanMany(n=" + n + ", batch=" + batch + ") returned " + rc);
            }
            return handle.get(ADDRESS, 0).address();
        }
    }

    @Override
    public synchronized void execD2Z(long plan, long input, long output) {
        bind();
        int rc = Hip.call(Hip.FFT, "hipfftExecD2Z", Hip.I_PPP, MemorySegment.ofAddress(plan),
                MemorySegment.ofAddress(input), MemorySegment.ofAddress(output));
        if (rc != 0) {
            throw new IllegalStateException("hipfftExecD2Z returned " + rc);
        }
    }

    @Override
    public synchronized void destroyPlan(long plan) {
        bind();
        Hip.call(Hip.FFT, "hipfftDestroy", Hip.I_P, MemorySegment.ofAddress(plan));
    }

    @Override
    public synchronized void synchronize() {
        bind();
        Hip.check(Hip.call(Hip.RUNTIME, "hipDeviceSynchronize", Hip.I_V), "hipDeviceSynchronize (a kernel failed)");
    }

    @Override
    public String describe() {
        return name + " (device " + ordinal + "), hiprtc " + HipRtc.version() + ", " + Hip.FFT.opened();
    }

    @Override
    public synchronized void close() {
        bind();
        for (long p : allocations) {
            Hip.call(Hip.RUNTIME, "hipFree", Hip.I_P, MemorySegment.ofAddress(p));
        }
        allocations.clear();
        Hip.call(Hip.RUNTIME, "hipModuleUnload", Hip.I_P, module);
        arena.close();
    }
}
