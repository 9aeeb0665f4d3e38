#pragma once

#include <optional>

namespace minutes {

// The windowless side of the `minutes` binary: --summary, --json, --toggle, --help, --version.
// Everything goes through the same core code paths the window uses.
class CommandLine final
{
public:
    // When argv asks for a command-line mode, runs it (creating its own QCoreApplication) and
    // returns the process exit status; otherwise returns nullopt and the caller starts the GUI.
    static std::optional<int> runIfRequested(int argc, char **argv);
};

} // namespace minutes
