// LRLAB_COLD marks a function that runs once per run or per call (setup, reports, error
// records) in a file whose training loop is built at -O3 for speed: it is compiled for size
// instead and never inlined into the loop (issue 9: the core's download budget).
// GCC (the native build) has no minsize; there it expands to nothing.
#pragma once

#if defined(__clang__)
#define LRLAB_COLD __attribute__((minsize, noinline))
#else
#define LRLAB_COLD
#endif
