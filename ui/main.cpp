#include "cli/commandline.h"

int main(int argc, char **argv)
{
    if (const auto status = minutes::CommandLine::runIfRequested(argc, argv))
        return *status;
    return 0;
}
