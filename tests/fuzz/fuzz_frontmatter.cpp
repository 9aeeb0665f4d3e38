// libFuzzer target: front matter (the checks are minutes::fuzz::frontmatter in invariants.h, shared
// with tests/hostile/tst_fuzzcorpus, which replays the corpus in every test run).

#include "fuzzcheck.h"
#include "invariants.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    minutes::fuzz::frontmatter(data, size);
    return 0;
}
