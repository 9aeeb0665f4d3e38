#include "vault/searchtext.h"

#include <cstring>

namespace minutes {

QByteArray SearchText::fold(QStringView text)
{
    bool ascii = true;
    for (const QChar c : text) {
        if (c.unicode() >= 0x80) {
            ascii = false;
            break;
        }
    }
    if (!ascii)
        return text.toString().toLower().toUtf8();
    QByteArray bytes = text.toLatin1();
    for (char &c : bytes) {
        if (c >= 'A' && c <= 'Z')
            c = char(c + ('a' - 'A'));
    }
    return bytes;
}

QByteArray SearchText::fold(const QStringList &texts)
{
    QByteArray folded;
    for (const QString &text : texts) {
        if (!folded.isEmpty())
            folded.append('\n');
        folded.append(fold(QStringView(text)));
    }
    return folded;
}

bool SearchText::contains(QByteArrayView folded, QByteArrayView term)
{
    if (term.isEmpty())
        return true;
    return memmem(folded.data(), size_t(folded.size()), term.data(), size_t(term.size())) != nullptr;
}

} // namespace minutes
