/*
 * The system-call floor of a cgroup scan on this machine: walks a cgroup tree and opens, reads
 * and closes the nine files xray reads per v2 cgroup, in C, on one thread. bench/mem.sh prints
 * it next to xray's in-process scan so the cost of the kernel's own work is visible.
 * Usage: floor DIR   (DIR is the cgroup2 mount inside a tree made by GenTree.java)
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static char **dirs;
static int ndirs, cap;

static void walk(const char *path) {
    if (ndirs == cap) {
        cap = cap ? cap * 2 : 1024;
        dirs = realloc(dirs, cap * sizeof *dirs);
    }
    dirs[ndirs++] = strdup(path);
    DIR *d = opendir(path);
    if (!d) return;
    struct dirent *e;
    char child[4096];
    while ((e = readdir(d))) {
        if (e->d_type == DT_DIR && e->d_name[0] != '.') {
            snprintf(child, sizeof child, "%s/%s", path, e->d_name);
            walk(child);
        }
    }
    closedir(d);
}

static double now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

int main(int argc, char **argv) {
    static const char *names[] = {"memory.current", "memory.peak", "memory.max", "memory.high",
                                  "memory.swap.current", "memory.stat", "memory.events",
                                  "memory.pressure", "cgroup.procs"};
    if (argc != 2) {
        fprintf(stderr, "usage: %s CGROUP_DIR\n", argv[0]);
        return 2;
    }
    double t0 = now_ms();
    walk(argv[1]);
    double t1 = now_ms();
    char path[4096], buf[16384];
    long bytes = 0;
    for (int i = 0; i < ndirs; i++) {
        for (size_t j = 0; j < sizeof names / sizeof *names; j++) {
            snprintf(path, sizeof path, "%s/%s", dirs[i], names[j]);
            int fd = open(path, O_RDONLY);
            if (fd < 0) continue;
            ssize_t n = read(fd, buf, sizeof buf);
            if (n > 0) bytes += n;
            close(fd);
        }
    }
    double t2 = now_ms();
    printf("%d %.1f %.1f\n", ndirs, t1 - t0, t2 - t1);
    return 0;
}
