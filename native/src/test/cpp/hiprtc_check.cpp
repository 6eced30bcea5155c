/*
 * hiprtc_check - compiles the real kernel source (kernels.cu + headers, passed in memory) with hiprtc
 * for each gfx target given and checks that a code object comes back. Exit 0 = all compiled,
 * 1 = a compile failed (log printed), 77 = hiprtc not installed (skipped, reason printed).
 * Usage: hiprtc_check <source dir> gfx90a gfx1030 ...
 * The library is opened with dlopen so that building this check needs no HIP package.
 */
#include <dlfcn.h>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

typedef void* hiprtcProgram;
typedef int (*CreateFn)(hiprtcProgram*, const char*, const char*, int, const char**, const char**);
typedef int (*CompileFn)(hiprtcProgram, int, const char**);
typedef int (*SizeFn)(hiprtcProgram, size_t*);
typedef int (*LogFn)(hiprtcProgram, char*);
typedef int (*DestroyFn)(hiprtcProgram*);
typedef int (*VersionFn)(int*, int*);

static std::string slurp(const std::string& path) {
    std::ifstream in(path);
    if (!in) { std::cerr << "cannot read " << path << "\n"; std::exit(1); }
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

int main(int argc, char** argv) {
    if (argc < 3) { std::cerr << "usage: hiprtc_check <source dir> <gfx arch>...\n"; return 2; }
    const char* libs[] = {"libhiprtc.so.6", "libhiprtc.so", "libamdhip64.so.5", "libamdhip64.so"};
    void* h = nullptr;
    std::string tried;
    for (const char* l : libs) {
        h = dlopen(l, RTLD_NOW | RTLD_LOCAL);
        if (h && dlsym(h, "hiprtcCreateProgram")) break;
        tried += std::string(" ") + l + ": " + (h ? "no hiprtc symbols" : dlerror()) + ";";
        h = nullptr;
    }
    if (!h) { std::cout << "SKIPPED hiprtc compile check: hiprtc not found (" << tried << ")\n"; return 77; }
    auto create = (CreateFn)dlsym(h, "hiprtcCreateProgram");
    auto compile = (CompileFn)dlsym(h, "hiprtcCompileProgram");
    auto codeSize = (SizeFn)dlsym(h, "hiprtcGetCodeSize");
    auto logSize = (SizeFn)dlsym(h, "hiprtcGetProgramLogSize");
    auto getLog = (LogFn)dlsym(h, "hiprtcGetProgramLog");
    auto destroy = (DestroyFn)dlsym(h, "hiprtcDestroyProgram");
    auto version = (VersionFn)dlsym(h, "hiprtcVersion");
    int major = 0, minor = 0;
    if (version) version(&major, &minor);
    const std::string dir = argv[1];
    const std::string src = slurp(dir + "/kernels.cu");
    const char* names[] = {"ss_compat.h", "ss_prng.h", "ss_features.h"};
    std::vector<std::string> bodies;
    for (const char* n : names) bodies.push_back(slurp(dir + "/" + n));
    const char* headers[] = {bodies[0].c_str(), bodies[1].c_str(), bodies[2].c_str()};
    int failures = 0;
    for (int a = 2; a < argc; ++a) {
        hiprtcProgram prog = nullptr;
        int rc = create(&prog, src.c_str(), "kernels.cu", 3, headers, names);
        if (rc != 0) { std::cout << "FAILED " << argv[a] << ": hiprtcCreateProgram = " << rc << "\n"; ++failures; continue; }
        const std::string arch = std::string("--offload-arch=") + argv[a];
        const char* opts[] = {arch.c_str(), "-O3", "-ffp-contract=off"};
        rc = compile(prog, 3, opts);
        size_t n = 0;
        logSize(prog, &n);
        std::string log(n + 1, '\0');
        if (n) getLog(prog, &log[0]);
        size_t size = 0;
        if (rc == 0) codeSize(prog, &size);
        if (rc != 0 || size == 0) {
            std::cout << "FAILED " << argv[a] << ": hiprtcCompileProgram = " << rc << "\n" << log << "\n";
            ++failures;
        } else {
            std::cout << "OK hiprtc " << major << "." << minor << " " << argv[a] << ": " << size << "-byte code object\n";
        }
        destroy(&prog);
    }
    return failures ? 1 : 0;
}
