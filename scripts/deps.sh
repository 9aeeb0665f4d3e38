# Sourced by scripts/run and scripts/test: installs the Debian 12 packages Minutes needs, only
# those missing, without prompts. Needs root (or sudo) only when something is missing.
minutes_require_packages() {
    local missing=()
    local pkg
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "minutes: installing ${missing[*]}" >&2
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

MINUTES_BUILD_PACKAGES=(
    g++ cmake make pkg-config
    qt6-base-dev qt6-base-dev-tools libgl-dev
    libyaml-cpp-dev libmd4c-dev libmd4c-html0-dev
)
MINUTES_RUNTIME_PACKAGES=(qt6-qpa-plugins fonts-noto-color-emoji fonts-dejavu-core)
MINUTES_TEST_PACKAGES=(xvfb xauth desktop-file-utils appstream dpkg-dev file)
# Only scripts/fuzz and scripts/test-sanitize: clang with libFuzzer and the sanitizer runtimes.
MINUTES_SANITIZE_PACKAGES=(clang clang-14 libclang-rt-14-dev llvm-14)
