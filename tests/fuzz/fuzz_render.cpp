// libFuzzer target: what the reader shows (the checks are minutes::fuzz::render in invariants.h, shared
// with tests/hostile/tst_fuzzcorpus, which replays the corpus in every test run).

#include "fuzzcheck.h"
#include "invariants.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    minutes::fuzz::render(data, size);
    return 0;
}
