package dev.survivor.kernels.backend.device;

import java.lang.foreign.MemorySegment;

/**
 * The few device operations the GPU backends need to run the kernel source (kernels.cu): memory,
 * launches of its __global__ entry points and batched real FFTs. Implemented for CUDA (JCuda driver
 * API + cuFFT through FFM) and HIP (HIP runtime + hipFFT through FFM). Addresses are device pointers.
 */
public interface DeviceApi extends AutoCloseable {

    long alloc(long bytes);

    void free(long address);

    void upload(long address, MemorySegment source, long bytes);

    void download(MemorySegment target, long address, long bytes);

    void zero(long address, long bytes);

    /**
     * Launches a 1-D grid of the named kernel. Arguments: {@code Long} (device pointer or 64-bit
     * value), {@code Integer}, or {@code byte[]} (a struct passed by value).
     */
    void launch(String kernel, int blocks, int threadsPerBlock, Object... args);

    /** A batched double-precision real-to-complex plan: rows of n doubles to rows of n/2+1 complex. */
    long planD2Z(int n, int batch);

    void execD2Z(long plan, long input, long output);

    void destroyPlan(long plan);

    void synchronize();

    /** One line naming the device, driver and FFT library. */
    String describe();

    @Override
    void close();
}
