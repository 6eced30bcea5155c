package dev.survivor.kernels.backend.nativecpu;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.survivor.kernels.backend.device.DeviceApi;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.HashMap;
import java.util.Map;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * A {@link DeviceApi} whose "device" is host memory and whose launches run the kernels' host
 * emulation in the CPU library (the g++ build of kernels.cu, one thread walking the grid). It lets
 * the GPU pipeline (KernelTask tables and struct layout, DeviceScoringKernel's launch sequence, the
 * __global__ bodies and ss_k_spectral on D2Z output) run here, without a GPU. FFTs: JTransforms.
 */
final class HostEmulatedDevice implements DeviceApi {
    private final Arena arena = Arena.ofShared();
    private final Map<Long, MemorySegment> blocks = new HashMap<>();
    private final Map<Long, int[]> plans = new HashMap<>();
    private final MethodHandle generate;
    private final MethodHandle features;
    private final MethodHandle spectral;
    private final MethodHandle matches;
    private long nextPlan = 1;

    HostEmulatedDevice() {
        SymbolLookup lib = SymbolLookup.libraryLookup(NativeLibrary.get().path, arena);
        Linker l = Linker.nativeLinker();
        generate = NativeLibrary.handle(l, lib, "ss_emulate_generate", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS,
                ADDRESS, JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
        features = NativeLibrary.handle(l, lib, "ss_emulate_features", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS,
                ADDRESS, ADDRESS, JAVA_INT, ADDRESS));
        spectral = NativeLibrary.handle(l, lib, "ss_emulate_spectral", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS,
                JAVA_INT, JAVA_INT, ADDRESS));
        matches = NativeLibrary.handle(l, lib, "ss_emulate_matches", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS,
                JAVA_LONG, JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
    }

    private MemorySegment seg(long address) {
        MemorySegment s = blocks.get(address);
        if (s == null) {
            throw new IllegalArgumentException("not a block start: " + address);
        }
        return s;
    }

    private static MemorySegment ptr(Object o) {
        return MemorySegment.ofAddress((Long) o);
    }

    @Override
    public long alloc(long bytes) {
        MemorySegment s = arena.allocate(Math.max(8, bytes), 64);
        blocks.put(s.address(), s);
        return s.address();
    }

    @Override
    public void free(long address) {
        seg(address);   // freed with the arena; checks the address is ours
    }

    @Override
    public void upload(long address, MemorySegment source, long bytes) {
        MemorySegment.copy(source, 0, seg(address), 0, bytes);
    }

    @Override
    public void download(MemorySegment target, long address, long bytes) {
        MemorySegment.copy(seg(address), 0, target, 0, bytes);
    }

    @Override
    public void zero(long address, long bytes) {
        seg(address).asSlice(0, bytes).fill((byte) 0);
    }

    @Override
    public void launch(String kernel, int blocks, int threadsPerBlock, Object... a) {
        try {
            switch (kernel) {
                case "ss_k_generate" -> generate.invokeExact(struct(a[0]), ptr(a[1]), ptr(a[2]), (int) (Integer) a[3],
                        ptr(a[4]), ptr(a[5]), ptr(a[6]), ptr(a[7]));
                case "ss_k_features" -> features.invokeExact(struct(a[0]), ptr(a[1]), ptr(a[2]), ptr(a[3]),
                        (int) (Integer) a[4], ptr(a[5]));
                case "ss_k_spectral" -> spectral.invokeExact(ptr(a[0]), ptr(a[1]), (int) (Integer) a[2],
                        (int) (Integer) a[3], ptr(a[4]));
                case "ss_k_matches" -> matches.invokeExact(struct(a[0]), ptr(a[1]), (long) (Long) a[2],
                        (int) (Integer) a[3], ptr(a[4]), ptr(a[5]), ptr(a[6]));
                default -> throw new IllegalArgumentException("unknown kernel " + kernel);
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(kernel + " failed", t);
        }
    }

    private MemorySegment struct(Object bytes) {
        byte[] b = (byte[]) bytes;
        MemorySegment s = arena.allocate(b.length, 8);
        MemorySegment.copy(MemorySegment.ofArray(b), 0, s, 0, b.length);
        return s;
    }

    @Override
    public long planD2Z(int n, int batch) {
        plans.put(nextPlan, new int[] {n, batch});
        return nextPlan++;
    }

    @Override
    public void execD2Z(long plan, long input, long output) {
        int n = plans.get(plan)[0];
        int batch = plans.get(plan)[1];
        MemorySegment in = seg(input);
        MemorySegment out = seg(output);
        DoubleFFT_1D fft = new DoubleFFT_1D(n);
        int half = n / 2 + 1;
        double[] a = new double[2 * n];
        for (int b = 0; b < batch; b++) {
            MemorySegment.copy(in, JAVA_DOUBLE, (long) b * n * 8, a, 0, n);
            fft.realForwardFull(a);
            MemorySegment.copy(a, 0, out, JAVA_DOUBLE, (long) b * half * 16, 2 * half);
        }
    }

    @Override
    public void destroyPlan(long plan) {
        plans.remove(plan);
    }

    @Override
    public void synchronize() {
    }

    @Override
    public String describe() {
        return "host emulation of the kernel launches";
    }

    @Override
    public void close() {
        arena.close();
    }
}
