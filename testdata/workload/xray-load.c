/*
 * xray-load: the known workload of the testdata captures (capture-v1.sh, capture-v2-qemu.sh).
 *
 *   xray-load anon MIB          MIB MiB of private anonymous memory, every page written
 *   xray-load read FILE         FILE read once through the page cache (its cached pages are
 *                               dropped first, so every page is charged to this cgroup)
 *   xray-load shmem FILE MIB    FILE (on a tmpfs) grown to MIB MiB, mapped shared, every page written
 *   xray-load grow MIB          MIB MiB more anonymous memory every half second, 64 times, then sleeps
 *   xray-load reread FILE       FILE read again and again (its cached pages dropped first): in a cgroup
 *                               whose limit is below the file's size, a steady stream of refaults
 *
 * When its memory is in place it prints one line starting with "ready" and sleeps until it is
 * killed, so the captured cgroup has a process in it.
 * Built static (gcc -O2 -static) so the same source runs in the busybox initramfs.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define MIB (1024L * 1024L)

static void die(const char *what) {
    perror(what);
    exit(1);
}

static void touch(char *p, long bytes) {
    long page = sysconf(_SC_PAGESIZE);
    for (long off = 0; off < bytes; off += page) {
        p[off] = 1;
    }
}

static long anon(long mib) {
    long bytes = mib * MIB;
    char *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) die("mmap");
    madvise(p, bytes, MADV_NOHUGEPAGE); /* plain 4 KiB pages: the count is exact */
    touch(p, bytes);
    return bytes;
}

static long readfile(const char *path) {
    static char buf[64 * 1024];
    int fd = open(path, O_RDONLY);
    if (fd < 0) die(path);
    fdatasync(fd);
    posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
    long total = 0;
    ssize_t n;
    while ((n = read(fd, buf, sizeof buf)) > 0) total += n;
    if (n < 0) die("read");
    return total; /* the descriptor stays open: the file is in use while we sleep */
}

static long shmem(const char *path, long mib) {
    long bytes = mib * MIB;
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
    if (fd < 0) die(path);
    if (ftruncate(fd, bytes) != 0) die("ftruncate");
    char *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (p == MAP_FAILED) die("mmap");
    touch(p, bytes);
    return bytes;
}

/* Grows by MIB MiB of anonymous memory every 500 ms, 64 times; then sleeps like the others. */
static void grow(long mib) {
    printf("ready grow %ld MiB a step pid %d\n", mib, (int) getpid());
    fflush(stdout);
    for (int i = 0; i < 64; i++) {
        anon(mib);
        usleep(500 * 1000);
    }
    for (;;) pause();
}

/* Reads FILE from start to end, over and over, never returning. */
static void reread(const char *path) {
    static char buf[64 * 1024];
    int fd = open(path, O_RDONLY);
    if (fd < 0) die(path);
    fdatasync(fd);
    posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED); /* charged here, not to whoever read it before */
    printf("ready reread %s pid %d\n", path, (int) getpid());
    fflush(stdout);
    for (;;) {
        ssize_t n;
        if (lseek(fd, 0, SEEK_SET) < 0) die("lseek");
        while ((n = read(fd, buf, sizeof buf)) > 0) {
        }
        if (n < 0) die("read");
    }
}

int main(int argc, char **argv) {
    long bytes;
    if (argc == 3 && strcmp(argv[1], "anon") == 0) {
        bytes = anon(atol(argv[2]));
    } else if (argc == 3 && strcmp(argv[1], "read") == 0) {
        bytes = readfile(argv[2]);
    } else if (argc == 3 && strcmp(argv[1], "grow") == 0) {
        grow(atol(argv[2]));
        return 1;
    } else if (argc == 3 && strcmp(argv[1], "reread") == 0) {
        reread(argv[2]);
        return 1;
    } else if (argc == 4 && strcmp(argv[1], "shmem") == 0) {
        bytes = shmem(argv[2], atol(argv[3]));
    } else {
        fprintf(stderr, "usage: xray-load anon MIB | read FILE | shmem FILE MIB | grow MIB | reread FILE\n");
        return 2;
    }
    printf("ready %s %ld bytes pid %d\n", argv[1], bytes, (int) getpid());
    fflush(stdout);
    for (;;) pause();
}
