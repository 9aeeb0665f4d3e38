// libFuzzer target: the whole-note loader (the checks are minutes::fuzz::note in invariants.h, shared
// with tests/hostile/tst_fuzzcorpus, which replays the corpus in every test run).

#include "fuzzcheck.h"
#include "invariants.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    minutes::fuzz::note(data, size);
    return 0;
}
