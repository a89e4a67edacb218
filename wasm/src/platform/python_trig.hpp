// math.cos and math.sin as torch's schedulers get them from CPython: glibc's, which round
// (all but very rarely) correctly. musl's (the WebAssembly build's libc) and V8's come from
// fdlibm and are 1 ulp off for about 1 in 40 of the arguments schedules use (pi * e / T_max):
// harmless alone, but CosineAnnealingLR's ratio recurrence with eta_min far above the LR
// cancels catastrophically and shows such an ulp in the 8th digit. These compute in
// double-double arithmetic and round once (docs/pytorch-semantics.md 4).
#pragma once

namespace lrlab {

double py_cos(double x);
double py_sin(double x);

}  // namespace lrlab
