#pragma once

#include <QIcon>
#include <QList>

namespace minutes {

// The window and application icon, built from the PNG of every size that packaging/ installs
// (compiled in from there by resources/CMakeLists.txt), so that small title bars and task bars
// get the hand-made small images instead of a blurry downscale of the large one. PNGs rather
// than the SVG: Qt's SVG image plugin is not a run-time dependency.
class ApplicationIcon final
{
public:
    // The pixel sizes, smallest first: 16 ... 512.
    static QList<int> sizes();
    // The resource path of the image of one of sizes().
    static QString path(int size);
    static QIcon create();
};

} // namespace minutes
