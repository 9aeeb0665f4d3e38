#pragma once

namespace minutes {

// Counts shown by `minutes --summary` and the status bar.
struct VaultSummary
{
    int notes = 0, meetings = 0, people = 0, organisations = 0;
    int openTasks = 0, doneTasks = 0, problems = 0;
};

} // namespace minutes
