#pragma once

#include <QList>

#include <algorithm>
#include <functional>

namespace minutes {

// Brings a model's rows, kept in a fixed order, in line with a new list in the same order, with
// row-level announcements: one merge of the two lists finds the rows that went (removed, last run
// first), the rows that came (inserted in place, first run first) and the survivors whose content
// moved (dataChanged, in runs). The model passes its begin/end calls in, as only it may make them.
struct SortedRows
{
    std::function<void(int first, int last)> beginRemove, endRemove, beginInsert, endInsert, changed;
    // With `maxRuns` set (not negative): more than that many runs of rows gone and come are one
    // reset instead (when beginReset is set), and more than that many runs of changed rows are
    // one change from the first to the last. Every announcement costs each proxy and view a pass
    // over their rows, and a sync tool can touch hundreds of notes at once (400 ticked notes at
    // 50k: half a second). Changed rows are not worth a reset: it would lose the selection and
    // what the views had fetched.
    std::function<void()> beginReset = {}, endReset = {};
    qsizetype maxRuns = -1;

    // `same(a, b)`: a and b are one row at one place in the order; `before(a, b)`: a comes first;
    // `differs(a, b)`: a surviving row shows something else now.
    template<typename Row, typename Same, typename Before, typename Differs>
    void sync(QList<Row> &rows, const QList<Row> &next, Same same, Before before, Differs differs) const
    {
        QList<int> gone, arriving, moved;
        qsizetype i = 0, j = 0;
        while (i < rows.size() || j < next.size()) {
            if (j == next.size()) {
                gone.append(int(i++));
            } else if (i == rows.size()) {
                arriving.append(int(j++));
            } else if (same(rows.at(i), next.at(j))) {
                if (differs(rows.at(i), next.at(j)))
                    moved.append(int(j));
                ++i;
                ++j;
            } else if (before(rows.at(i), next.at(j))) {
                gone.append(int(i++));
            } else {
                arriving.append(int(j++));
            }
        }
        if (beginReset && maxRuns >= 0 && runsOf(gone) + runsOf(arriving) > maxRuns) {
            beginReset();
            rows = next;
            endReset();
            return;
        }
        forRuns(gone, true, [&](int first, int last) {
            beginRemove(first, last);
            rows.remove(first, last - first + 1);
            endRemove(first, last);
        });
        // Every row before an arrival is in place by the time it is inserted, so its row in
        // `next` is its row here too.
        forRuns(arriving, false, [&](int first, int last) {
            beginInsert(first, last);
            rows.insert(first, last - first + 1, Row());
            std::copy(next.cbegin() + first, next.cbegin() + last + 1, rows.begin() + first);
            endInsert(first, last);
        });
        rows = next;   // the survivors' new content; shares next's storage
        if (maxRuns >= 0 && runsOf(moved) > maxRuns)
            changed(moved.constFirst(), moved.constLast());
        else
            forRuns(moved, false, changed);
    }

    static qsizetype runsOf(const QList<int> &values)
    {
        qsizetype runs = 0;
        for (qsizetype k = 0; k < values.size(); ++k)
            runs += k == 0 || values.at(k) != values.at(k - 1) + 1 ? 1 : 0;
        return runs;
    }

    // Calls run(first, last) for each run of consecutive values of the ascending `values`, last
    // run first when `lastFirst`.
    template<typename Run>
    static void forRuns(const QList<int> &values, bool lastFirst, Run run)
    {
        QList<std::pair<int, int>> runs;
        for (qsizetype k = 0; k < values.size();) {
            qsizetype end = k;
            while (end + 1 < values.size() && values.at(end + 1) == values.at(end) + 1)
                ++end;
            runs.append({values.at(k), values.at(end)});
            k = end + 1;
        }
        if (lastFirst)
            std::reverse(runs.begin(), runs.end());
        for (const auto &[first, last] : runs)
            run(first, last);
    }
};

} // namespace minutes
