package dev.survivor.kernels.backend.cuda;

import static jcuda.driver.JCudaDriver.cuCtxSetCurrent;
import static jcuda.driver.JCudaDriver.cuCtxSynchronize;
import static jcuda.driver.JCudaDriver.cuDeviceGet;
import static jcuda.driver.JCudaDriver.cuDeviceGetAttribute;
import static jcuda.driver.JCudaDriver.cuDeviceGetName;
import static jcuda.driver.JCudaDriver.cuDevicePrimaryCtxRelease;
import static jcuda.driver.JCudaDriver.cuDevicePrimaryCtxRetain;
import static jcuda.driver.JCudaDriver.cuLaunchKernel;
import static jcuda.driver.JCudaDriver.cuMemAlloc;
import static jcuda.driver.JCudaDriver.cuMemFree;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoH;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoD;
import static jcuda.driver.JCudaDriver.cuMemsetD8;
import static jcuda.driver.JCudaDriver.cuModuleGetFunction;
import static jcuda.driver.JCudaDriver.cuModuleLoadData;
import static jcuda.driver.JCudaDriver.cuModuleUnload;

import dev.survivor.kernels.backend.device.DeviceApi;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import jcuda.Pointer;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.CUresult;

/**
 * One CUDA device through JCuda's driver API: primary context, the kernel module from the bundled
 * fatbin (SASS sm_80/86/89/90 + PTX compute_90) or else the PTX for the device's architecture, device
 * memory, launches; spectra through {@link CuFft}. Used only after {@link CudaBackendProvider#probe}.
 */
final class CudaDevice implements DeviceApi {
    static final String PTX_DIR = "/native/cuda/ptx/";

    /** CUdeviceptr whose raw address can be read (cuFFT and the by-value ss_task need it). */
    static final class DevPtr extends CUdeviceptr {
        long address() {
            return getNativePointer();
        }
    }

    private final CUdevice device = new CUdevice();
    private final CUcontext context = new CUcontext();
    private final CUmodule module = new CUmodule();
    private final Map<String, CUfunction> functions = new HashMap<>();
    private final Map<Long, DevPtr> allocations = new HashMap<>();
    private final CuFft fft;
    private final String name;
    private final String moduleSource;

    CudaDevice(int ordinal, CuFft fft) {
        this.fft = fft;
        check(cuDeviceGet(device, ordinal), "cuDeviceGet(" + ordinal + ")");
        byte[] nm = new byte[256];
        check(cuDeviceGetName(nm, nm.length, device), "cuDeviceGetName");
        this.name = new String(nm, StandardCharsets.US_ASCII).trim().replace("\0", "");
        check(cuDevicePrimaryCtxRetain(context, device), "cuDevicePrimaryCtxRetain");
        bind();
        int[] major = new int[1];
        int[] minor = new int[1];
        check(cuDeviceGetAttribute(major, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR, device), "cc");
        check(cuDeviceGetAttribute(minor, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR, device), "cc");
        this.moduleSource = loadModule(major[0] * 10 + minor[0]);
    }

    private String loadModule(int cc) {
        byte[] fatbin = resource(PTX_DIR + "kernels.fatbin");
        String fatbinError = "no bundled fatbin";
        if (fatbin != null) {
            int rc = cuModuleLoadData(module, fatbin);
            if (rc == CUresult.CUDA_SUCCESS) {
                return "fatbin";
            }
            fatbinError = "fatbin: " + CUresult.stringFor(rc);
        }
        int[] archs = {90, 89, 86, 80};
        for (int a : archs) {
            if (a > cc) {
                continue;
            }
            byte[] ptx = resource(PTX_DIR + "kernels.sm_" + a + ".ptx");
            if (ptx == null) {
                continue;
            }
            byte[] z = java.util.Arrays.copyOf(ptx, ptx.length + 1);   // NUL-terminated for the JIT
            int rc = cuModuleLoadData(module, z);
            if (rc == CUresult.CUDA_SUCCESS) {
                return "PTX sm_" + a + " (JIT)";
            }
            fatbinError += "; PTX sm_" + a + ": " + CUresult.stringFor(rc);
        }
        throw new IllegalStateException("cannot load the kernel module for compute capability " + cc / 10 + "."
                + cc % 10 + " (" + fatbinError + "); the bundled code needs a CUDA 13 (R580+) driver and sm_80+");
    }

