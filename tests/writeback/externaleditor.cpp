// Test helper for tst_writebackstress: another program editing the same notes while Minutes
// ticks tasks in them. Until its stdin closes it keeps appending "ext <file> <n>" lines and
// rewriting the "counter: N" line (by writing a copy and renaming it over the note, as editors
// save). It takes the same advisory lock as SafeFileWriter (flock on the note, re-checked after
// renames). On exit it prints, per file, how many lines it appended and the last counter value.

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string>
#include <vector>

#include <fcntl.h>
#include <poll.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace {

[[noreturn]] void die(const char *what, const std::string &path)
{
    std::fprintf(stderr, "externaleditor: %s %s: %s\n", what, path.c_str(), std::strerror(errno));
    std::exit(2);
}

// Locks the file currently at `path`; returns its descriptor.
int lockCurrent(const std::string &path)
{
    for (;;) {
        const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            die("open", path);
        while (::flock(fd, LOCK_EX) != 0) {
            if (errno != EINTR)
                die("flock", path);
        }
        struct stat held {}, now {};
        if (::fstat(fd, &held) == 0 && ::stat(path.c_str(), &now) == 0 && held.st_ino == now.st_ino
            && held.st_dev == now.st_dev) {
            return fd;
        }
        ::close(fd);
    }
}

std::string readAll(int fd, const std::string &path)
{
    std::string data;
    char buffer[65536];
    off_t offset = 0;
    for (;;) {
        const ssize_t n = ::pread(fd, buffer, sizeof buffer, offset);
        if (n < 0)
            die("read", path);
        if (n == 0)
            return data;
        data.append(buffer, size_t(n));
        offset += n;
    }
}

void writeAll(int fd, const std::string &data, const std::string &path)
{
    size_t done = 0;
    while (done < data.size()) {
        const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            die("write", path);
        done += size_t(n);
    }
}

void append(const std::string &path, const std::string &line)
{
    const int lock = lockCurrent(path);
    const int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
    if (fd < 0)
        die("open for append", path);
    writeAll(fd, line, path);
    ::close(fd);
    ::close(lock);
}

// Rewrites "counter: N" as "counter: N+1" through a renamed copy; returns the new value.
long bumpCounter(const std::string &path)
{
    const int lock = lockCurrent(path);
    std::string text = readAll(lock, path);
    const size_t at = text.find("counter: ");
    if (at == std::string::npos) {
        std::fprintf(stderr, "externaleditor: no counter line in %s\n", path.c_str());
        std::exit(2);
    }
    const size_t digits = at + 9;
    size_t end = digits;
    while (end < text.size() && text[end] >= '0' && text[end] <= '9')
        ++end;
    const long value = std::strtol(text.substr(digits, end - digits).c_str(), nullptr, 10) + 1;
    text.replace(digits, end - digits, std::to_string(value));
    const std::string temp = path + ".ext~";
    const int out = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (out < 0)
        die("create", temp);
    writeAll(out, text, temp);
    ::close(out);
    if (::rename(temp.c_str(), path.c_str()) != 0)
        die("rename", path);
    ::close(lock);
    return value;
}

bool stdinClosed()
{
    pollfd p{STDIN_FILENO, POLLIN, 0};
    if (::poll(&p, 1, 0) <= 0)
        return false;
    char c;
    return ::read(STDIN_FILENO, &c, 1) <= 0;
}

} // namespace

int main(int argc, char **argv)
{
    std::vector<std::string> paths(argv + 1, argv + argc);
    if (paths.empty()) {
        std::fprintf(stderr, "usage: externaleditor NOTE...\n");
        return 2;
    }
    std::vector<long> appended(paths.size(), 0), counter(paths.size(), 0);
    std::printf("ready\n");
    std::fflush(stdout);
    unsigned step = 0;
    // Paced a little so that the lock is not re-taken the instant it is released.
    const timespec pause{0, 200 * 1000};
    while (!stdinClosed()) {
        const size_t file = step % paths.size();
        if (step % 3 == 2) {
            counter[file] = bumpCounter(paths[file]);
        } else {
            append(paths[file], "ext " + std::to_string(file) + ' ' + std::to_string(appended[file]) + '\n');
            ++appended[file];
        }
        ++step;
        ::nanosleep(&pause, nullptr);
    }
    for (size_t i = 0; i < paths.size(); ++i)
        std::printf("file %zu appended %ld counter %ld\n", i, appended[i], counter[i]);
    return 0;
}
