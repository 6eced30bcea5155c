/* ss_host_api.h - the C ABI of the CPU library (one table per ISA variant; dispatch.cpp exports it). */
#ifndef SS_HOST_API_H
#define SS_HOST_API_H
#include "ss_features.h"

typedef struct {
    const char* name;
    void* (*task_new)(int family, int mod, const int* history, int n, const int* mods, int W, int K,
                      double minConf, int planner, char* err, int errLen);
    void (*task_free)(void* task);
    void* (*workspace_new)(const void* task);
    void (*workspace_free)(void* ws);
    int (*features)(void* task, void* ws, const long long* seeds, const long long* skips, int count, double* out);
    int (*matches)(void* task, void* ws, const long long* seeds, long long skip, int count, int* out);
    const ss_task* (*task_view)(const void* task);
} ss_impl;

SS_EXTERN const ss_impl* ss_impl_base(void);
SS_EXTERN const ss_impl* ss_impl_v3(void);
SS_EXTERN const ss_impl* ss_impl_v4(void);

#endif