    static byte[] resource(String path) {
        try (InputStream in = CudaDevice.class.getResourceAsStream(path)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read resource " + path, e);
        }
    }

    private void bind() {
        check(cuCtxSetCurrent(context), "cuCtxSetCurrent");
    }

    private static void check(int rc, String what) {
        if (rc != CUresult.CUDA_SUCCESS) {
            throw new IllegalStateException(what + " failed: " + CUresult.stringFor(rc));
        }
    }

    private DevPtr ptr(long address) {
        DevPtr p = allocations.get(address);
        if (p == null) {
            throw new IllegalArgumentException("not a device allocation: 0x" + Long.toHexString(address));
        }
        return p;
    }

    @Override
    public synchronized long alloc(long bytes) {
        bind();
        DevPtr p = new DevPtr();
        check(cuMemAlloc(p, Math.max(8, bytes)), "cuMemAlloc(" + bytes + ")");
        allocations.put(p.address(), p);
        return p.address();
    }

    @Override
    public synchronized void free(long address) {
        bind();
        check(cuMemFree(ptr(address)), "cuMemFree");
        allocations.remove(address);
    }

    @Override
    public synchronized void upload(long address, MemorySegment source, long bytes) {
        bind();
        try (Arena a = Arena.ofConfined()) {
            MemorySegment staged = source.isNative() ? source : a.allocate(bytes, 16).copyFrom(source.asSlice(0, bytes));
            check(cuMemcpyHtoD(ptr(address), Pointer.to(staged.asSlice(0, bytes).asByteBuffer()), bytes), "cuMemcpyHtoD");
        }
    }

    @Override
    public synchronized void download(MemorySegment target, long address, long bytes) {
        bind();
        check(cuMemcpyDtoH(Pointer.to(target.asSlice(0, bytes).asByteBuffer()), ptr(address), bytes), "cuMemcpyDtoH");
    }

    @Override
    public synchronized void zero(long address, long bytes) {
        bind();
        check(cuMemsetD8(ptr(address), (byte) 0, bytes), "cuMemsetD8");
    }

    @Override
    public synchronized void launch(String kernel, int blocks, int threadsPerBlock, Object... args) {
        bind();
        CUfunction f = functions.computeIfAbsent(kernel, k -> {
            CUfunction fn = new CUfunction();
            check(cuModuleGetFunction(fn, module, k), "cuModuleGetFunction(" + k + ")");
            return fn;
        });
        Pointer[] params = new Pointer[args.length];
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a instanceof Long l) {
                params[i] = Pointer.to(new long[] {l});
            } else if (a instanceof Integer v) {
                params[i] = Pointer.to(new int[] {v});
            } else if (a instanceof byte[] b) {
                params[i] = Pointer.to(b);
            } else {
                throw new IllegalArgumentException("unsupported kernel argument " + a);
            }
        }
        check(cuLaunchKernel(f, blocks, 1, 1, threadsPerBlock, 1, 1, 0, null, Pointer.to(params), null),
                "cuLaunchKernel(" + kernel + ")");
    }

    @Override
    public synchronized long planD2Z(int n, int batch) {
        bind();
        return fft.plan(n, batch);
    }

    @Override
    public synchronized void execD2Z(long plan, long input, long output) {
        bind();
        fft.exec((int) plan, input, output);
    }

    @Override
    public synchronized void destroyPlan(long plan) {
        bind();
        fft.destroy((int) plan);
    }

    @Override
    public synchronized void synchronize() {
        bind();
        check(cuCtxSynchronize(), "cuCtxSynchronize (a kernel failed)");
    }

    @Override
    public String describe() {
        return name + ", module " + moduleSource + ", cuFFT " + fft.version;
    }

    @Override
    public synchronized void close() {
        bind();
        for (DevPtr p : allocations.values()) {
            cuMemFree(p);
        }
        allocations.clear();
        cuModuleUnload(module);
        cuDevicePrimaryCtxRelease(device);
    }
}
